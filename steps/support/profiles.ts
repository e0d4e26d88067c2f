// Profile workflows: the profiles the vendor declares, how the suite sends a request of a profile
// and judges the reply (MOS-PROFILE-2: the reply MOS defines, about what was asked, accepting
// valid input), and the suite's own view of the running orders it builds its messages from.
import { Channel } from '../../lib/mos/catalogue';
import { MosMessage, buildMos, readMos } from '../../lib/mos/envelope';
import { XmlElement, XmlNode, parseXml, serializeXml } from '../../lib/mos/xml';
import { childText, children, readRunningOrder } from '../../lib/mos/read';
import { roShapeOf, shapeDifference } from '../../lib/mos/running-order-shape';
import * as M from '../../lib/mos/messages';
import { TranscriptEntry } from '../../lib/transport/transcript';
import { REFERENCE_PROFILES } from '../../simulators/mos-peer';
import { Origination, Originator } from '../../simulators/originations';
import { ProbeConnection } from './probe';

import type { MosWorld } from './world';

// ---- declaration

/** The profiles the vendor declares (the embedded simulators: those they implement); undefined: none declared. */
export function declaredProfiles(w: MosWorld): readonly number[] | undefined {
  return w.config.target ? w.config.target.profiles : REFERENCE_PROFILES;
}

/** The profiles a scenario exercises, from its @profile-N tags. */
export function profilesOf(tags: readonly string[]): number[] {
  return tags.flatMap((t) => (/^@profile-(\d)$/.exec(t) ? [Number(t.slice(9))] : []));
}

// ---- per-scenario state

interface ProfileState {
  /** The suite's view of the running orders and objects it builds messages from. */
  view: Originator;
  /** Running orders the scenario names (RO-P2) -> the ID the system actually gave it. */
  roAlias: Map<string, string>;
  /** What the last exchange returned. */
  last?: Exchanged;
  /** Objects the system listed (mosListAll). */
  listed: string[];
  /** What the operator was last asked to have the system originate. */
  asked?: Origination;
  /** Running orders the system itself sent (roID -> when): the model is its own account of them. */
  sentBySystem: Map<string, number>;
}

const STATE = new WeakMap<MosWorld, ProfileState>();

export function profileState(w: MosWorld): ProfileState {
  let s = STATE.get(w);
  if (!s) {
    s = { view: { mosID: w.sut.mosID, runningOrders: new Map(), objects: new Map() }, roAlias: new Map(), listed: [], sentBySystem: new Map() };
    STATE.set(w, s);
  }
  return s;
}

/** The running order the system knows under a name the scenario uses. */
export function actualRoID(w: MosWorld, roID: string | undefined): string | undefined {
  return roID === undefined ? undefined : profileState(w).roAlias.get(roID) ?? roID;
}

// ---- what a request's reply must be

interface Expectation {
  /** The reply MOS defines. */
  reply: string;
  /** What the reply must repeat from the request: [reply field, request field]; "@x" is an attribute. */
  about?: ReadonlyArray<readonly [string, string]>;
  /** Valid input must be accepted: roAck roStatus OK (or per-item statuses), mosAck ACK. */
  accepted?: boolean;
}

const RO_ACK: Expectation = { reply: 'roAck', about: [['roID', 'roID']], accepted: true };
const MOS_ACK: Expectation = { reply: 'mosAck', accepted: true };

export const EXPECTED_REPLY: Readonly<Record<string, Expectation>> = {
  heartbeat: { reply: 'heartbeat' },
  reqMachInfo: { reply: 'listMachInfo' },
  mosObj: { reply: 'mosAck', about: [['objID', 'objID']], accepted: true },
  mosListAll: MOS_ACK,
  mosReqObj: { reply: 'mosObj', about: [['objID', 'objID']] },
  mosReqAll: MOS_ACK,
  roReq: { reply: 'roList', about: [['roID', 'roID']] },
  roCreate: RO_ACK,
  roReplace: RO_ACK,
  roMetadataReplace: RO_ACK,
  roDelete: RO_ACK,
  roReadyToAir: RO_ACK,
  roElementAction: RO_ACK,
  roElementStat: RO_ACK,
  mosObjCreate: MOS_ACK,
  mosReqObjAction: { reply: 'mosAck', about: [['objID', '@objID']], accepted: true },
  mosItemReplace: RO_ACK,
  mosReqSearchableSchema: { reply: 'mosListSearchableSchema', about: [['@username', '@username']] },
  mosReqObjList: { reply: 'mosObjList', about: [['queryID', 'queryID'], ['@username', '@username']] },
  roReqAll: { reply: 'roListAll' },
  roStorySend: RO_ACK,
};

const field = (e: XmlElement, f: string): string | undefined => (f.startsWith('@') ? e.attributes[f.slice(1)] : childText(e, f));

