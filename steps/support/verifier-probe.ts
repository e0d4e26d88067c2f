// What the verifier steps share: the URL being exercised (its policy, target and spelling), the
// request that never failed silently (no answer is a verdict on SS-ROBUST-1, with the request),
// and the diagnosis that names the real cause when a correctly signed URL is refused.
import { MosWorld } from './world';
import { CouldNotTest } from '../../suite/verdicts';
import { HttpAnswer, NoHttpAnswer, describeRequest, httpRequest } from './http-probe';
import { Policy, canonicalPolicyJson } from '../../lib/signing/policy';
import { Spelling, signPolicy, signedUrlFor, writePolicy } from './signed-urls';

/** A URL the scenario signed: the policy, the URL requested with it, how the policy is written. */
export interface SignSpec {
  policy: Policy;
  /** The URL the signing parameters are appended to (the policy's Resource unless moved). */
  target: string;
  keyId: string;
  spelling: Spelling;
  /** Text appended after the signing parameters (e.g. "&t=1"). */
  suffix?: string;
}

interface VerifierScenario {
  spec?: SignSpec;
  /** The last request, as reports show it (signature redacted), and its method. */
  last?: string;
  method?: string;
  /** Where the verifier's clock stands relative to the spec's dates (controlled clocks). */
  instant?: { boundary: 'expiry' | 'start'; offsetMs: number };
}

const state = new WeakMap<MosWorld, VerifierScenario>();

export function scenario(w: MosWorld): VerifierScenario {
  let s = state.get(w);
  if (!s) state.set(w, (s = {}));
  return s;
}

export function keyOf(w: MosWorld, keyId?: string): { keyId: string; secret: string } {
  return { keyId: keyId ?? w.verifier!.keyId, secret: w.verifier!.secret };
}

/** Sign `spec` and make it the scenario's URL. */
export function useSpec(w: MosWorld, spec: SignSpec): string {
  scenario(w).spec = spec;
  w.expiresAt = spec.policy.dateLessThan;
  w.signedUrl = urlOf(w, spec);
  return w.signedUrl;
}

export function urlOf(w: MosWorld, spec: SignSpec): string {
  const url = spec.spelling === 'base64url' ? signPolicy(spec.target, spec.policy, keyOf(w, spec.keyId)) : signedUrlFor(spec.target, canonicalPolicyJson(spec.policy), keyOf(w, spec.keyId), spec.spelling);
  return `${url}${spec.suffix ?? ''}`;
}

/**
 * One request to the verifier under test. No HTTP answer is never a silent "socket hang up":
 * it is judged under SS-ROBUST-1 (a verdict where the scenario checks it, else "could not test"
 * naming it), with the request that caused it.
 */
export async function ask(w: MosWorld, url: string, o: { method?: string; headers?: Record<string, string>; localAddress?: string; timeoutMs?: number } = {}): Promise<HttpAnswer> {
  try {
    return await httpRequest(url, { method: o.method, headers: o.headers, localAddress: o.localAddress, timeoutMs: o.timeoutMs ?? w.timing.responseTimeoutMs, trust: w.verifier?.trust, transcript: w.transcript });
  } catch (e) {
    throw noAnswerVerdict(w, e);
  }
}

export function noAnswerVerdict(w: MosWorld, e: unknown): Error {
  if (!(e instanceof NoHttpAnswer)) return e as Error;
  if (e.kind === 'refused') return new CouldNotTest(undefined, e.message);
  return w.blocked('SS-ROBUST-1', e.message);
}

export const served = (a: HttpAnswer): boolean => a.status >= 200 && a.status <= 299;

function brief(a: HttpAnswer): string {
  const body = a.body.trim().replace(/\s+/g, ' ').slice(0, 160);
  return `HTTP ${a.status}${body ? `: ${body}` : ''}`;
}

/** The resource URL without an explicit non-default port, when it has one. */
export function withoutPort(url: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#:@]+|[a-z][a-z0-9+.-]*:\/\/\[[^\]]+\]):(\d+)(.*)$/i.exec(url);
  if (!m) return undefined;
  const scheme = m[1]!.slice(0, m[1]!.indexOf(':')).toLowerCase();
  const port = Number(m[2]);
  if ((scheme === 'http' && port === 80) || (scheme === 'https' && port === 443)) return undefined;
  return `${m[1]}${m[3]}`;
}

/**
 * A correctly signed URL (`spec`) was refused. Before blaming `requirement`, look for the defect
 * that really made it fail, so that one defect fails one requirement:
 * - strict checking that drops an explicit port (a policy for the URL without its port is served);
 * - a policy that is not read as base64url without padding (the same policy in standard base64
 *   is served).
 * Returns the error to throw: a verdict where the scenario checks that requirement, else
 * "could not test" naming it.
 */
export async function refusedCorrectUrl(w: MosWorld, spec: SignSpec, answer: HttpAnswer, requirement = 'SS-VERIFY-1', what = 'a correctly signed, valid request', method = 'GET'): Promise<Error> {
  const v = w.verifier!;
  const shown = describeRequest(method, urlOf(w, spec));
  const portless = v.strict ? withoutPort(spec.policy.resource) : undefined;
  if (portless) {
    const other = urlOf(w, { ...spec, policy: { ...spec.policy, resource: portless } });
    const a = await ask(w, other, { method });
    if (served(a)) {
      return w.blocked('SS-VERIFY-9', `strict checking ignores the port: ${what} for ${spec.policy.resource} was refused (${brief(answer)}), but the same URL signed for ${portless} (without its port) was served — the verifier compares the request without its port`);
    }
  }
  const json = canonicalPolicyJson(spec.policy);
  // Only where the spellings differ: a policy whose base64url needs no padding and has no '-' or '_' reads the same in every one.
  if (spec.spelling === 'base64url' && writePolicy(json, 'standard, = padding') !== writePolicy(json, 'base64url')) {
    for (const spelling of ['standard, = padding', 'standard, percent-encoded'] as const) {
      const a = await ask(w, urlOf(w, { ...spec, spelling }), { method });
      if (served(a)) {
        return w.blocked('SS-ENCODING-1', `the verifier does not read the policy as Opencast writes it (base64url without padding): ${shown} was refused (${brief(answer)}), while the same policy written as ${spelling === 'standard, = padding' ? 'standard base64 with = padding' : 'percent-encoded standard base64'} was served`);
      }
    }
  }
  return w.blocked(requirement, `${what} was refused: ${shown} -> ${brief(answer)}`);
}
