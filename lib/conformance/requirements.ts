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
  /**
   * Judged across the whole run of a role, on everything the system sent (suite/run-wide-checks.ts),
   * in a test case of its own (features/run-wide/), not only in scenarios tagged with it.
   */
  runWide?: boolean;
  /** Where the requirement comes from and the words that set its level (filled in per requirement). */
  source?: RequirementSource;
}

export interface RequirementSource {
  /** The document: 'proposal rev. 1.3', 'MOS 2.8.5', 'RFC 6455', 'Opencast code', ... */
  document: string;
  /** Section and paragraph within it, e.g. 'Required URL Parameters, para. 1' or '§5.5.2'. */
  locator: string;
  /** The words of the source that set the level ('MUST be provided', 'should', 'is expected to'). */
  words: string;
}

export type Family = 'mos-ws' | 'mos-content' | 'mos-profile' | 'stream' | 'security';

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
      'The proposal "does not fundamentally change any of the other behaviour of MOS": every message a system sends must still be valid MOS. Judged on every message the system under test sends, in every MOS scenario, against the [MOS 2.8.5 content model](mos-content-model.md) (generated from lib/mos/model/).',
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
  security: {
    title: 'Security and robustness (RFC 6455, RFC 8996, RFC 9325 / BCP 195: beyond the proposal)',
    intro:
      'Not statements of the proposal: what a security team asks of any WebSocket endpoint on a network, from the RFCs the proposal builds on (each requirement names its source and the words that set its level). Checked on the listening system (every channel) and, where they apply, on the connections a dialling system opens. Probes that may crash a fragile system (entity expansion, deep nesting, a 16 MiB message, floods) run against a vendor\'s system only with --include-destructive (config includeDestructive); the scenario says which probes ran.',
    declared: 'Left out, with the reasons in docs/interpretations.md (security): WebSocket compression (permessage-deflate, Autobahn 12-13: MOS does not negotiate it), payload-size and performance cases (Autobahn 9-10), TLS renegotiation, OCSP and certificate-chain completeness (scanners such as testssl.sh cover them).',
  },
};

/** A requirement of the security family, with its source (the RFC and the words that set its level). */
const S = (id: string, level: Level, summary: string, source: RequirementSource): Requirement => ({ id, level, family: 'security', summary, source });

const R = (id: string, level: Level, family: Family, summary: string, runWide?: true): Requirement => ({ id, level, family, summary, ...(runWide ? { runWide } : {}) });

