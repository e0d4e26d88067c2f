// keepAlive: discarded on receipt, sent on every connected channel.
import { Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { Verdict } from './support/verdicts';

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
  const suite = this.suite!;
  const limit = this.timing.keepAliveIntervalMs + this.timing.keepAliveGraceMs;
  const since = Date.now();
  const sockets = suite.openSockets().filter((s) => s.origin === 'accepted');
  const got = (id: string): boolean => this.transcript.entries.some((e) => e.who === 'suite' && e.socket === id && e.kind === 'mos' && e.direction === 'in' && e.message === 'keepAlive' && e.t >= since);
  await this.until(() => sockets.every((s) => got(s.id)), limit, () => {
    const missing = sockets.filter((s) => !got(s.id)).map((s) => `${s.channel}${s.passive ? '/passive' : ''}`);
    return new Verdict('MOSWS-KA-3', `no keepAlive within ${limit} ms (interval ${this.timing.keepAliveIntervalMs} ms + grace) on: ${missing.join(', ')}`);
  }, `keepAlive on every connection the ${this.role} under test opened`);
  this.metrics.keepAliveChannels = sockets.map((s) => s.channel).join(',');
});

Then('no keepAlive carries a messageID', function (this: MosWorld) {
  const bad = this.transcript.entries.filter((e) => e.who === 'suite' && e.direction === 'in' && e.message === 'keepAlive' && /<messageID>/.test(e.text));
  if (bad.length) throw new Verdict('MOSWS-KA-1', `${bad.length} keepAlive message(s) carried a messageID`);
});
