// The running orders a simulator knows, and how each profile 2-4 message changes them: one table
// from message name to its effect. An effect returns the roAck status: "OK", or what was wrong.
import * as M from '../lib/mos/messages';
import { XmlElement } from '../lib/mos/xml';
import { child, childText, children, readHeader, readItem, readRunningOrder, readStory } from '../lib/mos/read';

export type RunningOrders = Map<string, M.RunningOrder>;

export interface Effect {
  status: string;
  roID: string;
  /** The running order the message created or replaced (for per-item status). */
  ro?: M.RunningOrder;
}

type Apply = (ros: RunningOrders, body: XmlElement, roID: string) => string;

const OK = 'OK';

function storyIndex(ro: M.RunningOrder, storyID: string): number {
  return ro.stories.findIndex((s) => s.storyID === storyID);
}

/** Index of the story, or the error status naming it. */
function findStory(ro: M.RunningOrder, storyID: string | undefined): number | string {
  if (!storyID) return 'element_target names no story';
  const i = storyIndex(ro, storyID);
  return i < 0 ? `Unknown story ${storyID}` : i;
}

function findItem(story: M.Story, itemID: string | undefined): number | string {
  if (!itemID) return 'element_target names no item';
  const i = story.items.findIndex((x) => x.itemID === itemID);
  return i < 0 ? `Unknown item ${itemID} in story ${story.storyID}` : i;
}

/** Take the elements with these IDs out of a list (all must be there), keeping their order. */
function takeOut<T>(list: T[], ids: string[], idOf: (t: T) => string, what: string): T[] | string {
  const taken: T[] = [];
  for (const id of ids) {
    const i = list.findIndex((x) => idOf(x) === id);
    if (i < 0) return `Unknown ${what} ${id}`;
    taken.push(list.splice(i, 1)[0]!);
  }
  return taken;
}

function swap<T>(list: T[], ids: string[], idOf: (t: T) => string, what: string): string {
  if (ids.length !== 2) return `SWAP needs two ${what} IDs`;
  const a = list.findIndex((x) => idOf(x) === ids[0]);
  const b = list.findIndex((x) => idOf(x) === ids[1]);
  if (a < 0 || b < 0) return `Unknown ${what} ${a < 0 ? ids[0] : ids[1]}`;
  [list[a], list[b]] = [list[b]!, list[a]!];
  return OK;
}

/** roElementAction: every operation on stories (target {storyID} or none) and on items (target {storyID, itemID} or {storyID}). */
function elementAction(ro: M.RunningOrder, body: XmlElement): string {
  const op = body.attributes.operation ?? '';
  const target = child(body, 'element_target');
  const source = child(body, 'element_source');
  if (!source) return 'roElementAction without element_source';
  const tStory = target ? childText(target, 'storyID') : undefined;
  const tItem = target ? childText(target, 'itemID') : undefined;
  const stories = children(source, 'story').map(readStory);
  const items = children(source, 'item').map(readItem);
  const storyIDs = children(source, 'storyID').map((e) => e.text);
  const itemIDs = children(source, 'itemID').map((e) => e.text);
  const onItems = items.length > 0 || itemIDs.length > 0;
  if (!onItems) {
    switch (op) {
      case 'INSERT':
      case 'REPLACE': {
        const at = findStory(ro, tStory);
        if (typeof at === 'string') return at;
        ro.stories.splice(at, op === 'REPLACE' ? 1 : 0, ...stories);
        return OK;
      }
      case 'MOVE': {
        const moved = takeOut(ro.stories, storyIDs, (s) => s.storyID, 'story');
        if (typeof moved === 'string') return moved;
        const at = findStory(ro, tStory);
        if (typeof at === 'string') return at;
        ro.stories.splice(at, 0, ...moved);
        return OK;
      }
      case 'DELETE': {
        const gone = takeOut(ro.stories, storyIDs, (s) => s.storyID, 'story');
        return typeof gone === 'string' ? gone : OK;
      }
      case 'SWAP':
        return swap(ro.stories, storyIDs, (s) => s.storyID, 'story');
    }
    return `Unknown operation ${op}`;
  }
  const si = findStory(ro, tStory);
  if (typeof si === 'string') return si;
  const story = ro.stories[si]!;
  switch (op) {
    case 'INSERT':
    case 'REPLACE': {
      const at = findItem(story, tItem);
      if (typeof at === 'string') return at;
      story.items.splice(at, op === 'REPLACE' ? 1 : 0, ...items);
      return OK;
    }
    case 'MOVE': {
      const moved = takeOut(story.items, itemIDs, (x) => x.itemID, 'item');
      if (typeof moved === 'string') return moved;
      const at = findItem(story, tItem);
      if (typeof at === 'string') return at;
      story.items.splice(at, 0, ...moved);
      return OK;
    }
    case 'DELETE': {
      const gone = takeOut(story.items, itemIDs, (x) => x.itemID, 'item');
      return typeof gone === 'string' ? gone : OK;
    }
    case 'SWAP':
      return swap(story.items, itemIDs, (x) => x.itemID, 'item');
  }
  return `Unknown operation ${op}`;
}

