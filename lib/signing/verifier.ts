// Verification of a signed request, in the order and with the results of Opencast's Java
// verifier (missing parameters 400, unknown key 403, signature 403, IP 403, resource 403,
// expiry and not-yet-valid 410). The Apache module differs in two places; see VerifierProfile.
import { Base64Error, decodeBase64Liberal } from './base64url';
import { Policy, PolicyError, parsePolicyJson } from './policy';
import { signatureMatches } from './signature';
import { KeyRing } from './keys';
import { normalizeResourceUrl } from './resource-url';

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

export const VERIFICATION_FAULTS = [
  'ignores-expiry', 'ignores-ip', 'accepts-tampered-policy', 'strict-as-non-strict', 'ignores-keyid', 'tolerates-duplicates',
  'ignores-missing-signature', 'serves-without-policy', 'strict-base64url', 'requires-padded-base64', 'non-strict-as-strict', 'non-strict-exact-path',
] as const;
export type VerificationFault = (typeof VERIFICATION_FAULTS)[number];
type FaultFlags = Readonly<Record<VerificationFault, boolean>>;

/** The injected faults as plain flags: a property read per check instead of a Set lookup. */
function faultFlags(faults: ReadonlySet<VerificationFault> | undefined): FaultFlags {
  if (!faults || faults.size === 0) return NO_FAULTS;
  return Object.fromEntries(VERIFICATION_FAULTS.map((f) => [f, faults.has(f)])) as FaultFlags;
}

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

/**
 * Call `each` with every decoded key and value of a raw query, in order, without turning "+"
 * into a space (standard base64 may contain "+") and without building intermediate arrays
 * (verification runs this for every request).
 */
function forEachQueryPair(rawQuery: string, each: (key: string, value: string) => void): void {
  let start = 0;
  while (start <= rawQuery.length) {
    let end = rawQuery.indexOf('&', start);
    if (end < 0) end = rawQuery.length;
    if (end > start) {
      const eq = rawQuery.indexOf('=', start);
      const split = eq < 0 || eq > end ? end : eq;
      each(safeDecode(rawQuery.slice(start, split)), safeDecode(split < end ? rawQuery.slice(split + 1, end) : ''));
    }
    start = end + 1;
  }
}

