/**
 * Deviation variants of the independent verifier, as data.
 *
 * Each variant deviates from the correct verifier in exactly one way and is
 * otherwise identical to `correct`. `deviates` names the requirement of the
 * suite's published list that the deviation breaks; `level` is 'fail' when the
 * variant serves what must be denied, denies what must be served, resets or
 * hangs, and 'warn' when the request is still denied but with another status
 * than the requirement names (or when only a SHOULD requirement is broken).
 * `appliesTo` lists the configurations in which the deviation is observable;
 * an empty object means every configuration.
 */

export type Flavor = 'java' | 'apache';

export type RequirementId =
  | 'SS-VERIFY-1'
  | 'SS-VERIFY-2'
  | 'SS-VERIFY-3'
  | 'SS-VERIFY-4'
  | 'SS-VERIFY-5'
  | 'SS-VERIFY-6'
  | 'SS-VERIFY-7'
  | 'SS-VERIFY-8'
  | 'SS-VERIFY-9'
  | 'SS-VERIFY-10'
  | 'SS-VERIFY-11'
  | 'SS-ENCODING-1'
  | 'SS-ENCODING-2'
  | 'SS-ROBUST-1';

export interface Variant {
  name: string;
  deviates: RequirementId;
  level: 'fail' | 'warn';
  appliesTo: { strict?: boolean; flavor?: Flavor };
  what: string;
  securityImpact: string;
}

/** The name of the conforming variant (not a deviation, so not in VARIANTS). */
export const CORRECT = 'correct';

