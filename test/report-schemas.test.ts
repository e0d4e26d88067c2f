// results.json and junit.xml against their schemas (schema/results.schema.json with Ajv,
// schema/junit.xsd with libxml2's xmllint compiled to WebAssembly), for a real run with failures
// and warnings, for a record holding every outcome, and for a run whose pre-flight failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { validateXML } from 'xmllint-wasm';
import { runCli } from './helpers';
import { writeReports } from '../reports/report-files';
import { RunRecord, buildRunRecord } from '../reports/run-record';
import { ScenarioResult } from '../reports/results';
import { defaultConfig } from '../suite/config';
import type { ResultsDocument } from '../reports/results-json';

const SCHEMA = path.resolve(__dirname, '../../schema');

function resultsValidator(): (doc: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(SCHEMA, 'results.schema.json'), 'utf8')) as object);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
}

async function junitProblems(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit.xsd', contents: fs.readFileSync(path.join(SCHEMA, 'junit.xsd'), 'utf8') }] });
  return r.valid ? [] : r.errors.map((e) => e.rawMessage);
}

function tmp(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `mosws-${name}-`));
}

test('a run with failures and warnings: results.json and junit.xml follow their schemas; a warning is not a failure', { timeout: 60_000 }, async () => {
  const dir = tmp('schemas-run');
  try {
    const r = await runCli(['run', '--role', 'device', '--fault', 'never-keepalive,accepts-bad-params', '--tags', '@req:MOSWS-URL-1 or @req:MOSWS-KA-3', '--report-dir', dir, '--results-only'], { timeoutMs: 50_000 });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as ResultsDocument;
    assert.deepEqual(resultsValidator()(doc), []);
    assert.equal(doc.verdict, 'FAIL');
    assert.equal(doc.exitCode, 1);
    assert.equal(doc.partial, true);
    assert.equal(doc.filter.tags, '@req:MOSWS-URL-1 or @req:MOSWS-KA-3');
    assert.ok(doc.counts.WARNING >= 1 && doc.counts.FAIL >= 1, JSON.stringify(doc.counts));
    assert.equal(doc.tool.name, 'mos-ws-conformance');
    const xml = fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    assert.deepEqual(await junitProblems(xml), []);
    const warned = xml.match(/<testcase [^>]*status="WARNING">[\s\S]*?<\/testcase>/g) ?? [];
    assert.ok(warned.length >= 1, 'a warning test case');
    for (const w of warned) {
      assert.doesNotMatch(w, /<failure|<error/, 'a warning is not a failure');
      assert.match(w, /<system-out>Warning: \[MOSWS-KA-3\] /);
    }
    const failures = xml.match(/<failure [^>]*>/g) ?? [];
    assert.ok(failures.length >= 1);
    for (const f of failures) assert.match(f, /type="MOSWS-URL-1" message="\[MOSWS-URL-1\] [^"]+"/);
    assert.ok(!fs.existsSync(path.join(dir, 'report.html')), '--results-only writes no HTML');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const row = (outcome: ScenarioResult['outcome'], verdicts: ScenarioResult['verdicts'], message?: string): ScenarioResult => ({
  role: 'nrcs',
  uri: 'features/mos-ws/keepalive.feature',
  location: `features/mos-ws/keepalive.feature:${10 + verdicts.length}`,
  name: `a scenario that ends ${outcome} <&> "quoted"`,
  tags: ['@mos-ws', '@nrcs-under-test', '@req:MOSWS-KA-2'],
  requirements: ['MOSWS-KA-2'],
  outcome,
  verdicts,
  completed: outcome === 'PASS',
  ...(message ? { message } : {}),
  durationMs: 12,
  attachments: [],
});

test('every outcome, control characters and a stack trace: both files stay valid and show no stack frame', async () => {
  const dir = tmp('schemas-all');
  try {
    const stack = 'the suite could not complete this scenario: boom\n    at Object.<anonymous> (/app/dist/steps/x.js:1:2)\n    at node:internal/main:3:4';
    const results = [
      row('PASS', []),
      row('FAIL', [{ requirement: 'MOSWS-KA-2', outcome: 'FAIL', message: 'answered keepAlive with heartbeat\u0001' }], 'answered keepAlive with heartbeat'),
      row('WARNING', [{ requirement: 'MOSWS-KA-3', outcome: 'WARNING', message: 'no keepAlive on ro' }], 'no keepAlive on ro'),
      row('COULD_NOT_TEST', [{ outcome: 'COULD_NOT_TEST', message: stack }], stack),
      row('NOT_APPLICABLE', [], 'operator: not possible'),
    ];
    const now = new Date();
    const config = { ...defaultConfig(), roles: ['nrcs' as const] };
    const record: RunRecord = buildRunRecord({ config, results, started: now, finished: now, selected: 5, available: 28, partial: true, interrupted: false, systems: [{ role: 'nrcs', kind: 'vendor', url: 'wss://nrcs.example/mos', mosID: 'M', ncsID: 'N', capabilities: ['listens'], operator: 'prompt', machineInfo: { reported: true, manufacturer: 'X', model: 'Y', swRev: '1.2', supportedProfiles: [0, 1] } }] });
    writeReports(dir, record);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as ResultsDocument;
    assert.deepEqual(resultsValidator()(doc), []);
    assert.equal(doc.verdict, 'FAIL');
    const xml = fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    assert.deepEqual(await junitProblems(xml), []);
    assert.doesNotMatch(xml, /^\s+at .*:\d+:\d+\)?$/m, 'no stack frame');
    assert.match(xml, /<error type="COULD_NOT_TEST" message="Could not test: the suite could not complete this scenario: boom">/);
    assert.match(xml, /<skipped message="Not applicable: operator: not possible"\/>/);
    assert.match(xml, /tests="5" failures="1" errors="1" skipped="1"/);
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    assert.match(html, /<ul id="problems"><li data-outcome="FAIL">/, 'failures and warnings listed under the headline, worst first');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a run whose pre-flight failed: both files valid, verdict could not test, exit code 3', async () => {
  const dir = tmp('schemas-preflight');
  try {
    const r = await runCli(['run', '--role', 'device', '--target-url', 'wss://127.0.0.1:1/mos', '--mos-id', 'M', '--ncs-id', 'N', '--report-dir', dir], { timeoutMs: 20_000 });
    assert.equal(r.code, 3, r.stdout + r.stderr);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as ResultsDocument;
    assert.deepEqual(resultsValidator()(doc), []);
    assert.equal(doc.verdict, 'COULD_NOT_TEST');
    assert.equal(doc.exitCode, 3);
    assert.equal(doc.preflight?.ok, false);
    assert.match(doc.verdictMeaning, /pre-flight failed/);
    const xml = fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    assert.deepEqual(await junitProblems(xml), []);
    assert.match(xml, /<testsuite name="pre-flight" tests="1" failures="0" errors="1"/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
