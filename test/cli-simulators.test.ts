// The foundation's done-criterion: two simulators started from the CLI talk over wss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { TranscriptEntry } from '../lib/transport/transcript';
import { WebSocket } from 'ws';
import { basicAuthHeader } from '../lib/transport/basic-auth';
import { freePort, waitUntil } from './helpers';

const MAIN = path.join(__dirname, '..', 'cli', 'main.js');

interface Sim { proc: ChildProcess; entries: TranscriptEntry[]; lines: string[] }

function sim(args: string[]): Sim {
  const proc = spawn(process.execPath, [MAIN, 'simulate', ...args, '--json'], { env: { ...process.env, MOS_PASSWORD: 'cli-secret-pw' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const s: Sim = { proc, entries: [], lines: [] };
  let buf = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      s.lines.push(line);
      if (line.startsWith('{')) s.entries.push(JSON.parse(line) as TranscriptEntry);
    }
  });
  proc.stderr!.on('data', (d: Buffer) => s.lines.push(d.toString()));
  return s;
}

async function waitFor(s: Sim, pred: (e: TranscriptEntry) => boolean, ms: number, what: string, linePred?: (l: string) => boolean): Promise<void> {
  await waitUntil(() => (linePred ? s.lines.some(linePred) : s.entries.some(pred)), ms, () => `${what}; output:\n${s.lines.slice(-20).join('\n')}`, 50);
}

async function stop(...sims: Sim[]): Promise<void> {
  await Promise.all(sims.map((s) => new Promise<void>((resolve) => {
    if (s.proc.exitCode !== null) return resolve();
    s.proc.once('exit', () => resolve());
    s.proc.kill('SIGINT');
  })));
}

const seen = (s: Sim, message: string, direction: 'in' | 'out') => (e: TranscriptEntry) => e.kind === 'mos' && e.message === message && e.direction === direction;

async function expectConversation(device: Sim, nrcs: Sim): Promise<void> {
  for (const [m, d] of [['heartbeat', 'in'], ['listMachInfo', 'in'], ['roList', 'in'], ['keepAlive', 'in'], ['keepAlive', 'out']] as const) {
    await waitFor(device, seen(device, m, d), 10_000, `device ${d} ${m}`);
  }
  for (const [m, d] of [['reqMachInfo', 'in'], ['roReq', 'in'], ['roList', 'out'], ['keepAlive', 'in']] as const) {
    await waitFor(nrcs, seen(nrcs, m, d), 10_000, `nrcs ${d} ${m}`);
  }
  for (const s of [device, nrcs]) assert.ok(!s.lines.some((l) => l.includes('cli-secret-pw')), 'password never printed');
}

test('CLI simulators talk over wss in passive mode', async () => {
  const port = await freePort();
  const device = sim(['device', '--listen', `127.0.0.1:${port}`, '--tls', 'self-signed', '--keepalive-ms', '300', '--exercise-ms', '400']);
  await waitFor(device, () => false, 30_000, 'device listening', (l) => l.includes('listening on wss://')).catch(async (e) => { await stop(device); throw e; });
  const nrcs = sim(['nrcs', '--connect', `wss://127.0.0.1:${port}/mos?site=studio1`, '--passive', '--keepalive-ms', '300']);
  try {
    await expectConversation(device, nrcs);
    const roReq = device.entries.find(seen(device, 'roReq', 'out'))!;
    assert.equal(roReq.passive, true, 'device originates roReq over the passive socket');
    const opens = nrcs.entries.filter((e) => e.kind === 'open');
    assert.ok(opens.some((e) => e.passive && /passive=true/.test(e.text) && /site=studio1/.test(e.text)));
  } finally {
    await stop(device, nrcs);
  }
});

