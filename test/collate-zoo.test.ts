// The interop matrix of real certifications: the vendor zoo's correct systems and a few broken
// variants (certified through the CLI, as vendors would), next to an `npm start`-style embedded run,
// collated through the CLI. Each broken variant's column must show the requirement it breaks as
// failed (or warned, for a SHOULD); the correct systems' columns must not. The HTML matrix is then
// read in headless Chromium as a working group member would: cells, counts, expanding a requirement
// to its scenarios, and links that lead to files.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { plan, runZooMatrix, ZooMatrix } from './vendor-zoo-run';
import { runCli } from './helpers';
import type { InteropMatrix } from '../reports/interop-matrix';
import { interpretationsOf } from '../lib/conformance/interpretations';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VARIANTS = ['t1-binary-frames', 'u2-accept-any-mosid', 'ka3-mom-only'];
/** The zoo runs collated: the correct systems in every deployment, and the variants. */
const ZOO_RUNS = plan(new Set(['correct', ...VARIANTS])).length;
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'collate-zoo-'));
const ZOO_DIR = path.join(TMP, 'zoo');
const MATRIX = path.join(TMP, 'matrix');

let zoo: ZooMatrix;
let matrix: InteropMatrix;
before(async () => {
  zoo = await runZooMatrix(ZOO_DIR, undefined, (l) => console.error(l), new Set(['correct', ...VARIANTS]));
  // An embedded run from the command line, as `npm start` makes it (narrowed to keep the test short).
  const embedded = await runCli(['run', '--role', 'device', '--tags', '@req:MOSWS-URL-2 or @req:MOSWS-TRANSPORT-1', '--report-dir', path.join(TMP, 'npm-start'), '--quiet'], { timeoutMs: 120_000 });
  assert.equal(embedded.code, 0, embedded.stderr);
  const r = await runCli(['collate', '--out', MATRIX, ZOO_DIR, path.join(TMP, 'npm-start', 'results.json')], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  // Every zoo run and the embedded one, each a column of its own.
  assert.match(r.stdout, new RegExp(`collated ${ZOO_RUNS + 1} runs, ${ZOO_RUNS + 1} system columns`));
  matrix = JSON.parse(fs.readFileSync(path.join(MATRIX, 'interop-matrix.json'), 'utf8')) as InteropMatrix;
});

test("each broken variant's column shows its requirement failed; the correct systems' do not", () => {
  const runs = [...zoo.correct, ...zoo.variants];
  assert.equal(runs.length, ZOO_RUNS);
  assert.ok(zoo.variants.length === VARIANTS.length && zoo.correct.length >= 6, `${zoo.correct.length} correct, ${zoo.variants.length} variant runs`);
  for (const run of runs) {
    const dir = `${run.variant}-${run.role}-${run.deployment}`;
    const col = matrix.columns.findIndex((c) => c.run === dir);
    assert.ok(col >= 0, `a column for ${dir}`);
    assert.equal(matrix.columns[col]!.role, run.role);
    if (run.breaks) {
      const row = matrix.rows.find((r) => r.id === run.breaks)!;
      assert.equal(row.cells[col]!.state, run.level === 'warn' ? 'WARNING' : 'FAIL', `${dir}: ${run.breaks}`);
    } else {
      for (const row of matrix.rows) assert.ok(!['FAIL', 'WARNING'].includes(row.cells[col]!.state), `${dir} ${row.id}: ${row.cells[col]!.state}`);
    }
  }
  // A listening zoo system is named by what it reported in listMachInfo.
  const listening = matrix.columns.find((c) => c.run === 'correct-device-listening')!;
  assert.equal(listening.name, 'Vendor Zoo ZooDevice sw 0.1.0');
  const embedded = matrix.columns.find((c) => c.run === 'npm-start')!;
  assert.equal(embedded.name, 'embedded simulator');
});

test('compare gates on the injected regression: the correct NRCS last night, the broken one tonight', async () => {
  const last = path.join(ZOO_DIR, 'correct-nrcs-listening', 'results.json');
  const tonight = path.join(ZOO_DIR, 't1-binary-frames-nrcs-listening', 'results.json');
  const r = await runCli(['compare', last, tonight], { timeoutMs: 30_000 });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /✗ nrcs: .* — Pass → Fail — \[MOSWS-TRANSPORT-1\]/);
  const same = await runCli(['compare', last, last], { timeoutMs: 30_000 });
  assert.equal(same.code, 0, same.stdout);
});

test('the HTML matrix in headless Chromium', async (t) => {
  if (!fs.existsSync(CHROMIUM)) {
    t.skip(`no Chromium at ${CHROMIUM}`);
    return;
  }
  const file = path.join(MATRIX, 'interop-matrix.html');
  const html = fs.readFileSync(file, 'utf8');
  assert.ok(!/<script|<link|src="http/i.test(html), 'self-contained: no script, no external resource');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    assert.equal(await page.title(), 'MOS over WebSocket interop matrix');
    const headers = await page.$$eval('th.system', (ths) => ths.map((th) => ({ id: th.getAttribute('data-column'), text: th.textContent ?? '' })));
    assert.equal(headers.length, matrix.columns.length);
    for (const [i, c] of matrix.columns.entries()) {
      assert.equal(headers[i]!.id, c.id);
      assert.ok(headers[i]!.text.includes(c.name) && headers[i]!.text.includes(c.role), headers[i]!.text);
    }
    // Every cell the reader sees is the matrix's verdict.
    for (const row of matrix.rows) {
      const states = await page.$$eval(`tbody[data-requirement="${row.id}"] tr.req td.cell`, (tds) => tds.map((td) => td.getAttribute('data-state')));
      assert.deepEqual(states, row.cells.map((c) => c.state), row.id);
      assert.equal(Number(await page.textContent(`tbody[data-requirement="${row.id}"] td[data-count="fail"]`)), row.counts.fail);
    }
    // The broken variant's cell reads "Fail" and links to a report that exists.
    const col = matrix.columns.find((c) => c.run === 't1-binary-frames-nrcs-listening')!;
    const cell = `tbody[data-requirement="MOSWS-TRANSPORT-1"] td.cell[data-column="${col.id}"]`;
    assert.equal((await page.textContent(cell))?.trim(), 'Fail');
    const href = (await page.getAttribute(`${cell} a`, 'href'))!;
    assert.ok(fs.existsSync(path.resolve(MATRIX, href.replace(/#.*$/, ''))), href);
    // Scenarios are hidden until the requirement is opened.
    const scenarioRow = 'tbody[data-requirement="MOSWS-TRANSPORT-1"] tr.scenario';
    assert.ok((await page.$$(scenarioRow)).length >= 1);
    assert.equal(await page.isVisible(scenarioRow), false);
    await page.click('tbody[data-requirement="MOSWS-TRANSPORT-1"] summary');
    assert.equal(await page.isVisible(scenarioRow), true);
    // The working group's link for each requirement.
    const link = await page.getAttribute('tbody[data-requirement="MOSWS-URL-2"] a.interpretations', 'href');
    // …to the first entry that interprets it (lib/conformance/interpretations.ts), an anchor the document has.
    const anchor = /interpretations\.md#([a-z0-9-]+)$/.exec(link ?? '')?.[1];
    assert.ok(anchor && anchor === interpretationsOf('MOSWS-URL-2')[0]?.anchor, link ?? '');
    assert.ok(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'interpretations.md'), 'utf8').includes(`<a id="${anchor}"></a>`), anchor);
    assert.match((await page.textContent('#summary')) ?? '', /Suite versions: 0\.1\.0/);
  } finally {
    await browser.close();
  }
});
