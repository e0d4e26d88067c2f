// keepAlive: discarded on receipt, sent on every connected channel.
import { Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { CLOSED_HERE } from '../simulators/mos-peer';
import { KEEPALIVE_LIKE } from '../suite/run-wide-checks';

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
 * heartbeats or keepAlives more than the system sends anyway (an echo arrives at once: within half
 * an interval). A system that sends keepAlive or heartbeat often on its own (a flood included) does
 * so before the burst too: only what exceeds that rate is an answer (the trigger was seen).
 */
function judgeKeepAliveAnswers(w: MosWorld, sockets: string[]): void {
  const window = Math.max(50, w.timing.keepAliveIntervalMs / 2);
  const echoWindow = w.mark + window;
  for (const id of sockets) {
    const fromSut = w.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in' && e.socket === id);
    const got = fromSut.filter((e) => e.t >= w.mark);
    // The same kinds in a window as long, just before the burst: the system's own rate.
    const before = (name: string, length: number): number => fromSut.filter((e) => e.message === name && e.t >= w.mark - length && e.t < w.mark).length;
    const acks = got.filter((e) => e.message === 'roAck' || e.message === 'mosAck');
    const echoes = got.filter((e) => e.message === 'keepAlive' && e.t <= echoWindow).length - before('keepAlive', window);
    const silence = Math.max(...got.map((e) => e.t), w.mark) - w.mark;
    const heartbeats = got.filter((e) => e.message === 'heartbeat').length - before('heartbeat', Math.max(silence, window));
    const on = got[0]?.channel ?? 'a';
    if (acks.length) throw new Verdict('MOSWS-KA-2', `the system answered keepAlive on the ${on} connection with ${acks[0]!.message}; keepAlive is discarded without reply`);
    if (echoes >= BURST) throw new Verdict('MOSWS-KA-2', `the system answered each of ${BURST} keepAlives on the ${on} connection with a keepAlive of its own (${echoes} more within ${window} ms than it sends on its own)`);
    if (heartbeats >= BURST) throw new Verdict('MOSWS-KA-2', `the system answered each of ${BURST} keepAlives on the ${on} connection with a heartbeat (${heartbeats} more within the silence window than it sends on its own)`);
  }
}

Then('every connection is still open', function (this: MosWorld) {
  for (const p of this.probes) {
    if (!p.closed) continue;
    // A close before the keepAlive went out was not caused by it.
    if (p.closed.t < this.mark) throw this.blocked('MOSWS-TRANSPORT-1', `the system closed the ${p.channel} connection (code ${p.closed.code}) before any keepAlive was sent`);
    throw new Verdict('MOSWS-KA-2', `the system closed the ${p.channel} connection (code ${p.closed.code}) after a keepAlive`);
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
  // A keepAlive in a broken envelope was still sent: its form is judged across the run (MOSWS-KA-1).
  const got = (id: string): boolean => w.transcript.entries.some((e) => e.who === 'suite' && e.socket === id && e.kind === 'mos' && e.direction === 'in' && e.t >= since && (e.message === 'keepAlive' || (e.message === '?' && KEEPALIVE_LIKE.test(e.text))));
  await w.until(() => sockets.every((s) => got(s.id)), limit, () => {
    const missing = sockets.filter((s) => !got(s.id)).map((s) => `${s.channel}${s.passive ? '/passive' : ''}`);
    return new Verdict('MOSWS-KA-3', `no keepAlive within ${limit} ms (interval ${w.timing.keepAliveIntervalMs} ms + grace) on: ${missing.join(', ')}`);
  }, `a keepAlive on each of ${sockets.length} connections`);
  w.metrics.keepAliveChannels = sockets.map((s) => `${s.channel}${s.passive ? '/passive' : ''}`).join(',');
}
