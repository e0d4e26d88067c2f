// Verification of a signed request, in the order and with the results of Opencast's Java
// verifier (missing parameters 400, unknown key 403, signature 403, IP 403, resource 403,
// expiry and not-yet-valid 410). The Apache module differs in two places; see VerifierProfile.
import { Base64Error, decodeBase64Liberal } from './base64url';
import { Policy, PolicyError, parsePolicyJson } from './policy';
import { signPolicyJson, signaturesEqual } from './signature';
import { KeyRing } from './keys';

export type VerifyStatus = 200 | 400 | 403 | 410;

export interface VerifyResult {
  status: VerifyStatus;
  /** Why (never contains a secret). */
  reason: string;
  policy?: Policy;
}

export interface VerifierProfile {
  name: string;
  /** Status for an unknown keyId: Opencast's Java verifier 403, the Apache module 400. */
  unknownKeyStatus: 400 | 403;
  /** Non-strict path check: Java compares by suffix, Apache requires equal paths. */
  nonStrictPath: 'suffix' | 'exact';
}

export const PROFILES: Record<string, VerifierProfile> = {
  'opencast-java': { name: 'opencast-java', unknownKeyStatus: 403, nonStrictPath: 'suffix' },
  'apache-httpd': { name: 'apache-httpd', unknownKeyStatus: 400, nonStrictPath: 'exact' },
};

export interface VerifyOptions {
  keys: KeyRing;
  /** Strict: scheme, host, port and path must equal the policy's Resource. */
  strict: boolean;
  profile?: VerifierProfile;
  now?: () => number;
  /** Fault injection for the self-check (simulators/faults.ts). */
  faults?: ReadonlySet<VerificationFault>;
}

export type VerificationFault =
  | 'ignores-expiry' | 'ignores-ip' | 'accepts-tampered-policy' | 'strict-as-non-strict' | 'ignores-keyid' | 'tolerates-duplicates'
  | 'ignores-missing-signature' | 'serves-without-policy' | 'strict-base64url' | 'requires-padded-base64' | 'non-strict-as-strict' | 'non-strict-exact-path';

export interface SignedRequest {
  /** scheme://host[:port] as the client addressed it (Host header). */
  origin: string;
  /** Path of the request (percent-encoded as received). */
  path: string;
  /** Raw query string without "?". */
  rawQuery: string;
  clientIp: string;
}

export const SIGNING_PARAMS = ['policy', 'keyId', 'signature'] as const;

/** Split a raw query without turning "+" into a space (standard base64 may contain "+"). */
export function rawQueryParams(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  return rawQuery.split('&').filter((p) => p !== '').map((pair) => {
    const i = pair.indexOf('=');
    const k = i < 0 ? pair : pair.slice(0, i);
    const v = i < 0 ? '' : pair.slice(i + 1);
    return [safeDecode(k), safeDecode(v)];
  });
}

function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

const NO_FAULTS: ReadonlySet<VerificationFault> = new Set();

