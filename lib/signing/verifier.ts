// Verification of a signed request, in the order and with the results of Opencast's Java
// verifier (missing parameters 400, unknown key 403, signature 403, IP 403, resource 403,
// expiry and not-yet-valid 410). The Apache module differs where its profile says so
// (VerifierProfile); everything else a verifier does differently is a deviation the suite judges.
import { Base64Error, decodeBase64Liberal } from './base64url';
import { Policy, PolicyError, parsePolicyJson } from './policy';
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
}

export interface SignedRequest {
  /** scheme://host[:port] as the client addressed it (Host header). */
  origin: string;
  /** Path of the request (percent-encoded as received). */
  path: string;
  /** Raw query string without "?". */
  rawQuery: string;
  clientIp: string;
  /** The request's Date header, if any (never a source of the time: the verifier's own clock decides). */
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

const JAVA = PROFILES['opencast-java'];

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
  const found = signingParams(req.rawQuery);
  for (let i = 0; i < SIGNING_PARAMS.length; i++) {
    const name = SIGNING_PARAMS[i]!;
    const count = found.count[i]!;
    if (count === 0) return { status: 400, reason: `missing query parameter ${name}` };
    if (count > 1) return { status: 400, reason: `query parameter ${name} is given ${count} times` };
    if (found.first[i]!.trim() === '') return { status: 400, reason: `query parameter ${name} is blank` };
  }
  const [policyText, keyId, signature] = found.first as [string, string, string];
  let json: string;
  let policy: Policy;
  try {
    json = decodeBase64Liberal(policyText);
    policy = parsePolicyJson(json);
  } catch (e) {
    if (e instanceof Base64Error || e instanceof PolicyError) return { status: 400, reason: `policy cannot be read: ${e.message}` };
    throw e;
  }
  const secret = o.keys.get(keyId);
  if (secret === undefined) return { status: profile.unknownKeyStatus, reason: `unknown keyId "${keyId}"`, policy };
  if (!signatureMatches(json, secret, signature)) return { status: 403, reason: 'signature does not match the policy', policy };
  if (policy.ipAddress !== undefined && normalizeIp(policy.ipAddress) !== normalizeIp(req.clientIp)) {
    return { status: 403, reason: `policy is for client ${policy.ipAddress}, request came from ${normalizeIp(req.clientIp)}`, policy };
  }
  const mismatch = resourceMismatch(policy.resource, req, o.strict, profile);
  if (mismatch) return { status: 403, reason: mismatch, policy };
  const now = (o.now ?? Date.now)();
  if (now > policy.dateLessThan) return { status: 410, reason: `expired at ${new Date(policy.dateLessThan).toISOString()}`, policy };
  if (policy.dateGreaterThan !== undefined && now < policy.dateGreaterThan) return { status: 410, reason: `not valid before ${new Date(policy.dateGreaterThan).toISOString()}`, policy };
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
    if (r.base === g.base) return undefined;
    return `strict: request ${g.base} is not the policy resource ${r.base}`;
  }
  const ok = profile.nonStrictPath === 'suffix' ? r.pathname.endsWith(req.path) : r.pathname === req.path;
  return ok ? undefined : `non-strict (${profile.nonStrictPath}): request path ${req.path} does not match the policy path ${r.pathname}`;
}
