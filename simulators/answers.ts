// How the reference simulators answer each MOS message of profiles 0-4: one table from message
// name to answer. Both roles share it (each peer answers from its own running orders and
// objects); what a role never receives in practice is still answered sensibly.
import * as M from '../lib/mos/messages';
import { MosMessage } from '../lib/mos/envelope';
import { Channel, profileOf, repliesTo } from '../lib/mos/catalogue';
import { XmlNode } from '../lib/mos/xml';
import { childText, children, readObject } from '../lib/mos/read';
import { RunningOrders, applyToRunningOrders, itemStatus } from './running-orders';
import { MosObjects, SEARCHABLE_SCHEMA, newObjectID, objectFrom, search } from './objects';
import type { FaultName } from './faults';

/** What an answer may read and do on the peer answering. */
export interface Answerer {
  readonly role: 'device' | 'nrcs';
  readonly mosID: string;
  readonly runningOrders: RunningOrders;
  readonly objects: MosObjects;
  readonly faults: ReadonlySet<FaultName>;
  machineInfo(): M.MachineInfo;
  /** Originate a message once the reply has gone out (mosListAll after mosReqAll). */
  followUp(channel: Channel, body: XmlNode, delayMs?: number): void;
}

type Answer = (p: Answerer, m: MosMessage) => XmlNode | undefined;

const text = (m: MosMessage, name: string): string => childText(m.body, name) ?? '';
const rev = (s: string | undefined): number | '' => (s !== undefined && /^\d{1,3}$/.test(s) ? Number(s) : '');

/** Running-order messages: apply, then roAck with the status (and, from a MOS, per-item status). */
const runningOrderAnswer: Answer = (p, m) => {
  if (m.name === 'roElementAction' && p.faults.has('ignores-element-actions')) return M.roAck(text(m, 'roID'), 'OK');
  const e = applyToRunningOrders(p.runningOrders, m.name, m.body)!;
  if (m.name === 'roElementAction' && p.faults.has('nacks-element-action')) return M.roAck(e.roID, 'NACK: not supported');
  const objects = p.role === 'device' && e.ro ? itemStatus(e.ro, p.mosID, (id) => p.objects.has(id)) : [];
  return M.roAck(e.roID, e.status, objects);
};

function createObject(p: Answerer, m: MosMessage): XmlNode {
  const o = objectFrom(m.body, newObjectID('OBJ'));
  p.objects.set(o.objID, o);
  // The new object follows as a mosObj, as after any change of the MOS's catalogue.
  p.followUp('mom', M.mosObj(o));
  return M.mosAck(o.objID, 'ACK', 'created', 1);
}

