// Named faults: each breaks exactly one requirement, so the suite can prove it fails.
// `on` says which simulator takes the fault; `breaks` names the requirement it violates.

export const FAULTS = {
  'accepts-bad-params': { on: 'mos', breaks: 'MOSWS-URL-1', what: 'endpoint accepts a connection without valid mosID/ncsID/channel parameters' },
  'accepts-foreign-ids': { on: 'mos', breaks: 'MOSWS-URL-2', what: 'endpoint accepts a mosID/ncsID it is not configured for' },
  'rejects-extra-params': { on: 'mos', breaks: 'MOSWS-URL-3', what: 'endpoint refuses a connection URL with extra query parameters' },
  'listener-ignores-passive': { on: 'mos', breaks: 'MOSWS-PASSIVE-1', what: 'listening side does not originate its messages over passive=true sockets' },
  'drops-queued': { on: 'mos', breaks: 'MOSWS-PASSIVE-3', what: 'messages queued while a socket is down are discarded when it drops' },
  'nacks-element-action': { on: 'mos', breaks: 'MOSWS-DEPR-1', what: 'device answers roElementAction with a negative roAck' },
  'rejects-self-signed': { on: 'mos', breaks: 'MOSWS-TLS-2', what: 'client refuses a self-signed certificate with no option to accept it' },
  'unsigned-proxy': { on: 'mos', breaks: 'SS-MOS-1', what: 'device publishes objProxyPath URLs without a signature' },
  'accepts-wrong-password': { on: 'mos', breaks: 'MOSWS-AUTH-2', what: 'endpoint accepts missing or wrong Basic credentials' },
  'answers-keepalive': { on: 'mos', breaks: 'MOSWS-KA-2', what: 'replies to a received keepAlive' },
  'closes-on-keepalive': { on: 'mos', breaks: 'MOSWS-KA-2', what: 'closes the socket when a keepAlive arrives' },
  'never-keepalive': { on: 'mos', breaks: 'MOSWS-KA-3', what: 'never sends keepAlive' },
  'keepalive-on-mom-only': { on: 'mos', breaks: 'MOSWS-KA-3', what: 'sends keepAlive on the mom channel only' },
  'no-passive-reconnect': { on: 'mos', breaks: 'MOSWS-PASSIVE-3', what: 'does not re-open a dropped passive socket' },
  'slow-retry-backoff': { on: 'mos', breaks: 'MOSWS-PASSIVE-3', what: 're-opens a dropped passive socket at once, but retries an unreachable peer with an exponential back-off from 2 s' },
  'slow-passive-reconnect': { on: 'mos', breaks: 'MOSWS-PASSIVE-3', what: 're-opens a dropped passive socket only after 2 s' },
  'ignores-passive': { on: 'mos', breaks: 'MOSWS-PASSIVE-1', what: 'opens its sockets without passive=true in passive mode' },
  'reencodes-query': { on: 'mos', breaks: 'MOSWS-URL-7', what: 'client re-serialises the configured query (a space becomes +, ~ becomes %7E)' },
  'dials-plain-ws': { on: 'mos', breaks: 'MOSWS-TLS-1', what: 'client dials ws:// although the peer is configured with a wss:// URL' },
  'two-passive-per-channel': { on: 'mos', breaks: 'MOSWS-PASSIVE-2', what: 'opens two passive=true sockets on each channel' },
  'drops-extra-params': { on: 'mos', breaks: 'MOSWS-URL-3', what: 'drops the configured extra URL parameters' },
  'accepts-only-ncsID': { on: 'mos', breaks: 'MOSWS-URL-6', what: 'endpoint accepts the NCS ID only under the spelling ncsID, refusing nCSID' },
  'accepts-only-nCSID': { on: 'mos', breaks: 'MOSWS-URL-6', what: 'endpoint accepts the NCS ID only under the spelling nCSID, refusing ncsID' },
  'no-www-authenticate': { on: 'mos', breaks: 'MOSWS-AUTH-2', what: 'endpoint refuses bad credentials with 401 but without a WWW-Authenticate challenge' },
  'replies-on-other-socket': { on: 'mos', breaks: 'MOSWS-TRANSPORT-2', what: 'answers requests over its own outbound socket of the channel instead of the socket the request came on' },
  'password-in-url': { on: 'mos', breaks: 'MOSWS-AUTH-3', what: 'client also puts the password into the URL, as a query parameter named token' },
  'no-auth-header': { on: 'mos', breaks: 'MOSWS-AUTH-1', what: 'client dials without an Authorization header' },
  'keepalive-with-messageid': { on: 'mos', breaks: 'MOSWS-KA-4', what: 'sends keepAlive with a messageID' },
  'keepalive-without-ncsid': { on: 'mos', breaks: 'MOSWS-KA-1', what: 'sends keepAlive in an envelope without ncsID' },
  'length-prefixed': { on: 'mos', breaks: 'MOSWS-TRANSPORT-1', what: 'writes a four-byte length before every message (a MOS 2.x stream habit)' },
  'refuses-correct-credentials': { on: 'mos', breaks: 'MOSWS-AUTH-2', what: 'endpoint refuses every request with 401, the configured credentials included' },
  'listens-plain-ws': { on: 'mos', breaks: 'MOSWS-TLS-1', what: 'listening endpoint serves plain ws although wss is configured' },
  'sends-roitemstat': { on: 'mos', breaks: 'MOSWS-DEPR-1', what: 'device reports item status with the deprecated roItemStat instead of roElementStat' },
  'nacks-roreqall': { on: 'mos', breaks: 'MOS-PROFILE-2', what: 'NRCS answers roReqAll with a negative roAck instead of roListAll' },
  'ignores-requests': { on: 'mos', breaks: 'MOSWS-TRANSPORT-1', what: 'never answers requests' },
  'sends-deprecated': { on: 'mos', breaks: 'MOSWS-DEPR-1', what: 'uses the deprecated roStoryInsert instead of roElementAction' },
  'listmachinfo-missing-tag': { on: 'mos', breaks: 'MOS-CONTENT-1', what: 'listMachInfo leaves out the required SN' },
  'swapped-order': { on: 'mos', breaks: 'MOS-CONTENT-2', what: 'roAck writes roStatus before roID' },
  'repeated-tag': { on: 'mos', breaks: 'MOS-CONTENT-3', what: 'mosAck carries objRev twice' },
  'overlong-slug': { on: 'mos', breaks: 'MOS-CONTENT-4', what: 'the first slug of a message (roSlug, objSlug, ...) is 140 characters long' },
  'bad-enum': { on: 'mos', breaks: 'MOS-CONTENT-5', what: 'objType CG, not a MOS 2.8.5 object type, in mosObj and mosObjCreate' },
  'bad-time-format': { on: 'mos', breaks: 'MOS-CONTENT-6', what: 'heartbeat time written as ISO 8601 with a dot and milliseconds (2026-01-01T10:00:00.000Z)' },
  'extra-tag': { on: 'mos', breaks: 'MOS-CONTENT-7', what: 'roAck carries a vendor tag outside mosExternalMetadata' },
  'misreports-profiles': { on: 'mos', breaks: 'MOS-PROFILE-1', what: 'listMachInfo reports profile 4 as NO although the system supports (and declares) it' },
  'nacks-profile-3': { on: 'mos', breaks: 'MOS-PROFILE-2', what: 'refuses every profile-3 message with a negative acknowledgement' },
  'answers-wrong-id': { on: 'mos', breaks: 'MOS-PROFILE-2', what: 'replies name another running order, object or query than the request asked about' },
  'no-list-after-reqall': { on: 'mos', breaks: 'MOS-PROFILE-3', what: 'acknowledges mosReqAll but never sends mosListAll' },
  'ignores-operator': { on: 'mos', breaks: 'MOS-PROFILE-3', what: 'originates nothing when its operator asks it to send a message' },
  'ignores-expiry': { on: 'verifier', breaks: 'SS-VERIFY-6', what: 'verifier ignores DateLessThan and DateGreaterThan' },
  'ignores-ip': { on: 'verifier', breaks: 'SS-VERIFY-5', what: 'verifier ignores IpAddress' },
  'accepts-tampered-policy': { on: 'verifier', breaks: 'SS-VERIFY-3', what: 'verifier does not check the signature' },
  'strict-as-non-strict': { on: 'verifier', breaks: 'SS-VERIFY-9', what: 'verifier treats strict checking as non-strict' },
  'serves-unsigned': { on: 'verifier', breaks: 'SS-VERIFY-11', what: 'verifier serves requests that carry no signing parameters' },
  'ignores-keyid': { on: 'verifier', breaks: 'SS-VERIFY-4', what: 'verifier ignores keyId and tries its only key' },
  'tolerates-duplicates': { on: 'verifier', breaks: 'SS-VERIFY-2', what: 'verifier takes the first of duplicated signing parameters' },
  'ignores-missing-signature': { on: 'verifier', breaks: 'SS-VERIFY-2', what: 'verifier skips the signature check when the signature is missing or blank' },
  'serves-without-policy': { on: 'verifier', breaks: 'SS-VERIFY-2', what: 'verifier treats a missing or blank policy as unrestricted' },
  'strict-base64url': { on: 'verifier', breaks: 'SS-ENCODING-2', what: 'verifier reads only base64url (no "=", "+" or "/", however written)' },
  'requires-padded-base64': { on: 'verifier', breaks: 'SS-ENCODING-1', what: 'verifier reads only padded base64, so most of the policies Opencast writes are refused' },
  'standard-alphabet-only': { on: 'verifier', breaks: 'SS-ENCODING-1', what: 'verifier reads only the standard base64 alphabet, so a policy with "-" or "_" is refused' },
  'non-strict-as-strict': { on: 'verifier', breaks: 'SS-VERIFY-10', what: 'verifier treats non-strict checking as strict' },
  'non-strict-exact-path': { on: 'verifier', breaks: 'SS-VERIFY-10', what: 'Java-profile verifier compares non-strict paths exactly instead of by suffix' },
  'non-strict-compares-query': { on: 'verifier', breaks: 'SS-VERIFY-10', what: 'non-strict verifier compares the query of the policy resource too, so a resource with a query is refused' },
  'strict-drops-port': { on: 'verifier', breaks: 'SS-VERIFY-9', what: 'strict verifier compares the request without its port (as the Apache module\'s r->hostname)' },
  'refuses-added-params': { on: 'verifier', breaks: 'SS-VERIFY-9', what: 'verifier refuses a signed URL that has other query parameters besides the signing ones' },
  'strict-compares-resource-query': { on: 'verifier', breaks: 'SS-QUERY-1', what: 'strict verifier compares the whole Resource, query included, with the request URL without its query (as Opencast\'s verifiers)' },
  'ignores-resource': { on: 'verifier', breaks: 'SS-VERIFY-8', what: 'verifier does not compare the request with the policy\'s Resource at all' },
  'resource-prefix-match': { on: 'verifier', breaks: 'SS-VERIFY-8', what: 'a policy also opens every resource whose URL it is a prefix of' },
  'resource-case-insensitive': { on: 'verifier', breaks: 'SS-VERIFY-8', what: 'resources are compared ignoring letter case' },
  'accepts-policy-without-resource': { on: 'verifier', breaks: 'SS-VERIFY-8', what: 'a signed policy without Resource opens every resource' },
  'accepts-policy-without-expiry': { on: 'verifier', breaks: 'SS-VERIFY-6', what: 'a signed policy without DateLessThan never expires' },
  'trusts-date-header': { on: 'verifier', breaks: 'SS-VERIFY-6', what: 'verifier takes the current time from the request\'s Date header' },
  'whole-second-clock': { on: 'verifier', breaks: 'SS-CLOCK-1', what: 'verifier compares times in whole seconds (time(2) * 1000)' },
  'reserializes-policy': { on: 'verifier', breaks: 'SS-VERIFY-12', what: 'apache-httpd-profile verifier checks the HMAC over the policy written again, not the text received' },
  'unreadable-policy-500': { on: 'verifier', breaks: 'SS-STATUS-1', what: 'verifier answers 500 to a policy it cannot read' },
  'crashes-on-even-params': { on: 'verifier', breaks: 'SS-ROBUST-1', what: 'distribution server resets the connection when the query has an even number of parameters' },
  'hangs-on-long-param': { on: 'verifier', breaks: 'SS-ROBUST-1', what: 'distribution server never answers a request with a query value over 4096 characters' },
  'resets-on-bad-escape': { on: 'verifier', breaks: 'SS-ROBUST-1', what: 'distribution server resets the connection on an invalid percent-escape or non-ASCII byte in the query' },
  'serves-any-method': { on: 'verifier', breaks: 'SS-VERIFY-11', what: 'distribution server serves methods other than GET and HEAD without verification' },
  'head-not-allowed': { on: 'verifier', breaks: 'SS-VERIFY-1', what: 'distribution server refuses HEAD' },
  'sign-base64-text': { on: 'signer', breaks: 'SS-SIGN-1', what: 'signer computes the HMAC over the base64 text instead of the JSON' },
  'pad-base64': { on: 'signer', breaks: 'SS-ENCODING-1', what: 'signer writes standard base64 with padding' },
  'drops-query-from-resource': { on: 'signer', breaks: 'SS-SIGN-2', what: 'signer leaves the URL\'s existing query out of the policy Resource' },
  'ignores-start-time': { on: 'signer', breaks: 'SS-SIGN-3', what: 'signer leaves out DateGreaterThan when a start time is asked for' },
} as const;

export type AnyFault = keyof typeof FAULTS;
export type FaultTarget = (typeof FAULTS)[AnyFault]['on'];
export type FaultName = { [K in AnyFault]: (typeof FAULTS)[K]['on'] extends 'mos' ? K : never }[AnyFault];

export function parseFaults(list: string | undefined): AnyFault[] {
  if (!list) return [];
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    if (!(s in FAULTS)) throw new Error(`unknown fault "${s}"; known: ${Object.keys(FAULTS).join(', ')}`);
    return s as AnyFault;
  });
}

/** The faults among `list` that a simulator of kind `on` takes. */
export function faultsFor<T extends FaultTarget>(list: readonly AnyFault[], on: T): Array<Extract<AnyFault, { [K in AnyFault]: (typeof FAULTS)[K]['on'] extends T ? K : never }[AnyFault]>> {
  return list.filter((f) => FAULTS[f].on === on) as never;
}
