// Faulty verifiers and signers for the self-check (the fault matrix): each named fault is the
// product's own verifier or signer (lib/signing) with one thing changed around it, never a branch
// inside it. A verification fault rewrites the request or the options before the product verifies
// (a verifier that ignores IpAddress = the product asked as if the client had the policy's address),
// or rewrites the product's answer after (a policy it cannot read answered with 500). lib/ knows
// nothing of faults.
import { decodeBase64Liberal, encodeBase64Url } from '../lib/signing/base64url';
import { Policy, canonicalPolicyJson, parsePolicyJson } from '../lib/signing/policy';
import { normalizeResourceUrl } from '../lib/signing/resource-url';
import { signPolicyJson, signatureMatches } from '../lib/signing/signature';
import { SignOptions, signUrl } from '../lib/signing/signer';
import { PROFILES, SIGNING_PARAMS, SignedRequest, VerifyOptions, VerifyResult, rawQueryParams, verifyRequest } from '../lib/signing/verifier';

export const VERIFICATION_FAULTS = [
  'ignores-expiry', 'ignores-ip', 'accepts-tampered-policy', 'strict-as-non-strict', 'ignores-keyid', 'tolerates-duplicates',
  'ignores-missing-signature', 'serves-without-policy', 'strict-base64url', 'requires-padded-base64', 'non-strict-as-strict', 'non-strict-exact-path',
  'standard-alphabet-only', 'whole-second-clock', 'trusts-date-header', 'accepts-policy-without-expiry', 'accepts-policy-without-resource',
  'resource-prefix-match', 'resource-case-insensitive', 'strict-drops-port', 'strict-compares-resource-query', 'non-strict-compares-query',
  'refuses-added-params', 'unreadable-policy-500', 'reserializes-policy', 'ignores-resource',
] as const;
export type VerificationFault = (typeof VERIFICATION_FAULTS)[number];

export type SignerFault = 'sign-base64-text' | 'pad-base64' | 'drops-query-from-resource' | 'ignores-start-time';

type Pairs = Array<[string, string]>;
type SigningName = (typeof SIGNING_PARAMS)[number];

const values = (q: Pairs, name: SigningName): string[] => q.filter(([k]) => k === name).map(([, v]) => v);
const first = (q: Pairs, name: SigningName): string | undefined => values(q, name)[0];
const blank = (v: string | undefined): boolean => v === undefined || v.trim() === '';
const setParam = (q: Pairs, name: SigningName, value: string): Pairs => (q.some(([k]) => k === name) ? q.map(([k, v]): [string, string] => [k, k === name ? value : v]) : [...q, [name, value]]);
const encodeQuery = (q: Pairs): string => q.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

function decoded(policyParam: string | undefined): string | undefined {
  if (blank(policyParam)) return undefined;
  try {
    return decodeBase64Liberal(policyParam!);
  } catch {
    return undefined;
  }
}

function readPolicy(json: string | undefined): Policy | undefined {
  if (json === undefined) return undefined;
  try {
    return parsePolicyJson(json);
  } catch {
    return undefined;
  }
}

/** The request and options made to point at the policy's own resource (a verifier that lets it pass). */
function atResource(req: SignedRequest, resource: string, strict: boolean): SignedRequest {
  const r = normalizeResourceUrl(resource);
  if (!r) return req;
  return strict ? { ...req, origin: r.base.slice(0, r.base.length - r.pathname.length), path: r.pathname } : { ...req, path: r.pathname };
}