const ANSWERS: Readonly<Record<string, Answer>> = {
  // ---- profile 0
  heartbeat: () => M.heartbeat(),
  reqMachInfo: (p) => M.listMachInfo(p.machineInfo()),
  // ---- profile 1
  mosObj: (p, m) => {
    const o = readObject(m.body);
    p.objects.set(o.objID, o);
    return M.mosAck(o.objID, 'ACK', '', rev(childText(m.body, 'objRev')));
  },
  mosListAll: (p, m) => {
    for (const e of children(m.body, 'mosObj')) {
      const o = readObject(e);
      p.objects.set(o.objID, o);
    }
    return M.mosAck('', 'ACK', '', '');
  },
  mosReqObj: (p, m) => {
    const o = p.faults.has('answers-first-object') ? p.objects.values().next().value : p.objects.get(text(m, 'objID'));
    return o ? M.mosObj(o) : M.mosAck(text(m, 'objID'), 'NACK', `Unknown object ${text(m, 'objID')}`, '');
  },
  mosReqAll: (p, m) => {
    const pause = Number(text(m, 'pause')) || 0;
    const all = [...p.objects.values()];
    if (!p.faults.has('no-list-after-reqall')) {
      if (pause === 0) p.followUp('mom', M.mosListAll(all));
      else all.forEach((o, i) => p.followUp('mom', M.mosObj(o), (i + 1) * pause * 1000));
    }
    return M.mosAck('', 'ACK', '', '');
  },
  // ---- profile 2 (and the running-order messages of profiles 3 and 4)
  roReq: (p, m) => {
    const ro = p.runningOrders.get(text(m, 'roID'));
    return ro ? M.roList(ro) : M.roAck(text(m, 'roID'), `Unknown running order ${text(m, 'roID')}`);
  },
  roCreate: runningOrderAnswer,
  roReplace: runningOrderAnswer,
  roMetadataReplace: runningOrderAnswer,
  roDelete: runningOrderAnswer,
  roReadyToAir: runningOrderAnswer,
  roElementAction: runningOrderAnswer,
  roElementStat: runningOrderAnswer,
  // ---- profile 3
  mosObjCreate: createObject,
  mosReqObjAction: (p, m) => {
    const op = m.body.attributes.operation;
    if (op === 'NEW') return createObject(p, m);
    const objID = m.body.attributes.objID ?? '';
    if (!p.objects.has(objID)) return M.mosAck(objID, 'NACK', `Unknown object ${objID}`, '');
    if (op === 'DELETE') p.objects.delete(objID);
    else p.objects.set(objID, objectFrom(m.body, objID));
    return M.mosAck(objID, 'ACK', '', 1);
  },
  mosItemReplace: runningOrderAnswer,
  mosReqSearchableSchema: (_p, m) => M.mosListSearchableSchema(m.body.attributes.username ?? '', SEARCHABLE_SCHEMA),
  mosReqObjList: (p, m) => {
    const found = search(p.objects, text(m, 'generalSearch'));
    const start = Math.max(1, Number(text(m, 'listReturnStart')) || 1);
    const end = Math.min(found.length, Number(text(m, 'listReturnEnd')) || found.length);
    const page = found.slice(start - 1, end);
    return M.mosObjList({
      username: m.body.attributes.username ?? '', queryID: text(m, 'queryID'),
      listReturnStart: page.length ? start : 0, listReturnEnd: page.length ? start + page.length - 1 : 0, listReturnTotal: found.length,
      ...(found.length ? {} : { listReturnStatus: 'No objects match' }), objects: page,
    });
  },
  // ---- profile 4
  roReqAll: (p) => M.roListAll([...p.runningOrders.values()].map(({ roID, roSlug, roChannel, roEdStart, roEdDur, roTrigger }) => ({ roID, roSlug, roChannel, roEdStart, roEdDur, roTrigger }))),
  roStorySend: runningOrderAnswer,
};

/** A negative acknowledgement in the reply type MOS defines for the message. */
function refusal(m: MosMessage, why: string): XmlNode | undefined {
  const kind = repliesTo(m.name);
  if (kind.includes('roAck')) return M.roAck(text(m, 'roID'), `NACK: ${why}`);
  if (m.name.startsWith('mos')) return M.mosAck(text(m, 'objID'), 'NACK', why, '');
  return undefined;
}

/** The simulator's answer to a received message, or undefined when none is due. */
export function answerFor(p: Answerer, m: MosMessage): XmlNode | undefined {
  if (p.faults.has('nacks-profile-3') && profileOf(m.name) === 3) return refusal(m, `${m.name} refused`);
  const answer = ANSWERS[m.name];
  if (answer) return answer(p, m);
  // Deprecated and unknown messages (and replies that arrived unasked): a negative acknowledgement.
  if (m.name.startsWith('ro') && m.name !== 'roAck' && m.name !== 'roList' && m.name !== 'roListAll') return M.roAck(text(m, 'roID'), `NACK: ${m.name} is not supported`);
  if (m.name.startsWith('mos') && !['mosAck', 'mosListSearchableSchema', 'mosObjList'].includes(m.name)) return M.mosAck('', 'NACK', `${m.name} is not supported`);
  return undefined;
}

