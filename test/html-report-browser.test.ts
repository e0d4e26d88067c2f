// The HTML certification report, opened in a real headless browser: the verdicts a reader sees
// are the verdicts of the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describeSystems, runConformance } from '../cli/run';
import { writeReports } from '../reports/report-files';
import { defaultConfig } from '../steps/support/config';
import { EMBEDDED_STREAM_KEY } from '../steps/support/stream-sut';

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
  writeReports(dir, { config, results, started: now, finished: now, selected: results.length, available: results.length, partial: true, interrupted: false, systems: describeSystems(config) });
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
    const transcript = await page.$eval('section.scenario[data-state="FAIL"] pre', (e) => e.textContent ?? '');
    assert.match(transcript, /GET http:\/\/127\.0\.0\.1:\d+\/media\/clip\.mp4\?policy=/);
    assert.match(transcript, /signature=\*\*\*/);
  } finally {
    await browser.close();
  }
});
