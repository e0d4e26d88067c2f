// The self-check: run the features against the clean simulators and against each named fault,
// and tabulate which scenarios catch which fault. A scenario no fault makes fail is unproven.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnyFault, FAULTS, FaultTarget, parseFaults } from '../simulators/faults';
import type { ScenarioResult } from './results';
import { RunPool, SuiteRunner, describePending, heartbeat } from './run-pool';

const ROOT = path.resolve(__dirname, '..', '..');
// A fault runs once for the roles it can affect (each run parses its features and starts its simulators).
const ROLES: Record<FaultTarget, string> = { mos: 'device,nrcs', verifier: 'verifier', signer: 'signer' };

export type Row = Omit<ScenarioResult, 'attachments'>;

export interface FaultOutcome {
  fault: AnyFault | 'clean';
  breaks?: string;
  results: Row[];
  /** Scenarios that did not pass. */
  caught: Row[];
  /** Caught scenarios whose message names the broken requirement. */
  named: Row[];
  ms: number;
}

export interface Matrix {
  clean: FaultOutcome;
  faults: FaultOutcome[];
  unproven: Row[];
  killRate: number;
}

/** One run of the suite (as `mos-conformance run ...`, in the pool); resolves with its results. */
async function runOne(runner: SuiteRunner, label: string, dir: string, extra: string[]): Promise<Row[]> {
  // Bounded: a run that hangs is a defect of the suite, reported as such.
  const r = await runner({ argv: ['run', '--quiet', '--results-only', '--report-dir', dir, ...extra], timeoutMs: 10 * 60_000, label });
  const file = path.join(dir, 'results.json');
  if (r.failure || !fs.existsSync(file)) throw new Error(`run for ${label} ${r.failure ?? `exited with ${r.code}`} and wrote no results: ${r.err.slice(0, 500)}`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { results: Row[] }).results;
}

/** One run of the matrix, its report in outDir/FAULT/ROLES. */
export function runFault(j: Job, outDir: string, runner: SuiteRunner): Promise<Row[]> {
  const extra = j.fault === 'clean' ? [] : ['--fault', j.fault, '--role', j.roles];
  return runOne(runner, `${j.fault} (${j.roles})`, path.join(outDir, j.fault, j.roles.replace(/,/g, '+')), extra);
}

function outcomeOf(fault: AnyFault | 'clean', results: Row[], ms: number): FaultOutcome {
  const caught = results.filter((r) => r.outcome === 'FAIL' || r.outcome === 'WARNING');
  const breaks = fault === 'clean' ? undefined : FAULTS[fault].breaks;
  return { fault, breaks, results, caught, named: breaks ? caught.filter((r) => r.verdicts.some((v) => v.requirement === breaks && (v.outcome === 'FAIL' || v.outcome === 'WARNING'))) : [], ms };
}

/**
 * How long each fault's run took last time (`npm run fault-matrix` writes it): the longest start
 * first, and those long enough to set the pace run each role in a process of its own. A fault run
 * mostly waits (silence windows, timeouts), so without this a slow one started last decides the end.
 */
const TIMINGS_FILE = path.join(ROOT, 'reports/fault-timings.json');
const SPLIT_ABOVE_MS = 20_000;

function lastTimings(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(TIMINGS_FILE, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

export interface Job {
  fault: AnyFault | 'clean';
  roles: string;
  hint: number;
}

/** Every run of the matrix (or of the faults `only`), the longest first. */
export function faultJobs(only?: readonly AnyFault[]): Job[] {
  const hints = lastTimings();
  // A subset proves only its own faults: no clean run (nothing to compare for unproven scenarios).
  const jobs: Job[] = only ? [] : [{ fault: 'clean', roles: 'device,nrcs,verifier,signer', hint: Infinity }];
  for (const fault of only ?? (Object.keys(FAULTS) as AnyFault[])) {
    // A fault never timed is assumed slow: it starts early.
    const hint = hints[fault] ?? SPLIT_ABOVE_MS * 2;
    const roles = hint > SPLIT_ABOVE_MS ? ROLES[FAULTS[fault].on].split(',') : [ROLES[FAULTS[fault].on]];
    for (const r of roles) jobs.push({ fault, roles: r, hint: hint / roles.length });
  }
  return jobs.sort((a, b) => b.hint - a.hint);
}

/**
 * Runs the clean simulators and every fault, several at once, the longest first, in a pool of
 * `parallel` long-lived workers (8 per core by default: a run is about 1 s of CPU in 8 s of mostly
 * waiting). `coverage`: the workers run under this process's coverage tool (nyc), with
 * MOSWS_MATRIX_COVERAGE=1: the fault runs cover the failure paths, at about 40 % more CPU, which
 * `npm test` does not spend by default (the unit tests and the embedded suite cover the rest).
 */
export async function runFaultMatrix(outDir = path.join(ROOT, 'reports/out/fault-matrix'), parallel = 8 * os.cpus().length, progress: (line: string) => void = () => undefined, only?: readonly AnyFault[], coverage = process.env.MOSWS_MATRIX_COVERAGE === '1'): Promise<Matrix> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const queue = faultJobs(only);
  const total = only?.length ?? Object.keys(FAULTS).length;
  const parts = new Map<AnyFault | 'clean', { results: Row[]; left: number; started: number }>();
  for (const j of queue) {
    const p = parts.get(j.fault) ?? { results: [], left: 0, started: 0 };
    p.left++;
    parts.set(j.fault, p);
  }
  let clean: FaultOutcome | undefined;
  const faults: FaultOutcome[] = [];
  const pool = new RunPool({ size: parallel, coverage });
  const beat = heartbeat(20_000, () => `fault matrix ${faults.length}/${total} faults done; ${describePending(pool.pending())}`, progress);
  try {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let j = queue.shift(); j; j = queue.shift()) {
          const p = parts.get(j.fault)!;
          p.started ||= Date.now();
          p.results.push(...(await runFault(j, outDir, (job) => pool.run(job))));
          if (--p.left > 0) continue;
          const o = outcomeOf(j.fault, p.results, Date.now() - p.started);
          if (j.fault === 'clean') clean = o;
          else {
            faults.push(o);
            beat.note(`fault matrix ${faults.length}/${total}: ${j.fault} ${o.named.length ? 'caught' : 'NOT CAUGHT'} (${o.ms} ms)`);
          }
        }
      }),
    ).catch((e: unknown) => {
      // A failed run ends the matrix: no further run starts (those running finish).
      queue.length = 0;
      throw e;
    });
  } finally {
    beat.stop();
    await pool.close();
  }
  if (only) clean ??= outcomeOf('clean', [], 0);
  if (!clean) throw new Error('the clean run did not finish');
  faults.sort((a, b) => a.fault.localeCompare(b.fault));
  const killed = new Set(faults.flatMap((f) => f.caught.map((r) => `${r.role} ${r.location}`)));
  const unproven = clean.results.filter((r) => !killed.has(`${r.role} ${r.location}`));
  const killRate = faults.filter((f) => f.named.length > 0).length / faults.length;
  return { clean, faults, unproven, killRate };
}