/** Every key and value of a raw query, decoded, in order. */
export function rawQueryParams(rawQuery: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  forEachQueryPair(rawQuery, (k, v) => pairs.push([k, v]));
  return pairs;
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

const NO_FAULTS: FaultFlags = Object.freeze(Object.fromEntries(VERIFICATION_FAULTS.map((f) => [f, false])) as FaultFlags);
const JAVA = PROFILES['opencast-java']!;

/** First value and number of occurrences of each signing parameter (indexed as SIGNING_PARAMS). */
interface FoundParams {
  first: [string | undefined, string | undefined, string | undefined];
  count: [number, number, number];
}

function signingParams(rawQuery: string): FoundParams {
  const found: FoundParams = { first: [undefined, undefined, undefined], count: [0, 0, 0] };
  forEachQueryPair(rawQuery, (key, value) => {
    const i = SIGNING_PARAMS.indexOf(key as (typeof SIGNING_PARAMS)[number]);
    if (i >= 0 && found.count[i]++ === 0) found.first[i] = value;
  });
  return found;
}

export function verifyRequest(req: SignedRequest, o: VerifyOptions): VerifyResult {
  const profile = o.profile ?? JAVA;
  const faults = faultFlags(o.faults);
  const found = signingParams(req.rawQuery);
  for (let i = 0; i < SIGNING_PARAMS.length; i++) {
    const name = SIGNING_PARAMS[i]!;
    const count = found.count[i]!;
    const blank = count === 0 || found.first[i]!.trim() === '';
    if (faults !== NO_FAULTS) {
      if (name === 'policy' && blank && faults['serves-without-policy']) return { status: 200, reason: 'ok (no policy: unrestricted)' };
      const faultyMissing = (name === 'signature' && faults['ignores-missing-signature']) || (name === 'keyId' && faults['ignores-keyid']);
      if (blank && faultyMissing) {
        found.first[i] = undefined;
        continue;
      }
    }
    if (count === 0) return { status: 400, reason: `missing query parameter ${name}` };
    if (count > 1 && !faults['tolerates-duplicates']) return { status: 400, reason: `query parameter ${name} is given ${count} times` };
    if (blank) return { status: 400, reason: `query parameter ${name} is blank` };
  }
  const [policyText, keyId, signature] = found.first;
  let json: string;
  let policy: Policy;
  try {
    if (faults['strict-base64url'] && /[=+/]/.test(policyText!)) throw new Base64Error('not base64url');
    if (faults['requires-padded-base64'] && policyText!.length % 4 !== 0) throw new Base64Error('not padded');
    json = decodeBase64Liberal(policyText!);
    policy = parsePolicyJson(json);
  } catch (e) {
    if (e instanceof Base64Error || e instanceof PolicyError) return { status: 400, reason: `policy cannot be read: ${e.message}` };
    throw e;
  }
  const secret = o.keys.get(keyId ?? '') ?? (faults['ignores-keyid'] ? [...o.keys.values()][0] : undefined);
  if (secret === undefined) return { status: profile.unknownKeyStatus, reason: `unknown keyId "${keyId}"`, policy };
  const skipSignature = faults['accepts-tampered-policy'] || (signature === undefined && faults['ignores-missing-signature']);
  if (!skipSignature && !signatureMatches(json, secret, signature!)) {
    return { status: 403, reason: 'signature does not match the policy', policy };
  }
  if (policy.ipAddress !== undefined && !faults['ignores-ip'] && normalizeIp(policy.ipAddress) !== normalizeIp(req.clientIp)) {
    return { status: 403, reason: `policy is for client ${policy.ipAddress}, request came from ${normalizeIp(req.clientIp)}`, policy };
  }
  const strict = faults['non-strict-as-strict'] ? true : o.strict && !faults['strict-as-non-strict'];
  const effective = faults['non-strict-exact-path'] ? { ...profile, nonStrictPath: 'exact' as const } : profile;
  const mismatch = resourceMismatch(policy.resource, req, strict, effective);
  if (mismatch) return { status: 403, reason: mismatch, policy };
  const now = (o.now ?? Date.now)();
  if (!faults['ignores-expiry']) {
    if (now > policy.dateLessThan) return { status: 410, reason: `expired at ${new Date(policy.dateLessThan).toISOString()}`, policy };
    if (policy.dateGreaterThan !== undefined && now < policy.dateGreaterThan) return { status: 410, reason: `not valid before ${new Date(policy.dateGreaterThan).toISOString()}`, policy };
  }
  return { status: 200, reason: 'ok', policy };
}

/** Undefined when the request is for the policy's resource; otherwise why not. */
function resourceMismatch(resource: string, req: SignedRequest, strict: boolean, profile: VerifierProfile): string | undefined {
  const r = normalizeResourceUrl(resource);
  if (!r) return `policy Resource "${resource}" is not a URL`;
  if (strict) {
    const requested = `${req.origin}${req.path}`;
    if (requested === r.base) return undefined; // already normal and equal: nothing to parse
    const g = normalizeResourceUrl(requested);
    if (!g) return `strict: request origin ${req.origin} is not a URL`;
    return r.base === g.base ? undefined : `strict: request ${g.base} is not the policy resource ${r.base}`;
  }
  const ok = profile.nonStrictPath === 'suffix' ? r.pathname.endsWith(req.path) : r.pathname === req.path;
  return ok ? undefined : `non-strict (${profile.nonStrictPath}): request path ${req.path} does not match the policy path ${r.pathname}`;
}
