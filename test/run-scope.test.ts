// Certifying an NRCS from the command line as a vendor would: the certified scope is stated and
// tells a capability-limited run from a full one, and a system that never dials ends in about one
// connect wait.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, runCli, startCli } from './helpers';
import { EXIT_CODES } from '../lib/conformance/outcomes';
import type { ResultsDocument } from '../reports/results-json';

const PASSWORD = 'scope-test-pw-3';
const ENV = { MOS_PASSWORD: PASSWORD, VENDOR_PW: PASSWORD };
const IDS = ['--mos-id', 'DEV.MOS', '--ncs-id', 'NCS.NCS'];

function tmp(name: string, sutConnectMs: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mosws-${name}-`));
  fs.writeFileSync(path.join(dir, 'timing.json'), JSON.stringify({ base: 'accelerated', name: 'scope-test', sutConnectMs }));
  return dir;
}

test('an NRCS that declares only passive-active: "limited scope" in the headline and results.json, not a full certification', { timeout: 120_000 }, async () => {
  const dir = tmp('scope-passive', 8000);
  const suitePort = await freePort();
  const sim = startCli(['simulate', 'nrcs', ...IDS, '--connect', `wss://127.0.0.1:${suitePort}/mos/suite?parameter1=12345`, '--passive', '--keepalive-ms', '150'], ENV);
  try {
    const r = await runCli(['run', '--role', 'nrcs', ...IDS, '--user', 'mos', '--password-env', 'VENDOR_PW', '--capabilities', 'passive-active', '--suite-listen', `127.0.0.1:${suitePort}`, '--suite-extra-params', 'parameter1=12345', '--timing', path.join(dir, 'timing.json'), '--report-dir', dir, '--results-only'], { env: ENV, timeoutMs: 100_000 });
    assert.equal(r.code, EXIT_CODES.PASS, r.stdout + r.stderr);
    assert.match(r.stdout, /^Passed, limited scope: \d+ applicable scenarios of the nrcs passed; not covered: nrcs without listens, connects, passive-listener, verifies-certificates; nrcs without an operator$/m);
    assert.match(r.stdout, /^Scope: nrcs \(vendor\): capabilities passive-active; profiles not declared \(profile 0 only\); operator none — \d+ of \d+ scenarios applied$/m);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as ResultsDocument;
    assert.equal(doc.verdict, 'PASS');
    assert.equal(doc.scope.full, false);
    assert.deepEqual(doc.scope.roles[0]!.capabilities, ['passive-active']);
    assert.ok(doc.scope.roles[0]!.applied < doc.scope.roles[0]!.scenarios / 2, JSON.stringify(doc.scope));
    assert.match(fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8'), /<property name="scopeFull" value="false"\/>/);
  } finally {
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an NRCS that never dials: the run ends within about one connect wait, each later scenario judged at once', { timeout: 120_000 }, async () => {
  const connectMs = 5000;
  const dir = tmp('scope-silent', connectMs);
  const suitePort = await freePort();
  try {
    const r = await runCli(['run', '--role', 'nrcs', ...IDS, '--user', 'mos', '--password-env', 'VENDOR_PW', '--capabilities', 'connects,passive-active', '--suite-listen', `127.0.0.1:${suitePort}`, '--timing', path.join(dir, 'timing.json'), '--report-dir', dir, '--results-only'], { env: ENV, timeoutMs: 100_000 });
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as ResultsDocument;
    // The scenarios that need the system's connection (not the run-wide test cases, which judge what it sent).
    const judged = doc.results.filter((x) => x.outcome !== 'NOT_APPLICABLE' && !x.tags.includes('@run-wide'));
    assert.ok(judged.length >= 5, `${judged.length} scenarios needed the connection`);
    assert.ok(judged.every((x) => x.outcome !== 'PASS'), JSON.stringify(judged.map((x) => x.outcome)));
    const waited = judged.filter((x) => x.verdicts.some((v) => new RegExp(`within ${connectMs} ms the nrcs under test opened nothing`).test(v.message)));
    const atOnce = judged.filter((x) => x.verdicts.some((v) => /has not dialled the suite in this run .*not waited for again/.test(v.message)));
    assert.equal(waited.length, 1, 'one wait');
    assert.equal(atOnce.length, judged.length - 1, 'the others judged at once');
    assert.ok(r.code === EXIT_CODES.FAIL, `exit ${r.code}`);
    assert.ok(doc.durationMs < connectMs + 6000, `the run took ${doc.durationMs} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the reference simulators act on operator actions through their control port: operator scenarios run end to end', { timeout: 120_000 }, async () => {
  const dir = tmp('control', 8000);
  const [simPort, controlPort] = [await freePort(), await freePort()];
  const sim = startCli(['simulate', 'device', '--listen', `127.0.0.1:${simPort}`, '--tls', 'self-signed', ...IDS, '--keepalive-ms', '150', '--control', `127.0.0.1:${controlPort}`], ENV);
  try {
    await sim.waitFor(/control endpoint on http:\/\/127\.0\.0\.1:\d+\/action/);
    const act = `"${process.execPath}" "${path.join(__dirname, '..', 'cli', 'main.js')}" act --control 127.0.0.1:${controlPort}`;
    const r = await runCli(['run', '--role', 'device', '--target-url', `wss://127.0.0.1:${simPort}/mos`, ...IDS, '--user', 'mos', '--password-env', 'VENDOR_PW', '--allow-untrusted', '--capabilities', 'listens,passive-listener', '--profiles', '0,1,2,3,4', '--operator-command', act, '--tags', '@operator and (@profile-1 or @profile-2)', '--timing', path.join(dir, 'timing.json'), '--report-dir', dir, '--results-only'], { env: ENV, timeoutMs: 100_000 });
    assert.equal(r.code, EXIT_CODES.PASS, r.stdout + r.stderr);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as ResultsDocument;
    const operatorScenarios = doc.results.filter((x) => x.tags.includes('@operator'));
    assert.ok(operatorScenarios.length >= 3 && operatorScenarios.every((x) => x.outcome === 'PASS'), JSON.stringify(operatorScenarios.map((x) => [x.name, x.outcome, x.message])));
    assert.ok(doc.results.every((x) => x.outcome === 'PASS' || x.outcome === 'NOT_APPLICABLE'), JSON.stringify(doc.results.map((x) => [x.name, x.outcome, x.message])));
    assert.match(sim.out(), /control: \{"kind":"originate","message":"mosObj","count":1\}/);
    // An action the simulator's role cannot do is "not possible" (exit 3), as the interface says.
    const no = await runCli(['act', '--control', `127.0.0.1:${controlPort}`], { env: { MOSWS_ACTION: '{"kind":"story-operations","roID":"RO-1"}' } });
    assert.equal(no.code, 3, no.stderr);
    assert.match(no.stderr, /story operations are an NRCS action/);
  } finally {
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