export const REQUIREMENTS: readonly Requirement[] = [
  R('MOSWS-TRANSPORT-1', 'MUST', 'mos-ws', 'MOS messages travel over a WebSocket endpoint (ws or wss), one MOS message per WebSocket text message; MOS request/reply behaviour is otherwise unchanged (a request gets its reply, matched by messageID).'),
  R('MOSWS-TRANSPORT-2', 'MUST', 'mos-ws', 'A reply travels back on the socket its request arrived on, whichever side opened that socket.', true),
  R('MOSWS-URL-1', 'MUST', 'mos-ws', 'Every connection request carries mosID, ncsID and channel (mom, ro or aux); a listening side refuses a request without them before any MOS message flows.'),
  R('MOSWS-URL-2', 'MUST', 'mos-ws', 'mosID and ncsID authenticate the connection: a listening side refuses identities it is not configured for.'),
  R('MOSWS-URL-3', 'MUST', 'mos-ws', "A connecting side passes along the extra query parameters configured in the peer's URL, unchanged; a listening side accepts them."),
  R('MOSWS-URL-7', 'SHOULD', 'mos-ws', "A connecting side keeps the configured query byte for byte: each extra parameter as it was written, its percent-encoding included (not re-serialised)."),
  R('MOSWS-URL-4', 'SHOULD', 'mos-ws', "A connecting side opens two sockets to the peer's URL, one with channel=mom and one with channel=ro (two ports, four sockets)."),
  R('MOSWS-URL-6', 'SHOULD', 'mos-ws', 'A listening side accepts the NCS ID parameter under both spellings the proposal uses: ncsID (its example URLs) and nCSID (its parameter list).'),
  R('MOSWS-URL-5', 'MUST', 'mos-ws', "The peer's endpoint is configurable as a whole URL: scheme, host, port, path and query."),
  R('MOSWS-AUTH-1', 'MUST', 'mos-ws', 'The connecting side sends its credentials in the HTTP Authorization header with the Basic scheme on the upgrade request.'),
  R('MOSWS-AUTH-2', 'MUST', 'mos-ws', 'A listening side refuses a request without valid Basic credentials (HTTP 401 carrying WWW-Authenticate: Basic, no upgrade) and accepts the configured ones.'),
  R('MOSWS-AUTH-3', 'SHOULD', 'mos-ws', 'Credentials are never put in a URL, in any form (plain, percent-encoded, base64, as a Basic token), under any parameter name.', true),
  R('MOSWS-TLS-1', 'SHOULD', 'mos-ws', 'Connections use wss (TLS); plain ws only where explicitly configured.'),
  R('MOSWS-TLS-2', 'SHOULD', 'mos-ws', 'Untrusted (self-signed) certificates are accepted, or an option accepts them (and, where accepted by default, an option refuses them).'),
  R('MOSWS-PASSIVE-1', 'MUST', 'mos-ws', 'In passive mode the side inside the firewall opens the sockets with passive=true; the listening side treats them as its outbound sockets and originates its messages over them.'),
  R('MOSWS-PASSIVE-2', 'SHOULD', 'mos-ws', 'One passive socket is established per channel (mom and ro).'),
  R('MOSWS-PASSIVE-3', 'MUST', 'mos-ws', 'A dropped passive socket is re-established at once by the active side; no message is lost across the drop.'),
  R('MOSWS-PASSIVE-4', 'MUST', 'mos-ws', 'An NRCS supports the active side of passive mode (a device may).'),
  R('MOSWS-KA-1', 'MUST', 'mos-ws', 'keepAlive is a profile-0 message in the mos envelope (mosID, ncsID, keepAlive).', true),
  R('MOSWS-KA-2', 'SHOULD', 'mos-ws', 'A received keepAlive is discarded: no reply, the connection stays open.'),
  R('MOSWS-KA-3', 'SHOULD', 'mos-ws', 'keepAlive is sent on every connected socket, whichever side opened it, every 30 s or after 30 s idle.'),
  R('MOSWS-KA-4', 'SHOULD', 'mos-ws', 'keepAlive carries no messageID: it is not sequenced, so one "is not necessary".', true),
  R('MOSWS-DEPR-1', 'SHOULD', 'mos-ws', 'The deprecated messages (roStoryAppend, roStoryInsert, roStoryReplace, roStoryMove, roStoryMoveMultiple, roStorySwap, roStoryDelete, roItemInsert, roItemReplace, roItemMoveMultiple, roItemDelete, roStat, roItemStat) are not used; roElementAction is.', true),

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

  R('SS-VERIFY-1', 'MUST', 'stream', 'A verifier serves a correctly signed, valid request, by GET and by HEAD.'),
  R('SS-VERIFY-2', 'MUST', 'stream', 'A request whose policy, keyId or signature parameter is missing, blank, duplicated or unreadable (not base64, not a policy) is refused.'),
  R('SS-VERIFY-3', 'MUST', 'stream', 'A request whose policy or signature was changed after signing is refused; the signature is compared exactly (another digit, letter case or length is a mismatch).'),
  R('SS-VERIFY-4', 'MUST', 'stream', 'A request signed under a keyId the verifier does not know is refused (no other key stands in).'),
  R('SS-VERIFY-5', 'MUST', 'stream', "A policy bound to a client address (IpAddress) refuses every other client: the TCP peer's address compared whole, not a prefix of it, not one claimed in X-Forwarded-For."),
  R('SS-VERIFY-6', 'MUST', 'stream', "After DateLessThan the request is refused, whatever Date header the client sends; the instant itself is still valid; a policy without DateLessThan is refused."),
  R('SS-VERIFY-7', 'MUST', 'stream', 'Before DateGreaterThan the request is refused; from that instant on it is valid.'),
  R('SS-VERIFY-8', 'MUST', 'stream', 'A policy for one resource does not open another: not another file, not a resource its path is a prefix of, not the path in other letter case; a policy without Resource is refused.'),
  R('SS-VERIFY-9', 'MUST', 'stream', "Strict checking compares scheme, host, port (an explicit non-default one included) and path of the request with the policy's Resource, and nothing else: parameters added to the query do not matter."),
  R('SS-VERIFY-10', 'MUST', 'stream', 'Non-strict checking compares paths only (opencast-java profile: the policy path ends with the request path; apache-httpd: equal paths); host, port, scheme and queries do not matter.'),
  R('SS-VERIFY-11', 'MUST', 'stream', 'With stream security on, unsigned requests are refused, by any method and for every file, even one without access restrictions.'),
  R('SS-VERIFY-12', 'SHOULD', 'stream', "A verifier of the apache-httpd profile checks the signature over the policy text it received, so a text rewritten with the same meaning is refused (the opencast-java profile re-serialises the parsed policy first, by design)."),
  R('SS-QUERY-1', 'SHOULD', 'stream', "In strict mode a URL whose resource had a query (Opencast's signer keeps it in Resource) is served: the query is not compared. Opencast's own verifiers compare the whole Resource with the request URL without its query and refuse it."),
  R('SS-CLOCK-1', 'SHOULD', 'stream', 'A verifier compares times to the millisecond: a URL is refused from 1 ms after DateLessThan and served from DateGreaterThan (one truncating to whole seconds serves up to 999 ms too long and starts up to 999 ms late).'),
  R('SS-ROBUST-1', 'MUST', 'stream', 'Every request gets an HTTP answer, however malformed (any number of parameters, repeated, blank or valueless ones, very long values, non-ASCII text, invalid percent-escapes, other methods): never a reset, a close without an answer, or silence.'),
  R('SS-ENCODING-1', 'MUST', 'stream', "The policy is base64url without padding, as Opencast's signer writes it: a signer writes it so, and a verifier reads it (any length, with '-' and '_')."),
  R('SS-ENCODING-2', 'SHOULD', 'stream', "A verifier also reads the standard base64 spellings Opencast's verifiers read: padding as '=' or '%3D', a raw '/', and '+' and '/' as its profile's query parsing leaves them (opencast-java: '%2B' and '%2F'; apache-httpd: raw '+' and '/')."),
  R('SS-STATUS-1', 'SHOULD', 'stream', "A denial carries the status Opencast gives its reason: 400 for a missing, blank, duplicated or unreadable parameter or policy (and an unknown keyId in the apache-httpd profile); 403 for a signature, key (opencast-java), client address or resource mismatch; 410 after DateLessThan or before DateGreaterThan."),
  R('SS-SIGN-1', 'MUST', 'stream', 'A signed URL is the original URL followed by policy, keyId and signature in that order; the policy is Opencast\'s canonical JSON; the signature is the lowercase hex HMAC-SHA256 of the JSON text with the key.'),
  R('SS-SIGN-2', 'MUST', 'stream', "A query the URL already had belongs to the policy's Resource."),
  R('SS-SIGN-3', 'MUST', 'stream', 'An optional start time and client address become DateGreaterThan and IpAddress.'),
  R('SS-SIGN-4', 'MUST', 'stream', 'URLs from the signing service verify at a distribution server until they expire.'),
  R('SS-MOS-1', 'MUST', 'stream', 'Media URLs a MOS device publishes for a protected distribution server (objProxyPath) are signed (with the key configured for it, where the suite knows it), play until they expire, and are refused after.'),

  // ---- Probes (branch probes): generated mutation tables (lib/conformance/probe-grammar.ts), element-by-element
  // checks of a dialling system's request, and the identities of every envelope. Where the proposal is silent
  // the level is SHOULD and the reading is in docs/interpretations.md #96.
  { ...R('MOSWS-URL-8', 'SHOULD', 'mos-ws', 'A listening side reads the query as URLs are read (a percent-encoded character is that character) and compares exactly: an identity or channel in other letter case or with surrounding spaces, a required parameter repeated with another value, or a configured extra parameter missing, empty or changed is refused.'),
    source: { document: 'proposal rev. 1.3 (silent); RFC 3986', locator: 'Technical Details, para. 3; Required URL Parameters; RFC 3986 §2.3, §6.2.2.2', words: 'parameters should be provided to the URL in order to authenticate the connection' } },
  { ...R('MOSWS-AUTH-4', 'SHOULD', 'mos-ws', 'A listening side compares credentials exactly and reads the scheme as HTTP does: a user name in other letter case or padded, a padded password, or two Authorization headers are refused; the scheme word is accepted in any letter case.'),
    source: { document: 'proposal rev. 1.3 (silent); RFC 7235, RFC 7617', locator: 'Authentication; RFC 7235 §2.1', words: 'we are proposing the use of a username/password schema on the basis of the HTTP Authorization headers' } },
  { ...R('MOSWS-TRANSPORT-3', 'SHOULD', 'mos-ws', 'A listening side answers every connection request, however unusual its parameters or credentials, with the upgrade or an HTTP 4xx refusal: never a 5xx, a reset or silence.'),
    source: { document: 'RFC 9110, RFC 6455', locator: 'RFC 9110 §15.5, §15.6; RFC 6455 §4.2.2', words: 'the server should respond with an appropriate 4xx' } },
  { ...R('MOSWS-URL-9', 'SHOULD', 'mos-ws', 'A connecting side writes each required parameter (mosID, ncsID or nCSID, channel) exactly once and each configured extra parameter exactly once, adding no other parameter than passive=true on passive sockets.'),
    source: { document: 'proposal rev. 1.3', locator: 'Required URL Parameters; Technical Details, example URLs', words: 'you should pass along any additional query parameters that are entered as part of the device/newsroom URL configuration' } },
  { ...R('MOSWS-ENV-1', 'SHOULD', 'mos-ws', 'Every MOS message a system sends carries in its envelope the mosID and ncsID of the connection it travels on.'),
    source: { document: 'proposal rev. 1.3; MOS 2.8.5', locator: 'Required URL Parameters (mosID, nCSID); MOS 2.8.5 §3.1 message envelope', words: 'mosID: the MOS ID of the device connecting (or being connected to)' } },

  // ---- Security and robustness: from the RFCs the proposal builds on, not from the proposal itself.
  // Levels are the sources' own (MUST-strength words -> MUST; SHOULD or weaker -> SHOULD).
  S('SEC-WS-1', 'MUST', 'The opening handshake is answered correctly: 101 with Upgrade: websocket, Connection: Upgrade and the Sec-WebSocket-Accept of the client\'s key; no subprotocol or extension the client did not offer.', { document: 'RFC 6455', locator: '§4.1, §4.2.2', words: 'the client MUST _Fail the WebSocket Connection_ (a wrong Sec-WebSocket-Accept, or a subprotocol or extension not offered)' }),
  S('SEC-WS-2', 'MUST', 'Every Ping is answered with a Pong carrying the same payload, on every channel and on the connections the system opens.', { document: 'RFC 6455', locator: '§5.5.2, §5.5.3', words: 'Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in response ... identical "Application data"' }),
  S('SEC-WS-3', 'MUST', 'A fragmented message (text frame, continuation frames, a control frame between them) is reassembled and handled as one message.', { document: 'RFC 6455', locator: '§5.4', words: 'An endpoint MUST be capable of handling control frames in the middle of a fragmented message' }),
  S('SEC-WS-4', 'MUST', 'A text message (or Close reason) that is not valid UTF-8 fails the connection: the system closes it and processes nothing more from it.', { document: 'RFC 6455', locator: '§8.1', words: 'finds that the byte stream is not, in fact, a valid UTF-8 stream, that endpoint MUST _Fail the WebSocket Connection_' }),
  S('SEC-WS-5', 'MUST', 'Protocol errors fail the connection: reserved bits without an extension, reserved opcodes, an unmasked client frame, a control frame over 125 bytes or fragmented, a stray continuation, an invalid Close payload; and a server never sends such frames (masked, reserved bits or opcodes).', { document: 'RFC 6455', locator: '§5.1, §5.2, §5.5', words: 'the receiving endpoint MUST _Fail the WebSocket Connection_; The server MUST close the connection upon receiving a frame that is not masked; All control frames MUST have a payload length of 125 bytes or less and MUST NOT be fragmented' }),
  S('SEC-WS-6', 'MUST', 'A Close frame is answered with a Close frame (the closing handshake), by a listening system and by one that dials.', { document: 'RFC 6455', locator: '§5.5.1', words: 'If an endpoint receives a Close frame and did not previously send a Close frame, the endpoint MUST send a Close frame in response' }),
  S('SEC-WS-7', 'SHOULD', 'A connection failed for bad data or a protocol error is closed with a Close frame carrying the status §7.4.1 gives the defect: 1007 for invalid UTF-8, 1002 for a protocol error.', { document: 'RFC 6455', locator: '§7.1.7, §7.4.1', words: 'the endpoint SHOULD send a Close frame with an appropriate status code' }),
  S('SEC-WS-8', 'MUST', 'A dialling system masks every frame it sends, with no reserved bits or opcodes.', { document: 'RFC 6455', locator: '§5.1, §5.2', words: 'a client MUST mask all frames that it sends to the server' }),
  S('SEC-TLS-1', 'MUST', 'TLS 1.0 and TLS 1.1 are refused.', { document: 'RFC 8996', locator: '§2, §3', words: 'TLS 1.0 MUST NOT be used ... TLS 1.1 MUST NOT be used' }),
  S('SEC-TLS-2', 'MUST', 'A current TLS version is offered: TLS 1.2, or TLS 1.3 (an endpoint that speaks only TLS 1.3 passes, #97).', { document: 'RFC 9325 (BCP 195)', locator: '§3.1.1', words: 'Implementations MUST support TLS 1.2' }),
  S('SEC-TLS-3', 'MUST', 'No cipher suite with NULL encryption, of export grade or single DES (under 112 bits), or with RC4 is negotiated.', { document: 'RFC 9325 (BCP 195); RFC 7465', locator: '§4.1; §2', words: 'Implementations MUST NOT negotiate the cipher suites with NULL encryption ... MUST NOT negotiate cipher suites offering less than 112 bits of security; TLS servers MUST NOT select an RC4 cipher suite' }),
  S('SEC-TLS-4', 'SHOULD', 'No triple-DES cipher suite (112 bits, under 128) is negotiated.', { document: 'RFC 9325 (BCP 195)', locator: '§4.1', words: 'Implementations SHOULD NOT negotiate cipher suites that use algorithms offering less than 128 bits of security' }),
  S('SEC-CERT-1', 'MUST', 'The certificate presented is within its validity period (self-signed ones included).', { document: 'RFC 5280', locator: '§6.1, §6.1.3 (a)(2)', words: 'MUST provide functionality equivalent to the external behavior resulting from this procedure ... The certificate validity period includes the current time' }),
  S('SEC-CERT-2', 'MUST', 'Where the suite is given trust for the system (a CA, or untrusted certificates not allowed), the certificate names the host of the configured URL.', { document: 'RFC 9110; RFC 6125', locator: '§4.3.4; §6', words: 'the client MUST verify that the service identity ... matches the origin server\'s identity' }),
  S('SEC-CERT-3', 'MUST', 'The certificate\'s key is adequate: RSA of 2048 bits or more, or an elliptic-curve key on a curve of 224 bits or more.', { document: 'RFC 9325 (BCP 195)', locator: '§4.3, §4.2.1', words: 'servers MUST authenticate using certificates with at least a 2048-bit modulus for the public key' }),
  S('SEC-CERT-4', 'MUST', 'A dialling system whose untrusted-certificate option is off (the proposal\'s amendment makes it an option) refuses a certificate that has expired or names another host, even from a CA it trusts.', { document: 'RFC 9110; RFC 5280', locator: '§4.3.4; §6.1.3', words: 'If the certificate is not valid for the URI\'s origin server, a user agent MUST either notify the user ... or terminate the connection with a bad certificate error' }),
  S('SEC-ROBUST-1', 'MUST', 'Hostile input over an authenticated connection (malformed XML, text that is not XML, an empty or unknown message, an external entity; with --include-destructive also entity expansion, deep nesting, a 16 MiB message, a flood of messages) leaves the system up: at most the offending socket is closed, and a fresh connection is served.', { document: 'RFC 6455', locator: '§10.7, §10.4', words: 'Incoming data MUST always be validated by both clients and servers; Implementations ... MUST protect themselves against exceeding those limits' }),
  S('SEC-ROBUST-2', 'MUST', 'Hostile input before authentication (bytes that are not HTTP, a malformed upgrade, frames sent before the 101, an oversized request line, a slow handshake, a half-open socket; with --include-destructive also floods of connections and of refused upgrades) leaves the system up and serving a fresh connection.', { document: 'RFC 6455', locator: '§10.7', words: 'Incoming data MUST always be validated by both clients and servers ... when the endpoint sees an opening handshake that does not correspond to the values it is expecting ... the endpoint MAY drop the TCP connection' }),
  S('SEC-SECRET-1', 'SHOULD', 'No answer of the system (HTTP refusals, MOS replies, answers to hostile input) echoes a password or Basic token: the configured ones, or ones it was sent.', { document: 'proposal rev. 1.3', locator: 'Authentication, para. 1', words: 'all web socket channel communication should be secured ... avoids any accidental interception or capture of this data in logs' }),
  S('SEC-ORIGIN-1', 'SHOULD', 'An upgrade carrying an Origin the system does not expect (a web page in a browser that cached the Basic credentials) is refused, with 403.', { document: 'RFC 6455', locator: '§10.2', words: 'Servers that are not intended to process input from any web page but only for certain sites SHOULD verify the |Origin| field is an origin they expect' }),
];

