// Certification from the command line, as a vendor's test engineer does it: the README's flag
// command against a device and an NRCS simulator started from the CLI (listening only, and dialling
// the suite's fixed endpoint), and the runs that must end at once with a clear message and exit code.
import { REFERENCE_PROFILES } from '../simulators/mos-peer';
import { loadScenarios } from '../reports/traceability';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXIT_CODES } from '../lib/conformance/outcomes';
import { freePort, runCli, startCli } from './helpers';
import type { ResultsDocument } from '../reports/results-json';

const PASSWORD = 'cli-cert-pw-77';
const ENV = { VENDOR_PW: PASSWORD, MOS_PASSWORD: PASSWORD };
const IDS = ['--mos-id', 'DEV.MOS', '--ncs-id', 'NCS.NCS'];

function tmp(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mosws-${name}-`));
  // The vendor timing is not the point here: accelerated, with room for a dialling system's backoff.
  fs.writeFileSync(path.join(dir, 'timing.json'), JSON.stringify({ base: 'accelerated', name: 'cli-test', sutConnectMs: 8000 }));
  return dir;
}

/** The README's flag command, plus what the case adds. */
function readmeCommand(role: 'device' | 'nrcs', url: string, dir: string, extra: string[] = []): string[] {
  return ['run', '--role', role, '--target-url', url, ...IDS, '--user', 'mos', '--password-env', 'VENDOR_PW', '--allow-untrusted', '--timing', path.join(dir, 'timing.json'), '--report-dir', dir, ...extra];
}

async function certify(role: 'device' | 'nrcs', dialling: boolean): Promise<void> {
  const dir = tmp(`${role}-${dialling ? 'dial' : 'listen'}`);
  const [simPort, suitePort] = [await freePort(), await freePort()];
  const simArgs = ['simulate', role, '--listen', `127.0.0.1:${simPort}`, '--tls', 'self-signed', ...IDS, '--keepalive-ms', '150'];
  if (dialling) simArgs.push('--connect', `wss://127.0.0.1:${suitePort}/mos/suite?parameter1=12345`, '--passive');
  const sim = startCli(simArgs, ENV);
  try {
    await sim.waitFor(/listening on wss:\/\/127\.0\.0\.1:\d+\/mos/);
    const extra = dialling ? ['--capabilities', 'listens,connects,passive-active', '--suite-listen', `127.0.0.1:${suitePort}`, '--suite-extra-params', 'parameter1=12345'] : [];
    const r = await runCli(readmeCommand(role, `wss://127.0.0.1:${simPort}/mos`, dir, extra), { env: ENV, timeoutMs: 120_000 });
    // An NRCS that does not declare passive-active (MOSWS-PASSIVE-4 makes it a MUST) is not certified.
    const incomplete = role === 'nrcs' && !dialling;
    assert.equal(r.code, incomplete ? EXIT_CODES.INCOMPLETE : EXIT_CODES.PASS, `${r.stdout}\n${r.stderr}\n--- simulator:\n${sim.out().slice(-2000)}`);
    assert.match(r.stdout, incomplete ? /^Verdict: Incomplete — no MUST failed in what was tested/m : /^Verdict: Pass — no scenario failed/m);
    if (incomplete) assert.match(r.stdout, /^Incomplete, not certified: the nrcs did not declare passive-active, which MOSWS-PASSIVE-4 makes a MUST/m);
    assert.match(r.stdout, new RegExp(`pre-flight wss://127\\.0\\.0\\.1:${simPort}/mos: TCP .* ok · TLS ok .* · upgrade ok \\(HTTP 101, user mos\\)`));
    if (dialling) assert.match(r.stdout, new RegExp(`configure the ${role} to connect to wss://127\\.0\\.0\\.1:${suitePort}/mos/suite\\?parameter1=12345 \\(user mos`));
    assert.ok(!r.stdout.includes(PASSWORD) && !r.stderr.includes(PASSWORD), 'the password is never printed');
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as ResultsDocument;
    assert.equal(doc.verdict, incomplete ? 'INCOMPLETE' : 'PASS');
    assert.equal(doc.scope.full, false, 'no operator was declared');
    const sut = doc.systemsUnderTest[0]!;
    assert.equal(sut.role, role);
    assert.deepEqual(sut.machineInfo, { reported: true, manufacturer: 'MOS-WS conformance suite', model: role === 'device' ? 'Reference device simulator' : 'Reference NRCS simulator', hwRev: '1', swRev: '0.1.0', mosRev: '2.8.5', supportedProfiles: [...REFERENCE_PROFILES] });
    const passed = doc.results.filter((x) => x.outcome === 'PASS');
    const needs = (tag: string): boolean => doc.results.some((x) => x.outcome === 'PASS' && x.tags.includes(tag));
    if (dialling) assert.ok(needs('@sut-connects') && needs('@passive-active'), 'scenarios where the system dials the suite passed');
    else assert.ok(doc.results.filter((x) => x.outcome === 'NOT_APPLICABLE').every((x) => /does not declare|declares no|operator|not configured as publishing media/.test(x.message ?? '')));
    assert.ok(passed.length >= 15, `${passed.length} passed`);
    console.log(`${role} simulator ${dialling ? 'listening and dialling' : 'listening only'}: ${passed.length} passed, run took ${r.ms} ms`);
  } finally {
    assert.equal(await sim.stop(), 0, 'the simulator stops cleanly');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("the README's flag command certifies a listening device simulator", { timeout: 150_000 }, () => certify('device', false));
test("the README's flag command runs a listening NRCS simulator: incomplete without passive-active", { timeout: 150_000 }, () => certify('nrcs', false));
test('a device simulator that also dials the suite (--suite-listen) is certified', { timeout: 150_000 }, () => certify('device', true));
test('an NRCS simulator that also dials the suite (--suite-listen) is certified', { timeout: 150_000 }, () => certify('nrcs', true));

/** A run that must end at once: exit code, message, and within 5 s. */
async function endsAtOnce(args: string[], code: number, message: RegExp, env: Record<string, string> = ENV): Promise<string> {
  const r = await runCli(args, { env, timeoutMs: 30_000 });
  assert.equal(r.code, code, `${r.stdout}\n${r.stderr}`);
  assert.match(`${r.stdout}\n${r.stderr}`, message);
  assert.ok(r.ms < 5000, `took ${r.ms} ms`);
  assert.doesNotMatch(`${r.stdout}\n${r.stderr}`, /^\s+at .*:\d+:\d+\)?$/m, 'no stack trace');
  console.log(`${args.slice(0, 8).join(' ')} …: exit ${r.code} in ${r.ms} ms`);
  return r.stdout + r.stderr;
}

test('a selection that matches no scenario exits 2 with a message', async () => {
  await endsAtOnce(['run', '--tags', '@no-such-tag', '--report-dir', tmp('empty')], EXIT_CODES.USAGE, /^no scenario matches the selection --tags @no-such-tag/m);
});

test('an unreachable system: one reason, could not test, exit 3, reports written', async () => {
  const dir = tmp('unreachable');
  const out = await endsAtOnce(readmeCommand('device', 'wss://127.0.0.1:1/mos', dir), EXIT_CODES.COULD_NOT_TEST, /Could not test: nothing listens at 127\.0\.0\.1:1 \(connection refused\) — is the system running, and is --target-url right\?/);
  assert.doesNotMatch(out, /== device under test/, 'no scenario ran');
  assert.match(out, /^Verdict: Could not test — the pre-flight failed, so no scenario was run/m);
  for (const f of ['results.json', 'junit.xml', 'report.html']) assert.ok(fs.existsSync(path.join(dir, f)), f);
  assert.match(fs.readFileSync(path.join(dir, 'report.html'), 'utf8'), /<p id="verdict" class="verdict COULD_NOT_TEST"[^>]*>Could not test: nothing listens at 127\.0\.0\.1:1/);
});

test('an http:// target is refused before anything runs (exit 2)', async () => {
  await endsAtOnce(readmeCommand('device', 'http://127.0.0.1:8443/mos', tmp('http')), EXIT_CODES.USAGE, /^--target-url must be a ws:\/\/ or wss:\/\/ URL \(the system's MOS WebSocket endpoint\), got http:\/\//m);
});

test('a config file without target.url is refused (exit 2), naming the key', async () => {
  const dir = tmp('no-url');
  const file = path.join(dir, 'device.json');
  fs.writeFileSync(file, JSON.stringify({ target: { role: 'device', mosID: 'DEV.MOS', ncsID: 'NCS.NCS', username: 'mos', passwordEnv: 'VENDOR_PW' } }));
  await endsAtOnce(['run', '--config', file], EXIT_CODES.USAGE, new RegExp(`^config ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: target\\.url is missing: give the endpoint of a listening system, or declare target\\.capabilities`, 'm'));
  // The same from flags names the flags.
  await endsAtOnce(['run', '--role', 'device', ...IDS], EXIT_CODES.USAGE, /^--target-url is missing: .* or declare --capabilities \(e\.g\. connects\)/m);
});

test('configuration mistakes are named as the user wrote them', async () => {
  const dir = tmp('mistakes');
  await endsAtOnce(['run', '--tags', '@a and (@b'], EXIT_CODES.USAGE, /^--tags is not a valid tag expression: "@a and \(@b" \(Unmatched \(\)/m);
  await endsAtOnce(['run', '--role', 'device', '--target-url', 'wss://127.0.0.1:1/mos', '--ncs-id', 'N'], EXIT_CODES.USAGE, /^--mos-id is required/m);
  await endsAtOnce(readmeCommand('device', 'wss://127.0.0.1:1/mos', dir), EXIT_CODES.USAGE, /^--password-env names the environment variable VENDOR_PW, which is empty/m, { MOS_PASSWORD: 'x', VENDOR_PW: '' });
  await endsAtOnce(['run', '--role', 'device', '--target-url', 'wss://127.0.0.1:1/mos', ...IDS, '--capabilities', 'listens,dials'], EXIT_CODES.USAGE, /--capabilities takes listens, connects, passive-active, passive-listener; got "dials"/);
  const file = path.join(dir, 'typo.json');
  fs.writeFileSync(file, '// a comment is fine\n{ "target": { "role": "device", "url": "wss://127.0.0.1:1/mos", "mosId": "DEV.MOS", "ncsID": "NCS.NCS" }, "timeing": "real" }');
  const out = await endsAtOnce(['run', '--config', file], EXIT_CODES.USAGE, /target has no key "mosId" — did you mean "mosID"\?/);
  assert.match(out, /the configuration has no key "timeing" — did you mean "timing"\?/);
  const timing = path.join(dir, 'timing.json');
  fs.writeFileSync(timing, '{ "base": "real", "operatorMS": 1000 }');
  await endsAtOnce(['run', '--timing', timing], EXIT_CODES.USAGE, /^--timing .*timing\.json: timing has no key "operatorMS" — did you mean "operatorMs"\?/m);
});

test('init writes a commented template per role that the run accepts', async () => {
  const dir = tmp('init');
  for (const role of ['device', 'nrcs', 'verifier', 'signer']) {
    const file = path.join(dir, `${role}.json`);
    const r = await runCli(['init', '--role', role, '--out', file]);
    assert.equal(r.code, 0, r.stderr);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /^\/\/ mos-conformance configuration: certify a /);
    // The run reads it: up to the pre-flight (the example host does not resolve, or nothing listens) or
    // the stream roles' run; never a configuration error about the template itself.
    const check = await runCli(['run', '--config', file, '--tags', '@no-such-tag'], { env: { ...ENV, VERIFIER_KEY: 'k', SIGNER_KEY: 'k' } });
    assert.equal(check.code, EXIT_CODES.USAGE, check.stderr);
    assert.match(check.stderr, /^no scenario matches the selection/m, `${role}: ${check.stderr}`);
  }
  const again = await runCli(['init', '--role', 'device', '--out', path.join(dir, 'device.json')]);
  assert.equal(again.code, EXIT_CODES.USAGE);
  assert.match(again.stderr, /exists; pass --force/);
});

test('--help and --version answer on stdout with exit 0 for every command', async () => {
  const commands = [[], ['run'], ['list'], ['init'], ['simulate'], ['simulate', 'device'], ['simulate', 'nrcs'], ['simulate', 'bridge'], ['simulate', 'signer'], ['simulate', 'distribution'], ['sign'], ['verify']];
  for (const c of commands) {
    const help = await runCli([...c, '--help']);
    assert.equal(help.code, 0, `${c.join(' ')} --help: ${help.stderr}`);
    assert.match(help.stdout, /^usage:\s+mos-conformance/m, c.join(' '));
    assert.equal(help.stderr, '');
    const version = await runCli([...c, '--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^mos-conformance \(mos-ws-conformance\) \d+\.\d+\.\d+/);
  }
  const run = await runCli(['run', '--help']);
  assert.match(run.stdout, /Exit codes:\n  0 +pass: .*\n  1 +fail: .*\n  2 +usage or configuration error, or a selection that matches no scenario\n  3 +could not test: .*\n  4 +incomplete: .*\n  130 +interrupted/);
});

test('list prints the scenarios with roles and requirement ids', async () => {
  const r = await runCli(['list', '--role', 'nrcs', '--tags', '@operator']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /features\/mos-ws\/deprecated-messages\.feature:\d+ {2}Story insert, move, replace and delete use roElementAction\n {4}roles: nrcs · needs: connects, operator · requirements: MOSWS-DEPR-1/);
  const expected = loadScenarios().filter((x) => x.tags.includes('@nrcs-under-test') && x.tags.includes('@operator')).length;
  assert.ok(expected >= 3);
  assert.match(r.stdout, new RegExp(`^${expected} scenarios; ${expected} scenario runs across the roles \\(nrcs ${expected}\\), as run counts them$`, 'm'));
  assert.doesNotMatch(r.stdout, /<\w+>/, 'outline names are filled from their example rows');
});

test('the README documents every run flag, every timing field and every exit code', async () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const { RUN_FLAGS } = await import('../cli/run-args');
  const { TIMING_FIELDS } = await import('../suite/config');
  const documented = ['target-url', 'mos-id', 'ncs-id', 'user', 'password-env', 'allow-untrusted', 'capabilities', 'operator', 'operator-command', 'suite-listen', 'suite-path', 'suite-extra-params', 'suite-tls', 'suite-cert', 'timing', 'tags', 'features', 'quiet'];
  for (const f of documented) {
    assert.ok(RUN_FLAGS.some((x) => x.flag === f), `--${f} is a flag`);
    assert.ok(readme.includes(`--${f}`), `README mentions --${f}`);
  }
  for (const field of Object.keys(TIMING_FIELDS)) assert.match(readme, new RegExp(`\\| \`${field}\` \\| \\d+ \\| \\d+ \\| `), `README timing table has ${field}`);
  for (const code of Object.values(EXIT_CODES)) assert.match(readme, new RegExp(`^\\| ${code} \\| `, 'm'), `README exit code ${code}`);
});
