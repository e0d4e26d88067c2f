// Every normative statement the suite checks, with its level: the one table that the verdict
// logic (MUST -> Fail, SHOULD -> Warning), the traceability matrix and docs/requirements.md read.
// Summaries are the suite's own words, not quotes of the seeds.

export type Level = 'MUST' | 'SHOULD';

export interface Requirement {
  id: string;
  level: Level;
  summary: string;
  /** Which document the requirement comes from (a heading of docs/requirements.md). */
  family: Family;
  /** Judged in every MOS scenario (After hook), not only in scenarios tagged with it. */
  everyScenario?: boolean;
}

export type Family = 'mos-ws' | 'mos-content' | 'mos-profile' | 'stream';

export const FAMILIES: Record<Family, { title: string; intro: string; declared?: string }> = {
  'mos-ws': {
    title: 'MOS over WebSocket (proposal rev. 1.3)',
    intro: '',
    declared:
      'Statements of the proposal that cannot be observed over the wire, and so are left to the vendor\'s declaration rather than a scenario: the option to disable MOS 2.x sockets and 3.x web services in security-sensitive environments; a certificate installed on each listening side.',
  },
  'mos-content': {
    title: 'MOS message content (MOS 2.8.5, carried unchanged over WebSocket)',
    intro:
      'The proposal "does not fundamentally change any of the other behaviour of MOS": every message a system sends must still be valid MOS. Judged on every message the system under test sends, in every MOS scenario.',
  },
  'mos-profile': {
    title: 'MOS profiles (MOS 2.8.5 behaviour, carried unchanged over WebSocket)',
    intro:
      'The vendor declares the MOS profiles its system supports (target.profiles; the embedded simulators declare 0-4). Scenarios of a profile (tag @profile-N) run only when it is declared: undeclared profiles are not applicable. Every request of a declared profile must get the reply MOS defines, and the system must originate what its role originates in that profile.',
  },
  stream: {
    title: 'Stream security (Opencast signing protocol, as its code does it)',
    intro: '',
    declared: 'Statements left to declaration: keys are kept private; a verification component is installed on every distribution server; expiry times are chosen reasonably.',
  },
};

const R = (id: string, level: Level, family: Family, summary: string, everyScenario?: true): Requirement => ({ id, level, family, summary, ...(everyScenario ? { everyScenario } : {}) });

