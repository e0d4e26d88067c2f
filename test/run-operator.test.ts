// Operator scenarios against a vendor-like device, the way a test engineer does them: the suite runs
// in a pseudo-terminal (script), each prompt shows live with a countdown, and the test plays the
// operator: it makes the device act and presses Enter, or presses s where the action is not possible.
// The CI path runs the same scenarios with --operator-command driving a control endpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DeviceSimulator } from '../simulators/device';
import { CLI, runCli, testTls, waitUntil } from './helpers';
import type { ResultsDocument } from '../reports/results-json';

const CREDS = { username: 'vendor', password: 'operator-test-pw' };
const ENV = { VENDOR_PW: CREDS.password };
const HAS_SCRIPT = fs.existsSync('/usr/bin/script');

async function vendorDevice(): Promise<DeviceSimulator> {
  const device = new DeviceSimulator({ mosID: 'VENDOR.MOS', ncsID: 'VENDOR.NCS', listen: { path: '/mos', tls: await testTls(), auth: CREDS }, keepAlive: { intervalMs: 60_000, mode: 'interval' } });
  await device.start();
  return device;
}

function tmpDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mosws-${name}-`));
  // Operator waits long enough for a test to react on a busy machine; the rest accelerated.
  fs.writeFileSync(path.join(dir, 'timing.json'), JSON.stringify({ base: 'accelerated', name: 'operator-test', operatorMs: 20_000, operatorGraceMs: 3000 }));
  // The device publishes objects (signed media scenario), its proxy URLs played where they point.
  fs.writeFileSync(path.join(dir, 'media.json'), JSON.stringify({ stream: { media: {} } }));
  return dir;
}

function runArgs(url: string, dir: string, extra: string[]): string[] {
  return ['run', '--role', 'device', '--target-url', url, '--mos-id', 'VENDOR.MOS', '--ncs-id', 'VENDOR.NCS', '--user', CREDS.username, '--password-env', 'VENDOR_PW', '--allow-untrusted',
    '--capabilities', 'listens,passive-listener', '--tags', '@operator and not (@profile-0 or @profile-1 or @profile-2 or @profile-3 or @profile-4)', '--timing', path.join(dir, 'timing.json'), '--config', path.join(dir, 'media.json'), '--report-dir', dir, ...extra];
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '\n');

test('operator prompts show live in a terminal; Enter says done, s says not possible', { skip: !HAS_SCRIPT && 'no script(1) for a pseudo-terminal', timeout: 90_000 }, async () => {
  const device = await vendorDevice();
  const dir = tmpDir('operator');
  try {
    const command = [process.execPath, CLI, ...runArgs(device.endpoint!.url, dir, ['--operator'])].map(quote).join(' ');
    const started = Date.now();
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, ...ENV, COLUMNS: '200' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 80_000);
    const see = (re: RegExp, what: string): Promise<void> => waitUntil(() => re.test(plain(out)), 30_000, () => `${what}; screen so far:\n${plain(out).slice(-3000)}`, 25);
    const key = (k: string): void => void child.stdin.write(k);

    // 1. roReq over the passive socket: the prompt and its countdown are on screen before the operator acts.
    await see(/OPERATOR on the device under test, send roReq for running order RO-1 now — press Enter when done, s if it is not possible/, 'the first prompt');
    await see(/⧗ waiting for a roReq for RO-1 from the device under test — \d+ s left · Enter: done · s: not possible/, 'the countdown of the first prompt');
    const beforeAction = plain(out);
    assert.doesNotMatch(beforeAction, /Verdict:/, 'the prompt is live, not written after the run');
    void device.requestRunningOrder('RO-1').catch(() => undefined);
    key('\r');
    await see(/Pass\s+A listening device originates roReq over the passive socket/, 'the first scenario passing');

    // 2. Three roReq while the passive socket is down.
    await see(/OPERATOR on the device under test, send roReq for running order RO-1, 3 times now/, 'the second prompt');
    for (let i = 0; i < 3; i++) void device.requestRunningOrder('RO-1').catch(() => undefined);
    key('\r');
    await see(/Pass\s+Messages a listening device sends while the passive socket is down/, 'the second scenario passing');

    // 3. Publishing a signed object is not possible on this device: s.
    await see(/OPERATOR on the device under test, publish MOS object OBJ-77 \(mosObj\) now/, 'the third prompt');
    key('s');
    await see(/operator: not possible/, 'the answer echoed');

    const code = await exited;
    clearTimeout(killer);
    const screen = plain(out);
    assert.equal(code, 0, screen.slice(-2000));
    assert.match(screen, /Not applicable\s+objProxyPath URLs play before they expire and are refused after\n\s+operator: not possible/);
    assert.match(screen, /Verdict: Pass \(partial run\)/);
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as ResultsDocument;
    assert.deepEqual(results.results.filter((r) => !r.tags.includes('@run-wide')).map((r) => r.outcome), ['PASS', 'PASS', 'NOT_APPLICABLE']);
    assert.equal(results.results[2]!.message, 'operator: not possible');
    assert.equal(results.systemsUnderTest[0]!.operator, 'prompt');
    console.log(`operator run under a pseudo-terminal: ${Date.now() - started} ms`);
  } finally {
    await device.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--operator-command performs the actions with MOSWS_ACTION; exit 3 is Not applicable', { timeout: 60_000 }, async () => {
  const device = await vendorDevice();
  const dir = tmpDir('operator-command');
  // The system's control endpoint: accepts exactly the MOSWS_ACTION JSON.
  const actions: unknown[] = [];
  const control = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const a = JSON.parse(body) as { kind: string; message?: string; roID?: string; count?: number };
      actions.push(a);
      if (a.kind === 'originate' && a.message === 'roReq') {
        for (let i = 0; i < a.count!; i++) void device.requestRunningOrder(a.roID!).catch(() => undefined);
        res.writeHead(204).end();
      } else res.writeHead(501).end('publishing objects is not supported by this device');
    });
  });
  await new Promise<void>((r) => control.listen(0, '127.0.0.1', () => r()));
  const port = (control.address() as { port: number }).port;
  const script = path.join(dir, 'act.mjs');
  fs.writeFileSync(script, `
    const res = await fetch('http://127.0.0.1:${port}/action', { method: 'POST', body: process.env.MOSWS_ACTION });
    if (res.status === 501) { console.error(await res.text()); process.exit(3); }
    process.exit(res.ok ? 0 : 1);
  `.replace(/^\s+/gm, ''));
  try {
    const r = await runCli(runArgs(device.endpoint!.url, dir, ['--operator-command', `${quote(process.execPath)} ${quote(script)}`]), { env: ENV, timeoutMs: 50_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(actions, [
      { kind: 'originate', message: 'roReq', roID: 'RO-1', count: 1 },
      { kind: 'originate', message: 'roReq', roID: 'RO-1', count: 3 },
      { kind: 'publish-object', objID: 'OBJ-77' },
    ]);
    assert.match(r.stdout, /→ operator command: on the device under test, send roReq for running order RO-1 now/);
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as ResultsDocument;
    assert.deepEqual(results.results.filter((x) => !x.tags.includes('@run-wide')).map((x) => x.outcome), ['PASS', 'PASS', 'NOT_APPLICABLE']);
    assert.equal(results.results[2]!.message, 'operator: not possible — publishing objects is not supported by this device');
    assert.equal(results.systemsUnderTest[0]!.operator, 'command');
    console.log(`operator-command run: ${r.ms} ms`);
  } finally {
    control.close();
    await device.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
