// Builders for the message bodies the simulators exchange (MOS 2.8.5 element names and order).
// Every builder's output fits the content model in lib/mos/model (test/mos-content.test.ts).
// Optional MOS fields are optional properties; absent ones are left out of the message.
import { XmlNode, el } from './xml';

export function mosTime(d = new Date()): string {
  const iso = d.toISOString();
  // "YYYY-MM-DDTHH:mm:ss.sssZ" for years 0..9999; other years have a longer, signed form.
  return iso.length === 24 ? iso.slice(0, 19) : iso.replace(/\.\d{3}Z$/, '');
}

/** Free-text statuses and descriptions are cut to the MOS limit (IDs never are). */
const MAX_TEXT = 128;
const limited = (s: string): string => (s.length > MAX_TEXT ? [...s].slice(0, MAX_TEXT).join('') : s);
const timeText = (t: Date | string): string => (typeof t === 'string' ? t : mosTime(t));
/** The element when the value is given, nothing otherwise (spread into a children list). */
const optional = (name: string, value: string | number | undefined): XmlNode[] => (value === undefined ? [] : [el(name, value)]);

// ---- shared structures ----

export interface ExternalMetadata {
  schema: string;
  /** Free-form vendor content: elements, or a text. */
  payload: XmlNode[] | string;
  scope?: 'OBJECT' | 'STORY' | 'PLAYLIST';
}

function metadataNodes(list: readonly ExternalMetadata[] | undefined): XmlNode[] {
  return (list ?? []).map((m) => el('mosExternalMetadata', [...optional('mosScope', m.scope), el('mosSchema', m.schema), el('mosPayload', m.payload)]));
}

export interface ObjectPath {
  kind: 'objPath' | 'objProxyPath' | 'objMetadataPath';
  url: string;
  techDescription?: string;
}

function pathsNode(paths: readonly ObjectPath[]): XmlNode {
  return el('objPaths', paths.map((p) => el(p.kind, p.url, p.techDescription === undefined ? undefined : { techDescription: p.techDescription })));
}

export interface StoryItem {
  itemID: string;
  objID: string;
  mosID: string;
  itemSlug?: string;
  mosAbstract?: string;
  paths?: ObjectPath[];
  itemChannel?: string;
  itemEdStart?: number;
  itemEdDur?: number;
  itemUserTimingDur?: number;
  /** MANUAL, TIMED, CHAINED, or CHAINED with a signed sample offset ("CHAINED -10"). */
  itemTrigger?: string;
  macroIn?: string;
  macroOut?: string;
  metadata?: ExternalMetadata[];
}

function itemNode(i: StoryItem, name: 'item' | 'storyItem' = 'item'): XmlNode {
  return el(name, [
    el('itemID', i.itemID), ...optional('itemSlug', i.itemSlug), el('objID', i.objID), el('mosID', i.mosID),
    ...optional('mosAbstract', i.mosAbstract), ...(i.paths?.length ? [pathsNode(i.paths)] : []),
    ...optional('itemChannel', i.itemChannel), ...optional('itemEdStart', i.itemEdStart), ...optional('itemEdDur', i.itemEdDur),
    ...optional('itemUserTimingDur', i.itemUserTimingDur), ...optional('itemTrigger', i.itemTrigger),
    ...optional('macroIn', i.macroIn), ...optional('macroOut', i.macroOut), ...metadataNodes(i.metadata),
  ]);
}

export interface Story {
  storyID: string;
  storySlug: string;
  items: StoryItem[];
  storyNum?: string;
  metadata?: ExternalMetadata[];
}

function storyNode(s: Story): XmlNode {
  return el('story', [
    el('storyID', s.storyID), el('storySlug', s.storySlug), ...optional('storyNum', s.storyNum),
    ...metadataNodes(s.metadata), ...s.items.map((i) => itemNode(i)),
  ]);
}

/** The running-order fields without stories (roMetadataReplace, roListAll). */
export interface RunningOrderHeader {
  roID: string;
  roSlug: string;
  roChannel?: string;
  roEdStart?: Date | string;
  /** hh:mm:ss */
  roEdDur?: string;
  /** MANUAL, TIMED, CHAINED, or CHAINED with a signed sample offset ("CHAINED -10"). */
  roTrigger?: string;
  metadata?: ExternalMetadata[];
}

