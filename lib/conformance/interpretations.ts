// The index of docs/interpretations.md: every entry with its stable anchor, its old number (the
// "docs/interpretations.md #N" references), its title and the requirements it interprets. The
// requirement table (docs/requirements.md) and the HTML report link each requirement to its entries
// from here; `npm run interpretations` writes each entry's anchor and heading into the document
// from this table, and a test checks that the document, the table and the references agree.
//
// Adding an entry: pick the family section (SECTIONS, fixed order), add a row there with the next
// free number and an anchor `i-<section>-<words>` (never reuse or rename an anchor: reports and
// documents link to it), write its text under the row's heading in the document, then run
// `npm run interpretations`.
import { REQUIREMENTS } from './requirements';

export type InterpretationSection =
  | 'transport'
  | 'url'
  | 'auth'
  | 'tls'
  | 'passive'
  | 'keepalive'
  | 'content'
  | 'profile'
  | 'stream'
  | 'peers'
  | 'suite'
  | 'bridge';

/** The document's sections of decisions, in the document's order: requirement families first. */
export const SECTIONS: ReadonlyArray<{ id: InterpretationSection; anchor: string; title: string }> = [
  { id: 'transport', anchor: 's-transport', title: 'Messages and transport [MOSWS-TRANSPORT, MOSWS-DEPR]' },
  { id: 'url', anchor: 's-url', title: 'URL and parameters [MOSWS-URL]' },
  { id: 'auth', anchor: 's-auth', title: 'Authentication [MOSWS-AUTH]' },
  { id: 'tls', anchor: 's-tls', title: 'TLS [MOSWS-TLS]' },
  { id: 'passive', anchor: 's-passive', title: 'Passive mode [MOSWS-PASSIVE]' },
  { id: 'keepalive', anchor: 's-keepalive', title: 'keepAlive [MOSWS-KA]' },
  { id: 'content', anchor: 's-content', title: 'MOS message content, MOS 2.8.5 model [MOS-CONTENT]' },
  { id: 'profile', anchor: 's-profile', title: 'MOS profiles [MOS-PROFILE]' },
  { id: 'stream', anchor: 's-stream', title: 'Stream security, Opencast signing protocol [SS]' },
  { id: 'peers', anchor: 's-peers', title: 'Peers the suite did not build (cross-checks)' },
  { id: 'suite', anchor: 's-suite', title: 'Suite conventions' },
  { id: 'bridge', anchor: 's-bridge', title: 'Bridge to MOS 2.x (implementation tip)' },
];

export interface Interpretation {
  /** The stable anchor in docs/interpretations.md (`#i-…`). */
  anchor: string;
  /** The entry's number ("docs/interpretations.md #N"); entries that were never numbered have none. */
  n?: number;
  title: string;
  section: InterpretationSection;
  /** The requirements the entry interprets (ids of lib/conformance/requirements.ts). */
  requirements: readonly string[];
}

const CONTENT_ALL = ['MOS-CONTENT-1', 'MOS-CONTENT-2', 'MOS-CONTENT-3', 'MOS-CONTENT-4', 'MOS-CONTENT-5', 'MOS-CONTENT-6', 'MOS-CONTENT-7'];

const I = (section: InterpretationSection, n: number | undefined, anchor: string, title: string, requirements: readonly string[] = []): Interpretation => ({
  anchor,
  ...(n !== undefined ? { n } : {}),
  title,
  section,
  requirements,
});

