// Generated probes of a listening system (features/mos-ws/probes-listening.feature): every row of
// the probe table (lib/conformance/probe-grammar.ts) judged by one requirement, on every channel
// the system serves and every socket kind it accepts, as bare upgrade attempts run concurrently.
import crypto from 'node:crypto';
import { BeforeAll, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { Channel, CHANNELS } from '../lib/mos/catalogue';
import { NCS_ID_ALIASES } from '../lib/transport/url';
import { Probe, ProbeContext, ProbeRow, correctRequest, judgeAnswer, probeRows, probesFor } from '../lib/conformance/probe-grammar';
import { ProbeResult, runProbes } from './support/probe-runner';
import { PROBES_MEDIA_TYPE, ProbeRecord } from '../suite/probe-record';
import { levelOf } from '../lib/conformance/requirements';

/** Handshakes at once: the embedded simulators take many, a vendor's system is not flooded. */
const CONCURRENCY = { embedded: 8, vendor: 8 };

interface ProbeRun {
  requirement: string;
  results: ProbeResult[];
  wrong: Array<{ r: ProbeResult; why: string }>;
  ms: number;
}
const RUNS = new WeakMap<MosWorld, ProbeRun>();

/** The channels probed: mom and ro always; aux when the system serves it (its correct request on aux is accepted). */
const CANDIDATE_CHANNELS: readonly Channel[] = CHANNELS;

/** The socket kinds the system accepts: normal when it listens, passive=true when it is the listening side of passive mode. */
function kindsOf(w: MosWorld): boolean[] {
  const caps = w.sut.capabilities;
  return [...(caps.includes('listens') ? [false] : []), ...(caps.includes('passive-listener') ? [true] : [])];
}

/** The context of one channel and kind: identities, the configured extras of the system's URL, the credentials. */
function contextOf(w: MosWorld, channel: Channel, passive: boolean, random: string): ProbeContext {
  const u = new URL(w.sutUrl!);
  const reserved = new Set<string>(['mosID', ...NCS_ID_ALIASES, 'channel', 'passive']);
  const extras = u.search.slice(1).split('&').filter((pair) => pair !== '').map((pair) => ({ name: pair.split('=')[0]!, value: pair.slice(pair.indexOf('=') + 1) })).filter((p) => p.value !== undefined && !reserved.has(p.name));
  return { ...w.ids(), ncsIdParam: w.config.ncsIdParam, channel, passive, extras, credentials: w.sut.credentials, random };
}

const socketName = (p: { channel: string; passive: boolean }): string => `${p.channel}${p.passive ? '/passive' : ''}`;

/** The whole table sent once per role run; every probe scenario judges its requirement's rows from it. */
interface TableRun {
  controls: ProbeResult[];
  results: ProbeResult[];
  ms: number;
  contexts: number;
  /** Upgrade attempts sent (probes and controls, the spelling checks included). */
  sent: number;
  /** The scenario that sent it (its record carries the time). */
  sentBy?: MosWorld;
}
const TABLE = new Map<string, Promise<TableRun>>();
BeforeAll(() => TABLE.clear());

function sendTable(w: MosWorld): Promise<TableRun> {
  const key = `${w.role} ${w.sutUrl!.split('?')[0]!.replace(/:\d+\//, ':*/')}`;
  let run = TABLE.get(key);
  if (!run) {
    run = sendAll(w);
    TABLE.set(key, run);
  }
  return run;
}

async function sendAll(w: MosWorld): Promise<TableRun> {
  const random = crypto.randomBytes(9).toString('base64url');
  const endpoint = w.sutUrl!.split('?')[0]!;
  const opts = { endpoint, trust: w.sut.trust, timeoutMs: w.timing.connectTimeoutMs, concurrency: w.sut.embedded ? CONCURRENCY.embedded : CONCURRENCY.vendor, closeWatchMs: w.config.acceptCloseAsRefusal ? w.timing.silenceWindowMs : 0 };
  const started = Date.now();
  let channels = [...CANDIDATE_CHANNELS];
  const contextsFor = (ncsIdParam: string): ProbeContext[] => channels.flatMap((ch) => kindsOf(w).map((passive) => ({ ...contextOf(w, ch, passive, random), ncsIdParam })));
  const controlsOf = (cs: ProbeContext[]): Probe[] => cs.map((c) => ({ row: CONTROL_ROW, channel: c.channel, passive: c.passive, request: correctRequest(c) }));
  const runProbesOf = (cs: ProbeContext[]) => runProbes(controlsOf(cs), { ...opts, closeWatchMs: 0 });
  // The proposal spells the NCS ID parameter two ways: a system that takes only the other one is
  // probed under that one (its refusal of the configured spelling is MOSWS-URL-6's row, a SHOULD).
  let contexts = contextsFor(w.config.ncsIdParam);
  const first = await runProbesOf(contexts.filter((c) => c.channel !== 'aux'));
  let mainControls = first;
  let spellingChecks = 0;
  if (first.some((c) => c.answer.kind === 'refused' && c.answer.status === 400)) {
    const other = contextsFor(w.config.ncsIdParam === 'ncsID' ? 'nCSID' : 'ncsID');
    const second = await runProbesOf(other.filter((c) => c.channel !== 'aux'));
    spellingChecks = second.length;
    if (second.every((c) => c.answer.kind === 'upgraded')) {
      contexts = other;
      mainControls = second;
      w.log(`the system refuses the NCS ID spelled "${w.config.ncsIdParam}" and accepts "${other[0]!.ncsIdParam}": probed under that spelling`);
    }
  }
  // A correct mom or ro request not accepted: no refusal would be evidence, so no probe is sent
  // (an endpoint that never answers would otherwise cost every probe its full wait).
  if (mainControls.some((c) => c.answer.kind !== 'upgraded')) {
    return { controls: mainControls, results: [], ms: Date.now() - started, contexts: contexts.length, sent: first.length + spellingChecks, sentBy: w };
  }
  // aux is optional: a system that refuses the correct aux request does not serve it, and is probed on mom and ro.
  const auxControls = runProbesOf(contexts.filter((c) => c.channel === 'aux'));
  if ((await auxControls).some((c) => c.answer.kind !== 'upgraded')) {
    channels = channels.filter((c) => c !== 'aux');
    contexts = contexts.filter((c) => c.channel !== 'aux');
    w.log('the system refuses the correct request on the aux channel: it does not serve aux, which is probed no further');
  }
  const probes = contexts.flatMap((c) => probesFor(c));
  // The controls: the correct request on each channel and kind must be accepted, or no refusal is evidence.
  const controls = controlsOf(contexts);
  // Controls and probes in one batch, so that their waits overlap.
  const all = await w.waitingFor(`${probes.length} generated probes and ${controls.length} controls`, (probes.length + controls.length) * w.timing.connectTimeoutMs, () => runProbes([...controls, ...probes], opts));
  const sent = all.length + first.length + spellingChecks + kindsOf(w).length;
  return { controls: all.slice(0, controls.length), results: all.slice(controls.length), ms: Date.now() - started, contexts: contexts.length, sent, sentBy: w };
}

When('the suite sends every generated probe judged by {word} on every channel and socket kind', async function (this: MosWorld, requirement: string) {
  const rows = probeRows().filter((r) => r.requirement === requirement);
  if (!rows.length) throw new Error(`the probe table has no row judged by ${requirement}`);
  if (!kindsOf(this).length) return this.notApplicable('the system accepts no connection the suite opens (neither "listens" nor "passive-listener")');
  const table = await sendTable(this);
  const refusedControl = table.controls.find((c) => c.answer.kind !== 'upgraded');
  if (refusedControl) {
    const a = refusedControl.answer;
    const what = `the correct ${socketName(refusedControl.probe)} connection request (the control of the probes)`;
    if (a.kind === 'refused') throw this.refusedCorrectRequest(a.status, '', what);
    if (a.kind === 'closed') throw new CouldNotTest(undefined, `${what} was closed by the system before any MOS message`);
    if (a.kind === 'none') throw this.probeFailure({ reason: `${what} got no answer: ${a.reason}`, defect: a.defect });
  }
  const ids = new Set(rows.map((r) => r.id));
  const results = requirement === 'MOSWS-TRANSPORT-3' ? table.results : table.results.filter((r) => ids.has(r.probe.row.id));
  if (!results.length) return this.notApplicable(`no row judged by ${requirement} applies to this system (${rows.map((r) => r.id).join(', ')} need an element it does not have: configured extra parameters in its URL, or credentials)`);
  const ms = table.sentBy === this ? table.ms : 0;
  const endpoint = this.sutUrl!.split('?')[0]!;
  const wrong: ProbeRun['wrong'] = [];
  const judged = table.results.map((r) => ({ r, j: judgeAnswer(r.probe.row.expected, r.answer, r.probe.row.element.in === 'query' ? this.config.badParamStatus : undefined) }));
  if (requirement === 'MOSWS-TRANSPORT-3') {
    // Every probe owes a definite answer, whatever its row expects. An answer the row's own
    // requirement already judges wrong (a reset where 401 is owed) is that requirement's defect, judged once there.
    for (const { r, j } of judged) if (j.indefinite && j.ok) wrong.push({ r, why: j.indefinite });
  } else {
    // A SHOULD row accepted where a MUST row of the same element on the same socket was accepted too
    // is that one defect (the element is not checked at all there), judged once, under the MUST.
    const mustAccepted = new Set(judged.filter(({ r, j }) => !j.ok && r.answer.kind === 'upgraded' && levelOf(r.probe.row.requirement) === 'MUST').map(({ r }) => `${r.probe.row.element.id} ${socketName(r.probe)}`));
    for (const { r, j } of judged) {
      if (r.probe.row.requirement !== requirement || j.ok) continue;
      const explained = levelOf(requirement) === 'SHOULD' && r.answer.kind === 'upgraded' && mustAccepted.has(`${r.probe.row.element.id} ${socketName(r.probe)}`);
      if (explained) this.log(`${r.probe.row.id} on ${socketName(r.probe)} was accepted, as was a MUST row of ${r.probe.row.element.id} there: judged under that requirement`);
      else wrong.push({ r, why: j.why! });
    }
  }
  RUNS.set(this, { requirement, results, wrong, ms });
  const perSocket: Record<string, number> = {};
  for (const r of results) perSocket[socketName(r.probe)] = (perSocket[socketName(r.probe)] ?? 0) + 1;
  const record: ProbeRecord = { requirement, perSocket, sent: table.sentBy === this ? table.sent : 0, wrong: wrong.length, ms };
  this.attach(JSON.stringify(record), PROBES_MEDIA_TYPE);
  this.metrics.probes = results.length;
  this.metrics.probes_ms = ms;
  this.log(`${results.length} probes of ${requirement} (${rows.length} rows on ${table.contexts} channel/kind), ${wrong.length} wrong; the whole table (${table.results.length} probes and ${table.controls.length} controls) took ${table.ms} ms${table.sentBy === this ? '' : ', sent by an earlier scenario of this run'}`);
  for (const x of wrong.slice(0, 25)) {
    this.log(`WRONG ${x.r.probe.row.id} on ${socketName(x.r.probe)} (expected ${x.r.probe.row.expected}): ${x.why} — ${this.sutUrl ? x.r.url.slice(endpoint.length) : ''}`);
    this.transcript.record({ who: 'suite', kind: 'error', channel: x.r.probe.channel as Channel, passive: x.r.probe.passive, text: `probe ${x.r.probe.row.id} (${x.r.probe.row.element.describe} ${x.r.probe.row.operator.describe}): ${x.why}; expected ${x.r.probe.row.expected} — ${x.r.probe.row.reason}` });
  }
  return undefined;
});

/** The control rows are not in the table: the correct request itself. */
const CONTROL_ROW: ProbeRow = { ...probeRows()[0]!, id: 'control/correct', expected: 'accept', requirement: 'MOSWS-URL-1', reason: 'the correct request' };

Then('every probe got the answer the probe table expects', function (this: MosWorld) {
  const run = RUNS.get(this);
  if (!run) throw new Error('no probes were sent');
  if (!run.wrong.length) return;
  // Grouped by row: one line names each wrong row once, with the sockets it was wrong on.
  const byRow = new Map<string, { row: ProbeRow; sockets: string[]; why: string }>();
  for (const { r, why } of run.wrong) {
    const e = byRow.get(r.probe.row.id) ?? { row: r.probe.row, sockets: [], why };
    e.sockets.push(socketName(r.probe));
    byRow.set(r.probe.row.id, e);
  }
  const rows = [...byRow.values()];
  const first = rows[0]!;
  const more = rows.length > 1 ? `; also wrong: ${rows.slice(1, 6).map((e) => `${e.row.id} (${e.sockets.join(', ')})`).join(', ')}${rows.length > 6 ? ` and ${rows.length - 6} more rows: ${rows.slice(6).map((e) => e.row.id).join(', ')}` : ''}` : '';
  throw new Verdict(run.requirement, `${run.wrong.length} of ${run.results.length} probes got the wrong answer. ${first.row.element.describe} ${first.row.operator.describe} (${first.row.id}) on ${first.sockets.join(', ')}: ${first.why} (expected ${first.row.expected}: ${first.row.reason})${more}`);
});