export interface RunningOrder extends RunningOrderHeader {
  stories: Story[];
  macroIn?: string;
  macroOut?: string;
}

function headerNodes(ro: RunningOrderHeader): XmlNode[] {
  return [
    el('roID', ro.roID), el('roSlug', ro.roSlug), ...optional('roChannel', ro.roChannel),
    ...optional('roEdStart', ro.roEdStart === undefined ? undefined : timeText(ro.roEdStart)), ...optional('roEdDur', ro.roEdDur),
    ...optional('roTrigger', ro.roTrigger),
  ];
}

function runningOrder(name: string, ro: RunningOrder): XmlNode {
  return el(name, [...headerNodes(ro), ...optional('macroIn', ro.macroIn), ...optional('macroOut', ro.macroOut), ...metadataNodes(ro.metadata), ...ro.stories.map(storyNode)]);
}

// ---- profile 0 ----

export const heartbeat = (now = new Date()): XmlNode => el('heartbeat', [el('time', mosTime(now))]);
export const keepAlive = (): XmlNode => el('keepAlive');
export const reqMachInfo = (): XmlNode => el('reqMachInfo');

export interface ActiveXDefault {
  mode: 'MODALDIALOG' | 'MODELESS' | 'CONTAINED' | 'TOOLBAR';
  controlFileLocation: string;
  controlSlug: string;
  controlName: string;
  controlDefaultParams: string;
}

export interface MachineInfo {
  manufacturer: string;
  model: string;
  hwRev: string;
  swRev: string;
  DOM: string;
  SN: string;
  ID: string;
  profiles: number[];
  /** supportedProfiles deviceType: MOS (default) for a device, NCS for a newsroom system. */
  deviceType?: 'MOS' | 'NCS';
  opTime?: Date;
  mosRev?: string;
  defaultActiveX?: ActiveXDefault[];
  metadata?: ExternalMetadata[];
}

export function listMachInfo(info: MachineInfo, now = new Date()): XmlNode {
  return el('listMachInfo', [
    el('manufacturer', info.manufacturer),
    el('model', info.model),
    el('hwRev', info.hwRev),
    el('swRev', info.swRev),
    el('DOM', info.DOM),
    el('SN', info.SN),
    el('ID', info.ID),
    el('time', mosTime(now)),
    ...optional('opTime', info.opTime && mosTime(info.opTime)),
    el('mosRev', info.mosRev ?? '2.8.5'),
    el('supportedProfiles', [0, 1, 2, 3, 4, 5, 6, 7].map((p) => el(`mosProfile`, info.profiles.includes(p) ? 'YES' : 'NO', { number: String(p) })), { deviceType: info.deviceType ?? 'MOS' }),
    ...(info.defaultActiveX ?? []).map((a) => el('defaultActiveX', [
      el('mode', a.mode), el('controlFileLocation', a.controlFileLocation), el('controlSlug', a.controlSlug),
      el('controlName', a.controlName), el('controlDefaultParams', a.controlDefaultParams),
    ])),
    ...metadataNodes(info.metadata),
  ]);
}

// ---- profile 1 ----

export function mosAck(objID: string, status: 'ACK' | 'NACK' = 'ACK', description = '', objRev: number | '' = 1): XmlNode {
  return el('mosAck', [el('objID', objID), el('objRev', objRev), el('status', status), el('statusDescription', limited(description))]);
}

export type ObjectStatus = 'NEW' | 'UPDATED' | 'MOVED' | 'BUSY' | 'DELETED' | 'NCS CTRL' | 'MANUAL CTRL' | 'READY' | 'NOT READY' | 'PLAY' | 'STOP';

export interface MosObject {
  objID: string;
  objSlug: string;
  /** MOS 2.8.5 defines STILL, AUDIO and VIDEO only. */
  objType: 'VIDEO' | 'AUDIO' | 'STILL';
  /** Samples: objDur / objTB is the duration in seconds. */
  objDur: number;
  proxyPath?: string;
  /** Samples per second (default 50). */
  objTB?: number;
  objRev?: number;
  status?: ObjectStatus;
  objAir?: 'READY' | 'NOT READY';
  objGroup?: string;
  mosAbstract?: string;
  /** Further paths (objPath, objMetadataPath, ...) after the proxy path. */
  paths?: ObjectPath[];
  createdBy?: string;
  created?: Date | string;
  changedBy?: string;
  changed?: Date | string;
  /** Plain text of the object description (may be empty). */
  description?: string;
  metadata?: ExternalMetadata[];
}

