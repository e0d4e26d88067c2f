// A small application on @mos-connection/connector (strict mode, profiles 0-4) for the interop
// tests: as the MOS device or as the NRCS, behind the WS<->TCP bridge. It keeps running orders
// and objects in memory, records every message mos-connection writes, and every error or warning
// it raises (its parse failures of what the suite and the simulators send).
import { IMOSAckStatus, IMOSObjectAirStatus, IMOSObjectStatus, IMOSObjectType, MosConnection, getMosTypes } from '@mos-connection/connector';
import type { IMOSObject, IMOSROAck, IMOSRunningOrder, MosDevice } from '@mos-connection/connector';

export const T = getMosTypes(true);
const s = (x: string) => T.mosString128.create(x);
const str = (x: unknown): string => T.mosString128.stringify(x as ReturnType<typeof s>);

export interface MosConnectionApp {
  mos: MosConnection;
  peer: MosDevice;
  /** Every message mos-connection wrote (requests, replies, heartbeats). */
  sent: string[];
  /** Errors and warnings mos-connection raised. */
  problems: string[];
  /** Messages the application saw, by callback. */
  seen: string[];
  runningOrders: Map<string, IMOSRunningOrder>;
  stop(): Promise<void>;
}

export function sampleObject(id: string): IMOSObject {
  return {
    ID: s(id), Slug: s(`Object ${id}`), Type: IMOSObjectType.VIDEO, TimeBase: 50, Revision: 1, Duration: 500,
    Status: IMOSObjectStatus.NEW, AirStatus: IMOSObjectAirStatus.READY, CreatedBy: s('mos-connection app'), Created: T.mosTime.create(Date.now()),
    ChangedBy: s('mos-connection app'), Changed: T.mosTime.create(Date.now()), Description: 'An object of the mos-connection application',
  };
}