export function verifyRequest(req: SignedRequest, o: VerifyOptions): VerifyResult {
  const profile = o.profile ?? PROFILES['opencast-java']!;
  const faults: ReadonlySet<VerificationFault> = o.faults ?? NO_FAULTS;
  // One pass over the query: every value of each signing parameter.
  const found: Record<string, string[]> = { policy: [], keyId: [], signature: [] };
  for (const [k, v] of rawQueryParams(req.rawQuery)) found[k]?.push(v);
  const values: Record<string, string> = {};
  for (const name of SIGNING_PARAMS) {
    const all = found[name]!;
    const faultyMissing = (name === 'signature' && faults.has('ignores-missing-signature')) || (name === 'keyId' && faults.has('ignores-keyid'));
    if (name === 'policy' && faults.has('serves-without-policy') && (all.length === 0 || all[0]!.trim() === '')) return { status: 200, reason: 'ok (no policy: unrestricted)' };
    if ((all.length === 0 || all[0]!.trim() === '') && faultyMissing) continue;
    if (all.length === 0) return { status: 400, reason: `missing query parameter ${name}` };
    if (all.length > 1 && !faults.has('tolerates-duplicates')) return { status: 400, reason: `query parameter ${name} is given ${all.length} times` };
    if (all[0]!.trim() === '') return { status: 400, reason: `query parameter ${name} is blank` };
    values[name] = all[0]!;
  }
  let json: string;
  let policy: Policy;
  try {
    if (faults.has('strict-base64url') && /[=+/]/.test(values.policy!)) throw new Base64Error('not base64url');
    if (faults.has('requires-padded-base64') && values.policy!.length % 4 !== 0) throw new Base64Error('not padded');
    json = decodeBase64Liberal(values.policy!);
    policy = parsePolicyJson(json);
  } catch (e) {
    if (e instanceof Base64Error || e instanceof PolicyError) return { status: 400, reason: `policy cannot be read: ${e.message}` };
    throw e;
  }
  const secret = o.keys.get(values.keyId ?? '') ?? (faults.has('ignores-keyid') ? [...o.keys.values()][0] : undefined);
  if (secret === undefined) return { status: profile.unknownKeyStatus, reason: `unknown keyId "${values.keyId}"`, policy };
  const skipSignature = faults.has('accepts-tampered-policy') || (values.signature === undefined && faults.has('ignores-missing-signature'));
  if (!skipSignature && !signaturesEqual(signPolicyJson(json, secret), values.signature!)) {
    return { status: 403, reason: 'signature does not match the policy', policy };
  }
  if (policy.ipAddress !== undefined && !faults.has('ignores-ip') && normalizeIp(policy.ipAddress) !== normalizeIp(req.clientIp)) {
    return { status: 403, reason: `policy is for client ${policy.ipAddress}, request came from ${normalizeIp(req.clientIp)}`, policy };
  }
  const strict = faults.has('non-strict-as-strict') ? true : o.strict && !faults.has('strict-as-non-strict');
  const effective = faults.has('non-strict-exact-path') ? { ...profile, nonStrictPath: 'exact' as const } : profile;
  const mismatch = resourceMismatch(policy.resource, req, strict, effective);
  if (mismatch) return { status: 403, reason: mismatch, policy };
  const now = (o.now ?? Date.now)();
  if (!faults.has('ignores-expiry')) {
    if (now > policy.dateLessThan) return { status: 410, reason: `expired at ${new Date(policy.dateLessThan).toISOString()}`, policy };
    if (policy.dateGreaterThan !== undefined && now < policy.dateGreaterThan) return { status: 410, reason: `not valid before ${new Date(policy.dateGreaterThan).toISOString()}`, policy };
  }
  return { status: 200, reason: 'ok', policy };
}

/** scheme://host[:port]/path of a URL, normalised by WHATWG URL rules; cached (a server sees the same few). */
const normalized = new Map<string, { base: string; pathname: string } | null>();
function normalize(url: string): { base: string; pathname: string } | null {
  let n = normalized.get(url);
  if (n !== undefined) return n;
  try {
    const u = new URL(url);
    n = { base: `${u.protocol}//${u.host}${u.pathname}`, pathname: u.pathname };
  } catch {
    n = null;
  }
  if (normalized.size >= 4096) normalized.clear();
  normalized.set(url, n);
  return n;
}

/** Undefined when the request is for the policy's resource; otherwise why not. */
function resourceMismatch(resource: string, req: SignedRequest, strict: boolean, profile: VerifierProfile): string | undefined {
  const r = normalize(resource);
  if (!r) return `policy Resource "${resource}" is not a URL`;
  if (strict) {
    const g = normalize(`${req.origin}${req.path}`);
    if (!g) return `strict: request origin ${req.origin} is not a URL`;
    return r.base === g.base ? undefined : `strict: request ${g.base} is not the policy resource ${r.base}`;
  }
  const ok = profile.nonStrictPath === 'suffix' ? r.pathname.endsWith(req.path) : r.pathname === req.path;
  return ok ? undefined : `non-strict (${profile.nonStrictPath}): request path ${req.path} does not match the policy path ${r.pathname}`;
}