export function mosObj(o: MosObject, now = new Date()): XmlNode {
  const paths: ObjectPath[] = [...(o.proxyPath ? [{ kind: 'objProxyPath' as const, url: o.proxyPath, techDescription: 'Proxy MP4' }] : []), ...(o.paths ?? [])];
  const createdBy = o.createdBy ?? 'MOS-WS conformance suite';
  const created = timeText(o.created ?? now);
  return el('mosObj', [
    el('objID', o.objID),
    el('objSlug', o.objSlug),
    ...optional('mosAbstract', o.mosAbstract),
    ...optional('objGroup', o.objGroup),
    el('objType', o.objType),
    el('objTB', o.objTB ?? 50),
    el('objRev', o.objRev ?? 1),
    el('objDur', o.objDur),
    el('status', o.status ?? 'NEW'),
    el('objAir', o.objAir ?? 'READY'),
    ...(paths.length ? [pathsNode(paths)] : []),
    el('createdBy', createdBy),
    el('created', created),
    el('changedBy', o.changedBy ?? createdBy),
    el('changed', o.changed === undefined ? created : timeText(o.changed)),
    el('description', o.description ?? ''),
    ...metadataNodes(o.metadata),
  ]);
}

export const mosReqObj = (objID: string): XmlNode => el('mosReqObj', [el('objID', objID)]);
/** pause: 0 asks for one mosListAll, more for mosObj messages that far apart. */
export const mosReqAll = (pause = 0): XmlNode => el('mosReqAll', [el('pause', pause)]);
export const mosListAll = (objects: readonly MosObject[], now = new Date()): XmlNode => el('mosListAll', objects.map((o) => mosObj(o, now)));

// ---- profile 2 ----

export const roReq = (roID: string): XmlNode => el('roReq', [el('roID', roID)]);

/** A MOS's status for one object of a running order, reported in roAck. */
export interface RoAckObject {
  storyID: string;
  itemID: string;
  objID: string;
  status: string;
  itemChannel?: string;
}

export function roAck(roID: string, status = 'OK', objects: readonly RoAckObject[] = []): XmlNode {
  return el('roAck', [
    el('roID', roID), el('roStatus', limited(status)),
    ...objects.flatMap((o) => [el('storyID', o.storyID), el('itemID', o.itemID), el('objID', o.objID), ...optional('itemChannel', o.itemChannel), el('status', limited(o.status))]),
  ]);
}

export const roList = (ro: RunningOrder): XmlNode => runningOrder('roList', ro);
export const roCreate = (ro: RunningOrder): XmlNode => runningOrder('roCreate', ro);
export const roReplace = (ro: RunningOrder): XmlNode => runningOrder('roReplace', ro);
export const roMetadataReplace = (ro: RunningOrderHeader): XmlNode => el('roMetadataReplace', [...headerNodes(ro), ...metadataNodes(ro.metadata)]);
export const roDelete = (roID: string): XmlNode => el('roDelete', [el('roID', roID)]);
export const roReadyToAir = (roID: string, air: 'READY' | 'NOT READY' = 'READY'): XmlNode => el('roReadyToAir', [el('roID', roID), el('roAir', air)]);

/** What a roElementStat is about: the running order, one of its stories, or an item of a story. */
export interface ElementRef {
  roID: string;
  storyID?: string;
  /** Needs storyID. */
  itemID?: string;
  objID?: string;
  itemChannel?: string;
}

export function roElementStat(ref: ElementRef, status: ObjectStatus, time: Date | string = new Date()): XmlNode {
  const element = ref.itemID !== undefined ? 'ITEM' : ref.storyID !== undefined ? 'STORY' : 'RO';
  return el('roElementStat', [
    el('roID', ref.roID), ...optional('storyID', ref.storyID),
    ...(element === 'ITEM' ? [el('itemID', ref.itemID!), ...optional('objID', ref.objID), ...optional('itemChannel', ref.itemChannel)] : []),
    el('status', status), el('time', timeText(time)),
  ], { element });
}

