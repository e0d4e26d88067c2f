// keepAlive: discarded on receipt, sent on every connected channel.
import { Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from './support/verdicts';

When('the suite sends keepAlive on every connection', function (this: MosWorld) {
  this.mark = Date.now();
  for (const p of this.probes) p.sendKeepAlive();
});

Then('nothing is received on any connection within the silence window', async function (this: MosWorld) {
  await new Promise((r) => setTimeout(r, this.timing.silenceWindowMs));
  for (const p of this.probes) {
    const replies = p.received.filter((m) => m.t >= this.mark && m.name !== 'keepAlive');
    if (replies.length) throw new Verdict('MOSWS-KA-2', `the system answered a keepAlive on ${p.channel} with ${replies.map((r) => r.name).join(', ')}; keepAlive must be discarded without reply`);
  }
});

Then('every connection is still open', function (this: MosWorld) {
  for (const p of this.probes) {
    if (p.closed) throw new Verdict('MOSWS-KA-2', `the system closed the ${p.channel} connection (code ${p.closed.code}) after a keepAlive`);
  }
});

When('the suite sends keepAlive on every connection the system opened', function (this: MosWorld) {
  this.mark = Date.now();
  this.metrics.keepAlivesSent = this.suite!.sendKeepAliveAll((s) => s.origin === 'accepted');
});

Then('the system answers none of them within the silence window', async function (this: MosWorld) {
  await new Promise((r) => setTimeout(r, this.timing.silenceWindowMs));
  const replies = this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in' && e.t >= this.mark && e.message !== 'keepAlive');
  if (replies.length) {
    const kinds = [...new Set(replies.map((r) => `${r.message} on ${r.channel}`))];
    throw new Verdict('MOSWS-KA-2', `the system answered keepAlive: ${replies.length} message(s) within the silence window (${kinds.join(', ')})`);
  }
});

Then('the connections the system opened are still open', function (this: MosWorld) {
  const closes = this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'close' && e.t >= this.mark);
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
