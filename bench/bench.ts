// Benchmarks. Each prints a ratio against a baseline measured in the same run, on the same
// machine, so the numbers compare across machines. Bounded in count and time.
//   npm run bench            (results: reports/out/bench/results.json)
import { fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { DeviceSimulator } from '../simulators/device';
import { NrcsSimulator } from '../simulators/nrcs';
import { DistributionServer } from '../simulators/distribution-server';
import { buildMos } from '../lib/mos/envelope';
import * as M from '../lib/mos/messages';
import { signUrl } from '../lib/signing/signer';
import { verifyRequest } from '../lib/signing/verifier';
import { canonicalPolicyJson } from '../lib/signing/policy';
import { basicAuthHeader } from '../lib/transport/basic-auth';
import { generateSelfSigned } from '../lib/transport/tls';
import { runConformance } from '../cli/run';
import { defaultConfig } from '../suite/config';
import { Pair, mosConnectionPair, ourPair } from './peer';
import { faultJobs, runFault } from '../reports/fault-matrix';
import { RunPool, SuiteRunner, processRunner } from '../reports/run-pool';

const ROOT = path.resolve(__dirname, '../..');
const IDS = { mosID: 'DEV', ncsID: 'NCS' };

/** One measurement; `pass` is absent for figures reported as information, with no target. */
interface Result { name: string; value: number; unit: string; baseline: number; ratio: number; target?: string; pass?: boolean; note?: string }
const verdict = (r: Result): string => (r.pass === undefined ? 'INFO' : r.pass ? 'PASS' : 'MISS');
const results: Result[] = [];

function record(r: Result): void {
  results.push(r);
  console.log(`${verdict(r)}  ${r.name}: ${r.value.toFixed(2)} ${r.unit} vs baseline ${r.baseline.toFixed(2)} -> ratio ${r.ratio.toFixed(3)}${r.target ? ` (target ${r.target})` : ''}${r.note ? `  [${r.note}]` : ''}`);
}

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/**
 * Run each measurement once to warm it up, then all of them in turn for `rounds` rounds, and
 * return each one's median: alternating keeps a noisy stretch of the machine (JIT, GC, a
 * neighbour) from landing on one side only.
 */
async function alternatingMedians(rounds: number, measures: Array<() => number | Promise<number>>): Promise<number[]> {
  for (const m of measures) await m();
  const samples: number[][] = measures.map(() => []);
  for (let r = 0; r < rounds; r++) for (let i = 0; i < measures.length; i++) samples[i]!.push(await measures[i]!());
  return samples.map((xs) => pct(xs, 50));
}

/** Request/reply round trips with a window of outstanding messages; returns messages per second. */
async function pump(url: string, text: (i: number) => string, match: (data: string, i: number) => boolean, n: number, headers: Record<string, string> = {}): Promise<number> {
  const ws = new WebSocket(url, { headers, perMessageDeflate: false });
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
  let received = 0;
  const window = 64;
  const t0 = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    let sent = 0;
    ws.on('message', (d) => {
      if (!match(d.toString(), received)) return;
      received++;
      if (received === n) resolve();
      else if (sent < n) ws.send(text(sent++));
    });
    for (; sent < Math.min(window, n); ) ws.send(text(sent++));
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  ws.close();
  return n / s;
}

async function benchSuite(): Promise<void> {
  const t0 = Date.now();
  const { results: rs } = await runConformance({ ...defaultConfig(), reportDir: 'reports/out/bench/suite' }, { quiet: true, formats: false });
  const wall = (Date.now() - t0) / 1000;
  // Baseline: the same scenarios' own step time (what the features wait for by design).
  const stepTime = rs.reduce((a, r) => a + r.durationMs, 0) / 1000;
  record({ name: 'default suite wall time (all roles, embedded)', value: wall, unit: 's', baseline: stepTime, ratio: wall / stepTime, target: 'wall < 10 s on 2 cores', pass: wall < 10, note: `${rs.length} scenarios; ratio = wall / sum of scenario durations` });
}

/**
 * Heartbeat round trips on the device simulator, with content validation of every message it
 * receives on (MOS 2.8.5 model), against a raw ws echo server answering the same bytes, both in
 * this process with the same client. The two alternate over 7 rounds after a warm-up, and the
 * medians are compared.
 */
async function benchThroughput(): Promise<void> {
  const n = 10_000;
  const rounds = 7;
  const hb = (i: number): string => buildMos({ ...IDS, messageID: i + 1, body: M.heartbeat(new Date(0)) });
  const echo = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  echo.on('connection', (ws) => ws.on('message', (d) => ws.send(d.toString())));
  await new Promise((r) => echo.once('listening', r));
  const echoUrl = `ws://127.0.0.1:${(echo.address() as { port: number }).port}/`;
  const device = new DeviceSimulator({ ...IDS, keepAlive: { intervalMs: 60_000, mode: 'off' }, listen: { path: '/mos' }, validateContent: true });
  await device.start();
  const deviceUrl = `${device.endpoint!.url}?mosID=DEV&ncsID=NCS&channel=mom`;
  const isReply = (d: string): boolean => d.includes('<heartbeat>');
  const [base, rate] = await alternatingMedians(rounds, [() => pump(echoUrl, hb, () => true, n), () => pump(deviceUrl, hb, isReply, n)]);
  echo.close();
  await device.stop();
  if (device.contentIssues) throw new Error(`the benchmark's heartbeats had ${device.contentIssues} content issues`);
  record({ name: 'MOS heartbeat request/reply throughput, content validation on', value: rate, unit: 'msg/s', baseline: base, ratio: rate / base, target: '>= 0.5', pass: rate / base >= 0.5, note: `median of ${rounds} alternating rounds of ${n} round trips, window 64, every received message validated against the MOS 2.8.5 model; baseline: raw ws echo of the same bytes` });
}

// Over wss with Basic auth as well: the suite's real-timing threshold for "re-opened at once"
// (docs/interpretations.md #12) is argued from what an immediate re-open costs here.
async function benchReconnect(secure = false): Promise<void> {
  const auth = { username: 'bench', password: 'bench-password' };
  const tls = secure ? await generateSelfSigned() : undefined;
  const device = new DeviceSimulator({ ...IDS, keepAlive: { intervalMs: 60_000, mode: 'off' }, listen: { path: '/mos', tls, auth: secure ? auth : undefined } });
  await device.start();
  const nrcs = new NrcsSimulator({ ...IDS, keepAlive: { intervalMs: 60_000, mode: 'off' }, connect: { url: device.endpoint!.url, passive: true, auth: secure ? auth : undefined, trust: { allowUntrusted: true } } });
  await nrcs.start();
  await device.ready();
  const drops = 100;
  const lat: number[] = [];
  for (let i = 0; i < drops; i++) {
    const t0 = process.hrtime.bigint();
    device.dropSockets({ passive: true, channel: 'ro' });
    await new Promise((r) => setImmediate(r));
    await device.link('ro').whenAttached(5000);
    lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  // Baseline: opening a fresh WebSocket to the same endpoint.
  const base: number[] = [];
  for (let i = 0; i < drops; i++) {
    const t0 = process.hrtime.bigint();
    const ws = new WebSocket(`${device.endpoint!.url}?mosID=DEV&ncsID=NCS&channel=aux`, { rejectUnauthorized: false, headers: secure ? { Authorization: basicAuthHeader(auth) } : {} });
    await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
    base.push(Number(process.hrtime.bigint() - t0) / 1e6);
    ws.terminate();
  }
  await nrcs.stop();
  await device.stop();
  const p99 = pct(lat, 99);
  record({ name: `passive reconnect latency p99 (100 forced drops${secure ? ', wss + Basic auth' : ''})`, value: p99, unit: 'ms', baseline: pct(base, 99), ratio: p99 / pct(base, 99), target: 'p99 < 50 ms', pass: p99 < 50, note: `p50 ${pct(lat, 50).toFixed(2)} ms; baseline = p99 of a fresh WebSocket connect` });
}

/**
 * Verifier decisions beside one HMAC-SHA256 each over the same policy texts, as information
 * with no target: a full verifier and a single HMAC are not the same work. A catalogue of 1000
 * distinct signed URLs is cycled (no decision can reuse another's policy work), and the loops
 * alternate over 9 rounds; the medians are compared so one noisy round (JIT, GC, a neighbour
 * on the machine) cannot move the figures.
 */
async function benchVerifier(): Promise<void> {
  const keys = new Map([['k', 'secret-key']]);
  const expiresAt = Date.now() + 3_600_000;
  const catalogue = Array.from({ length: 1000 }, (_, i) => {
    const resource = `http://dist:8080/media/${i}/clip.mp4`;
    return {
      request: { origin: 'http://dist:8080', path: `/media/${i}/clip.mp4`, rawQuery: signUrl(resource, { keyId: 'k', secret: 'secret-key', expiresAt }).split('?')[1]!, clientIp: '127.0.0.1' },
      json: canonicalPolicyJson({ resource, dateLessThan: expiresAt }),
    };
  });
  const perRound = 40_000;
  const rounds = 9;
  let sink = 0;
  const timed = (fn: (i: number) => void): number => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) fn(i);
    return perRound / (Number(process.hrtime.bigint() - t0) / 1e9);
  };
  const hmac = (i: number): void => { sink += createHmac('sha256', 'secret-key').update(catalogue[i % 1000]!.json).digest('hex').length; };
  const verify = (i: number): void => {
    const r = verifyRequest(catalogue[i % 1000]!.request, { keys, strict: true });
    if (r.status !== 200) throw new Error(`benchmark URL refused: ${r.reason}`);
    sink += r.status;
  };
  // For the working group: the least any verifier must do (find the parameters, decode the
  // policy, parse its JSON, one HMAC, compare) with none of the checks. Not a verifier.
  const floor = (i: number): void => {
    const q = catalogue[i % 1000]!.request.rawQuery;
    const p = q.indexOf('policy=');
    const json = Buffer.from(q.slice(p + 7, q.indexOf('&', p)), 'base64').toString('utf8');
    sink += (JSON.parse(json) as object) ? 1 : 0;
    sink += createHmac('sha256', 'secret-key').update(json).digest('hex') === q.slice(q.indexOf('signature=') + 10) ? 1 : 0;
  };
  const [rawRate, rate, bareRate] = await alternatingMedians(rounds, [() => timed(hmac), () => timed(verify), () => timed(floor)]);
  if (sink === 0) throw new Error('unreachable');
  const floorRatio = bareRate / rawRate;
  record({ name: 'verifier decisions (information)', value: rate, unit: '/s', baseline: rawRate, ratio: rate / rawRate, note: `median of ${rounds} alternating rounds of ${perRound}; 1000 distinct signed URLs; baseline: raw HMAC-SHA256 over the same policies; decode + JSON.parse + HMAC + compare with no checks at all: ${floorRatio.toFixed(3)}` });
}

