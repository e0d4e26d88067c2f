// Scale benchmark: N certification runs at once on one machine, each through the CLI against a
// device simulator of its own (a CLI process, wss with a self-signed certificate, real timing: the
// way a test lab certifies many systems in one night). Reports the wall time of N runs against one
// run measured in the same invocation, and every scenario whose outcome differs from the single run
// (there must be none: the suite must not judge a system differently because the machine is busy).
//   npm run bench:scale                     sizes 1,10,20
//   npm run bench:scale -- --sizes 1,10,20,30
// Results: reports/out/bench/scale.json.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { childRunEnv } from '../reports/tool';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const OUT = path.join(ROOT, 'reports', 'out', 'bench', 'scale');
const PASSWORD = 'scale-bench-pw-8Kd';
const RUN_TIMEOUT_MS = 15 * 60_000;

type Row = { role: string; uri: string; name: string; location: string; outcome: string; message?: string };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function node(args: string[], env: Record<string, string> = {}): ChildProcess {
  // The commit is looked up once here, not by every run (a git call each, which a loaded machine can time out).
  return spawn(process.execPath, [CLI, ...args], { env: childRunEnv({ MOS_PASSWORD: PASSWORD, VENDOR_PW: PASSWORD, ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Every simulator still running, so an interrupted or failed benchmark leaves none behind. */
const live = new Set<ChildProcess>();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    for (const p of live) p.kill('SIGKILL');
    process.exit(130);
  });
}

/** A device simulator that listens on a free port; resolves once its banner says it listens. */
async function startDevice(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const p = node(['simulate', 'device', '--listen', `127.0.0.1:${port}`, '--tls', 'self-signed']);
  live.add(p);
  p.once('exit', () => live.delete(p));
  let text = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`simulator did not start within 180 s: ${text}`));
    }, 180_000);
    const on = (d: Buffer): void => {
      text += d.toString();
      if (/listening on wss:/.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    p.stdout!.on('data', on);
    p.stderr!.on('data', on);
    p.once('exit', (code) => reject(new Error(`simulator exited ${code}: ${text}`)));
  });
  p.stdout!.resume();
  p.stderr!.resume();
  return {
    url: `wss://127.0.0.1:${port}/mos`,
    stop: () =>
      new Promise((resolve) => {
        if (p.exitCode !== null) return resolve();
        const t = setTimeout(() => p.kill('SIGKILL'), 5000);
        p.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        p.kill('SIGTERM');
      }),
  };
}

/** One certification through the CLI, as a vendor runs it; resolves with its exit code and rows. */
function certify(url: string, dir: string): Promise<{ code: number | null; rows: Row[]; ms: number }> {
  const started = Date.now();
  const args = ['run', '--role', 'device', '--target-url', url, '--mos-id', 'DEVICE.MOS', '--ncs-id', 'NRCS.NCS', '--user', 'mos', '--password-env', 'VENDOR_PW', '--allow-untrusted', '--report-dir', dir, '--results-only', '--quiet'];
  return new Promise((resolve) => {
    const p = node(args);
    let err = '';
    p.stdout!.resume();
    p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), RUN_TIMEOUT_MS);
    p.once('exit', (code) => {
      clearTimeout(timer);
      const file = path.join(dir, 'results.json');
      const rows = fs.existsSync(file) ? ((JSON.parse(fs.readFileSync(file, 'utf8')) as { results: Row[] }).results) : [];
      if (!rows.length) console.error(`run in ${dir} wrote no results (exit ${code}): ${err.slice(0, 500)}`);
      resolve({ code, rows, ms: Date.now() - started });
    });
  });
}

interface SizeResult {
  n: number;
  wallMs: number;
  ratio: number;
  /** Slowest and fastest single certification within the batch. */
  runMs: { min: number; max: number };
  exitCodes: Record<string, number>;
  /** Scenario outcomes that differ from the single run's: "run 3: device: <name>: PASS -> FAIL (reason)". */
  differences: string[];
  loadAvg1: number;
}