test('CLI simulators talk over wss in normal mode (four sockets)', async () => {
  const [dp, np] = [await freePort(), await freePort()];
  const device = sim(['device', '--listen', `127.0.0.1:${dp}`, '--tls', 'self-signed', '--connect', `wss://127.0.0.1:${np}/mos`, '--keepalive-ms', '300', '--exercise-ms', '400']);
  const nrcs = sim(['nrcs', '--listen', `127.0.0.1:${np}`, '--tls', 'self-signed', '--connect', `wss://127.0.0.1:${dp}/mos`, '--keepalive-ms', '300', '--exercise-ms', '400']);
  try {
    await expectConversation(device, nrcs);
    const roReq = device.entries.find(seen(device, 'roReq', 'out'))!;
    assert.equal(roReq.passive, false);
    await waitFor(device, (e) => e.kind === 'mos' && e.message === 'listMachInfo' && e.direction === 'out', 10_000, 'device answers the NRCS reqMachInfo');
  } finally {
    await stop(device, nrcs);
  }
});

test('CLI rejects bad arguments with a clear message', async () => {
  const s = sim(['device', '--listen', 'nonsense']);
  const code = await new Promise<number | null>((resolve) => s.proc.once('exit', resolve));
  assert.equal(code, 2);
  assert.match(s.lines.join(''), /--listen takes HOST:PORT/);
});

test('--json: stdout is pure JSON lines, the banner (with the bound address) goes to stderr; SIGTERM closes sockets with 1001', { timeout: 30_000 }, async () => {
  const port = await freePort();
  const proc = spawn(process.execPath, [MAIN, 'simulate', 'device', '--listen', `0.0.0.0:${port}`, '--json', '--keepalive-ms', '200'], { env: { ...process.env, MOS_PASSWORD: 'cli-secret-pw' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  try {
    await waitUntil(() => /listening on/.test(stderr), 10_000, () => `the banner; stderr: ${stderr}`);
    assert.match(stderr, new RegExp(`^device listening on ws://0\\.0\\.0\\.0:${port}/mos \\(every interface; from this machine ws://127\\.0\\.0\\.1:${port}/mos\\) — device simulator \\(mosID DEVICE\\.MOS, ncsID NRCS\\.NCS; Basic auth, user "mos" \\(password from MOS_PASSWORD\\)\\)`, 'm'));
    const ws = new WebSocket(`ws://127.0.0.1:${port}/mos?mosID=DEVICE.MOS&ncsID=NRCS.NCS&channel=mom`, { headers: { Authorization: basicAuthHeader({ username: 'mos', password: 'cli-secret-pw' }) } });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await waitUntil(() => stdout.includes('"keepAlive"'), 5000, 'a keepAlive in the transcript');
    proc.kill('SIGTERM');
    assert.equal(await closed, 1001, 'the simulator closes with 1001 (going away)');
    assert.equal(await exited, 0);
    const lines = stdout.split('\n').filter(Boolean);
    assert.ok(lines.length >= 2);
    for (const l of lines) assert.doesNotThrow(() => JSON.parse(l), `not JSON: ${l}`);
    assert.ok(!stdout.includes('cli-secret-pw') && !stderr.includes('cli-secret-pw'));
  } finally {
    proc.kill('SIGKILL');
  }
});

test('a simulator without a password refuses to start, unless --no-auth is given', { timeout: 30_000 }, async () => {
  const env = { ...process.env };
  delete env.MOS_PASSWORD;
  for (const what of [['device', '--listen', '127.0.0.1:0'], ['bridge', '--tcp', '127.0.0.1:1:2', '--listen', '127.0.0.1:0']]) {
    const refused = spawn(process.execPath, [MAIN, 'simulate', ...what], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    refused.stderr.on('data', (d: Buffer) => (err += d.toString()));
    assert.equal(await new Promise<number | null>((r) => refused.once('exit', r)), 2);
    assert.match(err, /^error: no password: set the environment variable MOS_PASSWORD \(or name another with --password-env\), or pass --no-auth to run without authentication/m);
  }
  const open = spawn(process.execPath, [MAIN, 'simulate', 'nrcs', '--listen', '127.0.0.1:0', '--no-auth'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  open.stdout.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await waitUntil(() => /listening on/.test(out), 10_000, () => `the banner: ${out}`);
    assert.match(out, /nrcs listening on ws:\/\/127\.0\.0\.1:\d+\/mos — nrcs simulator \(mosID DEVICE\.MOS, ncsID NRCS\.NCS; no authentication \(--no-auth\)\)/);
  } finally {
    open.kill('SIGTERM');
  }
  assert.equal(await new Promise<number | null>((r) => open.once('exit', r)), 0);
});
