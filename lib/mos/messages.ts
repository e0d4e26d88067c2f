// Builders for the message bodies the simulators exchange (MOS 2.8.5 element names).
import { XmlNode, el } from './xml';

export function mosTime(d = new Date()): string {
  const iso = d.toISOString();
  // "YYYY-MM-DDTHH:mm:ss.sssZ" for years 0..9999; other years have a longer, signed form.
  return iso.length === 24 ? iso.slice(0, 19) : iso.replace(/\.\d{3}Z$/, '');
}

export const heartbeat = (now = new Date()): XmlNode => el('heartbeat', [el('time', mosTime(now))]);
export const keepAlive = (): XmlNode => el('keepAlive');
export const reqMachInfo = (): XmlNode => el('reqMachInfo');

export interface MachineInfo {
  manufacturer: string;
  model: string;
  hwRev: string;
  swRev: string;
  DOM: string;
  SN: string;
  ID: string;
  profiles: number[];
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
    el('mosRev', '2.8.5'),
    el('supportedProfiles', [0, 1, 2, 3, 4, 5, 6, 7].map((p) => el(`mosProfile`, info.profiles.includes(p) ? 'YES' : 'NO', { number: String(p) })), { deviceType: 'MOS' }),
  ]);
}

export const roReq = (roID: string): XmlNode => el('roReq', [el('roID', roID)]);

export function roAck(roID: string, status = 'OK'): XmlNode {
  return el('roAck', [el('roID', roID), el('roStatus', status)]);
}

export function mosAck(objID: string, status: 'ACK' | 'NACK' = 'ACK', description = ''): XmlNode {
  return el('mosAck', [el('objID', objID), el('objRev', '1'), el('status', status), el('statusDescription', description)]);
}

export interface StoryItem { itemID: string; objID: string; mosID: string; }
export interface Story { storyID: string; storySlug: string; items: StoryItem[]; }
export interface RunningOrder { roID: string; roSlug: string; stories: Story[]; }

function storyNode(s: Story): XmlNode {
  return el('story', [
    el('storyID', s.storyID),
    el('storySlug', s.storySlug),
    ...s.items.map((i) => el('item', [el('itemID', i.itemID), el('objID', i.objID), el('mosID', i.mosID)])),
  ]);
}

export function roList(ro: RunningOrder): XmlNode {
  return el('roList', [el('roID', ro.roID), el('roSlug', ro.roSlug), ...ro.stories.map(storyNode)]);
}

export function roCreate(ro: RunningOrder): XmlNode {
  return el('roCreate', [el('roID', ro.roID), el('roSlug', ro.roSlug), ...ro.stories.map(storyNode)]);
}

export type ElementOperation = 'INSERT' | 'REPLACE' | 'MOVE' | 'DELETE' | 'SWAP';

/** roElementAction: the MOS 2.8 replacement for the deprecated roStory and roItem messages. */
export function roElementAction(roID: string, operation: ElementOperation, target: { storyID?: string; itemID?: string }, source: { storyIDs?: string[]; stories?: Story[] }): XmlNode {
  const targetChildren: XmlNode[] = [];
  if (target.storyID !== undefined) targetChildren.push(el('storyID', target.storyID));
  if (target.itemID !== undefined) targetChildren.push(el('itemID', target.itemID));
  const sourceChildren: XmlNode[] = [
    ...(source.stories ?? []).map(storyNode),
    ...(source.storyIDs ?? []).map((id) => el('storyID', id)),
  ];
  const children: XmlNode[] = [el('roID', roID)];
  if (targetChildren.length) children.push(el('element_target', targetChildren));
  children.push(el('element_source', sourceChildren));
  return el('roElementAction', children, { operation });
}

export interface MosObject {
  objID: string;
  objSlug: string;
  objType: 'VIDEO' | 'AUDIO' | 'STILL' | 'CG' | 'OTHER';
  objDur: number;
  proxyPath?: string;
}

export function mosObj(o: MosObject): XmlNode {
  const children: XmlNode[] = [
    el('objID', o.objID),
    el('objSlug', o.objSlug),
    el('objType', o.objType),
    el('objTB', '50'),
    el('objRev', '1'),
    el('objDur', o.objDur),
    el('status', 'NEW'),
    el('objAir', 'READY'),
  ];
  if (o.proxyPath) {
    children.push(el('objPaths', [el('objProxyPath', o.proxyPath, { techDescription: 'Proxy MP4' })]));
  }
  return el('mosObj', children);
}
