// The policy's time window. With a controlled clock (the embedded verifier, or a vendor's frozen
// at a known instant) the suite checks the exact boundaries; with a running clock it probes a
// batch of URLs that expire 200 ms apart, a few hundred ms ahead: a verifier comparing
// milliseconds refuses each at its own DateLessThan, one comparing whole seconds refuses them
// in clusters at second boundaries, whatever the skew between the clocks.
import { Given, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { HttpAnswer, NoHttpAnswer, httpRequest } from './support/http-probe';
import { Policy } from '../lib/signing/policy';
import { ask, scenario, served, urlOf, useSpec } from './support/verifier-probe';
import { signPolicy } from './support/signed-urls';

// ---------------------------------------------------------------- controlled clock

/**
 * Put the verifier's clock at `offsetMs` from the boundary of the scenario's URL. The embedded
 * clock is set; a vendor's frozen clock cannot move, so the URL is signed again with its dates
 * shifted by the same amount (to the verifier it is the same instant relative to the policy).
 */
export function setVerifierTime(w: MosWorld, boundary: 'expiry' | 'start', offsetMs: number): void {
  const s = scenario(w);
  const spec = s.spec!;
  const at = boundary === 'expiry' ? spec.policy.dateLessThan : spec.policy.dateGreaterThan;
  if (at === undefined) throw new Error(`the scenario's URL has no ${boundary === 'expiry' ? 'DateLessThan' : 'DateGreaterThan'}`);
  s.instant = { boundary, offsetMs };
  const v = w.verifier!;
  if (v.embedded) {
    w.clock.setTo(at + offsetMs);
    return;
  }
  const shift = v.fixedNowMs! - (at + offsetMs);
  const p: Policy = { ...spec.policy, dateLessThan: spec.policy.dateLessThan + shift };
  if (spec.policy.dateGreaterThan !== undefined) p.dateGreaterThan = spec.policy.dateGreaterThan + shift;
  w.signedUrl = urlOf(w, { ...spec, policy: p });
}

When("the verifier's clock is exactly at the expiry", function (this: MosWorld) {
  setVerifierTime(this, 'expiry', 0);
});

When("the verifier's clock is {int} ms past the expiry", function (this: MosWorld, ms: number) {
  setVerifierTime(this, 'expiry', ms);
});

When("the verifier's clock is exactly at the start", function (this: MosWorld) {
  setVerifierTime(this, 'start', 0);
});

When("the verifier's clock is {int} ms before the start", function (this: MosWorld, ms: number) {
  setVerifierTime(this, 'start', -ms);
});

const WHOLE_SECONDS = 'the verifier compares times in whole seconds (as time(2) * 1000 does)';

/**
 * Served shortly after its expiry: a whole-second clock (a SHOULD shortfall, SS-CLOCK-1) or a
 * verifier that does not expire URLs (SS-VERIFY-6)? Asked again a second later: refused then
 * means whole seconds. True when that settled it.
 */
export async function wholeSecondExpiry(w: MosWorld): Promise<boolean> {
  const inst = scenario(w).instant;
  if (!inst || inst.boundary !== 'expiry' || inst.offsetMs <= 0 || inst.offsetMs >= 1000) return false;
  setVerifierTime(w, 'expiry', inst.offsetMs + 1000);
  const later = await ask(w, w.signedUrl!);
  if (served(later)) return false;
  w.warn('SS-CLOCK-1', `a URL was still served ${inst.offsetMs} ms after its DateLessThan and refused ${inst.offsetMs + 1000} ms after: ${WHOLE_SECONDS}, so URLs live up to 999 ms too long`);
  return true;
}

Then('the URL is served at that instant', async function (this: MosWorld) {
  const a = this.answer!;
  if (served(a)) return;
  const inst = scenario(this).instant!;
  if (inst.boundary === 'expiry') throw new Verdict('SS-VERIFY-6', `at exactly DateLessThan the URL was refused with HTTP ${a.status}; the instant itself is still valid`);
  // Refused at exactly DateGreaterThan. 1 ms later served: the boundary is exclusive. Refused
  // then but served a second later: a whole-second clock, which reads "now" up to 999 ms early
  // (told apart because the start instant's ms part is neither 0 nor 999).
  setVerifierTime(this, 'start', inst.offsetMs + 1);
  if (served(await ask(this, this.signedUrl!))) throw new Verdict('SS-VERIFY-7', `at exactly DateGreaterThan the URL was refused with HTTP ${a.status}, 1 ms later served: the verifier treats the start instant as not yet valid`);
  setVerifierTime(this, 'start', inst.offsetMs + 1000);
  if (!served(await ask(this, this.signedUrl!))) throw new Verdict('SS-VERIFY-7', `at exactly DateGreaterThan the URL was refused with HTTP ${a.status} (and still 1 s later); from that instant on it is valid`);
  this.warn('SS-CLOCK-1', `at exactly DateGreaterThan (and 1 ms later) the URL was refused with HTTP ${a.status}, 1 s later served: ${WHOLE_SECONDS}, so URLs start up to 999 ms late`);
});

// ---------------------------------------------------------------- a client's Date header

Given('a URL signed for the protected resource that expired {int} seconds ago', function (this: MosWorld, seconds: number) {
  const now = this.clock.now();
  const v = this.verifier!;
  useSpec(this, { policy: { resource: v.resourceUrl, dateLessThan: now - seconds * 1000 }, target: v.resourceUrl, keyId: v.keyId, spelling: 'base64url' });
});

When('the suite requests it with GET, sending a Date header from before its expiry', async function (this: MosWorld) {
  const date = new Date(this.expiresAt! - 60_000).toUTCString();
  scenario(this).last = `GET (Date: ${date})`;
  this.answer = await ask(this, this.signedUrl!, { headers: { date } });
});

// ---------------------------------------------------------------- running clock: the probe

interface Reading {
  sentAt: number;
  receivedAt: number;
  status: number;
}

interface Probe {
  /** Verifier clock minus suite clock, as estimated, and how far off that estimate may be. */
  offsetMs: number;
  uncertaintyMs: number;
  how: string;
  allowanceMs: number;
  dateGreaterThan: number;
  urls: Array<{ dateLessThan: number; readings: Reading[] }>;
}

const probes = new WeakMap<MosWorld, Probe>();

const PROBE = { count: 5, stepMs: 200, leadMs: 300, intervalMs: 40 };

/**
 * The verifier's clock relative to the suite's, from its Date headers: asked repeatedly until
 * the Date second ticks over, which places the verifier's second boundary between two requests.
 */
async function clockOffset(w: MosWorld): Promise<{ offsetMs: number; uncertaintyMs: number; how: string }> {
  if (w.verifier!.embedded) return { offsetMs: 0, uncertaintyMs: 0, how: 'the embedded verifier reads the suite clock' };
  const url = w.verifier!.publicResourceUrl;
  let prev: { d: number; sentAt: number } | undefined;
  const end = Date.now() + 1500;
  while (Date.now() < end) {
    let a: HttpAnswer;
    try {
      a = await httpRequest(url, { method: 'HEAD', timeoutMs: w.timing.responseTimeoutMs, trust: w.verifier!.trust, transcript: w.transcript });
    } catch (e) {
      if (e instanceof NoHttpAnswer) throw new CouldNotTest('SS-ROBUST-1', e.message);
      throw e;
    }
    const date = a.headers.date ? Date.parse(a.headers.date) : NaN;
    if (!Number.isFinite(date)) return { offsetMs: 0, uncertaintyMs: w.config.stream.clockSkewMs ?? 1000, how: 'the verifier sends no Date header: its clock is assumed to agree with the suite\'s' };
    if (prev && date > prev.d) {
      if (date - prev.d > 1000) break; // a gap: start again on the next tick
      const tick = (prev.sentAt + a.receivedAt) / 2;
      return { offsetMs: Math.round(date - tick), uncertaintyMs: Math.ceil((a.receivedAt - prev.sentAt) / 2), how: 'from the second tick of its HTTP Date header' };
    }
    prev = { d: date, sentAt: a.sentAt };
    await sleep(25);
  }
  const a = await ask(w, url, { method: 'HEAD' });
  const date = Date.parse(String(a.headers.date));
  return { offsetMs: Math.round(date + 500 - (a.sentAt + a.receivedAt) / 2), uncertaintyMs: 500 + Math.ceil((a.receivedAt - a.sentAt) / 2), how: 'from one HTTP Date header (whole seconds)' };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

When('the suite probes URLs that expire {int} ms apart, a few hundred ms ahead and valid from just before now', async function (this: MosWorld, stepMs: number) {
  const v = this.verifier!;
  const off = await clockOffset(this);
  const allowanceMs = v.embedded ? 50 : this.config.stream.clockSkewMs ?? 1000;
  const margin = off.uncertaintyMs + PROBE.intervalMs;
  const now = Date.now() + off.offsetMs; // the verifier's clock, as estimated
  const dateGreaterThan = now - margin - 50;
  const first = now + PROBE.leadMs + margin;
  const urls = Array.from({ length: PROBE.count }, (_x, i) => ({ dateLessThan: first + i * stepMs, readings: [] as Reading[] }));
  const signed = urls.map((u) => signPolicy(v.resourceUrl, { resource: v.resourceUrl, dateLessThan: u.dateLessThan, dateGreaterThan }, { keyId: v.keyId, secret: v.secret }));
  const probe: Probe = { ...off, allowanceMs, dateGreaterThan, urls };
  probes.set(this, probe);
  this.log(`clock offset of the verifier: ${off.offsetMs} ms ±${off.uncertaintyMs} ms (${off.how}); allowance ${allowanceMs} ms`);
  // Probe until each URL is refused past its expiry, or until a second (plus allowance) past the last.
  const stopAt = urls[urls.length - 1]!.dateLessThan + 1000 + allowanceMs + margin + 100;
  const done = new Set<number>();
  while (Date.now() + off.offsetMs < stopAt && done.size < urls.length) {
    const round = Date.now();
    await Promise.all(
      urls.map(async (u, i) => {
        if (done.has(i)) return;
        const a = await ask(this, signed[i]!);
        u.readings.push({ sentAt: a.sentAt, receivedAt: a.receivedAt, status: a.status });
        if (!served(a) && a.sentAt + off.offsetMs > u.dateLessThan - margin) done.add(i);
      }),
    );
    await sleep(Math.max(0, PROBE.intervalMs - (Date.now() - round)));
  }
  this.metrics.clockOffsetMs = off.offsetMs;
});

/** Per URL: the latest verifier time it was seen served and the first it was seen refused after that, relative to its DateLessThan. */
function transitions(p: Probe): Array<{ servedUpTo: number; refusedFrom: number; refusal?: Reading; neverServed: boolean; earlyRefusals: Reading[] }> {
  return p.urls.map((u) => {
    const lastServed = [...u.readings].reverse().find((r) => r.status >= 200 && r.status <= 299);
    const refusal = lastServed ? u.readings.find((r) => r.sentAt > lastServed.sentAt && !(r.status >= 200 && r.status <= 299)) : undefined;
    const firstServed = u.readings.find((r) => r.status >= 200 && r.status <= 299);
    return {
      servedUpTo: lastServed ? lastServed.sentAt + p.offsetMs - u.dateLessThan : Number.NEGATIVE_INFINITY,
      refusedFrom: refusal ? refusal.receivedAt + p.offsetMs - u.dateLessThan : Number.POSITIVE_INFINITY,
      refusal,
      neverServed: !firstServed,
      earlyRefusals: u.readings.filter((r) => !(r.status >= 200 && r.status <= 299) && (!firstServed || r.sentAt < firstServed.sentAt)),
    };
  });
}

Then('every URL was refused once its DateLessThan had passed, allowing for the clock skew', function (this: MosWorld) {
  const p = probes.get(this)!;
  const t = transitions(p);
  const tolerance = p.allowanceMs + p.uncertaintyMs + PROBE.intervalMs;
  if (t.every((x) => x.neverServed)) throw this.blocked('SS-VERIFY-1', `none of ${t.length} URLs valid from ${tolerance + 50} ms ago until a few hundred ms ahead was ever served (statuses: ${[...new Set(p.urls.flatMap((u) => u.readings.map((r) => r.status)))].join(', ')}); clock offset ${p.offsetMs} ms (${p.how})`);
  const late = t.map((x, i) => ({ ...x, i })).filter((x) => x.servedUpTo > 1000 + tolerance);
  if (late.length) {
    const worst = late.reduce((a, b) => (a.servedUpTo > b.servedUpTo ? a : b));
    throw new Verdict('SS-VERIFY-6', `a URL was still served ${Math.round(worst.servedUpTo)} ms after its DateLessThan (${late.length} of ${t.length} URLs served more than a second plus the ${p.allowanceMs} ms skew allowance after expiry); verifier clock offset ${p.offsetMs} ms ±${p.uncertaintyMs} (${p.how})`);
  }
  for (const x of t) {
    if (x.refusal && x.refusal.status !== 410) {
      this.warn('SS-STATUS-1', `an expired URL was refused with HTTP ${x.refusal.status}; Opencast's verifiers answer 410`);
      break;
    }
  }
  // Refused while valid, later than a whole-second clock explains: expiring early.
  const early = t.filter((x) => Number.isFinite(x.refusedFrom) && x.refusedFrom < -tolerance && x.servedUpTo < x.refusedFrom);
  if (early.length) throw new Verdict('SS-VERIFY-6', `a URL was refused ${Math.round(-early[0]!.refusedFrom)} ms before its DateLessThan (beyond the ${p.allowanceMs} ms allowance); verifier clock offset ${p.offsetMs} ms (${p.how})`);
});

Then("the verifier's clock compares milliseconds", function (this: MosWorld) {
  const p = probes.get(this)!;
  const t = transitions(p).filter((x) => Number.isFinite(x.servedUpTo) && Number.isFinite(x.refusedFrom));
  const lo = Math.max(...t.map((x) => x.servedUpTo));
  const hi = Math.min(...t.map((x) => x.refusedFrom));
  const shown = t.map((x) => `${Math.round((x.servedUpTo + x.refusedFrom) / 2)}`).join(', ');
  const lateStart = transitions(p).filter((x) => x.earlyRefusals.length > 0);
  // A millisecond clock refuses every URL at its own DateLessThan (plus one common offset): the
  // windows [last served, first refused] overlap. A whole-second clock refuses them together.
  const slack = 2 * PROBE.intervalMs;
  if (t.length >= 2 && lo > hi + slack) {
    this.metrics.clockGranularity = 'whole seconds';
    this.warn('SS-CLOCK-1', `${WHOLE_SECONDS}: URLs expiring ${PROBE.stepMs} ms apart were refused at instants that do not follow their DateLessThan (refused about ${shown} ms after it); such a verifier serves a URL up to 999 ms after it expired${lateStart.length ? ` and refused ${lateStart.length} of ${p.urls.length} URLs after their DateGreaterThan had passed` : ''}`);
    return;
  }
  if (lateStart.length) {
    this.metrics.clockGranularity = 'whole seconds (start)';
    this.warn('SS-CLOCK-1', `${lateStart.length} of ${p.urls.length} URLs valid from ${p.allowanceMs + p.uncertaintyMs + PROBE.intervalMs + 50} ms ago were refused (HTTP ${lateStart[0]!.earlyRefusals[0]!.status}) before being served: the verifier reads DateGreaterThan in whole seconds, so URLs start up to 999 ms late`);
    return;
  }
  this.metrics.clockGranularity = 'milliseconds';
  this.log(`granularity: milliseconds (URLs refused about ${shown} ms after their DateLessThan; offset ${p.offsetMs} ms ±${p.uncertaintyMs} ${p.how})`);
});
