// Comparing a running order a system describes (roList) with what it was told: ids and slugs,
// stories and items in order. Optional elements a system leaves out are no contradiction; a
// different value is. Pure: no I/O.
import * as M from './messages';

/** The shape of a running order the comparison looks at: ids and slugs, stories and items in order. */
export interface RoShape {
  roID: string;
  roSlug: string;
  stories: Array<{ storyID: string; storySlug: string; items: Array<{ itemID: string; objID: string; itemSlug?: string }> }>;
}

export function roShapeOf(ro: M.RunningOrder): RoShape {
  return {
    roID: ro.roID,
    roSlug: ro.roSlug,
    stories: ro.stories.map((s) => ({ storyID: s.storyID, storySlug: s.storySlug, items: s.items.map((i) => ({ itemID: i.itemID, objID: i.objID, ...(i.itemSlug !== undefined ? { itemSlug: i.itemSlug } : {}) })) })),
  };
}

/** The first difference between two shapes, in words; undefined when they agree. `told`: whose account `want` is. */
export function shapeDifference(want: RoShape, got: RoShape, told = 'the suite last left it'): string | undefined {
  if (got.roID !== want.roID) return `it names running order ${got.roID}, not ${want.roID}`;
  if (got.roSlug !== want.roSlug) return `its roSlug is "${got.roSlug}"; as ${told} it is "${want.roSlug}"`;
  const ids = (s: RoShape): string => s.stories.map((x) => x.storyID).join(', ');
  if (ids(got) !== ids(want)) return `its stories are [${ids(got)}]; as ${told} they are [${ids(want)}]`;
  for (let i = 0; i < want.stories.length; i++) {
    const w = want.stories[i]!;
    const g = got.stories[i]!;
    if (g.storySlug && g.storySlug !== w.storySlug) return `story ${w.storyID} has storySlug "${g.storySlug}"; as ${told} it is "${w.storySlug}"`;
    const items = (s: RoShape['stories'][number]): string => s.items.map((x) => x.itemID).join(', ');
    if (items(g) !== items(w)) return `story ${w.storyID} has items [${items(g)}]; as ${told} they are [${items(w)}]`;
    for (let j = 0; j < w.items.length; j++) {
      const wi = w.items[j]!;
      const gi = g.items[j]!;
      if (gi.objID !== wi.objID) return `item ${w.storyID}/${wi.itemID} names object ${gi.objID}; as ${told} it names ${wi.objID}`;
      if (wi.itemSlug !== undefined && gi.itemSlug !== undefined && gi.itemSlug !== wi.itemSlug) return `item ${w.storyID}/${wi.itemID} has itemSlug "${gi.itemSlug}"; as ${told} it is "${wi.itemSlug}"`;
    }
  }
  return undefined;
}
