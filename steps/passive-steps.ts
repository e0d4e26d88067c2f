// Passive mode: passive=true sockets, re-opening after a drop, nothing lost.
import { Given, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import type { TranscriptEntry } from '../lib/transport/transcript';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { Channel } from '../lib/mos/catalogue';
import { MosMessage, readMos } from '../lib/mos/envelope';
import type { SutAction } from '../suite/operator-action';

Then('it opens a passive=true connection on the mom channel and on the ro channel', async function (this: MosWorld) {
  for (const ch of ['mom', 'ro']) {
    if (!this.suite!.accepted.some((a) => a.params.channel === ch && a.params.passive)) throw new Verdict('MOSWS-PASSIVE-2', `no passive=true connection on ${ch}`);
  }
  // One per channel: after the sockets settle, a second open passive socket on a channel is one too many.
  await this.pause(this.timing.silenceWindowMs, 'the passive sockets to settle');
  for (const ch of ['mom', 'ro']) {
    const open = this.suite!.openSockets().filter((s) => s.origin === 'accepted' && s.passive && s.channel === ch).length;
    if (open > 1) throw new Verdict('MOSWS-PASSIVE-2', `${open} passive=true connections are open on ${ch} at once; one per channel is established`);
  }
});

Then('the suite can originate a request over each passive connection and get its reply', async function (this: MosWorld) {
  for (const ch of ['mom', 'ro'] as const) {
    try {
      await this.suite!.heartbeat(ch);
    } catch (e) {
      throw this.blocked('MOSWS-PASSIVE-1', `a heartbeat the suite originated over the passive ${ch} connection was not answered: ${(e as Error).message}`);
    }
  }
});

When('the suite drops the passive {word} connection', function (this: MosWorld, channel: Channel) {
  this.mark = Date.now();
  if (this.suite!.dropSockets({ passive: true, channel }) === 0) throw new Error(`no passive ${channel} connection to drop`);
});

Then('the system re-opens the passive {word} connection within the reconnect threshold', async function (this: MosWorld, channel: Channel) {
  const suite = this.suite!;
  const threshold = this.timing.reconnectThresholdMs;
  const reopened = () => suite.accepted.find((a) => a.at >= this.mark && a.params.channel === channel && a.params.passive);
  // Wait past the threshold so a late reconnect is measured and reported, not just failed.
  await this.until(() => reopened() !== undefined, threshold * 2 + 1000, () => new Verdict('MOSWS-PASSIVE-3', `the passive ${channel} connection was not re-opened within ${threshold * 2 + 1000} ms of the drop`), `the ${this.role} under test to re-open the passive ${channel} connection`);
  const ms = reopened()!.at - this.mark;
  this.metrics[`reconnect_${channel}_ms`] = ms;
  this.log(`passive ${channel} connection re-opened ${ms} ms after the drop (threshold ${threshold} ms)`);
  if (ms > threshold) throw new Verdict('MOSWS-PASSIVE-3', `the passive ${channel} connection was re-opened after ${ms} ms, more than the ${threshold} ms threshold`);
});

When('the suite drops every connection and stays unreachable for the outage time', async function (this: MosWorld) {
  const endpoint = this.suite!.endpoint!;
  await endpoint.pause();
  await this.pause(this.timing.outageMs, "the end of the suite's outage (connections are refused meanwhile)");
  await endpoint.resume();
  this.mark = Date.now();
});

Then('the system re-opens its passive connections within the retry ceiling after the suite is back', async function (this: MosWorld) {
  const suite = this.suite!;
  // Retrying at most every retryCeilingMs, the first attempt after the outage lands within it; the re-open itself is then "at once".
  const limit = this.timing.retryCeilingMs + this.timing.reconnectThresholdMs;
  const back = (ch: string): number | undefined => suite.accepted.find((a) => a.at >= this.mark && a.params.channel === ch && a.params.passive)?.at;
  await this.until(() => back('mom') !== undefined && back('ro') !== undefined, limit * 2 + 1000, () => {
    const missing = ['mom', 'ro'].filter((ch) => back(ch) === undefined);
    return new Verdict('MOSWS-PASSIVE-3', `after the suite was unreachable for ${this.timing.outageMs} ms, the passive ${missing.join(' and ')} connection was not re-opened within ${limit * 2 + 1000} ms of it being back`);
  }, 'the passive connections to be re-opened after the outage');
  const ms = Math.max(back('mom')!, back('ro')!) - this.mark;
  this.metrics.reconnect_after_outage_ms = ms;
  if (ms > limit) throw new Verdict('MOSWS-PASSIVE-3', `after a ${this.timing.outageMs} ms outage the passive connections were re-opened ${ms} ms after the suite was back; retrying at least every ${this.timing.retryCeilingMs} ms re-opens them within ${limit} ms`);
});

When('the suite drops the passive ro connection and at once sends {int} heartbeats over it', function (this: MosWorld, n: number) {
  this.mark = Date.now();
  this.suite!.dropSockets({ passive: true, channel: 'ro' });
  const pending: Array<Promise<MosMessage>> = [];
  for (let i = 0; i < n; i++) pending.push(this.suite!.heartbeat('ro'));
  this.pendingReplies = pending;
});

Then('all {int} heartbeats are answered once each, in order', async function (this: MosWorld, n: number) {
  const results = await Promise.allSettled(this.pendingReplies);
  const lost = results.filter((r) => r.status === 'rejected');
  if (lost.length) throw new Verdict('MOSWS-PASSIVE-3', `${lost.length} of ${n} heartbeats sent across the drop were never answered: ${(lost[0] as PromiseRejectedResult).reason}`);
  await new Promise((r) => setTimeout(r, this.timing.silenceWindowMs));
  // Replies are matched to the suite's requests by messageID: heartbeats the system originates on
  // its own (MOS lets either side send one) are no answers and are not counted.
  const since = this.mark;
  const requests = this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'out' && e.message === 'heartbeat' && e.channel === 'ro' && e.t >= since).map((e) => e.messageID!);
  const asked = new Set(requests);
  const answers = this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in' && e.message === 'heartbeat' && e.t >= since && asked.has(e.messageID!)).map((e) => e.messageID!);
  const twice = answers.filter((id, i) => answers.indexOf(id) !== i);
  if (twice.length) throw new Verdict('MOSWS-PASSIVE-3', `heartbeat${twice.length > 1 ? 's' : ''} ${[...new Set(twice)].map((id) => `#${id}`).join(', ')} sent across the drop ${twice.length > 1 ? 'were' : 'was'} answered more than once`);
  const order = requests.filter((id) => answers.includes(id));
  if (answers.some((id, i) => id !== order[i])) throw new Verdict('MOSWS-PASSIVE-3', `the replies to the heartbeats sent across the drop arrived out of order: ${answers.map((id) => `#${id}`).join(', ')} for requests ${requests.map((id) => `#${id}`).join(', ')}`);
});

Given('the suite is connected as the active side of passive mode', async function (this: MosWorld) {
  await connectSuiteActive(this);
});

/** The suite as the active side of passive mode: a passive=true socket on each channel (mom and ro unless told). */
export async function connectSuiteActive(w: MosWorld, channels: Channel[] = ['mom', 'ro']): Promise<void> {
  await w.connectSuitePassive(channels);
  const suite = w.suite!;
  const passiveOpen = (ch: string): boolean => suite.openSockets().some((s) => s.channel === ch && s.passive && s.origin === 'opened');
  // An HTTP refusal is a definite answer: no need to wait for the retries.
  const refusal = (): number | undefined => suite.clients.map((c) => c.lastFailure?.status).find((s) => s !== undefined);
  const notOpened = (): Error => {
    const status = refusal();
    if (status) return w.refusedCorrectRequest(status, '', `the suite's passive=true connection request`);
    const failure = suite.clients.map((c) => c.lastFailure).find((f) => f !== undefined);
    return new CouldNotTest(undefined, `the suite could not open its passive connections to ${w.sutUrl}${failure ? `: ${failure.reason}` : ''}`);
  };
  await w.until(() => channels.every(passiveOpen) || refusal() !== undefined, w.timing.connectTimeoutMs + 1000, notOpened, `the suite's passive connections to ${w.sutUrl}`);
  if (!channels.every(passiveOpen)) throw notOpened();
}

async function perform(w: MosWorld, action: SutAction): Promise<'skipped' | undefined> {
  const r = await w.sut.perform(action, w.timing.responseTimeoutMs);
  if (r === 'unavailable') {
    return w.notApplicable('nobody can trigger this action on the system under test');
  }
  return undefined;
}

type Originated = 'roReq' | 'roCreate';

When('the system under test is asked to send {word} for running order {word}', async function (this: MosWorld, message: Originated, roID: string) {
  this.mark = Date.now();
  return perform(this, { kind: 'originate', message, roID });
});

Then('a {word} for {word} arrives over the passive ro connection', async function (this: MosWorld, message: Originated, roID: string) {
  const wait = this.sut.embedded ? this.timing.responseTimeoutMs : this.timing.operatorMs;
  // Matched by what it is about: the system may send other running orders of its own meanwhile.
  const about = (e: TranscriptEntry): string | undefined => readMos(e.text).message.body.children.find((c) => c.name === 'roID')?.text;
  const isIt = (e: TranscriptEntry): boolean => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in' && e.message === message && about(e) === roID;
  const e = await this.untilEntry(isIt, wait, () => {
    const other = this.transcript.entries.find((x) => x.who === 'suite' && x.kind === 'mos' && x.direction === 'in' && x.message === message && x.t >= this.mark);
    return new Verdict('MOSWS-PASSIVE-1', `no ${message} for ${roID} arrived from the system under test within ${wait} ms${other ? ` (one for ${about(other) ?? '(no roID)'} did)` : ''}`);
  }, `a ${message} for ${roID} from the ${this.role} under test`, this.mark);
  if (!e.passive || e.channel !== 'ro') throw new Verdict('MOSWS-PASSIVE-1', `the ${message} arrived over the ${e.channel}${e.passive ? ' passive' : ' non-passive'} connection, expected the passive ro connection`);
});

Then("the suite's {word} reply is accepted without a negative acknowledgement", async function (this: MosWorld, reply: string) {
  await this.transcript.waitFor((e) => e.who === 'suite' && e.direction === 'out' && e.message === reply, this.timing.responseTimeoutMs, `the suite sending ${reply}`, this.mark);
  await new Promise((r) => setTimeout(r, this.timing.silenceWindowMs));
  const nack = this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in' && e.t >= this.mark && isNegativeAck(e.text));
  if (nack.length) throw new Verdict('MOSWS-PASSIVE-1', `the system under test answered the roList with a negative acknowledgement (${nack[0]!.message})`);
});

When('the suite\'s passive ro connection drops and the system under test is asked to send {int} {word} meanwhile', async function (this: MosWorld, n: number, message: Originated) {
  const client = this.suite!.clientFor('ro', true);
  if (!client) throw new Error('the suite has no passive ro connection');
  client.suspend();
  // Let the system under test notice the drop before it is asked to send.
  await new Promise((r) => setTimeout(r, 50));
  this.mark = Date.now();
  const r = await perform(this, { kind: 'originate', message, roID: 'RO-1', count: n });
  if (r) return r;
  await new Promise((r2) => setTimeout(r2, this.timing.silenceWindowMs));
  return undefined;
});

When("the suite re-opens the passive ro connection", function (this: MosWorld) {
  this.suite!.clientFor('ro', true)!.resume();
});

/**
 * The messages the system was asked to send while its passive socket was down are delivered once
 * each, in order. A message that arrives twice under the same messageID is a duplicate; fewer than
 * asked is a loss. What the system sends on its own besides (it may re-send its running order when a
 * socket re-opens, with a messageID of its own) is neither. Which arrivals are the queued ones is not
 * visible to the suite: they are taken to be the `n` with the lowest messageIDs (MOS messageIDs
 * increase), whose arrival must follow that order (docs/interpretations.md #85).
 */
Then('{int} {word} arrive over the passive ro connection once each, in order', async function (this: MosWorld, n: number, message: Originated) {
  const wait = (this.sut.embedded ? this.timing.responseTimeoutMs : this.timing.operatorMs) + this.timing.connectTimeoutMs;
  const got = () => this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in' && e.message === message && e.t >= this.mark);
  const distinct = (): number => new Set(got().map((e) => e.messageID)).size;
  await this.until(() => distinct() >= n, wait, () => new Verdict('MOSWS-PASSIVE-3', `${distinct()} of ${n} ${message} sent while the passive socket was down arrived within ${wait} ms`), `${n} ${message} from the ${this.role} under test`);
  await new Promise((r) => setTimeout(r, this.timing.silenceWindowMs));
  const ids = got().map((e) => e.messageID!);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) throw new Verdict('MOSWS-PASSIVE-3', `${message} ${[...new Set(twice)].map((id) => `#${id}`).join(', ')} arrived more than once (messageIDs in arrival order: ${ids.join(', ')})`);
  const queued = [...ids].sort((a, b) => a - b).slice(0, n);
  const arrival = ids.filter((id) => queued.includes(id));
  if (arrival.some((id, i) => id !== queued[i])) throw new Verdict('MOSWS-PASSIVE-3', `${message} arrived out of order: ${arrival.join(', ')}`);
  const elsewhere = got().find((e) => queued.includes(e.messageID!) && (!e.passive || e.channel !== 'ro'));
  if (elsewhere) throw new Verdict('MOSWS-PASSIVE-1', `a queued ${message} arrived over the ${elsewhere.channel}${elsewhere.passive ? ' passive' : ''} connection, not the passive ro one`);
});

export { perform };

/** A roAck or mosAck whose status is not a positive one (roAck: anything but OK; mosAck: NACK). */
function isNegativeAck(text: string): boolean {
  let m: MosMessage;
  try {
    m = readMos(text).message;
  } catch {
    return false;
  }
  const field = (n: string): string | undefined => m.body.children.find((c) => c.name === n)?.text;
  if (m.name === 'roAck') return (field('roStatus') ?? '').toUpperCase() !== 'OK';
  if (m.name === 'mosAck') return (field('status') ?? '').toUpperCase() === 'NACK';
  return false;
}
