// A pool of long-lived workers for the certification matrices (fault matrix, vendor zoo,
// independent verifier): each run is the CLI's `run` with its own arguments and environment, as a
// child process would get them, but in a worker thread that is reused for run after run, so that
// Node and Cucumber start once per worker instead of once per run (a process start and Cucumber's
// start-up cost about 0.4 s of CPU; a matrix makes some 100 runs).
//
// Isolation: a worker thread has its own module state (the live-event channel, the cached support
// library, run memory) and its own copy of the environment; the worker sets each run's variables
// and takes them away again afterwards. A worker runs one certification at a time; ports and
// report folders are the run's own (its arguments). A worker that crashes, calls process.exit or
// does not answer within the run's timeout is ended and replaced, and the run is reported as
// failed with the reason. The worker script is the CLI's (dist/cli/pool-worker.js), named by path
// as a child process would be: reports/ does not import cli/.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { childRunEnv, nodeCommand } from './tool';

const ROOT = path.resolve(__dirname, '..', '..');
export const POOL_WORKER = path.join(ROOT, 'dist/cli/pool-worker.js');

export interface PoolJob {
  /** The command line after `mos-conformance`, e.g. ['run', '--config', FILE, '--quiet']. */
  argv: string[];
  /** Variables the run sees on top of the worker's environment (password variables, ...). */
  env?: Record<string, string>;
  /** Ends the worker and fails the run after this long. */
  timeoutMs: number;
  /** For progress lines and failure reasons. */
  label: string;
}

export interface PoolResult {
  /** The command's exit code; null when the run did not finish (see `failure`). */
  code: number | null;
  /** What the run wrote to stdout and stderr (the last 4000 characters of each). */
  out: string;
  err: string;
  /** Why the run has no exit code: the worker crashed, exited or timed out. */
  failure?: string;
  ms: number;
}

/** Something that runs `mos-conformance ARGS`: the pool, or a fresh process per run. */
export type SuiteRunner = (job: PoolJob) => Promise<PoolResult>;

const CLI = path.join(ROOT, 'dist/cli/main.js');

/**
 * The way before the pool: a fresh Node process per run (Node and Cucumber start each time). For
 * comparison (bench/) and for profiling a run with node options (`nodeArgs`, e.g. --cpu-prof).
 */
export function processRunner(coverage = false, nodeArgs: string[] = []): SuiteRunner {
  return (job) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(...nodeCommand([...nodeArgs, CLI, ...job.argv], coverage), { cwd: ROOT, env: childRunEnv(job.env), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
      child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, job.timeoutMs);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const failure = timedOut ? `${job.label}: no result within ${Math.round(job.timeoutMs / 1000)} s: the run hangs; its process was killed` : code === null ? `${job.label}: the process ended by ${signal}` : undefined;
        resolve({ code, out, err, failure, ms: Date.now() - started });
      });
    });
}

export interface PoolOptions {
  size: number;
  /** Run the workers under the coverage tool of this process (nyc's preload), or without it. */
  coverage?: boolean;
  /** The worker script; the CLI's by default. */
  script?: string;
}

interface Slot {
  worker: Worker;
  busy?: { id: number; job: PoolJob; started: number; resolve: (r: PoolResult) => void; timer: NodeJS.Timeout };
  exitCalled?: number;
}

interface Reply {
  id: number;
  code?: number;
  out: string;
  err: string;
  error?: string;
  /** The run called process.exit(exit). */
  exit?: number;
}

