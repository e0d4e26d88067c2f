// What the reference simulators send when asked to originate a message (an operator's action on
// a real system): one table from message name to the message, built from the simulator's own
// running orders and objects, and the channel it travels on (MOS 2.8.5 ports: mom 10540,
// ro 10541, aux 10542 for the profile-3 queries).
import * as M from '../lib/mos/messages';
import { Channel } from '../lib/mos/catalogue';
import { XmlNode, parseXml, serializeXml } from '../lib/mos/xml';
import { applyToRunningOrders, RunningOrders } from './running-orders';
import { MosObjects } from './objects';

export type OriginatedMessage =
  | 'mosObj' | 'mosReqObj' | 'mosReqAll'
  | 'roReq' | 'roCreate' | 'roReplace' | 'roMetadataReplace' | 'roDelete' | 'roReadyToAir' | 'roElementAction' | 'roElementStat'
  | 'mosObjCreate' | 'mosReqObjAction' | 'mosItemReplace' | 'mosReqSearchableSchema' | 'mosReqObjList'
  | 'roReqAll' | 'roStorySend';

export interface Origination {
  message: OriginatedMessage;
  roID?: string;
  objID?: string;
  /** roElementAction: the operation, on stories or on items. */
  operation?: M.ElementOperation;
  form?: 'stories' | 'items';
  /** roElementStat: what the status is about. */
  element?: 'RO' | 'STORY' | 'ITEM';
}

/** What a simulator offers to build from. */
export interface Originator {
  readonly mosID: string;
  readonly runningOrders: RunningOrders;
  readonly objects: MosObjects;
}

/** A running order a newsroom creates for a device: three stories, the first two with two items each. */
export function profileRunningOrder(roID: string, mosID: string): M.RunningOrder {
  const item = (itemID: string, objID: string, slug: string): M.StoryItem => ({ itemID, objID, mosID, itemSlug: slug, itemChannel: 'A', itemEdStart: 0, itemEdDur: 500, itemTrigger: 'CHAINED' });
  return {
    roID, roSlug: `Conformance rundown ${roID}`, roChannel: 'A', roEdStart: '2026-11-25T18:00:00', roEdDur: '00:30:00', roTrigger: 'MANUAL',
    stories: [
      { storyID: `${roID}-S1`, storySlug: 'Opening', storyNum: 'A1', items: [item('I1', 'OBJ-1', 'Titles'), item('I2', 'OBJ-2', 'Map')] },
      { storyID: `${roID}-S2`, storySlug: 'Weather', storyNum: 'A2', items: [item('I3', 'OBJ-3', 'Voice over'), item('I4', 'OBJ-1', 'Titles again')] },
      { storyID: `${roID}-S3`, storySlug: 'Close', storyNum: 'A3', items: [] },
    ],
  };
}

let serial = 0;
const fresh = (prefix: string): string => `${prefix}-${++serial}`;

/** The source and target of an element action, chosen from the running order as it is. */
function elementAction(ro: M.RunningOrder, op: M.ElementOperation, form: 'stories' | 'items'): XmlNode {
  const stories = ro.stories;
  if (form === 'stories') {
    const [first, second] = stories;
    const last = stories[stories.length - 1]!;
    switch (op) {
      case 'INSERT': return M.roElementAction(ro.roID, op, { storyID: first!.storyID }, { stories: [{ storyID: fresh('S-NEW'), storySlug: 'Inserted story', items: [] }] });
      case 'REPLACE': return M.roElementAction(ro.roID, op, { storyID: first!.storyID }, { stories: [{ ...first!, storySlug: `${first!.storySlug} (replaced)` }] });
      case 'MOVE': return M.roElementAction(ro.roID, op, { storyID: first!.storyID }, { storyIDs: [last.storyID] });
      case 'DELETE': return M.roElementAction(ro.roID, op, {}, { storyIDs: [last.storyID] });
      case 'SWAP': return M.roElementAction(ro.roID, op, {}, { storyIDs: [first!.storyID, second!.storyID] });
    }
  }
  const story = stories.find((s) => s.items.length >= 2)!;
  const [i0, i1] = story.items;
  const lastItem = story.items[story.items.length - 1]!;
  switch (op) {
    case 'INSERT': return M.roElementAction(ro.roID, op, { storyID: story.storyID, itemID: i0!.itemID }, { items: [{ ...i0!, itemID: fresh('I-NEW'), itemSlug: 'Inserted item' }] });
    case 'REPLACE': return M.roElementAction(ro.roID, op, { storyID: story.storyID, itemID: i0!.itemID }, { items: [{ ...i0!, itemSlug: `${i0!.itemSlug ?? ''} (replaced)` }] });
    case 'MOVE': return M.roElementAction(ro.roID, op, { storyID: story.storyID, itemID: i0!.itemID }, { itemIDs: [lastItem.itemID] });
    case 'DELETE': return M.roElementAction(ro.roID, op, { storyID: story.storyID }, { itemIDs: [lastItem.itemID] });
    case 'SWAP': return M.roElementAction(ro.roID, op, { storyID: story.storyID }, { itemIDs: [i0!.itemID, i1!.itemID] });
  }
}