export function matrixMarkdown(m: Matrix): string {
  const caughtBy = new Map<string, string[]>();
  for (const f of m.faults) for (const r of f.caught) caughtBy.set(`${r.role} ${r.location}`, [...(caughtBy.get(`${r.role} ${r.location}`) ?? []), f.fault]);
  const lines = [
    '# Fault matrix',
    '',
    'Generated by `npm run fault-matrix` (and checked by `npm test`): the features run against the clean',
    'simulators and against each named fault of `simulators/faults.ts`. A fault is *caught* when at least one',
    'scenario fails (or warns, for a SHOULD) with a message naming the requirement the fault breaks.',
    '',
    `- clean run: ${m.clean.results.length} scenarios, ${m.clean.results.filter((r) => r.outcome === 'PASS').length} passed`,
    `- faults: ${m.faults.length}, caught: ${m.faults.filter((f) => f.named.length).length}, **kill rate ${(m.killRate * 100).toFixed(0)}%**`,
    `- unproven scenarios (no fault makes them fail): **${m.unproven.length}**`,
    '',
    '## Fault -> scenarios that catch it',
    '',
    '| fault | breaks | what | caught by (role: scenario) |',
    '|---|---|---|---|',
  ];
  for (const f of m.faults) {
    const what = f.fault === 'clean' ? '' : FAULTS[f.fault].what;
    const by = f.caught.map((r) => `${r.role}: ${r.name}${r.outcome === 'WARNING' ? ' (warning)' : ''}`);
    lines.push(`| \`${f.fault}\` | ${f.breaks} | ${what} | ${by.length ? by.join('<br>') : '**NOT CAUGHT**'} |`);
  }
  lines.push('', '## Scenario -> faults that make it fail', '', '| role | scenario | location | faults |', '|---|---|---|---|');
  for (const r of m.clean.results) {
    const fs2 = caughtBy.get(`${r.role} ${r.location}`) ?? [];
    lines.push(`| ${r.role} | ${r.name} | ${r.location} | ${fs2.length ? fs2.map((f) => `\`${f}\``).join(', ') : '**UNPROVEN**'} |`);
  }
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  // --only NAME,... runs those faults (and the clean run) and prints them; the documents are written
  // only by a full run. --parallel N overrides the number of runs at once.
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const only = arg('--only') ? parseFaults(arg('--only')) : undefined;
  const parallel = arg('--parallel') ? Number(arg('--parallel')) : undefined;
  runFaultMatrix(undefined, parallel, (line) => console.error(line), only).then((m) => {
    const md = matrixMarkdown(m);
    if (!only) {
      fs.writeFileSync(path.join(ROOT, 'docs/fault-matrix.md'), md);
      fs.writeFileSync(TIMINGS_FILE, `${JSON.stringify(Object.fromEntries(m.faults.map((f) => [f.fault, f.ms])), null, 1)}\n`);
    }
    if (only) console.log(`subset of ${m.faults.length} faults (no clean run, so no count of unproven scenarios): ${m.faults.filter((f) => f.named.length).length} caught`);
    else console.log(md.split('\n').slice(6, 9).join('\n'));
    for (const f of m.faults) console.log(`${f.fault.padEnd(28)} ${String(f.caught.length).padStart(3)} caught  ${f.named.length ? 'ok' : 'NOT CAUGHT'}  ${f.ms} ms`);
    if (only) {
      // A subset proves only its own faults; the scenarios they alone make fail are listed.
      process.exit(m.killRate === 1 ? 0 : 1);
    }
    for (const u of m.unproven) console.log(`UNPROVEN ${u.role} ${u.location} ${u.name}`);
    process.exit(m.killRate === 1 && m.unproven.length === 0 ? 0 : 1);
  });
}
