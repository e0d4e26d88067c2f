// The HTML certification report, opened in a real headless browser: the verdicts a reader sees
// are the verdicts of the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { runConformance } from '../cli/run';
import { buildRunRecord, describeSystems } from '../reports/run-record';
import { writeReports } from '../reports/report-files';
import { defaultConfig } from '../suite/config';
import { EMBEDDED_STREAM_KEY } from '../suite/config';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

test('the HTML report shows the run verdicts in headless Chromium', async (t) => {
  if (!fs.existsSync(CHROMIUM)) {
    t.skip(`no Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium)`);
    return;
  }
  const config = { ...defaultConfig(), roles: ['verifier', 'signer', 'device'] as ReturnType<typeof defaultConfig>['roles'], faults: ['ignores-ip'], tags: 'not @mos-ws or @req:MOSWS-KA-2 or @req:MOSWS-PASSIVE-3' };
  const { results } = await runConformance(config, { quiet: true, formats: false });
  const dir = path.resolve(__dirname, '../../reports/out/test-browser');
  const now = new Date();
  writeReports(dir, buildRunRecord({ config, results, started: now, finished: now, selected: results.length, available: results.length, partial: true, interrupted: false, systems: describeSystems(config) }));
  const file = path.join(dir, 'report.html');
  const html = fs.readFileSync(file, 'utf8');
  assert.ok(!html.includes(EMBEDDED_STREAM_KEY.secret), 'key never in the report');
  assert.ok(!/<script|<link|src="http/i.test(html), 'self-contained: no script, no external resource');

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    assert.equal(await page.title(), 'MOS over WebSocket conformance report');
    const verdict = await page.getAttribute('#verdict', 'data-verdict');
    assert.equal(verdict, 'FAIL');
    assert.match((await page.textContent('.selfcheck')) ?? '', /ignores-ip/);
    const states = await page.$$eval('section.scenario', (els) => els.map((e) => e.getAttribute('data-state')));
    assert.deepEqual(states, results.map((r) => r.outcome));
    const failed = await page.$$eval('section.scenario[data-state="FAIL"] .verdicts li[data-outcome="FAIL"]', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(failed.length >= 1 && failed.every((m) => m.includes('[SS-VERIFY-5]')), JSON.stringify(failed));
    const reqState = await page.getAttribute('tr[data-requirement="SS-VERIFY-5"]', 'data-state');
    assert.equal(reqState, 'FAIL');
    assert.equal(await page.getAttribute('tr[data-requirement="SS-SIGN-1"]', 'data-state'), 'PASS');
    const total = await page.textContent('td[data-count="TOTAL"]');
    assert.equal(Number(total), results.length);
    const reconnects = await page.$$eval('#reconnects tr', (rows) => rows.length);
    assert.ok(reconnects > 1, 'reconnect timings are reported');
    // A transcript is there to read, and it is redacted.
    const transcript = await page.$eval('section.scenario[data-state="FAIL"] .transcript .lines', (e) => e.textContent ?? '');
    assert.match(transcript, /GET http:\/\/127\.0\.0\.1:\d+\/media\/clip\.mp4\?policy=/);
    assert.match(transcript, /signature=\*\*\*/);
    // Under the headline: the failures and warnings, each a link to its scenario.
    const problems = await page.$$eval('#problems li a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    assert.equal(problems.length, results.filter((r) => r.outcome === 'FAIL' || r.outcome === 'WARNING' || r.outcome === 'COULD_NOT_TEST').length);
    for (const href of problems) assert.equal(await page.getAttribute(`section.scenario${href}`, 'data-state').then((s) => ['FAIL', 'WARNING', 'COULD_NOT_TEST'].includes(s ?? '')), true, href);
    // A requirement link lands on the requirement's row, which links each of its scenarios.
    const reqLinks = await page.$$eval('tr#req-SS-VERIFY-5 ul.links a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(reqLinks.length >= 1 && reqLinks.every((h) => /^#s\d+$/.test(h ?? '')));
    assert.equal(await page.getAttribute('section.scenario a.req[href="#req-SS-VERIFY-5"]', 'href'), '#req-SS-VERIFY-5');
    // Every MOS line opens to the full message, every connection line to its HTTP upgrade; secrets redacted.
    await page.click('section.scenario[data-role="device"] details.transcript > summary');
    const mos = await page.$eval('section.scenario[data-role="device"] details.entry[data-kind="mos"] pre', (e) => e.textContent ?? '');
    assert.match(mos, /^<mos>\n  <mosID>DEVICE\.MOS<\/mosID>\n  <ncsID>NRCS\.NCS<\/ncsID>\n/, "indented, one element a line");
    const upgrades = await page.$$eval('section.scenario[data-role="device"] details.entry[data-kind="http"] pre', (es) => es.map((e) => e.textContent ?? ''));
    assert.ok(upgrades.some((u) => /^GET \/mos\?(?:parameter1=12345&)?mosID=DEVICE\.MOS&ncsID=NRCS\.NCS&channel=\w+ HTTP\/1\.1\n[\s\S]*authorization: Basic \*\*\*[\s\S]*\n\nHTTP\/1\.1 101 Switching Protocols/i.test(u)), upgrades.slice(0, 2).join('\n----\n'));
    assert.ok(!upgrades.some((u) => u.includes(Buffer.from('conformance:embedded-only-password').toString('base64'))), 'no credential in an upgrade');
  } finally {
    await browser.close();
  }
});
