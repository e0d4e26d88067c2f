// Reading MOS message bodies back into the model types of lib/mos/messages.ts (the other half of
// the builders): running orders, stories, items and objects. Lenient by design: content is judged
// by lib/mos/content-validator.ts, these readers only take what is there (absent text is '').
import { XmlElement, child, childText } from './xml';
import * as M from './messages';

export { child, childText };

export function children(e: XmlElement, name: string): XmlElement[] {
  return e.children.filter((c) => c.name === name);
}

const num = (s: string | undefined): number | undefined => (s === undefined || s === '' || !/^\d+$/.test(s) ? undefined : Number(s));
const text = (e: XmlElement, name: string): string => childText(e, name) ?? '';

function paths(e: XmlElement): M.ObjectPath[] | undefined {
  const p = child(e, 'objPaths');
  if (!p) return undefined;
  return p.children
    .filter((c): c is XmlElement & { name: M.ObjectPath['kind'] } => c.name === 'objPath' || c.name === 'objProxyPath' || c.name === 'objMetadataPath')
    .map((c) => ({ kind: c.name, url: c.text, ...(c.attributes.techDescription !== undefined ? { techDescription: c.attributes.techDescription } : {}) }));
}

export function readItem(e: XmlElement): M.StoryItem {
  const item: M.StoryItem = { itemID: text(e, 'itemID'), objID: text(e, 'objID'), mosID: text(e, 'mosID') };
  const s = childText(e, 'itemSlug');
  if (s !== undefined) item.itemSlug = s;
  const ch = childText(e, 'itemChannel');
  if (ch !== undefined) item.itemChannel = ch;
  const p = paths(e);
  if (p) item.paths = p;
  for (const k of ['itemEdStart', 'itemEdDur', 'itemUserTimingDur'] as const) {
    const v = num(childText(e, k));
    if (v !== undefined) item[k] = v;
  }
  return item;
}

export function readStory(e: XmlElement): M.Story {
  const story: M.Story = { storyID: text(e, 'storyID'), storySlug: text(e, 'storySlug'), items: children(e, 'item').map(readItem) };
  const n = childText(e, 'storyNum');
  if (n !== undefined) story.storyNum = n;
  return story;
}

/** The running-order header (roCreate, roReplace, roList, roMetadataReplace, roListAll's ro). */
export function readHeader(e: XmlElement): M.RunningOrderHeader {
  const ro: M.RunningOrderHeader = { roID: text(e, 'roID'), roSlug: text(e, 'roSlug') };
  for (const k of ['roChannel', 'roEdStart', 'roEdDur', 'roTrigger'] as const) {
    const v = childText(e, k);
    if (v !== undefined) ro[k] = v;
  }
  return ro;
}

export function readRunningOrder(e: XmlElement): M.RunningOrder {
  return { ...readHeader(e), stories: children(e, 'story').map(readStory) };
}

const OBJECT_TYPES = new Set(['VIDEO', 'AUDIO', 'STILL']);

export function readObject(e: XmlElement): M.MosObject {
  const type = text(e, 'objType');
  const o: M.MosObject = {
    objID: text(e, 'objID'), objSlug: text(e, 'objSlug'), objType: (OBJECT_TYPES.has(type) ? type : 'VIDEO') as M.MosObject['objType'],
    objDur: num(childText(e, 'objDur')) ?? 0,
  };
  const tb = Number(childText(e, 'objTB'));
  if (Number.isFinite(tb) && childText(e, 'objTB') !== undefined) o.objTB = tb;
  const rev = num(childText(e, 'objRev'));
  if (rev !== undefined) o.objRev = rev;
  const group = childText(e, 'objGroup');
  if (group !== undefined) o.objGroup = group;
  const p = paths(e);
  if (p) o.paths = p;
  for (const k of ['createdBy', 'created', 'changedBy', 'changed'] as const) {
    const v = childText(e, k);
    if (v !== undefined) o[k] = v;
  }
  return o;
}
