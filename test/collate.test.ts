// collate and compare on results.json files written by real runs (the embedded suite, once clean and
// once with a named fault), and on variations of them a working group meets: another suite version,
// older files without later fields, repeated runs that disagree, files that are not results.json.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runConformance } from '../cli/run';
import { collateCommand, compareCommand, MATRIX_FILES } from '../cli/collate';
import { main } from '../cli/main';
import { describeSystems, buildRunRecord } from '../reports/run-record';
import { writeReports } from '../reports/report-files';
import { defaultConfig, SuiteRole } from '../suite/config';
import { buildMatrix, matrixHtml, matrixMarkdown } from '../reports/interop-matrix';
import type { InteropMatrix } from '../reports/interop-matrix';
import { readResultsFile } from '../reports/results-file';

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'collate-'));
const TAGS = '@req:MOSWS-URL-1 or @req:MOSWS-URL-2';

async function certify(dir: string, faults: string[]): Promise<string> {
  const config = { ...defaultConfig(), roles: ['device'] as SuiteRole[], faults, tags: TAGS, reportDir: dir };
  const { results } = await runConformance(config, { formats: false });
  const now = new Date();
  writeReports(dir, buildRunRecord({ config, results, started: now, finished: now, selected: results.length, available: results.length, partial: true, interrupted: false, systems: describeSystems(config) }));
  return path.join(dir, 'results.json');
}

type Doc = { tool: { version: string; commit: string | null }; results: Array<{ name: string; outcome: string; verdicts: Array<{ requirement?: string; outcome: string }> }>; [k: string]: unknown };
const load = (f: string): Doc => JSON.parse(fs.readFileSync(f, 'utf8')) as Doc;
function variant(from: string, name: string, edit: (d: Doc) => void): string {
  const d = load(from);
  edit(d);
  const dir = path.join(TMP, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(d));
  return path.join(dir, 'results.json');
}
function quiet(fn: () => number): { code: number; out: string[]; err: string } {
  const out: string[] = [];
  const orig = console.error;
  let err = '';
  console.error = (s: string) => (err += `${s}\n`);
  try {
    return { code: fn(), out, err };
  } finally {
    console.error = orig;
  }
}
const collate = (args: string[]): { code: number; out: string[]; err: string } => {
  const out: string[] = [];
  const r = quiet(() => collateCommand(args, (s) => out.push(s)));
  return { ...r, out };
};
const compare = (args: string[]): { code: number; out: string[]; err: string } => {
  const out: string[] = [];
  const r = quiet(() => compareCommand(args, (s) => out.push(s)));
  return { ...r, out };
};

let clean: string;
let faulty: string;
before(async () => {
  clean = await certify(path.join(TMP, 'clean'), []);
  faulty = await certify(path.join(TMP, 'foreign-ids'), ['accepts-foreign-ids']);
});