export const REQUIREMENTS: readonly Requirement[] = [
  R('MOSWS-TRANSPORT-1', 'MUST', 'mos-ws', 'MOS messages travel over a WebSocket endpoint (ws or wss), one MOS message per WebSocket text message; MOS request/reply behaviour is otherwise unchanged (a request gets its reply, matched by messageID).'),
  R('MOSWS-TRANSPORT-2', 'MUST', 'mos-ws', 'A reply travels back on the socket its request arrived on, whichever side opened that socket.', true),
  R('MOSWS-URL-1', 'MUST', 'mos-ws', 'Every connection request carries mosID, ncsID and channel (mom, ro or aux); a listening side refuses a request without them before any MOS message flows.'),
  R('MOSWS-URL-2', 'MUST', 'mos-ws', 'mosID and ncsID authenticate the connection: a listening side refuses identities it is not configured for.'),
  R('MOSWS-URL-3', 'MUST', 'mos-ws', "A connecting side passes along the extra query parameters configured in the peer's URL, unchanged; a listening side accepts them."),
  R('MOSWS-URL-4', 'MUST', 'mos-ws', "A connecting side opens two sockets to the peer's URL, one with channel=mom and one with channel=ro (two ports, four sockets)."),
  R('MOSWS-URL-6', 'SHOULD', 'mos-ws', 'A listening side accepts the NCS ID parameter under both spellings the proposal uses: ncsID (its example URLs) and nCSID (its parameter list).'),
  R('MOSWS-URL-5', 'MUST', 'mos-ws', "The peer's endpoint is configurable as a whole URL: scheme, host, port, path and query."),
  R('MOSWS-AUTH-1', 'MUST', 'mos-ws', 'The connecting side sends its credentials in the HTTP Authorization header with the Basic scheme on the upgrade request.'),
  R('MOSWS-AUTH-2', 'MUST', 'mos-ws', 'A listening side refuses a request without valid Basic credentials (HTTP 401 carrying WWW-Authenticate: Basic, no upgrade) and accepts the configured ones.'),
  R('MOSWS-AUTH-3', 'MUST', 'mos-ws', 'Credentials are never put in a URL, in any form (plain, percent-encoded, base64, as a Basic token), under any parameter name.', true),
  R('MOSWS-TLS-1', 'SHOULD', 'mos-ws', 'Connections use wss (TLS); plain ws only where explicitly configured.'),
  R('MOSWS-TLS-2', 'SHOULD', 'mos-ws', 'Untrusted (self-signed) certificates are accepted, or an option accepts them (and, where accepted by default, an option refuses them).'),
  R('MOSWS-PASSIVE-1', 'MUST', 'mos-ws', 'In passive mode the side inside the firewall opens the sockets with passive=true; the listening side treats them as its outbound sockets and originates its messages over them.'),
  R('MOSWS-PASSIVE-2', 'MUST', 'mos-ws', 'One passive socket is established per channel (mom and ro).'),
  R('MOSWS-PASSIVE-3', 'MUST', 'mos-ws', 'A dropped passive socket is re-established at once by the active side; no message is lost across the drop.'),
  R('MOSWS-PASSIVE-4', 'MUST', 'mos-ws', 'An NRCS supports the active side of passive mode (a device may).'),
  R('MOSWS-KA-1', 'MUST', 'mos-ws', 'keepAlive is a profile-0 message in the mos envelope (mosID, ncsID, keepAlive) without a messageID.', true),
  R('MOSWS-KA-2', 'MUST', 'mos-ws', 'A received keepAlive is discarded: no reply, the connection stays open.'),
  R('MOSWS-KA-3', 'SHOULD', 'mos-ws', 'keepAlive is sent on every connected socket, whichever side opened it, every 30 s or after 30 s idle.'),
  R('MOSWS-DEPR-1', 'MUST', 'mos-ws', 'The deprecated messages (roStoryAppend, roStoryInsert, roStoryReplace, roStoryMove, roStoryMoveMultiple, roStorySwap, roStoryDelete, roItemInsert, roItemReplace, roItemMoveMultiple, roItemDelete, roStat, roItemStat) are not used; roElementAction is.', true),

  R('MOS-CONTENT-1', 'MUST', 'mos-content', 'Every required element and attribute of a MOS 2.8.5 message is present.', true),
  R('MOS-CONTENT-2', 'MUST', 'mos-content', 'Elements appear in the order MOS 2.8.5 defines.', true),
  R('MOS-CONTENT-3', 'MUST', 'mos-content', 'No element occurs more often (or fewer times) than MOS 2.8.5 allows.', true),
  R('MOS-CONTENT-4', 'MUST', 'mos-content', 'Texts respect their length limits (e.g. 128 characters for IDs and slugs) and are not empty where content is required.', true),
  R('MOS-CONTENT-5', 'MUST', 'mos-content', 'Enumerated values (status values, objType, operations, profile flags…) are among those MOS 2.8.5 defines.', true),
  R('MOS-CONTENT-6', 'MUST', 'mos-content', 'Times, durations and numbers follow the formats and ranges MOS 2.8.5 defines.', true),
  R('MOS-CONTENT-7', 'SHOULD', 'mos-content', 'Tags MOS does not define are added only inside mosExternalMetadata.', true),

  R('MOS-PROFILE-1', 'MUST', 'mos-profile', "listMachInfo's supportedProfiles reports YES for every profile the system declares and NO for every other, with deviceType NCS for a newsroom system and MOS for a device."),
  R('MOS-PROFILE-2', 'MUST', 'mos-profile', 'A request of a declared profile gets the reply MOS defines for it (listMachInfo, mosObj, roList, roListAll, mosListSearchableSchema, mosObjList, or the acknowledgement), about what was asked (the same roID, objID, queryID or username); valid input is accepted (roAck roStatus OK, mosAck ACK).'),
  R('MOS-PROFILE-3', 'MUST', 'mos-profile', 'A system sends the messages its role originates in each declared profile: when its operator triggers them, and as a follow-up MOS defines (mosListAll after an acknowledged mosReqAll with pause 0).'),

  R('SS-VERIFY-1', 'MUST', 'stream', 'A verifier serves a correctly signed, valid request (GET and HEAD).'),
  R('SS-VERIFY-2', 'MUST', 'stream', 'A request with a missing, blank or duplicated policy, keyId or signature parameter is refused (400).'),
  R('SS-VERIFY-3', 'MUST', 'stream', 'A request whose policy or signature was altered is refused (403).'),
  R('SS-VERIFY-4', 'MUST', 'stream', 'A request signed with an unknown key is refused (403; the Apache module answers 400).'),
  R('SS-VERIFY-5', 'MUST', 'stream', 'A policy bound to a client address refuses every other client (403).'),
  R('SS-VERIFY-6', 'MUST', 'stream', 'After DateLessThan the request is refused (410 Gone); the instant itself is still valid.'),
  R('SS-VERIFY-7', 'MUST', 'stream', 'Before DateGreaterThan the request is refused (410 Gone).'),
  R('SS-VERIFY-8', 'MUST', 'stream', 'A policy for one resource does not open another (403).'),
  R('SS-VERIFY-9', 'MUST', 'stream', "Strict checking compares scheme, host, port and path of the request with the policy's resource."),
  R('SS-VERIFY-10', 'MUST', 'stream', 'Non-strict checking compares paths only (Java verifier: the policy path ends with the request path; Apache module: equal paths).'),
  R('SS-VERIFY-11', 'MUST', 'stream', 'With stream security on, unsigned requests are refused, even for resources without access restrictions.'),
  R('SS-ENCODING-1', 'MUST', 'stream', 'The signer writes the policy as base64url without padding.'),
  R('SS-ENCODING-2', 'SHOULD', 'stream', 'A verifier also accepts the standard base64 alphabet, padding, and padding written as %3D.'),
  R('SS-STATUS-1', 'SHOULD', 'stream', "A denial carries the HTTP status Opencast's verifier gives its reason (400 malformed, 403 signature, key, client or resource, 410 expired or not yet valid; the verifier profile names documented differences such as the Apache module's 400 for an unknown key)."),
  R('SS-SIGN-1', 'MUST', 'stream', 'A signed URL is the original URL followed by policy, keyId and signature in that order; the policy is Opencast\'s canonical JSON; the signature is the lowercase hex HMAC-SHA256 of the JSON text with the key.'),
  R('SS-SIGN-2', 'MUST', 'stream', "A query the URL already had belongs to the policy's Resource."),
  R('SS-SIGN-3', 'MUST', 'stream', 'An optional start time and client address become DateGreaterThan and IpAddress.'),
  R('SS-SIGN-4', 'MUST', 'stream', 'URLs from the signing service verify at a distribution server until they expire.'),
  R('SS-MOS-1', 'MUST', 'stream', 'Media URLs a MOS device publishes for a protected distribution server (objProxyPath) are signed, play until they expire, and are refused after.'),
];

const BY_ID = new Map(REQUIREMENTS.map((r) => [r.id, r]));

export function requirement(id: string): Requirement {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`unknown requirement id ${id} (lib/conformance/requirements.ts)`);
  return r;
}

export function levelOf(id: string): Level {
  return requirement(id).level;
}

export function isRequirement(id: string): boolean {
  return BY_ID.has(id);
}