export const VARIANTS: readonly Variant[] = [
  // ---------------------------------------------------------------- encoding
  {
    name: 'partial-percent-decoding',
    deviates: 'SS-ENCODING-2',
    level: 'warn',
    appliesTo: {},
    what: 'The policy value is not percent-decoded except for a trailing run of %3D (turned into =), so a policy with %2B or %2F does not decode (this is what base64.c of Opencast\'s Apache module does).',
    securityImpact: 'None for confidentiality; standard-alphabet policies written with %2B/%2F are refused (availability).',
  },
  {
    name: 'no-percent-decoding',
    deviates: 'SS-ENCODING-2',
    level: 'warn',
    appliesTo: {},
    what: 'The policy value is used exactly as it appears in the query string, so %3D, %2B and %2F are not decoded and such policies are refused.',
    securityImpact: 'None for confidentiality; padded or standard-alphabet policies that were percent-encoded are refused.',
  },
  {
    name: 'plus-decoded-as-space',
    deviates: 'SS-ENCODING-2',
    level: 'warn',
    appliesTo: {},
    what: 'The query is form-decoded (+ becomes a space) and the space is not mapped back, so a standard-alphabet policy with a literal + does not decode.',
    securityImpact: 'None for confidentiality; some standard-alphabet policies are refused.',
  },
  {
    name: 'only-base64url',
    deviates: 'SS-ENCODING-2',
    level: 'warn',
    appliesTo: {},
    what: 'Only the base64url alphabet without padding is accepted; +, / and = in the decoded policy make it malformed.',
    securityImpact: 'None for confidentiality; policies from signers that use standard base64 are refused.',
  },
  {
    name: 'only-padded-base64',
    deviates: 'SS-ENCODING-1',
    level: 'fail',
    appliesTo: {},
    what: 'The policy must be padded to a multiple of 4 characters, so the unpadded base64url that Opencast writes is refused whenever its length is not a multiple of 4.',
    securityImpact: 'None for confidentiality; about two thirds of genuine Opencast URLs are refused.',
  },
  {
    name: 'standard-alphabet-only',
    deviates: 'SS-ENCODING-1',
    level: 'fail',
    appliesTo: {},
    what: 'Only the standard base64 alphabet is accepted, so a genuine Opencast policy that contains - or _ is refused.',
    securityImpact: 'None for confidentiality; genuine Opencast URLs are refused depending on their content.',
  },
  // -------------------------------------------------------------- robustness
  {
    name: 'crash-even-params',
    deviates: 'SS-ROBUST-1',
    level: 'fail',
    appliesTo: {},
    what: 'With an even, non-zero number of query parameters the worker dies: the TCP connection is reset without any HTTP response.',
    securityImpact: 'Denial of service and a crash oracle; clients see resets instead of answers.',
  },
  {
    name: 'reset-on-invalid-percent-escape',
    deviates: 'SS-ROBUST-1',
    level: 'fail',
    appliesTo: {},
    what: 'A query parameter with an invalid percent-escape (e.g. %zz or a truncated %4) makes the strict decoder throw and the connection is reset without an answer.',
    securityImpact: 'Denial of service: any client can make the verifier drop connections.',
  },
  {
    name: 'hang-on-long-param',
    deviates: 'SS-ROBUST-1',
    level: 'fail',
    appliesTo: {},
    what: 'A query parameter value longer than 4096 characters makes the request hang: no answer is ever sent and the connection stays open.',
    securityImpact: 'Denial of service by connection exhaustion.',
  },
  // --------------------------------------------------- parameters (400)
  {
    name: 'blank-signature-accepted',
    deviates: 'SS-VERIFY-2',
    level: 'fail',
    appliesTo: {},
    what: 'A present but blank signature parameter skips the signature check, so any policy with a known keyId and an empty signature is served.',
    securityImpact: 'Complete bypass: anyone can forge a policy for any resource, address and time.',
  },
  {
    name: 'duplicates-tolerated',
    deviates: 'SS-VERIFY-2',
    level: 'fail',
    appliesTo: {},
    what: 'A duplicated policy, keyId or signature parameter is not refused; the first occurrence wins.',
    securityImpact: 'Parameter-pollution: components that pick a different occurrence (caches, proxies, logs) disagree with the verifier.',
  },
  {
    name: 'duplicates-last-wins',
    deviates: 'SS-VERIFY-2',
    level: 'fail',
    appliesTo: {},
    what: 'A duplicated policy, keyId or signature parameter is not refused; the last occurrence wins (as in the code of Opencast\'s Apache module).',
    securityImpact: 'Parameter-pollution: a signed URL can be extended with extra parameters that take precedence.',
  },
  {
    name: 'missing-param-403',
    deviates: 'SS-VERIFY-2',
    level: 'warn',
    appliesTo: {},
    what: 'A missing, blank or duplicated policy, keyId or signature parameter is refused with 403 instead of 400.',
    securityImpact: 'None; only the status code is wrong.',
  },
  // --------------------------------------------------- signature (403)
  {
    name: 'signature-ignored',
    deviates: 'SS-VERIFY-3',
    level: 'fail',
    appliesTo: {},
    what: 'The signature parameter must be present but its value is never compared with the HMAC of the policy.',
    securityImpact: 'Complete bypass: anyone can forge a policy.',
  },
  {
    name: 'case-insensitive-signature',
    deviates: 'SS-VERIFY-3',
    level: 'fail',
    appliesTo: {},
    what: 'The hex signature is compared case-insensitively, so an altered (upper-cased) signature is accepted.',
    securityImpact: 'Low: the MAC value is unchanged, but altered signatures are served and URL canonicalisation (caches, logs) is broken.',
  },
  {
    name: 'signature-prefix-accepted',
    deviates: 'SS-VERIFY-3',
    level: 'fail',
    appliesTo: {},
    what: 'Only as many characters as the client sent are compared (strncmp-style), so any non-empty prefix of the correct signature is accepted.',
    securityImpact: 'Severe: a one-character signature can be brute-forced in at most 16 tries for any forged policy.',
  },
  {
    name: 'signature-over-reserialized-json',
    deviates: 'SS-VERIFY-3',
    level: 'fail',
    appliesTo: {},
    what: 'The HMAC is computed over a canonical re-serialisation of the parsed policy (as Opencast\'s Java code does) instead of the received JSON text, so a policy whose text was altered without changing its meaning is served and a policy signed over non-canonical text is refused.',
    securityImpact: 'Low: altered policy texts with the same meaning are served; interoperable signers that do not write Opencast\'s exact JSON are refused.',
  },
  {
    name: 'malformed-policy-500',
    deviates: 'SS-VERIFY-3',
    level: 'warn',
    appliesTo: {},
    what: 'A policy that does not decode to valid policy JSON (bad base64, bad JSON, missing or mistyped fields) yields 500 instead of a 4xx refusal (as Opencast\'s Java code does through an uncaught exception).',
    securityImpact: 'Low: the request is still refused, but server errors and stack traces are exposed and alarms are triggered by any client.',
  },
  {
    name: 'time-checked-first',
    deviates: 'SS-VERIFY-3',
    level: 'warn',
    appliesTo: {},
    what: 'DateLessThan and DateGreaterThan are checked before the key and the signature, so an altered or forged policy with a past or future date gets 410 instead of 403.',
    securityImpact: 'Low: still refused, but unauthenticated policy content drives the answer (an oracle for forged policies).',
  },
  {
    name: 'signature-mismatch-401',
    deviates: 'SS-VERIFY-3',
    level: 'warn',
    appliesTo: {},
    what: 'A request whose signature does not match the policy is refused with 401 instead of 403.',
    securityImpact: 'None; only the status code is wrong.',
  },
  {
    name: 'soft-deny-200',
    deviates: 'SS-VERIFY-3',
    level: 'fail',
    appliesTo: {},
    what: 'Every refusal (400, 403, 410) is answered 200 with an error text instead of the file.',
    securityImpact: 'The file is not disclosed, but caches and clients take the error text for the resource and monitoring cannot see refusals.',
  },
  {
    name: 'hmac-over-base64',
    deviates: 'SS-VERIFY-1',
    level: 'fail',
    appliesTo: {},
    what: 'The HMAC is computed over the base64 policy text (as Opencast\'s developer guide describes) instead of the JSON text, so genuine Opencast URLs are refused with 403.',
    securityImpact: 'None for confidentiality; every genuine Opencast URL is refused.',
  },
  {
    name: 'head-not-allowed',
    deviates: 'SS-VERIFY-1',
    level: 'fail',
    appliesTo: {},
    what: 'HEAD is answered 405 even for a correctly signed, valid request.',
    securityImpact: 'None for confidentiality; players that probe with HEAD fail.',
  },
  // --------------------------------------------------------- keys (403/400)
  {
    name: 'unknown-key-default',
    deviates: 'SS-VERIFY-4',
    level: 'fail',
    appliesTo: {},
    what: 'An unknown keyId falls back to the first configured key instead of being refused.',
    securityImpact: 'Key confusion: a URL signed with the default key is served under any keyId, so revoking a keyId does not revoke its URLs.',
  },
  {
    name: 'unknown-key-tries-all-keys',
    deviates: 'SS-VERIFY-4',
    level: 'fail',
    appliesTo: {},
    what: 'An unknown keyId is not refused; the signature is accepted if it matches under any configured key.',
    securityImpact: 'Key confusion: the keyId is meaningless and keys cannot be scoped or retired by id.',
  },
  {
    name: 'unknown-key-400',
    deviates: 'SS-VERIFY-4',
    level: 'warn',
    appliesTo: { flavor: 'java' },
    what: 'The Java flavor refuses an unknown keyId with 400 (the Apache module\'s status) instead of the Java verifier\'s 403.',
    securityImpact: 'None; only the status code is wrong.',
  },
  // ---------------------------------------------------------- client address
  {
    name: 'ignores-ip',
    deviates: 'SS-VERIFY-5',
    level: 'fail',
    appliesTo: {},
    what: 'The IpAddress condition is never checked.',
    securityImpact: 'Address-bound URLs can be shared with anybody.',
  },
  {
    name: 'trusts-x-forwarded-for',
    deviates: 'SS-VERIFY-5',
    level: 'fail',
    appliesTo: {},
    what: 'The client address is taken from the first X-Forwarded-For entry when the header is present, instead of the TCP peer.',
    securityImpact: 'Any client can claim the bound address with one header, defeating IpAddress.',
  },
  {
    name: 'ip-prefix-match',
    deviates: 'SS-VERIFY-5',
    level: 'fail',
    appliesTo: {},
    what: 'The client address is accepted when it starts with the policy\'s IpAddress (10.0.0.1 also admits 10.0.0.12).',
    securityImpact: 'Address-bound URLs are usable from other hosts whose address shares the textual prefix.',
  },
  {
    name: 'ip-mismatch-401',
    deviates: 'SS-VERIFY-5',
    level: 'warn',
    appliesTo: {},
    what: 'A request from another client than the policy\'s IpAddress is refused with 401 instead of 403.',
    securityImpact: 'None; only the status code is wrong.',
  },
  // ------------------------------------------------------------------- time
  {
    name: 'ignores-expiry',
    deviates: 'SS-VERIFY-6',
    level: 'fail',
    appliesTo: {},
    what: 'DateLessThan is never checked.',
    securityImpact: 'Signed URLs never expire; leaked URLs work forever and access cannot be revoked.',
  },
  {
    name: 'exclusive-expiry-boundary',
    deviates: 'SS-VERIFY-6',
    level: 'fail',
    appliesTo: {},
    what: 'The request is refused at exactly DateLessThan (now >= DateLessThan) although that instant is still valid.',
    securityImpact: 'None for confidentiality; one millisecond of validity is lost.',
  },
  {
    name: 'whole-second-clock',
    deviates: 'SS-VERIFY-6',
    level: 'fail',
    appliesTo: {},
    what: 'Times are compared truncated to whole seconds, so a URL is served up to 999 ms after DateLessThan (and up to 999 ms before DateGreaterThan).',
    securityImpact: 'Low: validity windows are extended by up to one second.',
  },
  {
    name: 'expiry-leeway-30s',
    deviates: 'SS-VERIFY-6',
    level: 'fail',
    appliesTo: {},
    what: 'A clock-skew allowance of 30 s is added to DateLessThan.',
    securityImpact: 'Low to medium: every URL lives 30 s longer than Opencast intended.',
  },
  {
    name: 'dates-as-seconds',
    deviates: 'SS-VERIFY-6',
    level: 'fail',
    appliesTo: {},
    what: 'The policy dates are compared with the current time in seconds although they are milliseconds, so URLs never expire and any DateGreaterThan lies in the far future.',
    securityImpact: 'Signed URLs never expire; URLs with DateGreaterThan are never usable.',
  },
  {
    name: 'trusts-client-date-header',
    deviates: 'SS-VERIFY-6',
    level: 'fail',
    appliesTo: {},
    what: 'When the request carries a Date header, that client-supplied time is used as the current time.',
    securityImpact: 'Expiry and DateGreaterThan are under the client\'s control; expired URLs work forever.',
  },
  {
    name: 'missing-expiry-accepted',
    deviates: 'SS-VERIFY-6',
    level: 'fail',
    appliesTo: {},
    what: 'A policy without DateLessThan is treated as never expiring instead of being malformed.',
    securityImpact: 'A signer bug or a key holder can mint URLs that never expire.',
  },
  {
    name: 'expired-as-403',
    deviates: 'SS-VERIFY-6',
    level: 'warn',
    appliesTo: {},
    what: 'A request after DateLessThan is refused with 403 instead of 410.',
    securityImpact: 'None; only the status code is wrong (players cannot tell expiry from forgery).',
  },
  {
    name: 'ignores-not-before',
    deviates: 'SS-VERIFY-7',
    level: 'fail',
    appliesTo: {},
    what: 'DateGreaterThan is never checked.',
    securityImpact: 'Embargoed content is available before its release time.',
  },
  {
    name: 'exclusive-not-before-boundary',
    deviates: 'SS-VERIFY-7',
    level: 'fail',
    appliesTo: {},
    what: 'The request is refused at exactly DateGreaterThan (now <= DateGreaterThan) although that instant is already valid.',
    securityImpact: 'None for confidentiality; one millisecond of validity is lost.',
  },
  {
    name: 'not-yet-valid-as-403',
    deviates: 'SS-VERIFY-7',
    level: 'warn',
    appliesTo: {},
    what: 'A request before DateGreaterThan is refused with 403 instead of 410.',
    securityImpact: 'None; only the status code is wrong.',
  },
  // --------------------------------------------------------------- resource
  {
    name: 'resource-prefix-match',
    deviates: 'SS-VERIFY-8',
    level: 'fail',
    appliesTo: {},
    what: 'The policy\'s resource path is also accepted as a prefix of the requested path, so a policy for /a/video opens /a/video2.mp4 and /a/video/anything.',
    securityImpact: 'A policy for one resource opens sibling and child resources.',
  },
  {
    name: 'resource-case-insensitive',
    deviates: 'SS-VERIFY-8',
    level: 'fail',
    appliesTo: {},
    what: 'Resource paths are compared case-insensitively (hosts are case-insensitive anyway).',
    securityImpact: 'A policy for /A.mp4 opens a different file /a.mp4 on case-sensitive file systems.',
  },
  {
    name: 'missing-resource-accepted',
    deviates: 'SS-VERIFY-8',
    level: 'fail',
    appliesTo: {},
    what: 'A policy without Resource is treated as valid for every resource instead of being malformed.',
    securityImpact: 'A signer bug or a key holder can mint a URL that opens every file.',
  },
  {
    name: 'resource-mismatch-404',
    deviates: 'SS-VERIFY-8',
    level: 'warn',
    appliesTo: {},
    what: 'A policy for another resource is refused with 404 instead of 403.',
    securityImpact: 'None; only the status code is wrong.',
  },
  {
    name: 'strict-drops-port',
    deviates: 'SS-VERIFY-9',
    level: 'fail',
    appliesTo: { strict: true },
    what: 'In strict mode an explicit port in the request or in the policy resource is ignored (as r->hostname does in the code of Opencast\'s Apache module).',
    securityImpact: 'A policy for one port (service) of a host opens the same path on every port.',
  },
  {
    name: 'strict-ignores-scheme',
    deviates: 'SS-VERIFY-9',
    level: 'fail',
    appliesTo: { strict: true },
    what: 'In strict mode the scheme is not compared, so a policy for https:// opens the same resource over http://.',
    securityImpact: 'A policy meant for TLS only is usable over plain http.',
  },
  {
    name: 'strict-ignores-host',
    deviates: 'SS-VERIFY-9',
    level: 'fail',
    appliesTo: { strict: true },
    what: 'In strict mode the host is not compared.',
    securityImpact: 'A policy for one host opens the same path on any other host sharing the keys.',
  },
  {
    name: 'strict-compares-query',
    deviates: 'SS-VERIFY-9',
    level: 'fail',
    appliesTo: { strict: true },
    what: 'In strict mode the query of the policy resource must equal the request\'s query without the signing parameters, so a URL with an extra parameter is refused.',
    securityImpact: 'None for confidentiality; valid URLs with added parameters (e.g. player cache-busters) are refused.',
  },
  {
    name: 'strict-ignored',
    deviates: 'SS-VERIFY-9',
    level: 'fail',
    appliesTo: { strict: true },
    what: 'Strict mode behaves like non-strict mode: only paths are compared.',
    securityImpact: 'A policy for one host, port or scheme opens the same path elsewhere (and suffixes, for the Java flavor).',
  },
  {
    name: 'nonstrict-ignores-path',
    deviates: 'SS-VERIFY-10',
    level: 'fail',
    appliesTo: { strict: false },
    what: 'In non-strict mode the resource is not compared at all.',
    securityImpact: 'Complete: any signed URL opens every file.',
  },
  {
    name: 'nonstrict-is-strict',
    deviates: 'SS-VERIFY-10',
    level: 'fail',
    appliesTo: { strict: false },
    what: 'Non-strict mode still compares scheme, host and port.',
    securityImpact: 'None for confidentiality; URLs rewritten by load balancers or players are refused.',
  },
  {
    name: 'nonstrict-equal-paths',
    deviates: 'SS-VERIFY-10',
    level: 'fail',
    appliesTo: { strict: false, flavor: 'java' },
    what: 'The Java flavor in non-strict mode requires equal paths (the Apache module\'s rule) instead of a suffix match.',
    securityImpact: 'None for confidentiality; URLs the Java verifier serves through path-rewriting proxies are refused.',
  },
  {
    name: 'nonstrict-suffix-match',
    deviates: 'SS-VERIFY-10',
    level: 'fail',
    appliesTo: { strict: false, flavor: 'apache' },
    what: 'The Apache flavor in non-strict mode accepts a request whose path is a suffix of the policy path (the Java rule) instead of requiring equal paths.',
    securityImpact: 'A policy for /series/a/video.mp4 opens /a/video.mp4 and /video.mp4.',
  },
  {
    name: 'nonstrict-reversed-suffix',
    deviates: 'SS-VERIFY-10',
    level: 'fail',
    appliesTo: { strict: false, flavor: 'java' },
    what: 'The Java flavor in non-strict mode tests whether the request path ends with the policy path (arguments swapped) instead of the reverse.',
    securityImpact: 'A policy for /video.mp4 opens /any/dir/video.mp4; genuine suffix matches are refused.',
  },
  // --------------------------------------------------------------- unsigned
  {
    name: 'unsigned-passthrough',
    deviates: 'SS-VERIFY-11',
    level: 'fail',
    appliesTo: {},
    what: 'A request with none of the policy, keyId and signature parameters is served without verification.',
    securityImpact: 'Complete: stream security is off for anyone who drops the parameters.',
  },
  {
    name: 'only-media-extensions-protected',
    deviates: 'SS-VERIFY-11',
    level: 'fail',
    appliesTo: {},
    what: 'Only files with a media extension (mp4, webm, m3u8, ts, mp3, ...) are verified; other files (images, captions, XML, JSON, text) are served without any check.',
    securityImpact: 'Previews, slides, captions and metadata of restricted recordings are public.',
  },
  {
    name: 'non-get-methods-unverified',
    deviates: 'SS-VERIFY-11',
    level: 'fail',
    appliesTo: {},
    what: 'Methods other than GET and HEAD skip verification and get the file (as Opencast\'s UrlSigningFilter passes them down the filter chain).',
    securityImpact: 'Complete for files: an unsigned POST (or any other method) downloads the resource.',
  },
];

export function findVariant(name: string): Variant | undefined {
  return VARIANTS.find((v) => v.name === name);
}

export function variantApplies(v: Variant, strict: boolean, flavor: Flavor): boolean {
  if (v.appliesTo.strict !== undefined && v.appliesTo.strict !== strict) return false;
  if (v.appliesTo.flavor !== undefined && v.appliesTo.flavor !== flavor) return false;
  return true;
}
