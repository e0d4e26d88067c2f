// Periodic and recovery behaviour judged over several periods: keepAlive over at least three
// intervals per socket (regularity, not one sample), and re-dialling across outages of different
// lengths, one longer than the retry ceiling, counting the dial attempts the suite's endpoint
// refuses with 503 meanwhile, so that a back-off that grows without a cap shows.
import { Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';

const INTERVALS = 3;

interface Watched {
  id: string;
  channel: string;
  passive: boolean;
}

/**
 * Watch each socket for INTERVALS keepAlive intervals (plus grace): keepAlive "every 30 s", or only
 * "when an idle period of 30 s ... has been detected", so no gap between two messages of the system
 * on a socket may be longer than interval + grace, and at least one keepAlive must come per interval
 * the socket was idle (the suite sends nothing meanwhile).
 */
async function keepAliveOverIntervals(w: MosWorld, sockets: Watched[]): Promise<void> {
  if (!sockets.length) throw new CouldNotTest(undefined, 'no connection is open to watch for keepAlive');
  const { keepAliveIntervalMs: interval, keepAliveGraceMs: grace } = w.timing;
  const since = Date.now();
  const window = INTERVALS * interval + grace;
  await w.pause(window, `keepAlive over ${INTERVALS} intervals on ${sockets.length} connections`);
  const end = Date.now();
  const problems: string[] = [];
  for (const s of sockets) {
    const times = w.transcript.entries.filter((e) => e.who === 'suite' && e.socket === s.id && e.kind === 'mos' && e.direction === 'in' && e.t >= since).map((e) => ({ t: e.t, keepAlive: e.message === 'keepAlive' }));
    const closed = w.transcript.entries.find((e) => e.who === 'suite' && e.socket === s.id && e.kind === 'close' && e.t >= since);
    const until = closed?.t ?? end;
    const marks = [since, ...times.map((x) => x.t), until];
    const gaps = marks.slice(1).map((t, i) => t - marks[i]!);
    const longest = Math.max(...gaps);
    const keepAlives = times.filter((x) => x.keepAlive).length;
    const name = `${s.channel}${s.passive ? '/passive' : ''}`;
    w.metrics[`keepAlives_${name}`] = keepAlives;
    w.log(`${name}: ${keepAlives} keepAlive and ${times.length - keepAlives} other messages in ${until - since} ms; longest silence ${longest} ms (interval ${interval} ms + grace ${grace} ms)`);
    if (longest > interval + grace) problems.push(`on ${name} the system was silent for ${longest} ms (${keepAlives} keepAlive in ${until - since} ms, ${INTERVALS} intervals of ${interval} ms watched)`);
  }
  if (problems.length) throw new Verdict('MOSWS-KA-3', `keepAlive is not sent every interval: ${problems.join('; ')}`);
}

Then('over three keepAlive intervals the system is never silent longer than an interval on any connection it opened', async function (this: MosWorld) {
  await keepAliveOverIntervals(this, this.suite!.openSockets().filter((s) => s.origin === 'accepted'));
});

Then('over three keepAlive intervals the system is never silent longer than an interval on any connection the suite opened', async function (this: MosWorld) {
  await keepAliveOverIntervals(this, [...this.probes.filter((p) => !p.closed), ...(this.suite?.openSockets().filter((s) => s.origin === 'opened') ?? [])]);
});

/**
 * Outages as multiples of the retry ceiling: a short one where the suite is unreachable (connections
 * refused), then one of outageMs, at least three ceilings, where it answers every upgrade with 503 and counts the dials.
 */
const OUTAGES: ReadonlyArray<{ ms: (t: { retryCeilingMs: number; outageMs: number }) => number; how: 'unreachable' | '503' }> = [
  { ms: (t) => Math.round(t.retryCeilingMs * 0.6), how: 'unreachable' },
  // The longer one lasts the configured outage time, and at least three retry ceilings.
  { ms: (t) => Math.max(t.outageMs, 3 * t.retryCeilingMs), how: '503' },
];
/** A gap between dial attempts may exceed the ceiling by this much (timer and scheduling jitter). */
const JITTER = 1.25;

When('the suite drops the passive connections for outages shorter and longer than the retry ceiling, refusing every upgrade with 503 in the longer one', async function (this: MosWorld) {
  const suite = this.suite!;
  const ep = suite.endpoint!;
  const ceiling = this.timing.retryCeilingMs;
  const threshold = this.timing.reconnectThresholdMs;
  const outages: NonNullable<typeof this.outages> = [];
  for (const { ms: length, how } of OUTAGES) {
    const ms = length(this.timing);
    const from = Date.now();
    if (how === '503') {
      ep.refuseUpgrades(503);
      suite.dropSockets({ passive: true });
    } else await ep.pause();
    await this.pause(ms, `the end of a ${ms} ms outage (${how === '503' ? 'upgrades refused with 503' : 'connections refused'})`);
    const to = Date.now();
    if (how === '503') ep.refuseUpgrades(undefined);
    else await ep.resume();
    const back = (ch: string): number | undefined => suite.accepted.find((a) => a.at >= to && a.params.channel === ch && a.params.passive)?.at;
    const limit = ceiling + threshold * 2 + 1000;
    await this.until(() => back('mom') !== undefined && back('ro') !== undefined, limit, () => new Verdict('MOSWS-PASSIVE-3', `after a ${ms} ms outage (${how === '503' ? 'upgrades refused with 503' : 'the suite unreachable'}), the passive ${['mom', 'ro'].filter((c) => back(c) === undefined).join(' and ')} connection was not re-opened within ${limit} ms of the suite being back`), 'the passive connections to be re-opened after the outage');
    outages.push({ ms, from, to, how, reopenedAfter: Math.max(back('mom')!, back('ro')!) - to });
  }
  this.outages = outages;
});

Then('the system dialled each passive channel at least once per retry ceiling while refused, and re-opened them within the retry ceiling after each outage', function (this: MosWorld) {
  const ceiling = this.timing.retryCeilingMs;
  const threshold = this.timing.reconnectThresholdMs;
  const requests = this.suite!.upgradeRequests;
  const query = (target: string): URLSearchParams => new URLSearchParams(target.slice(target.indexOf('?') + 1));
  const passiveOn = (target: string, ch: string): boolean => query(target).get('channel') === ch && query(target).get('passive') === 'true';
  for (const o of this.outages ?? []) {
    for (const ch of o.how === '503' ? ['mom', 'ro'] : []) {
      const attempts = requests.filter((r) => r.status === 503 && r.at >= o.from && r.at <= o.to && passiveOn(r.target, ch)).map((r) => r.at);
      // The gaps: from the drop to the first attempt, between attempts, from the last to the end of the outage.
      const marks = [o.from, ...attempts, o.to];
      const gaps = marks.slice(1).map((t, i) => t - marks[i]!);
      const longest = Math.max(...gaps);
      this.metrics[`dials_${ch}_${o.ms}ms`] = attempts.length;
      this.log(`${o.ms} ms outage, ${ch}: ${attempts.length} dial attempts refused with 503, gaps ${gaps.join(', ')} ms; re-opened ${o.reopenedAfter} ms after it ended`);
      if (longest > ceiling * JITTER) throw new Verdict('MOSWS-PASSIVE-3', `during a ${o.ms} ms outage (upgrades refused with 503) the system dialled the passive ${ch} channel ${attempts.length} times, once leaving ${longest} ms between attempts; re-dialling at least every ${ceiling} ms keeps the back-off bounded (gaps: ${gaps.join(', ')} ms)`);
    }
    if (o.reopenedAfter > ceiling + threshold) throw new Verdict('MOSWS-PASSIVE-3', `after a ${o.ms} ms outage (${o.how === '503' ? 'upgrades refused with 503' : 'the suite unreachable'}) the passive connections were re-opened ${o.reopenedAfter} ms after the suite accepted again, more than the retry ceiling ${ceiling} ms (+${threshold} ms)`);
  }
});

declare module './support/world' {
  interface MosWorld {
    /** Outages the suite made (refusing upgrades), for the re-dial probes. */
    outages?: Array<{ ms: number; from: number; to: number; how: 'unreachable' | '503'; reopenedAfter: number }>;
  }
}
