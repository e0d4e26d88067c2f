// Stateful consistency: what the system answers must agree with what the suite told it. The suite
// models the state it created (the running order as it last left it, the objects listed) and
// compares the system's answers structurally with that model (MOS-PROFILE-2), not by substring.
import { DataTable, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { readMos } from '../lib/mos/envelope';
import { childText, children, readObject, readRunningOrder } from '../lib/mos/read';
import * as M from '../lib/mos/messages';
import { Origination, originate } from '../simulators/originations';
import { exchange, parseAbout, profileState } from './support/profiles';

/** The shape of a running order the comparison looks at: ids and slugs, stories and items in order. */
interface Shape {
  roID: string;
  roSlug: string;
  stories: Array<{ storyID: string; storySlug: string; items: Array<{ itemID: string; objID: string; itemSlug?: string }> }>;
}

function shapeOf(ro: M.RunningOrder): Shape {
  return {
    roID: ro.roID,
    roSlug: ro.roSlug,
    stories: ro.stories.map((s) => ({ storyID: s.storyID, storySlug: s.storySlug, items: s.items.map((i) => ({ itemID: i.itemID, objID: i.objID, ...(i.itemSlug !== undefined ? { itemSlug: i.itemSlug } : {}) })) })),
  };
}

/** The first difference between two shapes, in words; undefined when they agree. */
export function shapeDifference(want: Shape, got: Shape): string | undefined {
  if (got.roID !== want.roID) return `it names running order ${got.roID}, not ${want.roID}`;
  if (got.roSlug !== want.roSlug) return `its roSlug is "${got.roSlug}", the suite last set "${want.roSlug}"`;
  const ids = (s: Shape): string => s.stories.map((x) => x.storyID).join(', ');
  if (ids(got) !== ids(want)) return `its stories are [${ids(got)}], the running order as the suite left it has [${ids(want)}]`;
  for (let i = 0; i < want.stories.length; i++) {
    const w = want.stories[i]!;
    const g = got.stories[i]!;
    // Optional elements a system leaves out of its reply (MOS lets it) are no contradiction; a different value is.
    if (g.storySlug && g.storySlug !== w.storySlug) return `story ${w.storyID} has storySlug "${g.storySlug}", the suite last set "${w.storySlug}"`;
    const items = (s: Shape['stories'][number]): string => s.items.map((x) => x.itemID).join(', ');
    if (items(g) !== items(w)) return `story ${w.storyID} has items [${items(g)}], the suite left it with [${items(w)}]`;
    for (let j = 0; j < w.items.length; j++) {
      const wi = w.items[j]!;
      const gi = g.items[j]!;
      if (gi.objID !== wi.objID) return `item ${w.storyID}/${wi.itemID} names object ${gi.objID}, the suite sent ${wi.objID}`;
      if (wi.itemSlug !== undefined && gi.itemSlug !== undefined && gi.itemSlug !== wi.itemSlug) return `item ${w.storyID}/${wi.itemID} has itemSlug "${gi.itemSlug ?? '(none)'}", the suite last set "${wi.itemSlug}"`;
    }
  }
  return undefined;
}

When('the suite creates running order {word} on the system and edits it with:', async function (this: MosWorld, roID: string, table: DataTable) {
  const state = profileState(this);
  const send = async (o: Origination): Promise<void> => {
    const { channel, body } = originate(state.view, o);
    await exchange(this, 'probe', body, channel);
  };
  await send({ message: 'roCreate', roID });
  for (const row of table.hashes()) await send({ ...parseAbout(row.edit ?? ''), message: 'roElementAction', roID });
  this.log(`the suite's model of ${roID}: ${state.view.runningOrders.get(roID)!.stories.map((s) => `${s.storyID}[${s.items.map((i) => i.itemID).join(' ')}]`).join(' ')}`);
});

Then("the system's roList for {word} equals the running order as the suite last left it", async function (this: MosWorld, roID: string) {
  const want = profileState(this).view.runningOrders.get(roID);
  if (!want) throw new Error(`the suite has no model of ${roID}`);
  const { reply } = await exchange(this, 'probe', M.roReq(roID), 'ro');
  const got = readRunningOrder(reply.body);
  const diff = shapeDifference(shapeOf(want), shapeOf(got));
  if (diff) throw new Verdict('MOS-PROFILE-2', `the roList answering roReq for ${roID} does not describe the running order as the suite last left it: ${diff}`);
});

Then('the system answers mosReqObj for every object listed, each with that object as listed', async function (this: MosWorld) {
  const listed = profileState(this).listed;
  if (listed.length < 2) throw new CouldNotTest(undefined, `the system listed ${listed.length} object(s); asking for more than the first needs at least two`);
  const last = this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in' && e.message === 'mosListAll').pop();
  const asListed = new Map(children(readMos(last!.text).message.body, 'mosObj').map((o) => [childText(o, 'objID') ?? '', readObject(o)]));
  // The last first: a system answering with its first object for any request shows at once.
  for (const objID of [...listed].reverse().slice(0, 5)) {
    const { reply } = await exchange(this, this.suite ? 'suite' : 'probe', M.mosReqObj(objID), 'mom');
    const got = readObject(reply.body);
    const want = asListed.get(objID)!;
    for (const k of ['objID', 'objSlug', 'objType', 'objDur'] as const) {
      if (got[k] !== want[k]) throw new Verdict('MOS-PROFILE-2', `the mosObj answering mosReqObj for ${objID} has ${k} "${got[k]}"; the object as the system listed it has "${want[k]}"`);
    }
  }
  this.metrics.objectsAsked = Math.min(5, listed.length);
});