export type ElementOperation = 'INSERT' | 'REPLACE' | 'MOVE' | 'DELETE' | 'SWAP';

/**
 * roElementAction: the MOS 2.8 replacement for the deprecated roStory and roItem messages.
 * Stories are addressed by target.storyID, items by target.storyID and target.itemID.
 * Forms MOS allows (source kind -> target):
 *   INSERT, REPLACE: stories -> {storyID}; items -> {storyID, itemID}
 *   MOVE:            storyIDs -> {storyID}; itemIDs -> {storyID, itemID}
 *   DELETE:          storyIDs -> {}; itemIDs -> {storyID}
 *   SWAP:            two storyIDs -> {}; two itemIDs -> {storyID}
 */
export function roElementAction(
  roID: string,
  operation: ElementOperation,
  target: { storyID?: string; itemID?: string },
  source: { storyIDs?: string[]; stories?: Story[]; itemIDs?: string[]; items?: StoryItem[] },
): XmlNode {
  const targetChildren: XmlNode[] = [...optional('storyID', target.storyID), ...optional('itemID', target.itemID)];
  const sourceChildren: XmlNode[] = [
    ...(source.stories ?? []).map(storyNode),
    ...(source.storyIDs ?? []).map((id) => el('storyID', id)),
    ...(source.items ?? []).map((i) => itemNode(i)),
    ...(source.itemIDs ?? []).map((id) => el('itemID', id)),
  ];
  const children: XmlNode[] = [el('roID', roID)];
  if (targetChildren.length) children.push(el('element_target', targetChildren));
  children.push(el('element_source', sourceChildren));
  return el('roElementAction', children, { operation });
}

// ---- profile 3 ----

/** The fields a NCS gives to have an object created (mosObjCreate, mosReqObjAction). */
export interface ObjectFields {
  objSlug: string;
  objType: 'VIDEO' | 'AUDIO' | 'STILL';
  /** Samples per second (default 50). */
  objTB?: number;
  objDur?: number;
  objGroup?: string;
  time?: Date | string;
  createdBy?: string;
  description?: string;
  metadata?: ExternalMetadata[];
}

export function mosObjCreate(o: ObjectFields): XmlNode {
  return el('mosObjCreate', [
    el('objSlug', o.objSlug), ...optional('objGroup', o.objGroup), el('objType', o.objType), el('objTB', o.objTB ?? 50),
    ...optional('objDur', o.objDur), ...optional('time', o.time === undefined ? undefined : timeText(o.time)),
    ...optional('createdBy', o.createdBy), ...optional('description', o.description), ...metadataNodes(o.metadata),
  ]);
}

export type ObjectAction = { operation: 'NEW'; object: ObjectFields } | { operation: 'UPDATE'; objID: string; object: ObjectFields } | { operation: 'DELETE'; objID: string };

export function mosReqObjAction(a: ObjectAction): XmlNode {
  const fields = a.operation === 'DELETE' ? [] : mosObjCreate(a.object).children!;
  return el('mosReqObjAction', fields, a.operation === 'NEW' ? { operation: a.operation } : { operation: a.operation, objID: a.objID });
}

export const mosItemReplace = (roID: string, storyID: string, item: StoryItem): XmlNode =>
  el('mosItemReplace', [el('roID', roID), el('storyID', storyID), itemNode(item)]);

export const mosReqSearchableSchema = (username: string): XmlNode => el('mosReqSearchableSchema', undefined, { username });
export const mosListSearchableSchema = (username: string, schema: string): XmlNode =>
  el('mosListSearchableSchema', [el('mosSchema', schema)], { username });

export interface SearchField {
  XPath: string;
  sortByOrder?: number;
  sortType?: 'ASCENDING' | 'DESCENDING';
}

export interface ObjectQuery {
  username: string;
  queryID: string;
  /** Index of the first object wanted (empty when absent). */
  listReturnStart?: number;
  listReturnEnd?: number;
  generalSearch?: string;
  mosSchema?: string;
  /** Each group is a list of search fields (ANDed); groups are ORed. */
  searchGroups?: SearchField[][];
}