async function batch(n: number, reference?: Map<string, string>): Promise<{ result: Omit<SizeResult, 'ratio'>; outcomes: Map<string, string> }> {
  const started = await Promise.allSettled(Array.from({ length: n }, () => startDevice()));
  const devices = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (devices.length < n) {
    await Promise.all(devices.map((d) => d.stop()));
    throw (started.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason;
  }
  try {
    const t0 = Date.now();
    const runs = await Promise.all(devices.map((d, i) => certify(d.url, path.join(OUT, `n${n}`, `run${i + 1}`))));
    const wallMs = Date.now() - t0;
    const loadAvg1 = os.loadavg()[0]!;
    const key = (r: Row): string => `${r.role}|${r.uri}|${r.location}|${r.name}`;
    const differences: string[] = [];
    let outcomes = new Map<string, string>();
    runs.forEach((r, i) => {
      const mine = new Map(r.rows.map((x) => [key(x), x.outcome]));
      if (i === 0) outcomes = mine;
      const ref = reference ?? outcomes;
      for (const [k, o] of ref) {
        const got = mine.get(k) ?? 'ABSENT';
        if (got !== o) differences.push(`run ${i + 1}: ${k.split('|').pop()}: ${o} -> ${got}${got !== 'ABSENT' ? ` (${r.rows.find((x) => key(x) === k)?.message ?? ''})` : ''}`);
      }
      for (const k of mine.keys()) if (!ref.has(k)) differences.push(`run ${i + 1}: ${k.split('|').pop()}: absent in the single run`);
    });
    const exitCodes: Record<string, number> = {};
    for (const r of runs) exitCodes[String(r.code)] = (exitCodes[String(r.code)] ?? 0) + 1;
    const ms = runs.map((r) => r.ms);
    return { result: { n, wallMs, runMs: { min: Math.min(...ms), max: Math.max(...ms) }, exitCodes, differences, loadAvg1 }, outcomes };
  } finally {
    await Promise.all(devices.map((d) => d.stop()));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1,10,20' } } });
  const sizes = values.sizes!.split(',').map(Number).filter((n) => n > 0);
  if (sizes[0] !== 1) sizes.unshift(1);
  fs.rmSync(OUT, { recursive: true, force: true });
  console.log(`scale benchmark on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}: sizes ${sizes.join(', ')}`);
  const single = await batch(1);
  const base = single.result.wallMs;
  const results: SizeResult[] = [{ ...single.result, ratio: 1 }];
  console.log(`n=1: ${(base / 1000).toFixed(1)} s, ${single.outcomes.size} scenarios, exit ${JSON.stringify(single.result.exitCodes)}`);
  for (const n of sizes.slice(1)) {
    const { result } = await batch(n, single.outcomes);
    const r = { ...result, ratio: result.wallMs / base };
    results.push(r);
    console.log(`n=${n}: ${(r.wallMs / 1000).toFixed(1)} s, ratio ${r.ratio.toFixed(2)} to one run, runs ${(r.runMs.min / 1000).toFixed(1)}-${(r.runMs.max / 1000).toFixed(1)} s, load ${r.loadAvg1.toFixed(1)}, exit ${JSON.stringify(r.exitCodes)}, ${r.differences.length} outcome difference${r.differences.length === 1 ? '' : 's'}`);
    for (const d of r.differences.slice(0, 20)) console.log(`  ${d}`);
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  const file = path.join(path.dirname(OUT), 'scale.json');
  fs.writeFileSync(file, JSON.stringify({ cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, date: new Date().toISOString(), scenarios: single.outcomes.size, results }, null, 2));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
  process.exitCode = results.some((r) => r.differences.length) ? 1 : 0;
}

if (require.main === module) {
  main().catch((e: Error) => {
    console.error(e.stack);
    for (const p of live) p.kill('SIGKILL');
    process.exit(2);
  });
}