// Where each requirement comes from, and the words that set its level (docs/requirements.md shows
// them; a MUST needs MUST-strength words). Requirements added with their own `source` keep it.
const PROPOSAL = 'proposal rev. 1.3';
const MOS = 'MOS 2.8.5';
const OPENCAST = "Opencast's code (stream-security facts)";
const SOURCES: Readonly<Record<string, RequirementSource>> = {
  'MOSWS-TRANSPORT-1': { document: PROPOSAL, locator: 'Technical Details, para. 2-3; Proposal, para. 1', words: 'defines the binding: "each MOS message is automatically bounded by the web socket protocol"; "does not fundamentally change any of the other behavior of MOS" (MUST kept: without it there is no MOS over WebSocket; open question)' },
  'MOSWS-TRANSPORT-2': { document: PROPOSAL, locator: 'Other Notes, Two Ports / Four Sockets', words: '"This proposal does not change the way that MOS v2 socket management is handled" (MUST kept as MOS 2.x socket behaviour; open question)' },
  'MOSWS-URL-1': { document: PROPOSAL, locator: 'Required URL Parameters, para. 1', words: '"the following parameters MUST be provided for each web socket connection request"' },
  'MOSWS-URL-2': { document: PROPOSAL, locator: 'Required URL Parameters, para. 1; Technical Details, para. 4', words: '"In order for the web sockets to be secure ... MUST be provided"; "parameters should be provided to the URL in order to authenticate the connection"' },
  'MOSWS-URL-3': { document: PROPOSAL, locator: 'Required URL Parameters (channel, "Plus, any other parameters configured in the URL"); Technical Details, para. 5', words: 'within the list that "MUST be provided"; "you should pass along any additional query parameters"' },
  'MOSWS-URL-7': { document: PROPOSAL, locator: 'Technical Details, para. 5-6 (example URLs)', words: '"pass along any additional query parameters" (byte for byte is the suite\'s reading: SHOULD)' },
  'MOSWS-URL-4': { document: PROPOSAL, locator: 'Technical Details, para. 4', words: '"Clients are expected to use this URL to connect two sockets, one with channel=mom, and another with channel=ro" ("expected to": SHOULD)' },
  'MOSWS-URL-6': { document: PROPOSAL, locator: 'Technical Details example URLs (ncsID) vs Required URL Parameters (nCSID)', words: 'the proposal spells the parameter both ways (SHOULD: the suite\'s reading)' },
  'MOSWS-URL-5': { document: PROPOSAL, locator: 'Required URL Parameters, last para.', words: '"it must be available somewhere in the application to configure all of these parameters"' },
  'MOSWS-AUTH-1': { document: PROPOSAL, locator: 'Authentication, para. 1-2', words: '"This requires an authorization fields to be added to the HTTP header on connection of the web socket"' },
  'MOSWS-AUTH-2': { document: `${PROPOSAL}; RFC 7235`, locator: 'Authentication, para. 1-2; RFC 7235 §3.1', words: '"This requires an authorization fields ..."; RFC 7235: a 401 "MUST send a WWW-Authenticate header field"' },
  'MOSWS-AUTH-3': { document: PROPOSAL, locator: 'Authentication, para. 1', words: '"by not putting sensitive credentials into the URL avoids any accidental interception" (a reason, no MUST: SHOULD)' },
  'MOSWS-TLS-1': { document: PROPOSAL, locator: 'Authentication, para. 1; Technical Details, para. 2', words: '"It is strongly recommended that devices use HTTPS when possible"' },
  'MOSWS-TLS-2': { document: PROPOSAL, locator: 'Self Signed and Untrusted Certificates, para. 2', words: '"devices and newsrooms are expected to also accept untrusted (or self signed) certificates, or provide an option to do so"' },
  'MOSWS-PASSIVE-1': { document: PROPOSAL, locator: 'Technical Details, passive mode para.; Other Notes', words: 'defines passive mode: "This instructs the receiving device to treat it as an outbound socket"; "it will use this passive web socket connection" (MUST kept: the definition of the mode; open question)' },
  'MOSWS-PASSIVE-2': { document: PROPOSAL, locator: 'Technical Details, passive mode para.', words: '"One socket per port should be established"' },
  'MOSWS-PASSIVE-3': { document: PROPOSAL, locator: 'Technical Details, passive mode para.; Note after the passive sequence', words: '"the internal device must re-establish the socket as quickly as possible"; "Passive Connections ... must remain connected at all times"' },
  'MOSWS-PASSIVE-4': { document: PROPOSAL, locator: 'Requirement for Passive Mode', words: '"the NRCS side must support the \'active\' side of passive mode ... in order to be compliant"; "This requirement has now been accepted"' },
  'MOSWS-KA-1': { document: `${PROPOSAL}; ${MOS}`, locator: 'KeepAlive Message Addition to Profile 0 (the message)', words: 'a MOS message in profile 0: the mos envelope of MOS 2.8.5' },
  'MOSWS-KA-2': { document: PROPOSAL, locator: 'KeepAlive Message Addition to Profile 0, para. 3-4', words: '"It should be discarded on receipt and no reply is necessary"' },
  'MOSWS-KA-3': { document: PROPOSAL, locator: 'KeepAlive Message Addition to Profile 0, last para.', words: '"it is recommended this be sent at a duration of 30 seconds"; "This should be sent across each connected socket/channel"' },
  'MOSWS-KA-4': { document: PROPOSAL, locator: 'KeepAlive Message Addition to Profile 0, para. 3', words: '"messageID is not necessary for this message as it is not sequenced" (no MUST NOT: SHOULD)' },
  'MOSWS-DEPR-1': { document: PROPOSAL, locator: 'Optional Request for Consideration: Removal of Deprecated Messages', words: '"A recommendation can be made to officially remove messages that were deprecated" (a recommendation: SHOULD)' },
};
for (const id of ['MOS-CONTENT-1', 'MOS-CONTENT-2', 'MOS-CONTENT-3', 'MOS-CONTENT-4', 'MOS-CONTENT-5', 'MOS-CONTENT-6']) (SOURCES as Record<string, RequirementSource>)[id] = { document: MOS, locator: 'message definitions and DTD (lib/mos/model/)', words: 'the message structure MOS defines (required, ordered, counted, typed)' };
(SOURCES as Record<string, RequirementSource>)['MOS-CONTENT-7'] = { document: MOS, locator: 'mosExternalMetadata; unknown tags', words: 'vendor data belongs in mosExternalMetadata (SHOULD: other tags are ignored by receivers)' };
for (const id of ['MOS-PROFILE-1', 'MOS-PROFILE-2', 'MOS-PROFILE-3']) (SOURCES as Record<string, RequirementSource>)[id] = { document: MOS, locator: 'Profiles 0-4: each message\'s Response and workflow', words: 'the reply and the originations each profile defines' };

for (const r of REQUIREMENTS) {
  if (r.source) continue;
  const s = SOURCES[r.id] ?? (r.family === 'stream' ? { document: OPENCAST, locator: 'shared/stream-security-facts.md; Opencast stream security guide', words: r.level === 'MUST' ? 'what every Opencast verifier/signer does (protocol compatibility)' : 'where Opencast\'s components differ or the guide only advises' } : undefined);
  if (s) r.source = s;
}

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
