// Stateful consistency: what the system answers must agree with what the suite told it. The suite
// models the state it created (the running order as it last left it, the objects listed) and
// compares the system's answers structurally with that model (MOS-PROFILE-2), not by substring.
import { DataTable, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { readMos } from '../lib/mos/envelope';
import { childText, children, readObject } from '../lib/mos/read';
import * as M from '../lib/mos/messages';
import { Origination, originate } from '../simulators/originations';
import { exchange, parseAbout, profileState } from './support/profiles';

When('the suite creates running orders {word} and {word} on the system and edits the first with:', async function (this: MosWorld, roID: string, second: string, table: DataTable) {
  const state = profileState(this);
  const send = async (o: Origination): Promise<void> => {
    const { channel, body } = originate(state.view, o);
    await exchange(this, 'probe', body, channel);
  };
  // Two running orders, the edits on the older one: an answer about the one created last shows.
  await send({ message: 'roCreate', roID });
  await send({ message: 'roCreate', roID: second });
  for (const row of table.hashes()) await send({ ...parseAbout(row.edit ?? ''), message: 'roElementAction', roID });
  this.log(`the suite's model of ${roID}: ${state.view.runningOrders.get(roID)!.stories.map((s) => `${s.storyID}[${s.items.map((i) => i.itemID).join(' ')}]`).join(' ')}`);
});

Then("the system's roList for {word} and for {word} each equal the running order as the suite last left it", async function (this: MosWorld, roID: string, second: string) {
  // exchange() compares every roList with the suite's model of its running order (profiles.ts).
  for (const id of [roID, second]) await exchange(this, 'probe', M.roReq(id), 'ro');
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