test('collate: one column per system, each cell the requirement verdict linking to that report', () => {
  const out = path.join(TMP, 'matrix');
  const r = collate(['--out', out, clean, faulty]);
  assert.equal(r.code, 0, r.err);
  for (const f of Object.values(MATRIX_FILES)) assert.ok(fs.existsSync(path.join(out, f)), f);
  const m = JSON.parse(fs.readFileSync(path.join(out, MATRIX_FILES.json), 'utf8')) as InteropMatrix;
  assert.equal(m.columns.length, 2);
  assert.deepEqual(m.columns.map((c) => c.name).sort(), ['embedded simulator', 'embedded simulator, fault accepts-foreign-ids']);
  const col = (run: string): number => m.columns.findIndex((c) => c.run === run);
  const row = m.rows.find((x) => x.id === 'MOSWS-URL-2')!;
  assert.equal(row.cells[col('foreign-ids')]!.state, 'FAIL');
  assert.equal(row.cells[col('clean')]!.state, 'PASS');
  assert.equal(row.cells[col('foreign-ids')]!.href, '../foreign-ids/report.html#req-MOSWS-URL-2');
  assert.deepEqual({ pass: row.counts.pass, fail: row.counts.fail }, { pass: 1, fail: 1 });
  assert.ok(row.scenarios.length >= 1 && row.scenarios.some((s) => s.cells[col('foreign-ids')] === 'FAIL'), 'the row opens to the scenario that failed');
  assert.match(row.interpretations, /docs\/interpretations\.md#i-url-refusal-status$/);
  assert.equal(m.suiteVersions.length, 1);
  // One of two systems failing is no candidate for the working group.
  assert.deepEqual(row.flags, []);
  const md = fs.readFileSync(path.join(out, MATRIX_FILES.markdown), 'utf8');
  assert.match(md, /\| MOSWS-URL-2[^\n]*\[Fail\]\(\.\.\/foreign-ids\/report\.html#req-MOSWS-URL-2\)/);
});

test('collate: requirements failed by most systems and judged differently across suite versions are flagged; versions side by side', () => {
  const failAgain = variant(faulty, 'foreign-ids-again', () => undefined);
  // The clean system, judged by a later suite version that reads MOSWS-URL-2 differently.
  const later = variant(clean, 'clean-later-suite', (d) => {
    d.tool.version = '0.2.0';
    d.tool.commit = 'b'.repeat(40);
    for (const s of d.results as Array<Doc['results'][number] & { requirements: string[] }>) {
      if (!s.requirements.includes('MOSWS-URL-2')) continue;
      s.outcome = 'FAIL';
      s.verdicts.push({ requirement: 'MOSWS-URL-2', outcome: 'FAIL' });
    }
  });
  const out = path.join(TMP, 'matrix-flags');
  assert.equal(collate(['--out', out, '--interpretations-url', 'https://example.org/interpretations.md', clean, faulty, failAgain, later]).code, 0);
  const m = JSON.parse(fs.readFileSync(path.join(out, MATRIX_FILES.json), 'utf8')) as InteropMatrix;
  assert.equal(m.suiteVersions.length, 2, 'two suite versions, never merged');
  assert.ok(m.suiteVersions.some((v) => v.startsWith('0.2.0 (bbbbbbbbbbbb')));
  assert.equal(m.columns[m.columns.length - 1]!.run, 'clean-later-suite', 'the later version is its own column group');
  const row = m.rows.find((x) => x.id === 'MOSWS-URL-2')!;
  assert.deepEqual(row.flags.map((f) => f.kind).sort(), ['failed-by-most', 'judged-differently-across-suite-versions']);
  assert.match(row.flags.find((f) => f.kind === 'judged-differently-across-suite-versions')!.detail, /Pass under 0\.1\.0.*Fail under 0\.2\.0/);
  assert.equal(row.interpretations, 'https://example.org/interpretations.md#i-url-refusal-status');
  const url1 = m.rows.find((x) => x.id === 'MOSWS-URL-1')!;
  assert.deepEqual(url1.flags, []);
});

test('collate reads older files without the fields added later, and refuses what is not a results.json', () => {
  const old = variant(clean, 'old-format', (d) => {
    for (const k of ['systemsUnderTest', 'preflight', 'filter', 'counts', 'outcomes', 'verdictMeaning', 'schemaVersion', '$schema']) delete d[k];
    d.tool.commit = null;
    for (const s of d.results) delete (s as Record<string, unknown>).requirements;
  });
  const out = path.join(TMP, 'matrix-old');
  assert.equal(collate(['--out', out, old]).code, 0);
  const m = JSON.parse(fs.readFileSync(path.join(out, MATRIX_FILES.json), 'utf8')) as InteropMatrix;
  assert.equal(m.columns.length, 1);
  assert.equal(m.columns[0]!.role, 'device');
  assert.equal(m.rows.find((x) => x.id === 'MOSWS-URL-2')!.cells[0]!.state, 'PASS');

  const notResults = path.join(TMP, 'package.json');
  fs.writeFileSync(notResults, '{"name":"x"}');
  const r = collate([notResults]);
  assert.equal(r.code, 2);
  assert.match(r.err, /not a results\.json of this suite/);
  assert.equal(collate([]).code, 2);
  assert.match(collate([path.join(TMP, 'missing.json')]).err, /no such file/);
  // A folder is searched for results.json files.
  assert.equal(collate(['--out', path.join(TMP, 'matrix-dir'), path.join(TMP, 'clean')]).code, 0);
});

test('compare: a regression exits 1 and names the scenario, the fix and the reason; the same run exits 0', () => {
  const r = compare([clean, faulty]);
  assert.equal(r.code, 1, r.out.join('\n'));
  const text = r.out.join('\n');
  assert.match(text, /regressions \([1-9]\d*\):/);
  assert.match(text, /✗ device: .* — Pass → Fail — \[MOSWS-URL-2\]/);
  assert.match(text, /fixes \(0\)/);
  const back = compare(['--out', path.join(TMP, 'cmp'), faulty, clean]);
  assert.equal(back.code, 0);
  assert.match(back.out.join('\n'), /fixes \([1-9]\d*\):[\s\S]*✓ device: .* — Fail → Pass/);
  assert.match(fs.readFileSync(path.join(TMP, 'cmp', 'compare.md'), 'utf8'), /## Fixes\n\| role/);
  assert.equal(compare([clean, clean]).code, 0);
  assert.equal(compare(['--baseline', clean, faulty]).code, 1);
  assert.equal(compare([clean]).code, 2);
});

test('compare: a scenario that differs across repeated runs of one commit is unstable, not a regression', () => {
  const d = load(clean);
  const target = d.results.find((s) => s.outcome === 'PASS')!.name;
  const flaky = variant(clean, 'clean-repeat-flaky', (x) => {
    const s = x.results.find((y) => y.name === target)!;
    s.outcome = 'FAIL';
    s.verdicts.push({ requirement: 'MOSWS-URL-1', outcome: 'FAIL' });
  });
  const r = compare(['--baseline', clean, clean, flaky]);
  assert.equal(r.code, 0, r.out.join('\n'));
  const text = r.out.join('\n');
  assert.match(text, /unstable \(1\):/);
  assert.ok(text.includes(`? device: ${target} — differs across the current runs: Pass, Fail`), text);
  assert.match(text, /regressions \(0\)/);
});

test('the CLI dispatches collate and compare, with --help', async () => {
  const out: string[] = [];
  assert.equal(await main(['collate', '--help'], (s) => out.push(s)), 0);
  assert.match(out.join('\n'), /usage: mos-conformance collate/);
  assert.equal(await main(['compare', '--help'], (s) => out.push(s)), 0);
  assert.match(out.join('\n'), /exit codes: 0 no regression, 1 at least one regression, 2 usage/);
  assert.equal(await main(['--help'], (s) => out.push(s)), 0);
  assert.match(out.join('\n'), /collate RESULTS\.\.\./);
});

test("a requirement's source is shown where the catalogue has one, and nothing where it has none", () => {
  const m = buildMatrix([readResultsFile(clean)], { outDir: TMP });
  const row = m.rows.find((r) => r.id === 'MOSWS-URL-2')!;
  const bare = matrixHtml(m);
  assert.ok(!/class="source"/.test(bare) || m.rows.some((r) => r.source), 'no source line without a source');
  row.source = { document: 'proposal rev. 1.3', locator: 'Required URL Parameters, para. 2', words: 'MUST be provided' };
  const html = matrixHtml(m);
  assert.match(html, /<div class="source" title="MUST be provided">proposal rev\. 1\.3, Required URL Parameters, para\. 2<\/div>/);
  assert.match(matrixMarkdown(m), /\| MOSWS-URL-2<br>proposal rev\. 1\.3, Required URL Parameters, para\. 2 \|/);
});