/** The product's verifier with the named faults around it (none: exactly verifyRequest). */
export function verifyWithFaults(req: SignedRequest, o: VerifyOptions, faults: ReadonlySet<string>): VerifyResult {
  const has = (f: VerificationFault): boolean => faults.has(f);
  if (!VERIFICATION_FAULTS.some(has)) return verifyRequest(req, o);
  let q: Pairs = rawQueryParams(req.rawQuery);
  let rewritten = false;
  const set = (name: SigningName, value: string): void => {
    q = setParam(q, name, value);
    rewritten = true;
  };
  let opts: VerifyOptions = { ...o };
  const firstKey = [...o.keys.entries()][0];

  // Parameters.
  if (has('serves-without-policy') && blank(first(q, 'policy'))) return { status: 200, reason: 'ok (no policy: unrestricted)' };
  if (has('tolerates-duplicates') && SIGNING_PARAMS.some((p) => values(q, p).length > 1)) {
    const seen = new Set<string>();
    q = q.filter(([k]) => !(SIGNING_PARAMS as readonly string[]).includes(k) || (!seen.has(k) && seen.add(k)));
    rewritten = true;
  }
  const once = SIGNING_PARAMS.every((p) => values(q, p).length === 1 && !blank(first(q, p)));
  if (has('refuses-added-params') && once && q.some(([k]) => !(SIGNING_PARAMS as readonly string[]).includes(k))) return { status: 403, reason: 'the query has parameters besides the signing ones' };
  if (has('ignores-keyid') && firstKey && (blank(first(q, 'keyId')) || !o.keys.has(first(q, 'keyId')!))) set('keyId', firstKey[0]);

  // Reading the policy.
  const policyText = first(q, 'policy');
  if (!blank(policyText)) {
    if (has('strict-base64url') && /[=+/]/.test(policyText!)) return { status: 400, reason: 'policy cannot be read: not base64url' };
    if (has('standard-alphabet-only') && /[-_]/.test(policyText!)) return { status: 400, reason: 'policy cannot be read: not standard base64' };
    if (has('requires-padded-base64') && policyText!.length % 4 !== 0) return { status: 400, reason: 'policy cannot be read: not padded' };
  }
  let json = decoded(policyText);
  const secret = o.keys.get(first(q, 'keyId') ?? '');
  const signature = first(q, 'signature');
  const signedAsReceived = json !== undefined && secret !== undefined && !blank(signature) && signatureMatches(json, secret, signature!);

  // A policy lacking DateLessThan or Resource, correctly signed: completed (and signed again) as the faulty verifier reads it.
  if ((has('accepts-policy-without-expiry') || has('accepts-policy-without-resource')) && json !== undefined && secret !== undefined && (signedAsReceived || has('accepts-tampered-policy'))) {
    try {
      const raw = JSON.parse(json) as { Statement?: { Condition?: Record<string, unknown>; Resource?: unknown } };
      const st = raw.Statement;
      let changed = false;
      if (st && typeof st === 'object' && has('accepts-policy-without-resource') && (typeof st.Resource !== 'string' || st.Resource === '')) {
        st.Resource = `${req.origin}${req.path}`;
        changed = true;
      }
      if (st?.Condition && typeof st.Condition === 'object' && has('accepts-policy-without-expiry') && st.Condition.DateLessThan === undefined) {
        st.Condition.DateLessThan = Number.MAX_SAFE_INTEGER;
        changed = true;
      }
      if (changed) {
        json = JSON.stringify(raw);
        set('policy', encodeBase64Url(json));
        set('signature', signPolicyJson(json, secret));
      }
    } catch {
      // not JSON: the product refuses it as it is
    }
  }

  // The signature.
  if (json !== undefined && secret !== undefined) {
    if (has('accepts-tampered-policy') && !blank(signature)) set('signature', signPolicyJson(json, secret));
    if (has('ignores-missing-signature') && blank(signature)) set('signature', signPolicyJson(json, secret));
    if (has('reserializes-policy')) {
      const policy = readPolicy(json);
      if (policy) {
        const canonical = canonicalPolicyJson(policy);
        if (!blank(signature) && signatureMatches(canonical, secret, signature!)) {
          set('policy', encodeBase64Url(canonical));
          json = canonical;
        } else if (!blank(signature)) set('signature', `${signature}-`); // checked over the re-serialisation: no match
      }
    }
  } else if (has('ignores-missing-signature') && blank(signature)) set('signature', 'x');

  // Client, resource and time.
  let request: SignedRequest = req;
  const policy = readPolicy(json);
  const strict = has('non-strict-as-strict') ? true : o.strict && !has('strict-as-non-strict');
  opts.strict = strict;
  if (has('non-strict-exact-path')) opts.profile = { ...(o.profile ?? PROFILES['opencast-java']), nonStrictPath: 'exact' };
  if (policy) {
    if (has('ignores-ip') && policy.ipAddress !== undefined) request = { ...request, clientIp: policy.ipAddress };
    if (has('strict-drops-port') && strict) request = { ...request, origin: request.origin.replace(/:\d+$/, '') };
    const r = normalizeResourceUrl(policy.resource);
    const g = normalizeResourceUrl(`${request.origin}${request.path}`);
    if (r) {
      const nonStrict = (a: string, b: string): boolean => ((opts.profile?.nonStrictPath ?? 'suffix') === 'suffix' ? a.endsWith(b) : a === b);
      const passes =
        has('ignores-resource') ||
        (has('resource-prefix-match') && (strict ? !!g && g.base.startsWith(r.base) : request.path.startsWith(r.pathname))) ||
        (has('resource-case-insensitive') && (strict ? !!g && g.base.toLowerCase() === r.base.toLowerCase() : nonStrict(r.pathname.toLowerCase(), request.path.toLowerCase())));
      if (passes) request = atResource(request, policy.resource, strict);
    }
    if (has('ignores-expiry')) opts.now = () => policy.dateLessThan;
  }
  const clock = o.now ?? Date.now;
  if (has('trusts-date-header')) opts.now = () => (req.dateHeader && Number.isFinite(Date.parse(req.dateHeader)) ? Date.parse(req.dateHeader) : clock());
  if (has('whole-second-clock')) opts = { ...opts, now: ((n) => () => Math.floor(n() / 1000) * 1000)(opts.now ?? clock) }; // as time(2) * 1000 does
  if (rewritten) request = { ...request, rawQuery: encodeQuery(q) };

  const result = verifyRequest(request, opts);

  // Answers rewritten after.
  if (has('unreadable-policy-500') && result.status === 400 && result.reason.startsWith('policy cannot be read')) return { ...result, status: 500 };
  const query = policy && policy.resource.includes('?') ? policy.resource.slice(policy.resource.indexOf('?') + 1).split('#')[0]! : '';
  if (query !== '' && (result.status === 200 || result.status === 410)) {
    if (strict && has('strict-compares-resource-query')) return { status: 403, reason: `strict: the policy resource has the query "${query}"; the request URL without its query is not the policy resource`, policy };
    if (!strict && has('non-strict-compares-query')) return { status: 403, reason: `non-strict: the policy path carries the query "${query}", the request path does not`, policy };
  }
  return result;
}