/**
 * MOS request/reply against a real MOS stack: our NRCS and device simulators over WebSocket
 * (ws://) against two @mos-connection/connector instances over their own TCP transport (MOS 2.x,
 * UCS-2), on loopback in this process. The same mix (heartbeat, reqMachInfo, roCreate in turn)
 * with one request outstanding at a time, as mos-connection allows per port (bench/peer.ts).
 * The pairs alternate over 7 rounds after a warm-up; the medians are compared.
 */
async function benchPeer(): Promise<void> {
  const n = 3000;
  const rounds = 7;
  const pairs: Pair[] = [await mosConnectionPair(), await ourPair()];
  try {
    const [theirs = 0, ours = 0] = await alternatingMedians(rounds, pairs.map((p) => () => p.run(n)));
    record({ name: 'MOS request/reply vs @mos-connection/connector', value: ours, unit: 'req/s', baseline: theirs, ratio: ours / theirs, target: '>= 1.0', pass: ours / theirs >= 1, note: `median of ${rounds} alternating rounds of ${n} requests (heartbeat, reqMachInfo, roCreate in turn), one outstanding; ours over ws://, baseline: mos-connection NCS -> device over TCP` });
  } finally {
    for (const p of pairs) await p.stop();
  }
}

async function load(url: string, n: number, concurrency: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      next++;
      await new Promise<void>((resolve, reject) => http.get(url, { agent }, (res) => { if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`)); res.resume(); res.on('end', resolve); }).on('error', reject));
    }
  }));
  agent.destroy();
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

async function benchDistribution(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dist-'));
  fs.writeFileSync(path.join(dir, 'clip.mp4'), Buffer.alloc(16 * 1024, 1));
  // Baseline: a plain Node static server for the same file (stat + stream).
  const plain = http.createServer((req, res) => {
    const file = path.join(dir, 'clip.mp4');
    fs.stat(file, (err, st) => {
      if (err) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(st.size) });
      fs.createReadStream(file).pipe(res);
    });
  });
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', () => r()));
  const n = 5000;
  const raw = await load(`http://127.0.0.1:${(plain.address() as { port: number }).port}/clip.mp4`, n, 32);
  plain.close();
  const dist = new DistributionServer({ root: dir, keys: new Map([['k', 's']]), strict: true });
  await dist.start();
  const signed = signUrl(`${dist.origin()}/clip.mp4`, { keyId: 'k', secret: 's', expiresAt: Date.now() + 3_600_000 });
  const rate = await load(signed, n, 32);
  await dist.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  record({ name: 'distribution server requests (signed, 16 KiB file)', value: rate, unit: 'req/s', baseline: raw, ratio: rate / raw, target: '>= 0.7', pass: rate / raw >= 0.7, note: `${n} requests, 32 concurrent, keep-alive` });
}

/** Memory per held socket in this process, with the client in a child process. */
async function socketsMemory(url: string, n: number, auth?: string, countOpen: () => number = () => n): Promise<{ perSocket: number; open: number }> {
  global.gc?.();
  const before = process.memoryUsage();
  const child = fork(path.join(__dirname, 'socket-client.js'), [url, String(n), auth ?? ''], { stdio: 'ignore' });
  const msg = await new Promise<{ open?: number; error?: string }>((resolve) => child.once('message', resolve as (m: unknown) => void));
  if (msg.error) throw new Error(msg.error);
  await new Promise((r) => setTimeout(r, 500));
  global.gc?.();
  const after = process.memoryUsage();
  const open = countOpen();
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  // JS heap + buffers held for the sockets (RSS moves with the allocator and is too noisy here).
  const used = (m: NodeJS.MemoryUsage): number => m.heapUsed + m.external;
  return { perSocket: (used(after) - used(before)) / n, open };
}

async function benchSockets(): Promise<void> {
  const n = 10_000;
  const raw = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise((r) => raw.once('listening', r));
  const rawPer = (await socketsMemory(`ws://127.0.0.1:${(raw.address() as { port: number }).port}/`, n)).perSocket;
  raw.close();
  await new Promise((r) => setTimeout(r, 300));
  const creds = { username: 'u', password: 'p' };
  const device = new DeviceSimulator({ ...IDS, keepAlive: { intervalMs: 30_000, mode: 'idle' }, listen: { path: '/mos', auth: creds } });
  await device.start();
  const { perSocket: per, open } = await socketsMemory(`${device.endpoint!.url}?mosID=DEV&ncsID=NCS&channel=mom`, n, basicAuthHeader(creds), () => device.openSockets().length);
  await device.stop();
  record({ name: `memory per socket, ${n} concurrent sockets on the device simulator`, value: per / 1024, unit: 'KB', baseline: rawPer / 1024, ratio: per / rawPer, target: '< 30 KB per socket', pass: per / 1024 < 30, note: `(heap + external growth) / sockets; ${open} sockets were open at once; baseline: raw ws server` });
}

/** CPU seconds (user + system) of this process, its threads and its children that have ended (Linux). */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  // /proc/self/stat fields 16 and 17: cutime and cstime, children waited for, in clock ticks (100 Hz).
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (own.user + own.system) / 1e6 + (Number(fields[13]) + Number(fields[14])) / 100;
}

/**
 * The certification matrices' runs: CPU seconds per run with a fresh Node process per run (the way
 * before the pool) against the pool of long-lived workers, the same fault-matrix runs both ways, in
 * the same bench run, alternating. MATRIX_BENCH_RUNS (8) runs, 4 at a time; the pool's worker
 * start-ups are counted in its figure.
 */
async function benchMatrix(): Promise<void> {
  const n = Number(process.env.MATRIX_BENCH_RUNS ?? 8);
  const parallel = 4;
  // Short runs first (verifier and signer faults), then MOS ones: a mix like the matrices'.
  const all = faultJobs().filter((j) => j.fault !== 'clean');
  const short = all.filter((j) => j.roles === 'verifier' || j.roles === 'signer');
  const jobs = [...short.slice(0, Math.ceil((n * 3) / 4)), ...all.filter((j) => !short.includes(j)).slice(-Math.floor(n / 4))].slice(0, n);
  const out = path.join(ROOT, 'reports/out/bench/matrix');
  const measure = async (how: 'process' | 'pool'): Promise<{ cpu: number; wall: number }> => {
    const t0 = Date.now();
    const c0 = cpuSeconds();
    const pool = how === 'pool' ? new RunPool({ size: parallel }) : undefined;
    const runner: SuiteRunner = pool ? (j) => pool.run(j) : processRunner();
    const queue = [...jobs];
    let done = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let j = queue.shift(); j; j = queue.shift()) {
          await runFault(j, path.join(out, how), runner);
          if (++done % 4 === 0) console.log(`  matrix bench (${how}): ${done}/${jobs.length} runs, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
        }
      }),
    );
    await pool?.close();
    return { cpu: cpuSeconds() - c0, wall: (Date.now() - t0) / 1000 };
  };
  const proc: number[] = [];
  const pooled: number[] = [];
  const walls = { process: 0, pool: 0 };
  for (const how of ['process', 'pool', 'process', 'pool'] as const) {
    const m = await measure(how);
    (how === 'pool' ? pooled : proc).push(m.cpu / jobs.length);
    walls[how] += m.wall / 2;
    console.log(`  matrix bench: ${how}, ${jobs.length} runs: ${m.cpu.toFixed(1)} CPU s (${(m.cpu / jobs.length).toFixed(2)} per run), ${m.wall.toFixed(0)} s wall`);
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const value = mean(pooled);
  const baseline = mean(proc);
  record({ name: 'certification matrix run, CPU seconds per run (pool of long-lived workers)', value, unit: 'CPU s', baseline, ratio: value / baseline, target: '< 1 (cheaper than a process per run)', pass: value < baseline, note: `${jobs.length} fault-matrix runs ${parallel} at a time, twice each way alternating, user+sys incl. threads and children; baseline: a fresh Node process per run; wall ${walls.pool.toFixed(0)} s vs ${walls.process.toFixed(0)} s` });
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const benches: Array<[string, () => Promise<void> | void]> = [['suite', benchSuite], ['throughput', benchThroughput], ['peer', benchPeer], ['reconnect', () => benchReconnect(false)], ['reconnect-tls', () => benchReconnect(true)], ['verifier', benchVerifier], ['distribution', benchDistribution], ['sockets', benchSockets], ['matrix', benchMatrix]];
  console.log(`node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`);
  for (const [name, fn] of benches) if (!only.length || only.includes(name)) await fn();
  const out = path.join(ROOT, 'reports/out/bench');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify({ when: new Date().toISOString(), node: process.version, cores: os.cpus().length, results }, null, 2));
  console.log(`\n| benchmark | value | baseline | ratio | target | met |\n|---|---|---|---|---|---|`);
  for (const r of results) console.log(`| ${r.name} | ${r.value.toFixed(2)} ${r.unit} | ${r.baseline.toFixed(2)} ${r.unit} | ${r.ratio.toFixed(3)} | ${r.target ?? '—'} | ${r.pass === undefined ? '—' : r.pass ? 'yes' : 'no'} |`);
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
