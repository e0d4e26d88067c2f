// Deprecated messages: an NRCS uses roElementAction; a device accepts it.
import { Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { Verdict } from '../suite/verdicts';
import { isDeprecated } from '../lib/mos/catalogue';
import { readMos } from '../lib/mos/envelope';
import * as M from '../lib/mos/messages';
import { SAMPLE_RUNNING_ORDER } from '../simulators/nrcs';
import { perform } from './passive-steps';

When('the system under test is asked to insert, move, replace and delete a story in running order {word}', async function (this: MosWorld, roID: string) {
  this.mark = Date.now();
  return perform(this, { kind: 'story-operations', roID });
});

Then('it sends roElementAction for those changes', async function (this: MosWorld) {
  const wait = this.sut.embedded ? this.timing.responseTimeoutMs : this.timing.operatorMs;
  const ro = () => this.transcript.entries.filter((e) => e.who === 'suite' && e.direction === 'in' && e.kind === 'mos' && e.t >= this.mark && e.channel === 'ro');
  const ops = () => new Set(ro().filter((e) => e.message === 'roElementAction').map((e) => readMos(e.text).message.body.attributes.operation));
  await this.until(() => ['INSERT', 'MOVE', 'DELETE'].every((o) => ops().has(o)) || ro().some((e) => isDeprecated(e.message!)), wait, () => {
    const seen = [...new Set(ro().map((e) => e.message))];
    return new Verdict('MOSWS-DEPR-1', `expected roElementAction INSERT, MOVE and DELETE within ${wait} ms; received ${seen.join(', ') || 'nothing'}`);
  }, `roElementAction INSERT, MOVE and DELETE from the ${this.role} under test`);
});

Then('it sends none of the deprecated messages', function (this: MosWorld) {
  const bad = this.transcript.entries.filter((e) => e.who === 'suite' && e.direction === 'in' && e.message && isDeprecated(e.message));
  if (bad.length) throw new Verdict('MOSWS-DEPR-1', `the system under test sent deprecated ${[...new Set(bad.map((e) => e.message))].join(', ')} instead of roElementAction`);
});

When('the suite sends roCreate for RO-1 and then roElementAction INSERT, MOVE, REPLACE and DELETE', async function (this: MosWorld) {
  const ro = this.probes.find((p) => p.channel === 'ro')!;
  const story = { storyID: 'S-NEW', storySlug: 'Breaking', items: [] };
  const bodies = [
    M.roCreate(SAMPLE_RUNNING_ORDER),
    M.roElementAction('RO-1', 'INSERT', { storyID: 'S2' }, { stories: [story] }),
    M.roElementAction('RO-1', 'MOVE', { storyID: 'S1' }, { storyIDs: ['S-NEW'] }),
    M.roElementAction('RO-1', 'REPLACE', { storyID: 'S-NEW' }, { stories: [{ ...story, storySlug: 'Breaking (update)' }] }),
    M.roElementAction('RO-1', 'DELETE', {}, { storyIDs: ['S-NEW'] }),
  ];
  for (const body of bodies) {
    const reply = await this.requestOver(ro, body);
    const roStatus = readMos(reply.text).message.body.children.find((c) => c.name === 'roStatus')?.text;
    this.acks.push({ op: body.attributes?.operation ?? body.name, status: reply.name === 'roAck' ? roStatus ?? '(no roStatus)' : reply.name });
  }
});

Then('every one is acknowledged with roAck status OK', function (this: MosWorld) {
  for (const a of this.acks) {
    if (a.status === undefined) throw new Verdict('MOSWS-DEPR-1', `no roAck for ${a.op} within ${this.timing.responseTimeoutMs} ms`);
    if (a.status !== 'OK') throw new Verdict('MOSWS-DEPR-1', `${a.op} was answered with "${a.status}", expected roAck OK`);
  }
});