/** Every entry, in the document's order. */
export const INTERPRETATIONS: readonly Interpretation[] = [
  I('transport', 14, 'i-transport-reply-socket', 'Replies go back on the socket the request came on', ['MOSWS-TRANSPORT-2']),
  I('transport', 76, 'i-transport-both-dialling', 'Normal mode with both sides dialling', ['MOSWS-TRANSPORT-2']),
  I('transport', 20, 'i-transport-reply-matching', 'Reply matching', ['MOSWS-TRANSPORT-1']),
  I('transport', 21, 'i-transport-frames', 'Frames', ['MOSWS-TRANSPORT-1', 'MOSWS-KA-1']),
  I('transport', 19, 'i-transport-deprecated', 'Deprecated list', ['MOSWS-DEPR-1']),
  I('transport', 81, 'i-transport-run-wide', 'One defect, one verdict: requirements judged across the run', ['MOSWS-TRANSPORT-1', 'MOSWS-TRANSPORT-2', 'MOSWS-KA-1', 'MOSWS-KA-4', 'MOSWS-AUTH-3', 'MOSWS-DEPR-1', ...CONTENT_ALL]),
  I('transport', 82, 'i-transport-byte-order-mark', 'A byte-order mark, and other text before the envelope', ['MOSWS-TRANSPORT-1']),
  I('transport', 97, 'i-transport-security-family', 'Security and robustness (SEC-*): levels, what self-signed certificates still owe, what runs when', ['SEC-SECRET-1', 'SEC-WS-1', 'SEC-WS-2', 'SEC-WS-3', 'SEC-WS-4', 'SEC-WS-5', 'SEC-WS-6', 'SEC-WS-7', 'SEC-WS-8', 'SEC-TLS-1', 'SEC-TLS-2', 'SEC-TLS-3', 'SEC-TLS-4', 'SEC-CERT-1', 'SEC-CERT-2', 'SEC-CERT-4', 'SEC-CERT-3', 'SEC-ROBUST-1', 'SEC-ORIGIN-1', 'MOSWS-TLS-2']),

  I('url', 1, 'i-url-ncs-spelling', '`ncsID` vs `nCSID`', ['MOSWS-URL-1', 'MOSWS-URL-6']),
  I('url', 2, 'i-url-channel-typo', '`channel-ro` is a typo', ['MOSWS-URL-1']),
  I('url', 3, 'i-url-refusal-status', 'Status for a bad URL', ['MOSWS-URL-1', 'MOSWS-URL-2']),
  I('url', 4, 'i-url-configured-ids', 'mosID/ncsID must be the configured ones', ['MOSWS-URL-2']),
  I('url', 5, 'i-url-extra-params', 'Extra parameters', ['MOSWS-URL-3', 'MOSWS-URL-7']),
  I('url', 6, 'i-url-passive-values', '`passive` is `true` or `false`', ['MOSWS-PASSIVE-1']),
  I('url', 7, 'i-url-channels', 'Channels: aux accepted, mom and ro opened', ['MOSWS-URL-1', 'MOSWS-URL-4']),
  I('url', 74, 'i-url-why-no-connection', 'Why a connection did not open, in one requirement', ['MOSWS-AUTH-1', 'MOSWS-URL-1', 'MOSWS-URL-4', 'MOSWS-URL-5', 'MOSWS-PASSIVE-1']),
  I('url', 96, 'i-url-generated-probes', 'Generated probes', ['MOSWS-TRANSPORT-3', 'MOSWS-URL-8', 'MOSWS-URL-2', 'MOSWS-URL-1', 'MOSWS-URL-6', 'MOSWS-AUTH-4', 'MOSWS-AUTH-2', 'MOSWS-URL-9', 'MOSWS-ENV-1']),

  I('auth', 8, 'i-auth-credentials-in-url', 'Credentials in the URL', ['MOSWS-AUTH-3']),
  I('auth', 9, 'i-auth-refusal-401', 'Refusal is HTTP 401 with no upgrade', ['MOSWS-AUTH-2']),
  I('auth', 10, 'i-auth-malformed', 'Malformed credentials', ['MOSWS-AUTH-2']),

  I('tls', 22, 'i-tls-wss', 'wss vs ws', ['MOSWS-TLS-1']),
  I('tls', 23, 'i-tls-self-signed', 'Self-signed certificates', ['MOSWS-TLS-2']),
  I('tls', 75, 'i-tls-dialling-side', 'TLS, dialling side', ['MOSWS-TLS-1', 'MOSWS-TLS-2']),

  I('passive', 11, 'i-passive-socket-layout', 'Socket layout', ['MOSWS-PASSIVE-1', 'MOSWS-PASSIVE-2']),
  I('passive', 12, 'i-passive-reconnect-threshold', '"Re-establish as quickly as possible"', ['MOSWS-PASSIVE-3']),
  I('passive', 13, 'i-passive-nothing-lost', 'Nothing lost', ['MOSWS-PASSIVE-3']),
  I('passive', 15, 'i-passive-nrcs-active-side', 'NRCS must support the active side', ['MOSWS-PASSIVE-4']),
  I('passive', 70, 'i-passive-long-running', "A vendor's system is one long-running process", ['MOSWS-PASSIVE-3', 'MOSWS-URL-4']),
  I('passive', 71, 'i-passive-retries', 'Retries while the peer is unreachable', ['MOSWS-PASSIVE-3']),
  I('passive', 72, 'i-passive-one-per-channel', 'One passive socket per channel', ['MOSWS-PASSIVE-1', 'MOSWS-PASSIVE-2', 'MOSWS-PASSIVE-4']),
  I('passive', 73, 'i-passive-nrcs-undeclared', 'An NRCS that does not declare passive-active', ['MOSWS-PASSIVE-4']),
  I('passive', 85, 'i-passive-queue-by-messageid', 'The queue across a drop, matched by messageID', ['MOSWS-PASSIVE-3']),
  I('passive', 87, 'i-passive-a-run-that-leaves-a-must-capability-unde', 'A run that leaves a MUST capability undeclared is INCOMPLETE, exit code 4', ['MOSWS-PASSIVE-4']),
  I('passive', 90, 'i-passive-a-system-that-never-dials-is-not-waited', 'A system that never dials is not waited for again', ['MOSWS-URL-4', 'MOSWS-PASSIVE-1']),

  I('keepalive', 16, 'i-ka-sending-should', 'Sending is a SHOULD', ['MOSWS-KA-3']),
  I('keepalive', 17, 'i-ka-discarded', 'Discarded, never answered', ['MOSWS-KA-2']),
  I('keepalive', 18, 'i-ka-no-message-id', 'A keepAlive with a messageID is a Warning', ['MOSWS-KA-1', 'MOSWS-KA-4']),

  I('content', 40, 'i-content-sources', 'Sources and precedence', CONTENT_ALL),
  I('content', 41, 'i-content-engine-not-xsd', 'TypeScript data and an engine, not XML Schema'),
  I('content', 42, 'i-content-added-tags', 'Added tags', ['MOS-CONTENT-7']),
  I('content', 43, 'i-content-model-unsure', 'When the model is unsure', ['MOS-CONTENT-1', 'MOS-CONTENT-7']),
  I('content', 44, 'i-content-order-paths', 'Order and paths', ['MOS-CONTENT-2']),
  I('content', 77, 'i-content-envelope-order', "The envelope's order", ['MOS-CONTENT-2']),
  I('content', 45, 'i-content-mixed', 'Mixed content', ['MOS-CONTENT-7']),
  I('content', 46, 'i-content-length', 'Length limits', ['MOS-CONTENT-4']),
  I('content', 47, 'i-content-empty', 'Empty values', ['MOS-CONTENT-4']),
  I('content', 48, 'i-content-time', 'Time', ['MOS-CONTENT-6']),
  I('content', 49, 'i-content-durations-numbers', 'Durations and numbers', ['MOS-CONTENT-6']),
  I('content', 50, 'i-content-enumerations', 'Enumerations', ['MOS-CONTENT-5']),
  I('content', 51, 'i-content-object-paths', 'Object paths', ['MOS-CONTENT-4', 'MOS-CONTENT-6']),
  I('content', 52, 'i-content-element-action', 'roElementAction forms', ['MOS-CONTENT-3', 'MOS-CONTENT-5']),
  I('content', 53, 'i-content-element-stat-ack', 'roElementStat and roAck', ['MOS-CONTENT-3']),
  I('content', 54, 'i-content-mosobj-item', 'mosObj and item', ['MOS-CONTENT-1', 'MOS-CONTENT-2', 'MOS-CONTENT-7']),
  I('content', 55, 'i-content-structures', 'Other structures', ['MOS-CONTENT-1', 'MOS-CONTENT-2', 'MOS-CONTENT-3']),
  I('content', 56, 'i-content-profile-7', 'Profile 7', ['MOS-CONTENT-1']),
  I('content', 57, 'i-content-keepalive', 'keepAlive is an empty element', ['MOSWS-KA-1']),
  I('content', 58, 'i-content-builders', 'Builders'),
  I('content', 59, 'i-content-every-scenario', 'Content judged in every MOS scenario', CONTENT_ALL),
  I('content', 60, 'i-content-suite-messages', "The suite's own messages"),
  I('content', 69, 'i-content-throughput', 'Throughput with validation'),

  I('profile', 61, 'i-profile-declaration', 'Profile declaration', ['MOS-PROFILE-1']),
  I('profile', 78, 'i-profile-undeclared', 'Undeclared profiles', ['MOS-PROFILE-1']),
  I('profile', 62, 'i-profile-replies', 'Replies', ['MOS-PROFILE-2']),
  I('profile', 63, 'i-profile-originations', 'Originations', ['MOS-PROFILE-3']),
  I('profile', 64, 'i-profile-connections', 'Connections of the profile scenarios', ['MOS-PROFILE-2', 'MOS-PROFILE-3', 'MOSWS-PASSIVE-4']),
  I('profile', 65, 'i-profile-aux', 'The aux channel', ['MOS-PROFILE-2']),
  I('profile', 67, 'i-profile-simulators', 'Reference simulators'),
  I('profile', 68, 'i-profile-5-7', 'Profiles 5-7', ['MOS-PROFILE-1']),
  I('profile', 84, 'i-profile-moslistall-ack', 'mosListAll acknowledgement', ['MOS-PROFILE-2']),

  I('stream', 24, 'i-ss-signature-input', 'Signature input', ['SS-VERIFY-3', 'SS-VERIFY-12']),
  I('stream', 25, 'i-ss-unreadable-policy', 'Unreadable or incomplete policy', ['SS-VERIFY-2', 'SS-VERIFY-6', 'SS-VERIFY-8', 'SS-STATUS-1']),
  I('stream', 26, 'i-ss-signature-comparison', 'Signature comparison', ['SS-VERIFY-3']),
  I('stream', 27, 'i-ss-resource-query', 'Resource and query', ['SS-SIGN-2', 'SS-QUERY-1', 'SS-VERIFY-9', 'SS-VERIFY-10']),
  I('stream', 28, 'i-ss-verifier-profiles', 'Verifier profiles', ['SS-VERIFY-4', 'SS-VERIFY-10', 'SS-VERIFY-12', 'SS-ENCODING-2', 'SS-STATUS-1']),
  I('stream', 29, 'i-ss-status-codes', 'Status codes', ['SS-STATUS-1']),
  I('stream', 30, 'i-ss-client-address', 'Client address', ['SS-VERIFY-5']),
  I('stream', 31, 'i-ss-signing-service', 'Signing service API', ['SS-SIGN-4']),
  I('stream', 32, 'i-ss-keys-by-prefix', 'Keys by URL prefix', ['SS-SIGN-1']),
  I('stream', 33, 'i-ss-time', 'Time', ['SS-VERIFY-6', 'SS-VERIFY-7', 'SS-CLOCK-1']),
  I('stream', 34, 'i-ss-signed-mos-media', 'Signed MOS media', ['SS-MOS-1']),
  I('stream', 79, 'i-ss-vendor-media', 'Signed media of a vendor device', ['SS-MOS-1']),
  I('stream', undefined, 'i-ss-encodings', 'Encodings', ['SS-ENCODING-1', 'SS-ENCODING-2']),
  I('stream', undefined, 'i-ss-robustness', 'Robustness and attribution', ['SS-ROBUST-1', 'SS-VERIFY-9', 'SS-VERIFY-11', 'SS-ENCODING-1']),
  I('stream', undefined, 'i-ss-opencast-deviations', "Deviations observed in Opencast's own verifiers", ['SS-VERIFY-2', 'SS-VERIFY-9', 'SS-VERIFY-11', 'SS-STATUS-1', 'SS-CLOCK-1', 'SS-ROBUST-1', 'SS-QUERY-1']),
  I('stream', 86, 'i-stream-ss-sign-4-is-judged-for-any-resource-pat', 'SS-SIGN-4 is judged for any resource path, and through the configured verifier when there is one', ['SS-SIGN-4']),

  I('peers', 66, 'i-peer-mos-connection', 'External oracle: @mos-connection/connector 4.1.1', ['MOS-CONTENT-1', 'MOS-CONTENT-2', 'MOS-CONTENT-5', 'MOS-CONTENT-6', 'MOS-CONTENT-7', 'MOS-PROFILE-2']),
  I('peers', 80, 'i-peer-vendor-zoo', 'The vendor zoo', ['MOSWS-URL-3', 'MOSWS-URL-7', 'MOS-PROFILE-1', 'MOS-PROFILE-2']),
  I('peers', undefined, 'i-peer-independent-verifier', 'Independent verifier: where the suite disagrees', ['SS-STATUS-1', 'SS-CLOCK-1', 'SS-VERIFY-12']),

  I('suite', 35, 'i-suite-result-states', 'Result states'),
  I('suite', 36, 'i-suite-heartbeat-echo', 'Heartbeat echo'),
  I('suite', 83, 'i-suite-levels-review', 'Levels reviewed against the words of the sources', ['MOSWS-KA-2', 'MOSWS-URL-4', 'MOSWS-PASSIVE-2', 'MOSWS-AUTH-3', 'MOSWS-DEPR-1', 'MOSWS-TRANSPORT-1', 'MOSWS-TRANSPORT-2', 'MOSWS-PASSIVE-1']),
  I('suite', 88, 'i-suite-the-certified-scope-stated-everywhere-an', 'The certified scope: stated everywhere, and `scope.full` is the CI gate for a full certification', []),
  I('suite', 89, 'i-suite-one-severity-order-not-reached-is-a-requ', 'One severity order; "not reached" is a requirement state, not a scenario outcome', []),
  I('suite', 91, 'i-suite-reports-go-next-to-the-configuration-fil', 'Reports go next to the configuration file, or below the working folder', []),
  I('suite', 92, 'i-suite-list-counts-scenario-runs-per-role-as-ru', '`list` counts scenario runs per role, as `run` does', []),
  I('suite', 93, 'i-suite-test-quick-prints-a-summary-npm-test-kee', '`test:quick` prints a summary; `npm test` keeps TAP', []),
  I('suite', 94, 'i-suite-the-operator-actions-are-one-catalogue-e', 'The operator actions are one catalogue; every instruction names a real object or says "any"', []),
  I('suite', 95, 'i-suite-after-enter-a-failed-operator-wait-state', 'After Enter, a failed operator wait states the time it really waited', []),
  I('suite', 98, 'i-suite-collate-compare-ci', 'Collate, compare and the CI recipes', []),

  I('bridge', 37, 'i-bridge-ports', 'Channels to ports'),
  I('bridge', 38, 'i-bridge-keepalive', 'keepAlive at the bridge'),
  I('bridge', 39, 'i-bridge-passive', 'Passive mode at the bridge'),
];

