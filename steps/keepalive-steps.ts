// keepAlive: discarded on receipt, sent on every connected channel.
import { Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { CLOSED_HERE } from '../simulators/mos-peer';

// keepAlive goes out in a burst per connection: a system's own periodic keepAlive or heartbeat
// cannot match a burst, an answer to each keepAlive does.
const BURST = 5;

When('the suite sends keepAlive on every connection', function (this: MosWorld) {
  this.mark = Date.now();
  for (let i = 0; i < BURST; i++) for (const p of this.probes) p.sendKeepAlive();
});

Then('nothing is received on any connection within the silence window', async function (this: MosWorld) {
  await this.pause(this.timing.silenceWindowMs, 'the silence window after keepAlive');
  judgeKeepAliveAnswers(this, this.probes.map((p) => p.id));
});

/**
 * Answers to the suite's keepAlive burst on each socket: an acknowledgement of any kind, or as many
 * heartbeats or keepAlives as keepAlives were sent (an echo arrives at once: within half an interval).
 */
function judgeKeepAliveAnswers(w: MosWorld, sockets: string[]): void {
  const echoWindow = w.mark + Math.max(50, w.timing.keepAliveIntervalMs / 2);
  for (const id of sockets) {
    const got = w.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in' && e.socket === id && e.t >= w.mark);
    const acks = got.filter((e) => e.message === 'roAck' || e.message === 'mosAck');
    const echoes = got.filter((e) => e.message === 'keepAlive' && e.t <= echoWindow);
    const heartbeats = got.filter((e) => e.message === 'heartbeat');
    const on = got[0]?.channel ?? 'a';
    if (acks.length) throw new Verdict('MOSWS-KA-2', `the system answered keepAlive on the ${on} connection with ${acks[0]!.message}; keepAlive is discarded without reply`);
    if (echoes.length >= BURST) throw new Verdict('MOSWS-KA-2', `the system answered each of ${BURST} keepAlives on the ${on} connection with a keepAlive of its own (${echoes.length} within ${echoWindow - w.mark} ms)`);
    if (heartbeats.length >= BURST) throw new Verdict('MOSWS-KA-2', `the system answered each of ${BURST} keepAlives on the ${on} connection with a heartbeat (${heartbeats.length} within the silence window)`);
  }
}

Then('every connection is still open', function (this: MosWorld) {
  for (const p of this.probes) {
    if (p.closed) throw new Verdict('MOSWS-KA-2', `the system closed the ${p.channel} connection (code ${p.closed.code}) after a keepAlive`);
  }
});

When('the suite sends keepAlive on every connection the system opened', function (this: MosWorld) {
  this.mark = Date.now();
  let sent = 0;
  for (let i = 0; i < BURST; i++) sent += this.suite!.sendKeepAliveAll((s) => s.origin === 'accepted');
  this.metrics.keepAlivesSent = sent;
});

Then('the system answers none of them within the silence window', async function (this: MosWorld) {
  await this.pause(this.timing.silenceWindowMs, 'the silence window after keepAlive');
  judgeKeepAliveAnswers(this, this.suite!.openSockets().filter((s) => s.origin === 'accepted').map((s) => s.id));
});

Then('the connections the system opened are still open', function (this: MosWorld) {
  // Closes the suite made itself (e.g. refusing a binary frame) are not the system's doing.
  const closes = this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'close' && e.t >= this.mark && !e.text.includes(CLOSED_HERE));
  if (closes.length) throw new Verdict('MOSWS-KA-2', `a connection closed after keepAlive (${closes.map((c) => `${c.channel}: ${c.text}`).join('; ')})`);
});

Then('within the keepAlive interval a keepAlive arrives on every connection the system opened', async function (this: MosWorld) {
  await keepAliveOnEvery(this, this.suite!.openSockets().filter((s) => s.origin === 'accepted'));
});

Then('within the keepAlive interval a keepAlive arrives on every connection the suite opened', async function (this: MosWorld) {
  const sockets = [...this.probes.filter((p) => !p.closed), ...(this.suite?.openSockets().filter((s) => s.origin === 'opened') ?? [])];
  await keepAliveOnEvery(this, sockets);
});

/** Wait up to interval + grace for a keepAlive on each socket; a SHOULD, so a miss warns. */
async function keepAliveOnEvery(w: MosWorld, sockets: Array<{ id: string; channel: string; passive: boolean }>): Promise<void> {
  if (!sockets.length) throw new CouldNotTest(undefined, 'no connection is open to watch for keepAlive');
  const limit = w.timing.keepAliveIntervalMs + w.timing.keepAliveGraceMs;
  const since = Date.now();
  const got = (id: string): boolean => w.transcript.entries.some((e) => e.who === 'suite' && e.socket === id && e.kind === 'mos' && e.direction === 'in' && e.message === 'keepAlive' && e.t >= since);
  await w.until(() => sockets.every((s) => got(s.id)), limit, () => {
    const missing = sockets.filter((s) => !got(s.id)).map((s) => `${s.channel}${s.passive ? '/passive' : ''}`);
    return new Verdict('MOSWS-KA-3', `no keepAlive within ${limit} ms (interval ${w.timing.keepAliveIntervalMs} ms + grace) on: ${missing.join(', ')}`);
  }, `a keepAlive on each of ${sockets.length} connections`);
  w.metrics.keepAliveChannels = sockets.map((s) => `${s.channel}${s.passive ? '/passive' : ''}`).join(',');
}
