// Faults that change what a simulator writes: one table from fault to a rewrite of an outgoing
// message body. Content faults each break one MOS-CONTENT requirement (test/profile-faults.test.ts
// checks that the validator reports that one and no other); answers-wrong-id breaks MOS-PROFILE-2.
import { XmlNode } from '../lib/mos/xml';
import type { FaultName } from './faults';

type Rewrite = (body: XmlNode, isReply: boolean) => XmlNode;

const withChildren = (body: XmlNode, children: XmlNode[]): XmlNode => ({ ...body, children });
const kids = (body: XmlNode): XmlNode[] => body.children ?? [];

/** Rewrite the first element (depth first) that `match` selects. */
function rewriteFirst(node: XmlNode, match: (n: XmlNode) => boolean, change: (n: XmlNode) => XmlNode): { node: XmlNode; done: boolean } {
  if (match(node)) return { node: change(node), done: true };
  const list = kids(node);
  for (let i = 0; i < list.length; i++) {
    const r = rewriteFirst(list[i]!, match, change);
    if (r.done) return { node: withChildren(node, [...list.slice(0, i), r.node, ...list.slice(i + 1)]), done: true };
  }
  return { node, done: false };
}

const OVERLONG = 'An over-long slug: '.padEnd(140, 'x');
/** The IDs a reply names after what was asked. */
const ASKED_ID = new Set(['roID', 'objID', 'queryID']);

export const OUTGOING_FAULTS: Partial<Record<FaultName, Rewrite>> = {
  // MOS-CONTENT-1: listMachInfo without its serial number.
  'listmachinfo-missing-tag': (b) => (b.name === 'listMachInfo' ? withChildren(b, kids(b).filter((c) => c.name !== 'SN')) : b),
  // MOS-CONTENT-2: roAck with roStatus before roID.
  'swapped-order': (b) => {
    if (b.name !== 'roAck') return b;
    const [roID, roStatus, ...rest] = kids(b);
    return withChildren(b, [roStatus!, roID!, ...rest]);
  },
  // MOS-CONTENT-3: mosAck with objRev twice.
  'repeated-tag': (b) => {
    if (b.name !== 'mosAck') return b;
    const [objID, objRev, ...rest] = kids(b);
    return withChildren(b, [objID!, objRev!, objRev!, ...rest]);
  },
  // MOS-CONTENT-4: the first slug of a message is longer than 128 characters.
  'overlong-slug': (b) => rewriteFirst(b, (n) => /Slug$/.test(n.name) && n.text !== undefined, (n) => ({ ...n, text: OVERLONG })).node,
  // MOS-CONTENT-5: objType CG (not a MOS 2.8.5 value) in mosObj and mosObjCreate.
  'bad-enum': (b) => rewriteFirst(b, (n) => n.name === 'objType', (n) => ({ ...n, text: 'CG' })).node,
  // MOS-CONTENT-6: heartbeat time written as ISO 8601 with milliseconds and a dot.
  'bad-time-format': (b) => (b.name === 'heartbeat' ? withChildren(b, [{ name: 'time', text: new Date().toISOString() }]) : b),
  // MOS-CONTENT-7: roAck carries a vendor tag outside mosExternalMetadata.
  'extra-tag': (b) => (b.name === 'roAck' ? withChildren(b, [...kids(b).slice(0, 2), { name: 'vendorNote', text: 'added outside mosExternalMetadata' }, ...kids(b).slice(2)]) : b),
  // MOSWS-DEPR-1: item status reported with the deprecated roItemStat.
  'sends-roitemstat': (b) => (b.name === 'roElementStat' && b.attributes?.element === 'ITEM' ? { name: 'roItemStat', children: kids(b) } : b),
  // MOSWS-DEPR-1: an item replaced with the deprecated roItemReplace.
  'nrcs-sends-roitemreplace': (b) => (b.name === 'roElementAction' && b.attributes?.operation === 'REPLACE' ? { name: 'roItemReplace', children: kids(b) } : b),
  // MOS-PROFILE-2: roReqAll refused instead of answered with roListAll.
  'nacks-roreqall': (b, isReply) => (isReply && b.name === 'roListAll' ? { name: 'roAck', children: [{ name: 'roID', text: '0' }, { name: 'roStatus', text: 'NACK' }] } : b),
  // MOS-PROFILE-2: a roList without the last story of the running order it describes.
  'rolist-drops-last-story': (b, isReply) => {
    if (!isReply || b.name !== 'roList') return b;
    const lastStory = kids(b).map((c) => c.name).lastIndexOf('story');
    return lastStory < 0 ? b : withChildren(b, kids(b).filter((_c, i) => i !== lastStory));
  },
  // MOS-PROFILE-2: replies name another running order, object or query than the one asked about.
  'answers-wrong-id': (b, isReply) => (isReply ? rewriteFirst(b, (n) => ASKED_ID.has(n.name) && !!n.text, (n) => ({ ...n, text: `${n.text}-OTHER` })).node : b),
};

/** The body with every active rewrite applied (the same body when no fault rewrites it). */
export function rewriteOutgoing(faults: ReadonlySet<FaultName>, body: XmlNode, isReply: boolean): XmlNode {
  let out = body;
  for (const f of faults) {
    const r = OUTGOING_FAULTS[f];
    if (r) out = r(out, isReply);
  }
  return out;
}