export function mosReqObjList(q: ObjectQuery): XmlNode {
  return el('mosReqObjList', [
    el('queryID', q.queryID), el('listReturnStart', q.listReturnStart ?? ''), el('listReturnEnd', q.listReturnEnd ?? ''),
    el('generalSearch', q.generalSearch ?? ''), el('mosSchema', q.mosSchema ?? ''),
    ...(q.searchGroups ?? []).map((g) => el('searchGroup', g.map((f) => el('searchField', undefined, {
      XPath: f.XPath, ...(f.sortByOrder === undefined ? {} : { sortByOrder: String(f.sortByOrder) }), ...(f.sortType === undefined ? {} : { sortType: f.sortType }),
    })))),
  ], { username: q.username });
}

export interface ObjectQueryResult {
  username: string;
  queryID: string;
  listReturnStart: number;
  listReturnEnd: number;
  /** Defaults to the number of objects. */
  listReturnTotal?: number;
  /** Why the total is 0. */
  listReturnStatus?: string;
  objects: MosObject[];
}

export function mosObjList(r: ObjectQueryResult, now = new Date()): XmlNode {
  return el('mosObjList', [
    el('queryID', r.queryID), el('listReturnStart', r.listReturnStart), el('listReturnEnd', r.listReturnEnd),
    el('listReturnTotal', r.listReturnTotal ?? r.objects.length), ...optional('listReturnStatus', r.listReturnStatus && limited(r.listReturnStatus)),
    ...(r.objects.length ? [el('list', r.objects.map((o) => mosObj(o, now)))] : []),
  ], { username: r.username });
}

// ---- profile 4 ----

export const roReqAll = (): XmlNode => el('roReqAll');
export const roListAll = (ros: readonly RunningOrderHeader[]): XmlNode => el('roListAll', ros.map((ro) => el('ro', [...headerNodes(ro), ...metadataNodes(ro.metadata)])));

/** Story text: a paragraph, a presenter instruction, a presenter (with read rate), or an item. */
export type StoryPart = string | { instruction: string } | { presenter: string; readRate?: string } | { item: StoryItem };

export interface StoryText {
  storyID: string;
  storySlug?: string;
  storyNum?: string;
  body: StoryPart[];
  metadata?: ExternalMetadata[];
}

function storyPart(p: StoryPart): XmlNode[] {
  if (typeof p === 'string') return [el('p', p)];
  if ('instruction' in p) return [el('p', [el('pi', p.instruction)])];
  if ('presenter' in p) return [el('storyPresenter', p.presenter), ...optional('storyPresenterRR', p.readRate)];
  return [itemNode(p.item, 'storyItem')];
}

export function roStorySend(roID: string, story: StoryText): XmlNode {
  return el('roStorySend', [
    el('roID', roID), el('storyID', story.storyID), ...optional('storySlug', story.storySlug), ...optional('storyNum', story.storyNum),
    el('storyBody', story.body.flatMap(storyPart)), ...metadataNodes(story.metadata),
  ]);
}

// ---- profile 5 ----

export type ControlCommand = 'READY' | 'EXECUTE' | 'PAUSE' | 'STOP' | 'SIGNAL';

/** roCtrl addresses a running order (no storyID), a story (no itemID) or an item. */
export function roCtrl(roID: string, command: ControlCommand, storyID = '', itemID = '', metadata?: ExternalMetadata[]): XmlNode {
  return el('roCtrl', [el('roID', roID), el('storyID', storyID), el('itemID', itemID), el('command', command), ...metadataNodes(metadata)]);
}

export interface ItemCue {
  mosID: string;
  roID: string;
  storyID: string;
  itemID: string;
  roEventType: string;
  roEventTime: Date | string;
  metadata?: ExternalMetadata[];
}

export function roItemCue(c: ItemCue): XmlNode {
  return el('roItemCue', [
    el('mosID', c.mosID), el('roID', c.roID), el('storyID', c.storyID), el('itemID', c.itemID),
    el('roEventType', c.roEventType), el('roEventTime', timeText(c.roEventTime)), ...metadataNodes(c.metadata),
  ]);
}
