// The interop matrix of `collate`: requirements down, systems across, for the working group and a
// test lab. Rows are requirements (each opening to its scenarios), columns are the systems of every
// results.json given (named by what they reported in listMachInfo, and by role), grouped by the
// suite version that judged them: runs of different suite versions stand side by side, never merged.
// Each cell is the requirement's verdict for that system and links to that system's own report.
import path from 'node:path';
import { OUTCOME_LABEL, OUTCOMES } from '../lib/conformance/outcomes';
import { REQUIREMENTS, Requirement, RequirementSource, isRequirement, requirement } from '../lib/conformance/requirements';
import { outcomeFor } from './requirement-table';
import { interpretationsOf } from '../lib/conformance/interpretations';
import type { RequirementState as RequirementOutcome } from '../lib/conformance/outcomes';
import type { ScenarioResult } from './results';
import { RunFile, RunSystem, ScenarioRow, suiteLabel, systemKey, systemName } from './results-file';
import { ROOT } from './tool';

/** A cell: what the run said of the requirement, or that it did not run it. */
export type CellState = RequirementOutcome | 'NOT_RUN';

export const CELL_LABEL: Record<CellState, string> = { ...OUTCOME_LABEL, NOT_REACHED: 'Not reached', NOT_RUN: 'Not run' };
const CELL_MEANING: Record<CellState, string> = { ...OUTCOMES, NOT_REACHED: 'the scenario ended before this check', NOT_RUN: 'no scenario of this run judged the requirement' };

export interface MatrixColumn {
  id: string;
  role: string;
  /** listMachInfo's manufacturer, model and software revision, or what the run knew of the system. */
  name: string;
  system: RunSystem;
  suite: { name: string; version: string; commit: string | null; label: string };
  verdict?: string;
  partial: boolean;
  /** Link to the system's report (report.html, else results.json), relative to the matrix. */
  href: string;
  file: string;
  /** The folder the run's files are in: tells apart runs of systems that report the same identity. */
  run: string;
  started?: string;
}

export interface MatrixCell {
  state: CellState;
  message?: string;
  href?: string;
}

export interface Counts {
  pass: number;
  fail: number;
  warn: number;
  couldNotTest: number;
  notApplicable: number;
  notRun: number;
}

export type FlagKind = 'failed-by-most' | 'judged-differently-across-suite-versions';
export interface Flag {
  kind: FlagKind;
  detail: string;
}

export interface MatrixRow {
  id: string;
  /** False for an id this suite version does not know (a run of another version judged it). */
  known: boolean;
  level?: string;
  family?: string;
  summary?: string;
  source?: RequirementSource;
  cells: MatrixCell[];
  counts: Counts;
  flags: Flag[];
  /** Where the working group's open questions and decisions on it are. */
  interpretations: string;
  scenarios: Array<{ role: string; name: string; uri: string; cells: CellState[] }>;
}

export interface InteropMatrix {
  generated: string;
  suiteVersions: string[];
  columns: MatrixColumn[];
  rows: MatrixRow[];
  /** Requirements of the catalogue no run judged (not shown as rows). */
  notRun: string[];
}

export interface MatrixOptions {
  /** The folder the matrix is written to (links are relative to it). */
  outDir: string;
  /** Where docs/interpretations.md is, as a link; default: relative to outDir in this checkout. */
  interpretationsUrl?: string;
  now?: Date;
}

/**
 * The link for a requirement into docs/interpretations.md: the anchor of the first entry that
 * interprets it, else the document.
 */
export function interpretationsLink(id: string, base: string): string {
  const first = interpretationsOf(id)[0];
  return first ? `${base}#${first.anchor}` : base;
}

const asResult = (r: ScenarioRow): ScenarioResult => ({ ...r, attachments: [] });