/** The product's signer with a named fault around it. */
export function signUrlWithFault(url: string, o: SignOptions, fault: SignerFault | undefined): string {
  switch (fault) {
    case undefined:
      return signUrl(url, o);
    case 'ignores-start-time':
      return signUrl(url, { ...o, validFrom: undefined });
    case 'drops-query-from-resource': {
      // Signed for the URL without its query, and appended to the URL with it.
      const bare = url.split('?')[0]!;
      if (bare === url) return signUrl(url, o);
      return `${url}&${signUrl(bare, o).slice(bare.length + 1)}`;
    }
    case 'pad-base64':
    case 'sign-base64-text': {
      const signed = signUrl(url, o);
      const at = signed.lastIndexOf('policy=');
      const [head, tail] = [signed.slice(0, at), signed.slice(at)];
      const params = new Map(tail.split('&').map((p) => [p.slice(0, p.indexOf('=')), decodeURIComponent(p.slice(p.indexOf('=') + 1))] as [string, string]));
      const json = decodeBase64Liberal(params.get('policy')!);
      let encoded = params.get('policy')!;
      if (fault === 'pad-base64') encoded = Buffer.from(json, 'utf8').toString('base64');
      const signature = fault === 'sign-base64-text' ? signPolicyJson(encoded, o.secret) : params.get('signature')!;
      return `${head}policy=${encodeURIComponent(encoded)}&keyId=${encodeURIComponent(o.keyId)}&signature=${signature}`;
    }
  }
}
