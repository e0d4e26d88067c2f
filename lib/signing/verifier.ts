// Verification of a signed request, in the order and with the results of Opencast's Java
// verifier (missing parameters 400, unknown key 403, signature 403, IP 403, resource 403,
// expiry and not-yet-valid 410). The Apache module differs where its profile says so
// (VerifierProfile); everything else a verifier does differently is a deviation the suite judges.
import { Base64Error, decodeBase64Liberal } from './base64url';
import { Policy, PolicyError, canonicalPolicyJson, parsePolicyJson } from './policy';
import { signatureMatches } from './signature';
import { KeyRing } from './keys';
import { normalizeResourceUrl } from './resource-url';

export type VerifyStatus = 200 | 400 | 403 | 410 | 500;

export interface VerifyResult {
  status: VerifyStatus;
  /** Why (never contains a secret). */
  reason: string;
  policy?: Policy;
}

/**
 * The documented differences between Opencast's two verifiers, and nothing else. Each entry is
 * argued from Opencast's code or documentation in docs/interpretations.md ("Verifier profiles").
 */
export interface VerifierProfile {
  name: 'opencast-java' | 'apache-httpd';
  /** Status for an unknown keyId: the Java verifier 403 (ResourceRequestUtil), the Apache module 400 (admin guide's table, resource_request.c). */
  unknownKeyStatus: 400 | 403;
  /** Non-strict path check: Java `policyPath.endsWith(requestedPath)`, the Apache module equal paths. */
  nonStrictPath: 'suffix' | 'exact';
  /**
   * How the query is read, so which spellings of standard base64 the verifier reads: Java parses it
   * as a form (URLEncodedUtils: %XX decoded, a raw "+" is a space), the Apache module takes the raw
   * value and decodes only a trailing %3D.
   */
  queryDecoding: 'form' | 'raw';
  /** What the HMAC is checked over: Java re-serialises the parsed policy (PolicyUtils.getPolicySignature), the module uses the decoded text. */
  signatureInput: 'canonical-reserialisation' | 'received-text';
}

export const PROFILES: Record<VerifierProfile['name'], VerifierProfile> = {
  'opencast-java': { name: 'opencast-java', unknownKeyStatus: 403, nonStrictPath: 'suffix', queryDecoding: 'form', signatureInput: 'canonical-reserialisation' },
  'apache-httpd': { name: 'apache-httpd', unknownKeyStatus: 400, nonStrictPath: 'exact', queryDecoding: 'raw', signatureInput: 'received-text' },
};

export type ProfileName = keyof typeof PROFILES;

export function profileNamed(name: string | undefined): VerifierProfile {
  const p = PROFILES[(name ?? 'opencast-java') as ProfileName];
  if (!p) throw new Error(`unknown verifier profile "${name}" (known: ${Object.keys(PROFILES).join(', ')})`);
  return p;
}

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
  'standard-alphabet-only', 'whole-second-clock', 'trusts-date-header', 'accepts-policy-without-expiry', 'accepts-policy-without-resource',
  'resource-prefix-match', 'resource-case-insensitive', 'strict-drops-port', 'strict-compares-resource-query', 'non-strict-compares-query',
  'refuses-added-params', 'unreadable-policy-500', 'reserializes-policy', 'ignores-resource',
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
  /** The request's Date header, if any (only a faulty verifier reads it). */
  dateHeader?: string;
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
const JAVA = PROFILES['opencast-java'];

/** First value and number of occurrences of each signing parameter (indexed as SIGNING_PARAMS). */
interface FoundParams {
  first: [string | undefined, string | undefined, string | undefined];
  count: [number, number, number];
  /** Parameters other than the signing ones. */
  others: number;
}