export async function startMosConnection(role: 'device' | 'nrcs', system: { lower: number; upper: number; query: number }, farSide: { lower: number; upper: number }): Promise<MosConnectionApp> {
  const isNCS = role === 'nrcs';
  const mos = new MosConnection({ mosID: isNCS ? 'NRCS.NCS' : 'DEVICE.MOS', acceptsConnections: true, isNCS, profiles: { '0': true, '1': true, '2': true, '3': true, '4': true }, ports: system, strict: true });
  const sent: string[] = [];
  const problems: string[] = [];
  const seen: string[] = [];
  mos.on('error', (e) => problems.push(`error: ${String(e).split('\n')[0]}`));
  mos.on('warning', (e) => problems.push(`warning: ${String(e).split('\n')[0]}`));
  mos.on('rawMessage', (_source, type, message) => {
    if (type === 'sent') sent.push(String(message));
  });
  await mos.init();
  const peer = await mos.connect({ primary: { id: isNCS ? 'DEVICE.MOS' : 'NRCS.NCS', host: '127.0.0.1', ports: { lower: farSide.lower, upper: farSide.upper, query: system.query }, dontUseQueryPort: true, heartbeatInterval: 60_000 } });
  const runningOrders = new Map<string, IMOSRunningOrder>();
  // OBJ-2 carries only what mos-connection's types require (they make createdBy, created, changedBy, changed and description optional).
  const objects = new Map<string, IMOSObject>([['OBJ-1', sampleObject('OBJ-1')], ['OBJ-2', { ID: s('OBJ-2'), Slug: s('Minimal object'), Type: IMOSObjectType.STILL, TimeBase: 50, Duration: 0 }]]);
  const ack = (id: unknown, what: string): IMOSROAck => {
    seen.push(what);
    return { ID: id as ReturnType<typeof s>, Status: s('OK'), Stories: [] };
  };
  const mosAck = (id: string, what: string) => {
    seen.push(what);
    return { ID: s(id), Revision: 1, Status: IMOSAckStatus.ACK, Description: s('') };
  };
  peer.onRequestMachineInfo(async () => ({
    manufacturer: s('NRK'), model: s('mos-connection'), hwRev: s('1'), swRev: s('4.1.1'), DOM: s('2024'), SN: s('1'), ID: s(isNCS ? 'NRCS.NCS' : 'DEVICE.MOS'),
    time: T.mosTime.create(Date.now()), mosRev: s('2.8.5'),
    supportedProfiles: { deviceType: isNCS ? 'NCS' : 'MOS', profile0: true, profile1: true, profile2: true, profile3: true, profile4: true },
  }));
  peer.onConnectionChange(() => undefined);
  // Profile 1
  peer.onRequestMOSObject(async (id) => objects.get(String(id)) ?? null);
  peer.onRequestAllMOSObjects(async () => [...objects.values()]);
  peer.onMOSObjects(async (objs) => {
    for (const o of objs) objects.set(str(o.ID), o);
    return mosAck(objs.length === 1 ? str(objs[0]!.ID) : '', objs.length === 1 ? 'mosObj' : 'mosListAll');
  });
  // Profile 2
  peer.onCreateRunningOrder(async (ro) => (runningOrders.set(str(ro.ID), ro), ack(ro.ID, 'roCreate')));
  peer.onReplaceRunningOrder(async (ro) => (runningOrders.set(str(ro.ID), ro), ack(ro.ID, 'roReplace')));
  peer.onDeleteRunningOrder(async (id) => (runningOrders.delete(str(id)), ack(id, 'roDelete')));
  peer.onRequestRunningOrder(async (id) => runningOrders.get(str(id)) ?? null);
  peer.onMetadataReplace(async (md) => ack(md.ID, 'roMetadataReplace'));
  peer.onReadyToAir(async (a) => ack(a.ID, 'roReadyToAir'));
  peer.onRunningOrderStatus(async (st) => ack(st.ID, 'roElementStat RO'));
  peer.onStoryStatus(async (st) => ack(st.RunningOrderId, 'roElementStat STORY'));
  peer.onItemStatus(async (st) => ack(st.RunningOrderId, 'roElementStat ITEM'));
  const actions = { onROInsertStories: 'INSERT stories', onROInsertItems: 'INSERT items', onROReplaceStories: 'REPLACE stories', onROReplaceItems: 'REPLACE items', onROMoveStories: 'MOVE stories', onROMoveItems: 'MOVE items', onRODeleteStories: 'DELETE stories', onRODeleteItems: 'DELETE items', onROSwapStories: 'SWAP stories', onROSwapItems: 'SWAP items' } as const;
  for (const [on, what] of Object.entries(actions)) (peer[on as keyof typeof actions] as (cb: (a: { RunningOrderID: unknown }) => Promise<IMOSROAck>) => void)(async (a) => ack(a.RunningOrderID, what));
  // Profile 3
  peer.onObjectCreate(async (o) => {
    const id = `OBJ-C${objects.size + 1}`;
    objects.set(id, { ...o, ID: s(id) });
    return mosAck(id, 'mosObjCreate');
  });
  peer.onItemReplace(async (roID) => ack(roID, 'mosItemReplace'));
  peer.onRequestSearchableSchema(async (username) => (seen.push('mosReqSearchableSchema'), { username, mosSchema: 'https://mos-connection-app.example/schema.xsd' }));
  peer.onRequestObjectList(async (q) => {
    seen.push('mosReqObjList');
    const list = [...objects.values()];
    return { username: q.username, queryID: String(q.queryID), listReturnStart: 1, listReturnEnd: list.length, listReturnTotal: list.length, list };
  });
  peer.onRequestObjectActionNew(async (o) => {
    const id = `OBJ-N${objects.size + 1}`;
    objects.set(id, { ...o, ID: s(id) });
    return mosAck(id, 'mosReqObjAction NEW');
  });
  peer.onRequestObjectActionUpdate(async (id) => mosAck(str(id), 'mosReqObjAction UPDATE'));
  peer.onRequestObjectActionDelete(async (id) => mosAck(str(id), 'mosReqObjAction DELETE'));
  // Profile 4
  peer.onRequestAllRunningOrders(async () => (seen.push('roReqAll'), [...runningOrders.values()]));
  peer.onRunningOrderStory(async (story) => ack(story.RunningOrderId, 'roStorySend'));
  return { mos, peer, sent, problems, seen, runningOrders, stop: () => mos.dispose().catch(() => undefined) };
}