/** Worst first, as the suite's own requirement table orders them; NOT_RUN last. */
const CELL_ORDER: readonly CellState[] = ['FAIL', 'WARNING', 'COULD_NOT_TEST', 'NOT_REACHED', 'PASS', 'NOT_APPLICABLE', 'NOT_RUN'];
const worst = (states: Iterable<CellState>): CellState => {
  const seen = new Set(states);
  return CELL_ORDER.find((s) => seen.has(s)) ?? 'NOT_RUN';
};

function href(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}

/** Requirement ids a run's rows name (tags or verdicts), in first-seen order. */
function idsOf(rows: readonly ScenarioRow[]): string[] {
  const ids = new Set<string>();
  for (const r of rows) {
    for (const q of r.requirements) ids.add(q);
    for (const v of r.verdicts) if (v.requirement) ids.add(v.requirement);
  }
  return [...ids];
}

export function buildMatrix(runs: readonly RunFile[], opts: MatrixOptions): InteropMatrix {
  const interpretations = opts.interpretationsUrl ?? href(opts.outDir, path.join(ROOT, 'docs', 'interpretations.md'));
  // Columns: one per system of each run, grouped by suite version, then role and name.
  const columns: MatrixColumn[] = [];
  const rowsOf: ScenarioRow[][] = [];
  for (const run of runs) {
    for (const system of run.systems) {
      const label = suiteLabel(run.tool);
      columns.push({
        id: '',
        role: system.role,
        name: systemName(system),
        system,
        suite: { ...run.tool, label },
        ...(run.verdict ? { verdict: run.verdict } : {}),
        partial: run.partial,
        href: href(opts.outDir, run.report ?? run.file),
        file: run.file,
        run: path.basename(path.dirname(run.file)),
        ...(run.started ? { started: run.started } : {}),
      });
      rowsOf.push(run.results.filter((r) => r.role === system.role));
    }
  }
  const order = columns.map((_, i) => i).sort((a, b) => {
    const x = columns[a]!;
    const y = columns[b]!;
    return x.suite.label.localeCompare(y.suite.label, 'en', { numeric: true }) || x.role.localeCompare(y.role) || x.name.localeCompare(y.name) || a - b;
  });
  const cols = order.map((i, n) => ({ ...columns[i]!, id: `c${n + 1}` }));
  const rows = order.map((i) => rowsOf[i]!);

  const seenIds = new Set(rows.flatMap(idsOf));
  const ids = [...REQUIREMENTS.map((q) => q.id).filter((id) => seenIds.has(id)), ...[...seenIds].filter((id) => !isRequirement(id)).sort()];
  const matrixRows = ids.map((id): MatrixRow => {
    const q: Requirement | undefined = isRequirement(id) ? requirement(id) : undefined;
    const cells = cols.map((c, i): MatrixCell => {
      const said = rows[i]!.map((r) => outcomeFor(asResult(r), id)).filter((x): x is NonNullable<typeof x> => !!x);
      const state = worst(said.map((s) => s.outcome));
      const message = said.find((s) => s.outcome === state)?.message;
      return { state, ...(message ? { message } : {}), ...(state !== 'NOT_RUN' ? { href: `${c.href}${c.href.endsWith('.html') ? `#req-${id}` : ''}` } : {}) };
    });
    const counts = countCells(cells.map((c) => c.state));
    return {
      id,
      known: !!q,
      ...(q ? { level: q.level, family: q.family, summary: q.summary, ...(q.source ? { source: q.source } : {}) } : {}),
      cells,
      counts,
      flags: flagsOf(cols, cells, counts),
      interpretations: interpretationsLink(id, interpretations),
      scenarios: scenarioLines(rows, id),
    };
  });
  return {
    generated: (opts.now ?? new Date()).toISOString(),
    suiteVersions: [...new Set(cols.map((c) => c.suite.label))],
    columns: cols,
    rows: matrixRows,
    notRun: REQUIREMENTS.map((q) => q.id).filter((id) => !seenIds.has(id)),
  };
}

function countCells(states: readonly CellState[]): Counts {
  const n = (...s: CellState[]): number => states.filter((x) => s.includes(x)).length;
  return { pass: n('PASS'), fail: n('FAIL'), warn: n('WARNING'), couldNotTest: n('COULD_NOT_TEST', 'NOT_REACHED'), notApplicable: n('NOT_APPLICABLE'), notRun: n('NOT_RUN') };
}

/**
 * Candidates for the working group: a requirement most judged systems fail (at least two of them),
 * which hints that the proposal is unclear; and a requirement one system got different verdicts on
 * from different suite versions, which means the suite's reading of it changed.
 */
function flagsOf(cols: readonly MatrixColumn[], cells: readonly MatrixCell[], c: Counts): Flag[] {
  const flags: Flag[] = [];
  const judged = c.pass + c.fail + c.warn;
  const failing = c.fail + c.warn;
  if (failing >= 2 && failing * 2 > judged) flags.push({ kind: 'failed-by-most', detail: `${failing} of ${judged} judged systems do not meet it` });
  const bySystem = new Map<string, Array<{ col: MatrixColumn; state: CellState }>>();
  cols.forEach((col, i) => {
    const state = cells[i]!.state;
    if (state !== 'PASS' && state !== 'FAIL' && state !== 'WARNING') return;
    const k = systemKey(col.system);
    bySystem.set(k, [...(bySystem.get(k) ?? []), { col, state }]);
  });
  for (const entries of bySystem.values()) {
    const versions = new Set(entries.map((e) => e.col.suite.label));
    const states = new Set(entries.map((e) => e.state));
    if (versions.size < 2 || states.size < 2) continue;
    const perVersion = [...versions].map((v) => `${[...new Set(entries.filter((e) => e.col.suite.label === v).map((e) => CELL_LABEL[e.state]))].join('/')} under ${v}`);
    flags.push({ kind: 'judged-differently-across-suite-versions', detail: `${entries[0]!.col.name} (${entries[0]!.col.role}): ${perVersion.join(', ')}` });
  }
  return flags;
}

function scenarioLines(rows: readonly ScenarioRow[][], id: string): MatrixRow['scenarios'] {
  const lines = new Map<string, { role: string; name: string; uri: string; states: CellState[][] }>();
  rows.forEach((colRows, i) => {
    for (const r of colRows) {
      const o = outcomeFor(asResult(r), id);
      if (!o) continue;
      const key = `${r.role}|${r.uri}|${r.name}`;
      const line = lines.get(key) ?? { role: r.role, name: r.name, uri: r.uri, states: rows.map(() => []) };
      line.states[i]!.push(o.outcome);
      lines.set(key, line);
    }
  });
  return [...lines.values()].map((l) => ({ role: l.role, name: l.name, uri: l.uri, cells: l.states.map((s) => worst(s)) }));
}

// ---- renderers -------------------------------------------------------------------------------

const FLAG_LABEL: Record<FlagKind, string> = {
  'failed-by-most': 'failed by most systems',
  'judged-differently-across-suite-versions': 'judged differently across suite versions',
};

export function matrixJson(m: InteropMatrix): string {
  return JSON.stringify(
    {
      generated: m.generated,
      suiteVersions: m.suiteVersions,
      columns: m.columns.map(({ system, ...c }) => ({ ...c, machine: system.machine ?? null, kind: system.kind, ...(system.scope ? { scope: system.scope } : {}) })),
      rows: m.rows,
      notRun: m.notRun,
    },
    null,
    2,
  );
}

function sourceText(s: RequirementSource | undefined): string {
  return s ? `${s.document}, ${s.locator}` : '';
}

const mdEsc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function matrixMarkdown(m: InteropMatrix): string {
  const head = m.columns.map((c) => `${c.id}: ${mdEsc(c.name)} (${c.role}) · suite ${mdEsc(c.suite.label)}`);
  const lines = [
    '# Interop matrix',
    '',
    `Generated ${m.generated} from ${m.columns.length} system runs. Suite versions: ${m.suiteVersions.map(mdEsc).join('; ')}${m.suiteVersions.length > 1 ? ' (shown side by side, never merged)' : ''}.`,
    '',
    '| requirement | level | ' + head.join(' | ') + ' | pass | fail | warn | could not test | for the working group |',
    '|---|---|' + m.columns.map(() => '---|').join('') + '---|---|---|---|---|',
  ];
  for (const r of m.rows) {
    const src = sourceText(r.source);
    const cells = r.cells.map((c) => (c.href ? `[${CELL_LABEL[c.state]}](${c.href})` : CELL_LABEL[c.state]));
    const wg = [...r.flags.map((f) => `**${FLAG_LABEL[f.kind]}**: ${mdEsc(f.detail)}`), `[interpretations](${r.interpretations})`].join('; ');
    lines.push(`| ${r.id}${r.known ? '' : ' (not in this suite version)'}${src ? `<br>${mdEsc(src)}` : ''} | ${r.level ?? ''} | ${cells.join(' | ')} | ${r.counts.pass} | ${r.counts.fail} | ${r.counts.warn} | ${r.counts.couldNotTest} | ${wg} |`);
  }
  lines.push('', '## Systems', '', '| column | system | role | run | suite | verdict | report |', '|---|---|---|---|---|---|---|');
  for (const c of m.columns) lines.push(`| ${c.id} | ${mdEsc(c.name)} | ${c.role} | ${mdEsc(c.run)} | ${mdEsc(c.suite.label)} | ${c.verdict ?? ''}${c.partial ? ' (partial)' : ''} | [report](${c.href}) |`);
  if (m.notRun.length) lines.push('', `Not judged by any run: ${m.notRun.join(', ')}.`);
  return lines.join('\n') + '\n';
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' } as Record<string, string>)[c]};`);
}

function badge(state: CellState, title?: string): string {
  return `<span class="badge ${state.toLowerCase()}" title="${esc(title ?? CELL_MEANING[state])}">${CELL_LABEL[state]}</span>`;
}

export function matrixHtml(m: InteropMatrix): string {
  // Column groups per suite version: the header names the version above its systems.
  const groups: Array<{ label: string; n: number }> = [];
  for (const c of m.columns) {
    const last = groups[groups.length - 1];
    if (last && last.label === c.suite.label) last.n++;
    else groups.push({ label: c.suite.label, n: 1 });
  }
  const versionRow = `<tr class="versions"><th colspan="2"></th>${groups.map((g) => `<th colspan="${g.n}" class="suite" data-suite="${esc(g.label)}">suite ${esc(g.label)}</th>`).join('')}<th colspan="5"></th></tr>`;
  const systemRow = `<tr class="systems"><th>requirement</th><th>level</th>${m.columns
    .map((c) => `<th class="system" data-column="${c.id}" data-role="${esc(c.role)}" data-suite="${esc(c.suite.label)}"><a href="${esc(c.href)}">${esc(c.name)}</a><br><span class="role">${esc(c.role)}</span> · <span class="run" title="${esc(c.file)}">${esc(c.run)}</span>${c.verdict ? ` · <span class="verdict ${c.verdict}">${esc(c.verdict)}</span>` : ''}${c.partial ? ' · partial' : ''}</th>`)
    .join('')}<th>pass</th><th>fail</th><th>warn</th><th>could not test</th><th>for the working group</th></tr>`;
  const body = m.rows
    .map((r) => {
      const src = r.source ? `<div class="source" title="${esc(r.source.words)}">${esc(sourceText(r.source))}</div>` : '';
      const scen = r.scenarios
        .map((s) => `<tr class="scenario"><td colspan="2">${esc(s.role)}: ${esc(s.name)}</td>${s.cells.map((st) => `<td>${st === 'NOT_RUN' ? '' : badge(st)}</td>`).join('')}<td colspan="5"></td></tr>`)
        .join('');
      const flags = r.flags.map((f) => `<li class="flag" data-flag="${f.kind}"><b>${FLAG_LABEL[f.kind]}</b>: ${esc(f.detail)}</li>`).join('');
      const wg = `<ul class="wg">${flags}<li><a class="interpretations" href="${esc(r.interpretations)}">open questions and decisions</a></li></ul>`;
      return `<tbody class="requirement" id="req-${esc(r.id)}" data-requirement="${esc(r.id)}" data-flags="${r.flags.map((f) => f.kind).join(' ')}">
<tr class="req"><td><details><summary><b>${esc(r.id)}</b>${r.known ? '' : ' <i>(not in this suite version)</i>'} <span class="n">${r.scenarios.length} scenario${r.scenarios.length === 1 ? '' : 's'}</span></summary>${r.summary ? `<p>${esc(r.summary)}</p>` : ''}</details>${src}</td><td>${esc(r.level ?? '')}</td>${r.cells
        .map((c, i) => `<td class="cell" data-column="${m.columns[i]!.id}" data-state="${c.state}">${c.href ? `<a href="${esc(c.href)}">${badge(c.state, c.message)}</a>` : badge(c.state)}</td>`)
        .join('')}<td data-count="pass">${r.counts.pass}</td><td data-count="fail">${r.counts.fail}</td><td data-count="warn">${r.counts.warn}</td><td data-count="could-not-test">${r.counts.couldNotTest}</td><td>${wg}</td></tr>
${scen}
</tbody>`;
    })
    .join('\n');
  const flagged = m.rows.filter((r) => r.flags.length);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MOS over WebSocket interop matrix</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table.matrix{border-collapse:collapse}
table.matrix th,table.matrix td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}
th.system{min-width:8em}
tr.req>td:first-child{min-width:22em}
.badge{display:inline-block;padding:0 .4em;border-radius:.3em;font-size:.9em;white-space:nowrap}
.pass{background:#d4f4d4}.fail{background:#f8c8c8}.warning{background:#fbe7b0}.could_not_test,.not_reached{background:#e0d8f4}
.not_applicable,.not_run{background:#eee;color:#777}
.source{color:#555;font-size:.85em}
.flag{color:#8a1c1c}
ul.wg{margin:0;padding-left:1.1em}
tr.scenario{display:none;font-size:.9em;background:#fafafa}
tbody:has(details[open]) tr.scenario{display:table-row}
.verdict.FAIL{color:#a00}.verdict.PASS{color:#070}
</style></head><body>
<h1>Interop matrix</h1>
<p id="summary">Generated ${esc(m.generated)} from ${m.columns.length} system run${m.columns.length === 1 ? '' : 's'}. Suite versions: ${m.suiteVersions.map((v) => `<b>${esc(v)}</b>`).join(', ')}${m.suiteVersions.length > 1 ? ' — shown side by side, never merged' : ''}.</p>
<h2>For the working group</h2>
${flagged.length ? `<ul id="candidates">${flagged.map((r) => `<li data-requirement="${esc(r.id)}"><a href="#req-${esc(r.id)}">${esc(r.id)}</a>: ${r.flags.map((f) => `${FLAG_LABEL[f.kind]} (${esc(f.detail)})`).join('; ')} — <a href="${esc(r.interpretations)}">interpretations</a></li>`).join('')}</ul>` : '<p id="candidates">No requirement is failed by most systems or judged differently across suite versions.</p>'}
<h2>Requirements by system</h2>
<table class="matrix" id="matrix">
<thead>${versionRow}${systemRow}</thead>
${body}
</table>
${m.notRun.length ? `<p id="not-run">Not judged by any run: ${m.notRun.map(esc).join(', ')}.</p>` : ''}
</body></html>
`;
}