function elementStat(ro: M.RunningOrder | undefined, roID: string, element: 'RO' | 'STORY' | 'ITEM'): XmlNode {
  const story = ro?.stories.find((s) => s.items.length) ?? ro?.stories[0];
  const item = story?.items[0];
  if (element === 'RO' || !story) return M.roElementStat({ roID }, 'MANUAL CTRL');
  if (element === 'STORY' || !item) return M.roElementStat({ roID, storyID: story.storyID }, 'READY');
  return M.roElementStat({ roID, storyID: story.storyID, itemID: item.itemID, objID: item.objID }, 'PLAY');
}

type Build = (p: Originator, o: Origination) => XmlNode;

/** What a newsroom asks a device to create (mosObjCreate, mosReqObjAction NEW). */
const NEW_OBJECT: M.ObjectFields = { objSlug: 'Created by the newsroom', objType: 'VIDEO', objTB: 50, objDur: 750, createdBy: 'Conformance newsroom', description: 'A clip the newsroom asks the device to create' };

const roOf = (p: Originator, o: Origination): M.RunningOrder => {
  const ro = p.runningOrders.get(o.roID ?? '');
  if (!ro) throw new Error(`no running order ${o.roID} to originate ${o.message} for`);
  return ro;
};

const BUILD: Readonly<Record<OriginatedMessage, Build>> = {
  mosObj: (p, o) => M.mosObj(p.objects.get(o.objID ?? '') ?? { objID: o.objID ?? fresh('OBJ'), objSlug: 'Conformance clip', objType: 'VIDEO', objDur: 250 }),
  mosReqObj: (_p, o) => M.mosReqObj(o.objID ?? 'OBJ-1'),
  mosReqAll: () => M.mosReqAll(0),
  roReq: (_p, o) => M.roReq(o.roID ?? ''),
  roCreate: (p, o) => M.roCreate(profileRunningOrder(o.roID ?? fresh('RO'), p.mosID)),
  roReplace: (p, o) => {
    const ro = roOf(p, o);
    return M.roReplace({ ...ro, roSlug: `${ro.roSlug} (replaced)` });
  },
  roMetadataReplace: (p, o) => {
    const { roID, roSlug, roChannel, roEdStart, roEdDur, roTrigger } = roOf(p, o);
    return M.roMetadataReplace({ roID, roSlug: `${roSlug} (new metadata)`, roChannel, roEdStart, roEdDur: roEdDur === '00:30:00' ? '00:45:00' : '00:30:00', roTrigger });
  },
  roDelete: (_p, o) => M.roDelete(o.roID ?? ''),
  roReadyToAir: (_p, o) => M.roReadyToAir(o.roID ?? '', 'READY'),
  roElementAction: (p, o) => elementAction(roOf(p, o), o.operation ?? 'INSERT', o.form ?? 'stories'),
  roElementStat: (p, o) => elementStat(p.runningOrders.get(o.roID ?? ''), o.roID ?? '', o.element ?? 'ITEM'),
  mosObjCreate: () => M.mosObjCreate(NEW_OBJECT),
  mosReqObjAction: () => M.mosReqObjAction({ operation: 'NEW', object: NEW_OBJECT }),
  mosItemReplace: (p, o) => {
    const ro = roOf(p, o);
    const story = ro.stories.find((s) => s.items.length);
    if (!story) throw new Error(`running order ${ro.roID} has no item to replace`);
    return M.mosItemReplace(ro.roID, story.storyID, { ...story.items[0]!, itemSlug: 'Updated by the device', itemEdDur: 750 });
  },
  mosReqSearchableSchema: () => M.mosReqSearchableSchema('conformance'),
  mosReqObjList: () => M.mosReqObjList({ username: 'conformance', queryID: fresh('Q'), listReturnStart: 1, listReturnEnd: 20, generalSearch: '' }),
  roReqAll: () => M.roReqAll(),
  roStorySend: (p, o) => {
    const ro = roOf(p, o);
    const story = ro.stories.find((s) => s.items.length) ?? ro.stories[0];
    if (!story) throw new Error(`running order ${ro.roID} has no story to send`);
    const item = story.items[0];
    return M.roStorySend(ro.roID, { storyID: story.storyID, storySlug: story.storySlug, storyNum: story.storyNum, body: ['Good evening.', { presenter: 'Anchor', readRate: '180' }, ...(item ? [{ item }] : []), { instruction: 'Cut to studio' }] });
  },
};

const QUERY = new Set<string>(['mosReqSearchableSchema', 'mosReqObjList']);

/** The channel a message travels on: aux for profile-3 queries, mom for object messages, ro for the rest. */
export function channelOf(message: string): Channel {
  if (QUERY.has(message)) return 'aux';
  return message.startsWith('ro') || message === 'mosItemReplace' ? 'ro' : 'mom';
}

/** Build the message, and apply it to the simulator's own running orders as the receiver will. */
export function originate(p: Originator, o: Origination): { channel: Channel; body: XmlNode } {
  const body = BUILD[o.message](p, o);
  applyToRunningOrders(p.runningOrders, o.message, parseXml(serializeXml(body)));
  return { channel: channelOf(o.message), body };
}
