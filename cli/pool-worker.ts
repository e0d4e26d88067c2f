// A worker of the certification pool (reports/run-pool.ts): runs `mos-conformance ARGS` as the CLI
// would, once per message, for run after run. Each run gets its own environment variables (taken
// away afterwards) and a fresh live-event channel; what it writes to stdout and stderr is collected
// and sent back with its exit code. A run that calls process.exit ends this worker (the pool
// replaces it and reports the run as failed with that reason); signals never reach a worker thread.
import { isMainThread, parentPort } from 'node:worker_threads';
import { main } from './main';
import { live } from '../suite/live';
import { EXIT_CODES } from '../lib/conformance/outcomes';

interface Job {
  id: number;
  argv: string[];
  env: Record<string, string>;
}

const KEEP = 4000;

async function runJob(job: Job): Promise<{ code?: number; out: string; err: string; error?: string }> {
  let out = '';
  let err = '';
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(job.env)) {
    saved.set(k, process.env[k]);
    process.env[k] = v;
  }
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const collect = (to: 'out' | 'err') =>
    ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      if (to === 'out') out = (out + text).slice(-KEEP);
      else err = (err + text).slice(-KEEP);
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = collect('out');
  process.stderr.write = collect('err');
  live.reset();
  try {
    return { code: await main(job.argv), out, err };
  } catch (e) {
    // As the CLI reports a usage or start-up problem: its message and exit code 2.
    return { code: EXIT_CODES.USAGE, out, err: `${err}error: ${(e as Error).message}\n` };
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    live.reset();
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    port.postMessage({ exitCalled: Number(code ?? process.exitCode ?? 0) });
    return exit(code);
  }) as typeof process.exit;
  port.on('message', (m: Job | { close: true }) => {
    // The end of the pool: exit handlers run (a coverage tool writes its data), leftovers or not.
    // Under a coverage tool (nyc), what this worker covered goes to the pool's thread, which
    // writes it with its own: a worker thread's exit does not.
    if ('close' in m) {
      const coverage = (globalThis as { __coverage__?: unknown }).__coverage__;
      if (coverage) port.postMessage({ coverage });
      return void setImmediate(() => exit(0));
    }
    void runJob(m).then((r) => port.postMessage({ id: m.id, ...r }));
  });
}