/** Questions the suite cannot settle alone; each names the entries that say what the suite does meanwhile. */
export interface OpenQuestion {
  anchor: string;
  title: string;
  /** Anchors of the entries (decisions) that answer it for now. */
  entries: readonly string[];
}

export const OPEN_QUESTIONS: readonly OpenQuestion[] = [
  { anchor: 'q-byte-order-mark', title: 'Should MOS over WebSocket forbid a byte-order mark before a message (RFC 3629 §6 advises protocols that fix UTF-8 to)?', entries: ['i-transport-byte-order-mark'] },
  { anchor: 'q-keepalive-message-id', title: 'May a keepAlive carry a messageID ("not necessary" is no "must not")?', entries: ['i-ka-no-message-id'] },
  { anchor: 'q-moslistall-ack', title: 'Does an NCS answer a mosListAll with mosAck?', entries: ['i-profile-moslistall-ack'] },
  { anchor: 'q-descriptive-musts', title: 'Are the binding\'s descriptive statements MUSTs: one MOS message per text message, replies on their request\'s socket, origination over passive sockets?', entries: ['i-suite-levels-review'] },
  { anchor: 'q-ncs-id-spelling', title: 'Which spelling of the NCS ID parameter is meant, `ncsID` or `nCSID`?', entries: ['i-url-ncs-spelling'] },
  { anchor: 'q-channel-typo', title: 'Is `channel-ro` in the second example URL a typo for `channel=ro`?', entries: ['i-url-channel-typo'] },
  { anchor: 'q-refusal-status', title: 'Which HTTP status refuses a connection request with a bad or unknown parameter?', entries: ['i-url-refusal-status'] },
  { anchor: 'q-passive-layout', title: 'Passive mode: four sockets (a plain and a passive one per channel) or two?', entries: ['i-passive-socket-layout'] },
  { anchor: 'q-reconnect-time', title: 'What does "as quickly as possible" allow, in time, for re-establishing a passive socket and retrying while the peer is down?', entries: ['i-passive-reconnect-threshold', 'i-passive-retries'] },
  { anchor: 'q-keepalive-level', title: 'Is sending keepAlive optional ("can (optionally) send") or recommended on every socket?', entries: ['i-ka-sending-should'] },
  { anchor: 'q-deprecated-names', title: 'The deprecated list writes `roltem*`: `roItem*` meant?', entries: ['i-transport-deprecated'] },
  { anchor: 'q-both-dialling', title: 'With both sides dialling in normal mode, must a reply travel on the socket of its request?', entries: ['i-transport-reply-socket', 'i-transport-both-dialling'] },
  { anchor: 'q-signed-proxy-path', title: 'objProxyPath is limited to 255 characters: exempt a signing query, or raise the limit?', entries: ['i-content-object-paths'] },
  { anchor: 'q-envelope-identities', title: 'Should the transport requirements judge the envelope identities (mosID, ncsID) of every message?', entries: ['i-peer-mos-connection'] },
  { anchor: 'q-profile-7-story', title: 'What exactly may the roStorySend inside roReqStoryAction carry (profile 7)?', entries: ['i-content-profile-7'] },
];