function ackStatus(reply: XmlElement): string {
  return reply.name === 'roAck' ? `roStatus "${childText(reply, 'roStatus') ?? ''}"` : `status ${childText(reply, 'status') ?? '(none)'}${childText(reply, 'statusDescription') ? ` ("${childText(reply, 'statusDescription')}")` : ''}`;
}

/** roAck records (storyID, itemID, ...) that name no item of the running order sent. */
function strangeRecords(request: XmlElement, reply: XmlElement): string[] {
  const items = new Set(children(request, 'story').flatMap((s) => children(s, 'item').map((i) => `${childText(s, 'storyID')}/${childText(i, 'itemID')}`)));
  const stories = children(reply, 'storyID').map((e) => e.text);
  const itemIDs = children(reply, 'itemID').map((e) => e.text);
  return stories.map((s, i) => `${s}/${itemIDs[i] ?? ''}`).filter((k) => !items.has(k));
}

/** What is wrong with a reply to a request of a declared profile, or undefined. */
export function replyProblem(request: XmlElement, reply: MosMessage): string | undefined {
  const exp = EXPECTED_REPLY[request.name];
  if (!exp) return undefined;
  const body = reply.body;
  if (reply.name !== exp.reply) {
    const ack = reply.name === 'roAck' || reply.name === 'mosAck' ? ` with ${ackStatus(body)}` : '';
    return `${request.name} was answered with ${reply.name}${ack}; MOS defines ${exp.reply} as its reply`;
  }
  for (const [r, q] of exp.about ?? []) {
    const asked = field(request, q);
    if (asked === undefined) continue;
    const got = field(body, r);
    if (got !== asked) return `the ${reply.name} answering ${request.name} names ${r.replace('@', '')} "${got ?? '(none)'}", but the request asked about "${asked}"`;
  }
  if (exp.accepted) {
    if (reply.name === 'mosAck' && childText(body, 'status') !== 'ACK') return `${request.name} was refused: mosAck ${ackStatus(body)}`;
    if (reply.name === 'roAck' && childText(body, 'roStatus') !== 'OK' && !children(body, 'storyID').length) return `${request.name} was refused: roAck ${ackStatus(body)}`;
    if (reply.name === 'roAck' && (request.name === 'roCreate' || request.name === 'roReplace')) {
      const strange = strangeRecords(request, body);
      if (strange.length) return `the roAck to ${request.name} reports status for ${strange.join(', ')}, which the running order sent does not have`;
    }
  }
  return undefined;
}

/**
 * A roList must describe the running order as the suite knows it: as the suite last left it (it
 * created and edited it), or as the system sent it (unless the system changed it since, which the
 * suite does not model). Compared structurally (lib/mos/running-order-shape.ts).
 */
function roListProblem(w: MosWorld, request: XmlElement, reply: MosMessage): string | undefined {
  if (request.name !== 'roReq' || reply.name !== 'roList') return undefined;
  const roID = childText(request, 'roID') ?? '';
  const state = profileState(w);
  const want = state.view.runningOrders.get(roID);
  if (!want) return undefined;
  const sentAt = state.sentBySystem.get(roID);
  if (sentAt !== undefined) {
    const changedSince = w.transcript.entries.some((e) => e.t > sentAt && e.direction === 'in' && e.kind === 'mos' && /^ro(Replace|ElementAction|Metadata|Story|Item|Delete)/.test(e.message ?? '') && e.text.includes(roID));
    if (changedSince) return undefined;
  }
  const diff = shapeDifference(roShapeOf(want), roShapeOf(readRunningOrder(reply.body)), sentAt !== undefined ? 'the system sent it' : 'the suite last left it');
  return diff ? `the roList answering roReq for ${roID} does not describe the running order ${sentAt !== undefined ? 'the system sent' : 'as the suite last left it'}: ${diff}` : undefined;
}

// ---- exchanging a request

export interface Exchanged {
  request: XmlElement;
  reply: MosMessage;
  entry: TranscriptEntry;
}

/** A probe connection of the suite on a channel, opened (with correct parameters) when there is none. */
export async function probeFor(w: MosWorld, channel: Channel): Promise<ProbeConnection> {
  const open = w.probes.find((p) => p.channel === channel && !p.closed);
  if (open) return open;
  const o = await w.attempt(w.correctUrl(channel), w.correctHeaders(), channel);
  if (o.kind === 'refused') throw w.refusedCorrectRequest(o.status, o.body, `a correct ${channel} connection request`);
  if (o.kind === 'failed') throw w.probeFailure(o);
  return w.probes[w.probes.length - 1]!;
}

/**
 * Send a request and judge its reply: over a probe connection (the system listens) or through the
 * suite's peer (passive mode, either side listening). The reply is the message carrying the
 * request's messageID; its content is judged at once (content-check.ts) and it must be what MOS
 * defines (MOS-PROFILE-2). No reply while the connection still answers heartbeat is MOS-PROFILE-2;
 * a dead connection is the transport's (MOSWS-TRANSPORT-1).
 */