export class RunPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Array<{ job: PoolJob; resolve: (r: PoolResult) => void }> = [];
  private nextId = 1;
  private closed = false;
  /** Workers started over the pool's life (replacements included). */
  started = 0;
  /** Runs finished, failed ones included. */
  finished = 0;

  constructor(private readonly opts: PoolOptions) {
    if (opts.size < 1) throw new Error('a pool needs at least one worker');
  }

  /** Runs that have not finished: queued or in a worker, with how long they have been running. */
  pending(): { queued: number; running: Array<{ label: string; ms: number }> } {
    const now = Date.now();
    return { queued: this.queue.length, running: [...this.slots].filter((s) => s.busy).map((s) => ({ label: s.busy!.job.label, ms: now - s.busy!.started })) };
  }

  run(job: PoolJob): Promise<PoolResult> {
    if (this.closed) return Promise.reject(new Error('the run pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.dispatch();
    });
  }

  /** Ends every worker once the queued runs are done. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.queue.length || [...this.slots].some((s) => s.busy)) await new Promise((r) => setTimeout(r, 50));
    await Promise.all([...this.slots].map((s) => this.retire(s)));
  }

  private spawn(): Slot {
    const env = childRunEnv();
    // Outside a coverage run's instrumentation unless asked: nyc's preload is in NODE_OPTIONS.
    if (!this.opts.coverage && env.NYC_CONFIG) delete env.NODE_OPTIONS;
    const worker = new Worker(this.opts.script ?? POOL_WORKER, { env, execArgv: this.opts.coverage ? process.execArgv : [], stdout: true, stderr: true });
    // What a worker writes outside a run (nothing, normally) is not lost.
    worker.stdout.resume();
    worker.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    const slot: Slot = { worker };
    this.started++;
    worker.on('message', (m: Reply | { exitCalled: number } | { coverage: Coverage }) => {
      if ('coverage' in m) return mergeCoverage(m.coverage);
      if ('exitCalled' in m) {
        slot.exitCalled = m.exitCalled;
        return;
      }
      if (!slot.busy || slot.busy.id !== m.id) return;
      const failure = m.error !== undefined ? `the run threw: ${m.error}` : undefined;
      this.finish(slot, { code: m.code ?? null, out: m.out, err: m.err, failure, ms: Date.now() - slot.busy.started });
    });
    worker.on('error', (e) => this.lost(slot, `the worker crashed: ${e.stack ?? e.message}`));
    worker.on('exit', (code) => this.lost(slot, slot.exitCalled !== undefined ? `the run called process.exit(${slot.exitCalled})` : `the worker exited with code ${code}`));
    this.slots.add(slot);
    return slot;
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = [...this.slots].find((s) => !s.busy);
      if (!slot && this.slots.size < this.opts.size) slot = this.spawn();
      if (!slot) return;
      const { job, resolve } = this.queue.shift()!;
      const id = this.nextId++;
      const s = slot;
      const timer = setTimeout(() => {
        this.lost(s, `no result within ${Math.round(job.timeoutMs / 1000)} s: the run hangs; its worker was ended`);
        void s.worker.terminate();
      }, job.timeoutMs);
      s.busy = { id, job, started: Date.now(), resolve, timer };
      s.worker.postMessage({ id, argv: job.argv, env: job.env ?? {} });
    }
  }

  private finish(slot: Slot, r: PoolResult): void {
    const b = slot.busy;
    if (!b) return;
    clearTimeout(b.timer);
    slot.busy = undefined;
    this.finished++;
    b.resolve(r);
    this.dispatch();
  }

  /** A worker is gone or no longer trusted: its run fails with the reason, and it is replaced. */
  private lost(slot: Slot, reason: string): void {
    if (!this.slots.delete(slot)) return;
    slot.worker.removeAllListeners('message');
    void slot.worker.terminate();
    if (slot.busy) this.finish(slot, { code: null, out: '', err: '', failure: `${slot.busy.job.label}: ${reason}`, ms: Date.now() - slot.busy.started });
    this.dispatch();
  }

  private async retire(slot: Slot): Promise<void> {
    this.slots.delete(slot);
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => undefined);
    // A graceful end (the worker's exit handlers run: a coverage tool writes its data then).
    const exited = new Promise<void>((resolve) => slot.worker.once('exit', () => resolve()));
    slot.worker.postMessage({ close: true });
    const timer = setTimeout(() => void slot.worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** istanbul's per-file counters, as nyc keeps them in `__coverage__`. */
type Counts = Record<string, number | number[]>;
type Coverage = Record<string, { s: Counts; f: Counts; b: Counts } & Record<string, unknown>>;

/** Adds a worker's coverage counters to this thread's (which nyc writes at exit). */
function mergeCoverage(from: Coverage): void {
  const g = globalThis as { __coverage__?: Coverage };
  if (!g.__coverage__) return;
  const add = (into: Counts, counts: Counts): void => {
    for (const [k, v] of Object.entries(counts)) {
      const cur = into[k];
      if (Array.isArray(v)) into[k] = Array.isArray(cur) ? cur.map((x, i) => x + (v[i] ?? 0)) : v;
      else into[k] = (typeof cur === 'number' ? cur : 0) + v;
    }
  };
  for (const [file, cov] of Object.entries(from)) {
    const mine = g.__coverage__[file];
    if (!mine) g.__coverage__[file] = cov;
    else for (const key of ['s', 'f', 'b'] as const) add(mine[key], cov[key]);
  }
}

/**
 * Calls `line` with a progress line whenever `every` ms pass without one from the caller (`note()`
 * restarts the clock), so that a long stage is never silent. Returns the note and stop functions.
 */
export function heartbeat(every: number, line: () => string, print: (s: string) => void): { note: (s: string) => void; stop: () => void } {
  let last = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - last < every) return;
    last = Date.now();
    print(line());
  }, Math.min(every, 1000));
  timer.unref();
  return {
    note: (s) => {
      last = Date.now();
      print(s);
    },
    stop: () => clearInterval(timer),
  };
}

/** "3 running (longest: accepts-bad-params (device), 41 s), 12 queued" */
export function describePending(p: ReturnType<RunPool['pending']>): string {
  const longest = [...p.running].sort((a, b) => b.ms - a.ms)[0];
  return `${p.running.length} running${longest ? ` (longest: ${longest.label}, ${Math.round(longest.ms / 1000)} s)` : ''}, ${p.queued} queued`;
}