/** The running order a message names, or the status saying it is unknown. */
function known(ros: RunningOrders, roID: string, then: (ro: M.RunningOrder) => string): string {
  const ro = ros.get(roID);
  return ro ? then(ro) : `Unknown running order ${roID}`;
}

const APPLY: Readonly<Record<string, Apply>> = {
  roCreate: (ros, body, roID) => (ros.set(roID, readRunningOrder(body)), OK),
  roReplace: (ros, body, roID) => known(ros, roID, () => (ros.set(roID, readRunningOrder(body)), OK)),
  roMetadataReplace: (ros, body, roID) => known(ros, roID, (ro) => (ros.set(roID, { ...ro, ...readHeader(body) }), OK)),
  roDelete: (ros, _body, roID) => (ros.delete(roID) ? OK : `Unknown running order ${roID}`),
  roReadyToAir: (ros, _body, roID) => known(ros, roID, () => OK),
  roElementAction: (ros, body, roID) => known(ros, roID, (ro) => {
    // All or nothing: work on a copy, keep it only when every step succeeded.
    const copy: M.RunningOrder = { ...ro, stories: ro.stories.map((s) => ({ ...s, items: [...s.items] })) };
    const status = elementAction(copy, body);
    if (status === OK) ros.set(roID, copy);
    return status;
  }),
  roElementStat: (ros, body, roID) => known(ros, roID, (ro) => {
    const storyID = childText(body, 'storyID');
    if (storyID === undefined) return OK;
    const si = findStory(ro, storyID);
    if (typeof si === 'string') return si;
    const itemID = childText(body, 'itemID');
    if (itemID === undefined) return OK;
    const ii = findItem(ro.stories[si]!, itemID);
    return typeof ii === 'string' ? ii : OK;
  }),
  roStorySend: (ros, body, roID) => known(ros, roID, (ro) => {
    const si = findStory(ro, childText(body, 'storyID'));
    return typeof si === 'string' ? si : OK;
  }),
  mosItemReplace: (ros, body, roID) => known(ros, roID, (ro) => {
    const si = findStory(ro, childText(body, 'storyID'));
    if (typeof si === 'string') return si;
    const item = child(body, 'item');
    if (!item) return 'mosItemReplace without item';
    const replacement = readItem(item);
    const story = ro.stories[si]!;
    const ii = findItem(story, replacement.itemID);
    if (typeof ii === 'string') return ii;
    story.items[ii] = replacement;
    return OK;
  }),
};

export function changesRunningOrders(name: string): boolean {
  return name in APPLY;
}

/** Apply a running-order message; undefined when the message does not concern running orders. */
export function applyToRunningOrders(ros: RunningOrders, name: string, body: XmlElement): Effect | undefined {
  const apply = APPLY[name];
  if (!apply) return undefined;
  const roID = childText(body, 'roID') ?? '';
  const status = apply(ros, body, roID);
  return { status, roID, ro: status === OK && (name === 'roCreate' || name === 'roReplace') ? ros.get(roID) : undefined };
}

/** Per-item status a MOS reports in roAck: its own items (by mosID), LOADED when it has the object. */
export function itemStatus(ro: M.RunningOrder, mosID: string, hasObject: (objID: string) => boolean): M.RoAckObject[] {
  return ro.stories.flatMap((s) => s.items.filter((i) => i.mosID === mosID).map((i) => ({ storyID: s.storyID, itemID: i.itemID, objID: i.objID, status: hasObject(i.objID) ? 'LOADED' : 'UNKNOWN' })));
}

/** A copy of a running order (the store keeps its own). */
export function copyRunningOrder(ro: M.RunningOrder): M.RunningOrder {
  return { ...ro, stories: ro.stories.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i })) })) };
}