/** Requirement id -> the entries that interpret it, in the document's order. */
export function interpretationsOf(requirement: string): Interpretation[] {
  return INTERPRETATIONS.filter((i) => i.requirements.includes(requirement));
}

/** "#N title" or the title alone, for links. */
export function interpretationLabel(i: Interpretation): string {
  return i.n !== undefined ? `#${i.n} ${i.title}` : i.title;
}

/** Consistency of the table itself (ids exist, anchors and numbers unique); [] when it holds. */
export function interpretationIndexProblems(): string[] {
  const out: string[] = [];
  const reqs = new Set(REQUIREMENTS.map((r) => r.id));
  const anchors = new Set<string>();
  const numbers = new Set<number>();
  for (const i of INTERPRETATIONS) {
    if (anchors.has(i.anchor)) out.push(`anchor ${i.anchor} twice`);
    anchors.add(i.anchor);
    if (!/^i-[a-z0-9]+(-[a-z0-9]+)*$/.test(i.anchor)) out.push(`anchor ${i.anchor} is not i-words`);
    if (i.n !== undefined) {
      if (numbers.has(i.n)) out.push(`number ${i.n} twice`);
      numbers.add(i.n);
    }
    for (const r of i.requirements) if (!reqs.has(r)) out.push(`${i.anchor} names unknown requirement ${r}`);
  }
  const order = SECTIONS.map((s) => s.id);
  for (let k = 1; k < INTERPRETATIONS.length; k++) {
    if (order.indexOf(INTERPRETATIONS[k]!.section) < order.indexOf(INTERPRETATIONS[k - 1]!.section)) out.push(`${INTERPRETATIONS[k]!.anchor} is out of its section's order`);
  }
  for (const q of OPEN_QUESTIONS) {
    if (anchors.has(q.anchor)) out.push(`anchor ${q.anchor} twice`);
    anchors.add(q.anchor);
    for (const e of q.entries) if (!INTERPRETATIONS.some((i) => i.anchor === e)) out.push(`${q.anchor} names unknown entry ${e}`);
  }
  return out;
}
