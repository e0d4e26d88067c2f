// `compare`: two runs of one system (last night and tonight) — what regressed, what was fixed,
// what else changed — so a nightly CI job reads the difference and gates on it. Each side may hold
// repeated runs; a scenario whose outcome differs between the runs of one side is unstable: it is
// reported as such and is neither a regression nor a fix.
import { OUTCOME_LABEL, Outcome } from '../lib/conformance/outcomes';
import { verdictLine } from './results';
import { RunFile, ScenarioRow, scenarioKeys, suiteLabel, systemName } from './results-file';

export type SideOutcome = Outcome | 'ABSENT';

export interface ScenarioChange {
  key: string;
  role: string;
  name: string;
  location: string;
  from: SideOutcome;
  to: SideOutcome;
  /** Why it is not a pass now (or was not before, for a fix). */
  reason?: string;
  requirements: string[];
}

export interface UnstableScenario {
  key: string;
  role: string;
  name: string;
  location: string;
  side: 'baseline' | 'current';
  outcomes: Array<{ file: string; outcome: SideOutcome }>;
}

export interface RunSummary {
  file: string;
  suite: string;
  started?: string;
  verdict?: string;
  systems: string[];
}

export interface Comparison {
  baseline: RunSummary[];
  current: RunSummary[];
  /** Things a reader must know before trusting the difference (other system, other suite version). */
  notes: string[];
  regressions: ScenarioChange[];
  fixes: ScenarioChange[];
  changed: ScenarioChange[];
  unstable: UnstableScenario[];
}

export class CompareError extends Error {}

const NOT_PASS: readonly SideOutcome[] = ['FAIL', 'WARNING', 'COULD_NOT_TEST'];

/** What "the same system" means across nights: role, manufacturer and model (the software revision may move). */
function identity(run: RunFile): string {
  return run.systems
    .map((s) => `${s.role}:${s.machine && (s.machine.manufacturer || s.machine.model) ? `${s.machine.manufacturer ?? ''}/${s.machine.model ?? ''}` : s.kind === 'embedded' ? `embedded${s.faults?.length ? `+${s.faults.join('+')}` : ''}` : s.url ?? s.mosID ?? '?'}`)
    .sort()
    .join(', ');
}

function summary(run: RunFile): RunSummary {
  return { file: run.file, suite: suiteLabel(run.tool), ...(run.started ? { started: run.started } : {}), ...(run.verdict ? { verdict: run.verdict } : {}), systems: run.systems.map((s) => `${systemName(s)} (${s.role})`) };
}

interface Side {
  /** key -> the outcome all runs agree on, or undefined when they differ (unstable). */
  outcome: Map<string, SideOutcome | undefined>;
  row: Map<string, ScenarioRow>;
  unstable: UnstableScenario[];
}

function side(runs: readonly RunFile[], which: 'baseline' | 'current'): Side {
  const keyed = runs.map((r) => scenarioKeys(r.results));
  const keys = new Set(keyed.flatMap((k) => [...k.keys()]));
  const s: Side = { outcome: new Map(), row: new Map(), unstable: [] };
  for (const key of keys) {
    const outcomes = keyed.map((k) => k.get(key)?.outcome ?? ('ABSENT' as const));
    const row = keyed.map((k) => k.get(key)).find((x) => !!x)!;
    s.row.set(key, keyed.map((k) => k.get(key)).reverse().find((x) => x && x.outcome !== 'PASS') ?? row);
    // A scenario absent from a partial repeat is not instability.
    const present = [...new Set(outcomes.filter((o) => o !== 'ABSENT'))];
    if (present.length > 1) {
      s.outcome.set(key, undefined);
      s.unstable.push({ key, role: row.role, name: row.name, location: row.location, side: which, outcomes: runs.map((r, i) => ({ file: r.file, outcome: outcomes[i]! })) });
    } else s.outcome.set(key, present[0] ?? 'ABSENT');
  }
  return s;
}

function reasonOf(r: ScenarioRow | undefined): string | undefined {
  if (!r || r.outcome === 'PASS') return undefined;
  const v = r.verdicts.find((x) => x.outcome === r.outcome);
  return v ? verdictLine(v) : r.message;
}