function signingParams(rawQuery: string): FoundParams {
  const found: FoundParams = { first: [undefined, undefined, undefined], count: [0, 0, 0], others: 0 };
  forEachQueryPair(rawQuery, (key, value) => {
    const i = SIGNING_PARAMS.indexOf(key as (typeof SIGNING_PARAMS)[number]);
    if (i < 0) found.others++;
    else if (found.count[i]++ === 0) found.first[i] = value;
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
  if (faults['refuses-added-params'] && found.others > 0) return { status: 403, reason: 'the query has parameters besides the signing ones' };
  const [policyText, keyId, signature] = found.first;
  let json: string;
  let policy: Policy;
  try {
    if (faults['strict-base64url'] && /[=+/]/.test(policyText!)) throw new Base64Error('not base64url');
    if (faults['standard-alphabet-only'] && /[-_]/.test(policyText!)) throw new Base64Error('not standard base64');
    if (faults['requires-padded-base64'] && policyText!.length % 4 !== 0) throw new Base64Error('not padded');
    json = decodeBase64Liberal(policyText!);
    policy = parsePolicyJson(json, { missingDateLessThan: faults['accepts-policy-without-expiry'], missingResource: faults['accepts-policy-without-resource'] });
  } catch (e) {
    if (e instanceof Base64Error || e instanceof PolicyError) return { status: faults['unreadable-policy-500'] ? 500 : 400, reason: `policy cannot be read: ${e.message}` };
    throw e;
  }
  const secret = o.keys.get(keyId ?? '') ?? (faults['ignores-keyid'] ? [...o.keys.values()][0] : undefined);
  if (secret === undefined) return { status: profile.unknownKeyStatus, reason: `unknown keyId "${keyId}"`, policy };
  const skipSignature = faults['accepts-tampered-policy'] || (signature === undefined && faults['ignores-missing-signature']);
  // The fault 'reserializes-policy': the HMAC is checked over the policy written again in Opencast's form.
  const signed = faults['reserializes-policy'] ? canonicalPolicyJson(policy) : json;
  if (!skipSignature && !signatureMatches(signed, secret, signature!)) {
    return { status: 403, reason: 'signature does not match the policy', policy };
  }
  if (policy.ipAddress !== undefined && !faults['ignores-ip'] && normalizeIp(policy.ipAddress) !== normalizeIp(req.clientIp)) {
    return { status: 403, reason: `policy is for client ${policy.ipAddress}, request came from ${normalizeIp(req.clientIp)}`, policy };
  }
  const strict = faults['non-strict-as-strict'] ? true : o.strict && !faults['strict-as-non-strict'];
  const effective = faults['non-strict-exact-path'] ? { ...profile, nonStrictPath: 'exact' as const } : profile;
  const skipResource = faults['ignores-resource'] || (policy.resource === '' && faults['accepts-policy-without-resource']);
  const mismatch = skipResource ? undefined : resourceMismatch(policy.resource, req, strict, effective, faults);
  if (mismatch) return { status: 403, reason: mismatch, policy };
  let now = (o.now ?? Date.now)();
  if (faults['trusts-date-header'] && req.dateHeader && Number.isFinite(Date.parse(req.dateHeader))) now = Date.parse(req.dateHeader);
  if (faults['whole-second-clock']) now = Math.floor(now / 1000) * 1000; // as time(2) * 1000 does
  if (!faults['ignores-expiry']) {
    if (now > policy.dateLessThan) return { status: 410, reason: `expired at ${new Date(policy.dateLessThan).toISOString()}`, policy };
    if (policy.dateGreaterThan !== undefined && now < policy.dateGreaterThan) return { status: 410, reason: `not valid before ${new Date(policy.dateGreaterThan).toISOString()}`, policy };
  }
  return { status: 200, reason: 'ok', policy };
}

/** Undefined when the request is for the policy's resource; otherwise why not. */
function resourceMismatch(resource: string, req: SignedRequest, strict: boolean, profile: VerifierProfile, faults: FaultFlags): string | undefined {
  const r = normalizeResourceUrl(resource);
  if (!r) return `policy Resource "${resource}" is not a URL`;
  const query = resource.includes('?') ? resource.slice(resource.indexOf('?') + 1).split('#')[0]! : '';
  if (strict) {
    if (faults['strict-compares-resource-query'] && query !== '') return `strict: the policy resource has the query "${query}"; the request URL without its query is not the policy resource`;
    // The fault 'strict-drops-port': the request's origin without its port, as r->hostname is.
    const origin = faults['strict-drops-port'] ? req.origin.replace(/:\d+$/, '') : req.origin;
    const requested = `${origin}${req.path}`;
    if (requested === r.base) return undefined; // already normal and equal: nothing to parse
    const g = normalizeResourceUrl(requested);
    if (!g) return `strict: request origin ${req.origin} is not a URL`;
    if (r.base === g.base) return undefined;
    if (faults['resource-case-insensitive'] && r.base.toLowerCase() === g.base.toLowerCase()) return undefined;
    if (faults['resource-prefix-match'] && g.base.startsWith(r.base)) return undefined;
    return `strict: request ${g.base} is not the policy resource ${r.base}`;
  }
  if (faults['non-strict-compares-query'] && query !== '') return `non-strict: the policy path carries the query "${query}", the request path does not`;
  let policyPath = r.pathname;
  let path = req.path;
  if (faults['resource-case-insensitive']) {
    policyPath = policyPath.toLowerCase();
    path = path.toLowerCase();
  }
  if (faults['resource-prefix-match'] && path.startsWith(policyPath)) return undefined;
  const ok = profile.nonStrictPath === 'suffix' ? policyPath.endsWith(path) : policyPath === path;
  return ok ? undefined : `non-strict (${profile.nonStrictPath}): request path ${req.path} does not match the policy path ${r.pathname}`;
}