export async function exchange(w: MosWorld, via: 'probe' | 'suite', body: XmlNode, channel: Channel): Promise<Exchanged> {
  const request = parseXml(serializeXml(body));
  const timeout = w.timing.responseTimeoutMs;
  const since = Date.now();
  let entry: TranscriptEntry | undefined;
  let alive: () => Promise<boolean>;
  if (via === 'probe') {
    const conn = await probeFor(w, channel);
    const id = w.nextMessageID();
    conn.send(buildMos({ ...w.ids(), messageID: id, body }));
    const hit = await w.waitingFor(`the reply to ${body.name}#${id} on the ${channel} connection`, timeout, () => conn.waitFor((m) => m.messageID === id && m.name !== 'keepAlive', timeout, since));
    if (hit) entry = w.transcript.entries.find((e) => e.socket === conn.id && e.direction === 'in' && e.kind === 'mos' && e.messageID === id && e.t >= since);
    alive = async () => {
      const hb = w.nextMessageID();
      conn.sendHeartbeat(hb);
      return (await conn.waitFor((m) => m.messageID === hb && m.name === 'heartbeat', timeout)) !== undefined;
    };
  } else {
    const suite = w.suite!;
    const m = await w.waitingFor(`the reply to ${body.name} on the ${channel} connection`, timeout, () => suite.request(channel, body, timeout).catch(() => undefined));
    if (m) entry = w.transcript.entries.find((e) => e.who === 'suite' && e.direction === 'in' && e.kind === 'mos' && e.messageID === m.messageID && e.message === m.name && e.t >= since);
    alive = () => suite.heartbeat(channel).then(() => true, () => false);
  }
  if (!entry) {
    if (await alive()) throw w.blocked('MOS-PROFILE-2', `no reply to ${body.name} within ${timeout} ms on the ${channel} connection, which still answers heartbeat; MOS defines ${EXPECTED_REPLY[body.name]?.reply ?? 'a reply'}`);
    throw w.blocked('MOSWS-TRANSPORT-1', `no reply to ${body.name} within ${timeout} ms on the ${channel} connection, which no longer answers heartbeat either`);
  }
  const reply = readMos(entry.text).message;
  const issues = w.content.judge(entry);
  if (issues.length) w.log(`content of the ${reply.name} answering ${body.name}: ${issues.length} issue(s), first ${issues[0]!.requirement} ${issues[0]!.path}: ${issues[0]!.message}`);
  const problem = replyProblem(request, reply) ?? roListProblem(w, request, reply);
  if (problem) throw w.blocked('MOS-PROFILE-2', problem);
  const out = { request, reply, entry };
  profileState(w).last = out;
  return out;
}

// ---- operator actions, as scenarios write them

const ABOUT: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => Partial<Origination>]> = [
  [/for running order (\S+)/, (m) => ({ roID: m[1] })],
  [/for object (\S+)/, (m) => ({ objID: m[1] })],
  [/\((INSERT|REPLACE|MOVE|DELETE|SWAP) of (stories|items)\)/, (m) => ({ operation: m[1] as M.ElementOperation, form: m[2] as 'stories' | 'items' })],
  [/\(element (RO|STORY|ITEM)\)/, (m) => ({ element: m[1] as 'RO' | 'STORY' | 'ITEM' })],
];

/** "(MOVE of items) for running order RO-P2" -> { operation, form, roID }. */
export function parseAbout(about: string): Partial<Origination> {
  let o: Partial<Origination> = {};
  for (const [re, read] of ABOUT) {
    const m = re.exec(about);
    if (m) o = { ...o, ...read(m) };
  }
  return o;
}

/** The form of a roElementAction: on stories or on items (by its element_source). */
export function elementActionForm(body: XmlElement): 'stories' | 'items' {
  const src = body.children.find((c) => c.name === 'element_source');
  return src?.children.some((c) => c.name === 'item' || c.name === 'itemID') ? 'items' : 'stories';
}

/** What is wrong with a message the system originated, measured against what was asked; or undefined. */
export function originationMismatch(o: Origination, m: MosMessage): string | undefined {
  if (m.name !== o.message) return `expected ${o.message}, received ${m.name}`;
  const roID = childText(m.body, 'roID');
  if (o.roID !== undefined && roID !== undefined && roID !== o.roID) return `it names running order ${roID}, not ${o.roID}`;
  if (o.operation && m.body.attributes.operation !== o.operation) return `its operation is ${m.body.attributes.operation ?? '(none)'}, not ${o.operation}`;
  if (o.form && elementActionForm(m.body) !== o.form) return `it acts on ${elementActionForm(m.body)}, not ${o.form}`;
  if (o.element && m.body.attributes.element !== o.element) return `its element is ${m.body.attributes.element ?? '(none)'}, not ${o.element}`;
  return undefined;
}
