// Shared helpers for the unit tests.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ChildProcess, spawn } from 'node:child_process';
import { WsTcpBridge } from '../simulators/ws-tcp-bridge';
import { DeviceSimulator } from '../simulators/device';
import { NrcsSimulator } from '../simulators/nrcs';
import { PeerOptions } from '../simulators/mos-peer';
import { Transcript } from '../lib/transport/transcript';
import { TlsMaterial, generateSelfSigned } from '../lib/transport/tls';

export const IDS = { mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS' };
export const CREDS = { username: 'mosuser', password: 's3cret-pass' };

let tlsCache: Promise<TlsMaterial> | undefined;
export function testTls(): Promise<TlsMaterial> {
  tlsCache ??= generateSelfSigned();
  return tlsCache;
}

export interface Pair {
  device: DeviceSimulator;
  nrcs: NrcsSimulator;
  transcript: Transcript;
  stop(): Promise<void>;
}

/** Device listening (wss optional), NRCS active side in passive mode. */
export async function passivePair(o: { tls?: boolean; device?: Partial<PeerOptions>; nrcs?: Partial<PeerOptions> } = {}): Promise<Pair> {
  const transcript = new Transcript();
  const tls = o.tls ? await testTls() : undefined;
  const device = new DeviceSimulator({ ...IDS, transcript, listen: { path: '/mos', tls, auth: CREDS }, keepAlive: { intervalMs: 60_000, mode: 'interval' }, ...o.device });
  await device.start();
  const nrcs = new NrcsSimulator({ ...IDS, transcript, connect: { url: device.endpoint!.url + '?tenant=42', auth: CREDS, passive: true, trust: { allowUntrusted: true } }, keepAlive: { intervalMs: 60_000, mode: 'interval' }, ...o.nrcs });
  await nrcs.start();
  return { device, nrcs, transcript, stop: async () => { await nrcs.stop(); await device.stop(); } };
}

/** Both sides listening and connecting to each other (normal mode, four sockets). */
export async function normalPair(o: { tls?: boolean } = {}): Promise<Pair> {
  const transcript = new Transcript();
  const tls = o.tls ? await testTls() : undefined;
  const keepAlive = { intervalMs: 60_000, mode: 'interval' as const };
  const device = new DeviceSimulator({ ...IDS, transcript, keepAlive, listen: { path: '/device', tls, auth: CREDS } });
  const nrcs = new NrcsSimulator({ ...IDS, transcript, keepAlive, listen: { path: '/nrcs', tls, auth: CREDS } });
  await device.start();
  await nrcs.start();
  device.connect({ url: nrcs.endpoint!.url, auth: CREDS, trust: { allowUntrusted: true } });
  nrcs.connect({ url: device.endpoint!.url, auth: CREDS, trust: { allowUntrusted: true } });
  return { device, nrcs, transcript, stop: async () => { await nrcs.stop(); await device.stop(); } };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Poll `pred` until it holds; after `timeoutMs` throw "timed out waiting for <what>". */
export async function waitUntil(pred: () => boolean, timeoutMs: number, what: string | (() => string), everyMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(everyMs);
  }
}

/** A port nobody listens on right now (for servers that cannot take port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A bridge in front of a 2.x system that will listen on `system` (lower/upper/query) and dial
 * the bridge's `farSide` ports for its own messages (the role behind the bridge does not matter).
 */
export async function startTestBridge(auth: { username: string; password: string }): Promise<{
  bridge: WsTcpBridge;
  system: { lower: number; upper: number; query: number };
  farSide: { lower: number; upper: number };
}> {
  const [lower, upper, query, farLower, farUpper] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const bridge = new WsTcpBridge({
    ...IDS,
    listen: { path: '/mos', tls: await testTls(), auth, mosIDs: [IDS.mosID], ncsIDs: [IDS.ncsID] },
    tcp: { host: '127.0.0.1', lower, upper, query },
    ncsPorts: { lower: farLower, upper: farUpper },
    keepAliveMs: 150,
  });
  await bridge.start();
  return { bridge, system: { lower, upper, query }, farSide: { lower: farLower, upper: farUpper } };
}

export const CLI = path.join(__dirname, '..', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run the CLI to completion (bounded: killed after timeoutMs). */
export function runCli(args: string[], o: { env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {}): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: o.cwd, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A CLI process that keeps running (a simulator): its output so far, and a clean stop. */
export interface CliProcess {
  proc: ChildProcess;
  out: () => string;
  /** Resolves when the output matches, or throws with the output after timeoutMs. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const proc = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  proc.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    proc,
    out: () => text,
    waitFor: (re, timeoutMs = 10_000) => waitUntil(() => re.test(text) || proc.exitCode !== null, timeoutMs, () => `${re} in:\n${text.slice(-2000)}`).then(() => {
      if (!re.test(text)) throw new Error(`the process exited (${proc.exitCode}) before printing ${re}:\n${text.slice(-2000)}`);
    }),
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null) proc.kill(signal);
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
}

/**
 * A progress line of a long test, shown while it runs: node:test hands a test file's stderr to the
 * reporter only when the file's tests end, so under `npm test` (test/run.ts sets
 * MOSWS_PROGRESS_FILE) the line goes to a file the runner copies to its stderr every 2 s.
 */
export function progress(line: string): void {
  const file = process.env.MOSWS_PROGRESS_FILE;
  if (file) fs.appendFileSync(file, `${line}\n`);
  else process.stderr.write(`${line}\n`);
}