export function compareRuns(baseline: readonly RunFile[], current: readonly RunFile[]): Comparison {
  if (!baseline.length || !current.length) throw new CompareError('compare needs a baseline run and a current run');
  const notes: string[] = [];
  for (const [name, runs] of [['baseline', baseline], ['current', current]] as const) {
    const ids = new Set(runs.map(identity));
    if (ids.size > 1) throw new CompareError(`the ${name} runs are not of one system: ${[...ids].join(' / ')}`);
  }
  if (identity(baseline[0]!) !== identity(current[0]!)) notes.push(`the runs are of different systems: baseline ${identity(baseline[0]!)}, current ${identity(current[0]!)}`);
  const suites = (runs: readonly RunFile[]): string => [...new Set(runs.map((r) => suiteLabel(r.tool)))].join(', ');
  if (suites(baseline) !== suites(current)) notes.push(`judged by different suite versions: baseline ${suites(baseline)}, current ${suites(current)} — a change may be the suite's`);
  const revs = (runs: readonly RunFile[]): string => [...new Set(runs.flatMap((r) => r.systems.map((s) => s.machine?.swRev ?? '')))].filter(Boolean).join(', ');
  if (revs(baseline) !== revs(current)) notes.push(`software revision: baseline ${revs(baseline) || 'not reported'}, current ${revs(current) || 'not reported'}`);
  for (const r of [...baseline, ...current]) if (r.partial) notes.push(`${r.file} is a partial run: scenarios outside its selection are absent`);

  const b = side(baseline, 'baseline');
  const c = side(current, 'current');
  const out: Comparison = { baseline: baseline.map(summary), current: current.map(summary), notes, regressions: [], fixes: [], changed: [], unstable: [...b.unstable, ...c.unstable] };
  const keys = [...new Set([...b.outcome.keys(), ...c.outcome.keys()])];
  for (const key of keys) {
    const from = b.outcome.has(key) ? b.outcome.get(key) : 'ABSENT';
    const to = c.outcome.has(key) ? c.outcome.get(key) : 'ABSENT';
    if (from === undefined || to === undefined || from === to) continue;
    const row = c.row.get(key) ?? b.row.get(key)!;
    const reason = reasonOf(to === 'PASS' ? b.row.get(key) : c.row.get(key));
    const change: ScenarioChange = { key, role: row.role, name: row.name, location: row.location, from, to, requirements: row.requirements, ...(reason ? { reason } : {}) };
    if (from === 'PASS' && NOT_PASS.includes(to)) out.regressions.push(change);
    else if (NOT_PASS.includes(from) && to === 'PASS') out.fixes.push(change);
    else out.changed.push(change);
  }
  return out;
}

const label = (o: SideOutcome): string => (o === 'ABSENT' ? 'absent' : OUTCOME_LABEL[o]);

function changeLine(x: ScenarioChange): string {
  return `${x.role}: ${x.name} — ${label(x.from)} → ${label(x.to)}${x.reason ? ` — ${x.reason}` : ''} (${x.location})`;
}

/** The comparison as plain text for a console or CI log. */
export function comparisonText(c: Comparison): string {
  const lines: string[] = [];
  const runs = (rs: RunSummary[]): string =>
    rs.length <= 3 ? rs.map((r) => `${r.file} (suite ${r.suite}${r.started ? `, ${r.started}` : ''})`).join('; ') : `${rs.length} runs, ${rs[0]!.file} … ${rs[rs.length - 1]!.file} (suite ${[...new Set(rs.map((r) => r.suite))].join(', ')})`;
  lines.push(`baseline: ${runs(c.baseline)}`);
  lines.push(`current:  ${runs(c.current)}`);
  for (const n of c.notes) lines.push(`note: ${n}`);
  const section = (title: string, mark: string, items: ScenarioChange[]): void => {
    lines.push(`${title} (${items.length})${items.length ? ':' : ''}`);
    for (const x of items) lines.push(`  ${mark} ${changeLine(x)}`);
  };
  section('regressions', '✗', c.regressions);
  section('fixes', '✓', c.fixes);
  section('other changes', '~', c.changed);
  lines.push(`unstable (${c.unstable.length})${c.unstable.length ? ':' : ''}`);
  for (const u of c.unstable) lines.push(`  ? ${u.role}: ${u.name} — differs across the ${u.side} runs: ${u.outcomes.map((o) => label(o.outcome)).join(', ')} (${u.location})`);
  lines.push(c.regressions.length ? `${c.regressions.length} regression${c.regressions.length === 1 ? '' : 's'}: exit 1` : 'no regression: exit 0');
  return lines.join('\n');
}

/** The comparison as Markdown (a CI job summary). */
export function comparisonMarkdown(c: Comparison): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const table = (items: ScenarioChange[]): string[] => (items.length ? ['| role | scenario | before | now | reason |', '|---|---|---|---|---|', ...items.map((x) => `| ${x.role} | ${esc(x.name)} | ${label(x.from)} | ${label(x.to)} | ${esc(x.reason ?? '')} |`)] : ['None.']);
  return [
    `# Compared with the baseline: ${c.regressions.length} regression${c.regressions.length === 1 ? '' : 's'}, ${c.fixes.length} fix${c.fixes.length === 1 ? '' : 'es'}, ${c.changed.length} other change${c.changed.length === 1 ? '' : 's'}, ${c.unstable.length} unstable`,
    '',
    ...c.notes.map((n) => `> ${esc(n)}`),
    '',
    '## Regressions',
    ...table(c.regressions),
    '',
    '## Fixes',
    ...table(c.fixes),
    '',
    '## Other changes',
    ...table(c.changed),
    '',
    '## Unstable',
    ...(c.unstable.length ? ['| role | scenario | side | outcomes |', '|---|---|---|---|', ...c.unstable.map((u) => `| ${u.role} | ${esc(u.name)} | ${u.side} | ${u.outcomes.map((o) => label(o.outcome)).join(', ')} |`)] : ['None.']),
    '',
  ].join('\n');
}
