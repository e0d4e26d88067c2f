// The suite against the independent verifier (test/independent-verifier/, written apart from
// this code base): every correct flavor and strictness, and each deviation variant, started as a
// child process and certified exactly as a vendor would (a config file naming stream.verifier,
// the CLI's `run --config FILE`, results.json read back). The suite's runs go through a pool of
// long-lived workers (reports/run-pool.ts) rather than a fresh process each.
//
// `node dist/test/independent-verifier-run.js` regenerates docs/independent-verifier.md.
import { childRunEnv, nodeCommand } from '../reports/tool';
import { RunPool, SuiteRunner, describePending, heartbeat, processRunner } from '../reports/run-pool';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { CORRECT, Flavor, VARIANTS, Variant, variantApplies } from './independent-verifier/variants';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'dist/test/independent-verifier/server.js');
const KEY = { keyId: 'iv-key', secret: 'independent-secret-1' };
/** A frozen clock for the exact-boundary variants (ms part 500: neither 0 nor 999). */
const FROZEN_AT = 1_893_456_000_500;

export interface Setup {
  flavor: Flavor;
  strict: boolean;
  /** The verifier's clock stands still here (the suite is told: stream.verifier.fixedNowMs). */
  fixedNowMs?: number;
}

/** What the suite must say about a variant: the requirement and the outcome. */
export interface Expected {
  requirement: string;
  outcome: 'FAIL' | 'WARNING';
  /** Where the suite differs from the variant's own declaration, why (docs/interpretations.md). */
  disagreement?: string;
}

const STATUS_ONLY = "only the denial status differs: the suite judges statuses under SS-STATUS-1 (a SHOULD); a warning under a MUST requirement would contradict its level";

/**
 * The variants whose declared requirement or level the suite does not share, each argued in
 * docs/interpretations.md ("Independent verifier: where the suite disagrees"). Every other variant
 * must be caught exactly as it declares.
 */
export const DISAGREEMENTS: Record<string, Expected> = {
  'missing-param-403': { requirement: 'SS-STATUS-1', outcome: 'WARNING', disagreement: STATUS_ONLY },
  'signature-mismatch-401': { requirement: 'SS-STATUS-1', outcome: 'WARNING', disagreement: STATUS_ONLY },
  'malformed-policy-500': { requirement: 'SS-STATUS-1', outcome: 'WARNING', disagreement: `${STATUS_ONLY} (Opencast's Java verifier answers 500 here too)` },
  'time-checked-first': { requirement: 'SS-STATUS-1', outcome: 'WARNING', disagreement: `${STATUS_ONLY} (a forged, expired policy gets 410 instead of 403)` },
  'unknown-key-400': { requirement: 'SS-STATUS-1', outcome: 'WARNING', disagreement: STATUS_ONLY },
  'ip-mismatch-401': { requirement: 'SS-STATUS-1', outcome: 'WARNING', disagreement: STATUS_ONLY },
  'expired-as-403': { requirement: 'SS-STATUS-1', outcome: 'WARNING', disagreement: STATUS_ONLY },
  'not-yet-valid-as-403': { requirement: 'SS-STATUS-1', outcome: 'WARNING', disagreement: STATUS_ONLY },
  'resource-mismatch-404': { requirement: 'SS-STATUS-1', outcome: 'WARNING', disagreement: STATUS_ONLY },
  'whole-second-clock': { requirement: 'SS-CLOCK-1', outcome: 'WARNING', disagreement: 'a URL served up to 999 ms past DateLessThan (as the Apache module does with time(2)) is a SHOULD shortfall of its own, SS-CLOCK-1, not a failure of SS-VERIFY-6' },
  'signature-over-reserialized-json': { requirement: 'SS-VERIFY-12', outcome: 'WARNING', disagreement: "Opencast's Java verifier does exactly this (PolicyUtils.getPolicySignature re-serialises the parsed policy), so it is documented behaviour of the opencast-java profile; in the apache-httpd profile it is a harmless deviation (the policy's meaning is unchanged): SS-VERIFY-12, a SHOULD" },
};

/** Variants that are documented behaviour of one profile: run them in the other flavor. */
const DOCUMENTED_FOR: Record<string, Flavor> = {
  'plus-decoded-as-space': 'java', // URLEncodedUtils reads the query as a form
  'partial-percent-decoding': 'apache', // the module decodes only a trailing %3D
  'signature-over-reserialized-json': 'java', // PolicyUtils.getPolicySignature
};

/** Exact boundaries need a controlled clock. */
const FROZEN = new Set(['exclusive-expiry-boundary', 'exclusive-not-before-boundary']);

export function expected(v: Variant): Expected {
  return DISAGREEMENTS[v.name] ?? { requirement: v.deviates, outcome: v.level === 'fail' ? 'FAIL' : 'WARNING' };
}

export function setupFor(v: Variant): Setup {
  const flavors: Flavor[] = DOCUMENTED_FOR[v.name] === 'java' ? ['apache'] : DOCUMENTED_FOR[v.name] === 'apache' ? ['java'] : ['java', 'apache'];
  for (const flavor of flavors) {
    for (const strict of [true, false]) {
      if (variantApplies(v, strict, flavor)) return { flavor, strict, ...(FROZEN.has(v.name) ? { fixedNowMs: FROZEN_AT } : {}) };
    }
  }
  throw new Error(`variant ${v.name} applies to no configuration`);
}

export interface Row {
  variant: string;
  setup: Setup;
  results: Array<{ name: string; outcome: string; verdicts: Array<{ requirement?: string; outcome: string; message: string }> }>;
  /** results.json as written (to search the report for texts). */
  raw: string;
  ms: number;
}

function describeSetup(s: Setup): string {
  return `${s.flavor}, strict ${s.strict ? 'on' : 'off'}${s.fixedNowMs !== undefined ? ', frozen clock' : ''}`;
}

function mediaTree(): { root: string; keys: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indep-verifier-'));
  const root = path.join(dir, 'root');
  fs.mkdirSync(path.join(root, 'media'), { recursive: true });
  fs.mkdirSync(path.join(root, 'public'));
  fs.writeFileSync(path.join(root, 'media', 'clip.mp4'), Buffer.alloc(4096, 1));
  fs.writeFileSync(path.join(root, 'media', 'other.mp4'), Buffer.alloc(2048, 2));
  fs.writeFileSync(path.join(root, 'public', 'poster.jpg'), Buffer.alloc(512, 3));
  const keys = path.join(dir, 'keys.properties');
  fs.writeFileSync(keys, `key.${KEY.keyId}=${KEY.secret}\n`);
  return { root: dir, keys };
}

async function startVerifier(tree: { root: string; keys: string }, variant: string, s: Setup): Promise<{ origin: string; child: ChildProcess }> {
  const args = [SERVER, '--root', path.join(tree.root, 'root'), '--keys', tree.keys, '--listen', '127.0.0.1:0', '--strict', s.strict ? 'on' : 'off', '--flavor', s.flavor, '--variant', variant];
  if (s.fixedNowMs !== undefined) args.push('--fixed-now-ms', String(s.fixedNowMs));
  const child = spawn(...nodeCommand(args, false), { env: childRunEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    // Bounded, with room for a loaded machine (a Node process start is seconds there, not 0.1 s).
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`verifier ${variant} did not start within 60 s`));
    }, 60_000);
    rl.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`verifier ${variant} exited with ${code}`)));
  });
  return { origin: (JSON.parse(line) as { origin: string }).origin, child };
}

/** One certification run, as a vendor would do it. */
export async function certify(variant: string, s: Setup, outDir: string, runner: SuiteRunner = processRunner()): Promise<Row> {
  const started = Date.now();
  const tree = mediaTree();
  const { origin, child } = await startVerifier(tree, variant, s);
  try {
    const dir = path.join(outDir, `${variant}-${s.flavor}-${s.strict ? 'strict' : 'nonstrict'}${s.fixedNowMs !== undefined ? '-frozen' : ''}`);
    const config = {
      stream: {
        verifier: {
          resourceUrl: `${origin}/media/clip.mp4`,
          otherResourceUrl: `${origin}/media/other.mp4`,
          publicResourceUrl: `${origin}/public/poster.jpg`,
          keyId: KEY.keyId,
          secretEnv: 'INDEPENDENT_VERIFIER_KEY',
          strict: s.strict,
          profile: s.flavor === 'java' ? 'opencast-java' : 'apache-httpd',
          clientIp: '127.0.0.1',
          ...(s.fixedNowMs !== undefined ? { fixedNowMs: s.fixedNowMs } : {}),
        },
        clockSkewMs: 150,
      },
      timing: { base: 'accelerated', responseTimeoutMs: 3000, connectTimeoutMs: 3000 }, // room for a loaded CI machine
    };
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    const label = `${variant} (${describeSetup(s)})`;
    const r = await runner({ argv: ['run', '--config', file, '--quiet', '--results-only', '--report-dir', dir], env: { INDEPENDENT_VERIFIER_KEY: KEY.secret }, timeoutMs: 120_000, label });
    if (r.failure || !fs.existsSync(path.join(dir, 'results.json'))) throw new Error(`the suite wrote no results for ${label}; ${r.failure ?? `exit ${r.code}`}: ${r.err.slice(0, 500)}`);
    const raw = fs.readFileSync(path.join(dir, 'results.json'), 'utf8');
    return { variant, setup: s, results: (JSON.parse(raw) as { results: Row['results'] }).results, raw, ms: Date.now() - started };
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(tree.root, { recursive: true, force: true });
  }
}

export const CORRECT_SETUPS: Setup[] = [
  { flavor: 'java', strict: true },
  { flavor: 'java', strict: false },
  { flavor: 'apache', strict: true },
  { flavor: 'apache', strict: false },
  { flavor: 'java', strict: true, fixedNowMs: FROZEN_AT },
  { flavor: 'apache', strict: false, fixedNowMs: FROZEN_AT },
];

/** Every correct setup and every variant, `parallel` at a time. */
export async function certifyAll(outDir = path.join(ROOT, 'reports/out/independent-verifier'), parallel = 6, progress: (line: string) => void = () => undefined): Promise<{ correct: Row[]; variants: Row[]; ms: number }> {
  const started = Date.now();
  fs.rmSync(outDir, { recursive: true, force: true });
  const jobs: Array<(runner: SuiteRunner) => Promise<Row>> = [
    ...CORRECT_SETUPS.map((s) => (runner: SuiteRunner) => certify(CORRECT, s, outDir, runner)),
    ...VARIANTS.map((v) => (runner: SuiteRunner) => certify(v.name, setupFor(v), outDir, runner)),
  ];
  const rows: Row[] = [];
  const total = jobs.length;
  const pool = new RunPool({ size: parallel });
  const beat = heartbeat(20_000, () => `independent verifier ${rows.length}/${total} done; ${describePending(pool.pending())}`, progress);
  try {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) {
          const r = await job((j) => pool.run(j));
          rows.push(r);
          beat.note(`independent verifier ${rows.length}/${total}: ${r.variant} (${describeSetup(r.setup)}) in ${(r.ms / 1000).toFixed(1)} s`);
        }
      }),
    ).catch((e: unknown) => {
      // A failed run ends the matrix: no further run starts (those running finish).
      jobs.length = 0;
      throw e;
    });
  } finally {
    beat.stop();
    await pool.close();
  }
  const order = (r: Row): number => (r.variant === CORRECT ? CORRECT_SETUPS.findIndex((s) => JSON.stringify(s) === JSON.stringify(r.setup)) : 100 + VARIANTS.findIndex((v) => v.name === r.variant));
  rows.sort((a, b) => order(a) - order(b));
  return { correct: rows.filter((r) => r.variant === CORRECT), variants: rows.filter((r) => r.variant !== CORRECT), ms: Date.now() - started };
}

/** The judged verdicts (Fail or Warning) of a run, as "REQ outcome". */
export function judged(r: Row): Array<{ requirement?: string; outcome: string; message: string; scenario: string }> {
  return r.results.flatMap((x) => x.verdicts.filter((v) => v.outcome === 'FAIL' || v.outcome === 'WARNING').map((v) => ({ ...v, scenario: x.name })));
}

export function caught(r: Row, e: Expected): boolean {
  return judged(r).some((v) => v.requirement === e.requirement && v.outcome === e.outcome);
}

export function markdown(all: { correct: Row[]; variants: Row[]; ms: number }): string {
  const count = (r: Row, o: string): number => r.results.filter((x) => x.outcome === o).length;
  const lines = [
    '# The suite against the independent verifier',
    '',
    'Generated by `node dist/test/independent-verifier-run.js` (and checked by `test/independent-verifier.test.ts`):',
    'the verifier in `test/independent-verifier/`, written from the seed text and the facts file alone, is',
    'started in each correct configuration and as each of its deviation variants, and certified through',
    '`run --config FILE` as a vendor would. A correct configuration must give no Fail and no Warning; a variant',
    'must be caught (Fail, or Warning for a harmless deviation) under the requirement listed. Where the suite',
    "does not share a variant's own declaration, the column *disagreement* says why (docs/interpretations.md).",
    '',
    `- ${all.correct.length} correct configurations, ${all.variants.length} variants, ${Math.round(all.ms / 1000)} s in all`,
    '',
    '## Correct configurations',
    '',
    '| configuration | pass | not applicable | warning | fail | could not test |',
    '|---|---|---|---|---|---|',
    ...all.correct.map((r) => `| ${describeSetup(r.setup)} | ${count(r, 'PASS')} | ${count(r, 'NOT_APPLICABLE')} | ${count(r, 'WARNING')} | ${count(r, 'FAIL')} | ${count(r, 'COULD_NOT_TEST')} |`),
    '',
    '## Variants',
    '',
    '| variant | run as | declared | suite verdict | caught | also named | disagreement | security impact |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of all.variants) {
    const v = VARIANTS.find((x) => x.name === r.variant)!;
    const e = expected(v);
    const others = [...new Set(judged(r).filter((x) => x.requirement !== e.requirement).map((x) => `${x.requirement ?? '—'} ${x.outcome === 'FAIL' ? 'Fail' : 'Warning'}`))];
    lines.push(
      `| \`${v.name}\` | ${describeSetup(r.setup)} | ${v.deviates} ${v.level} | ${e.requirement} ${e.outcome === 'FAIL' ? 'Fail' : 'Warning'} | ${caught(r, e) ? 'yes' : '**NO**'} | ${others.join(', ')} | ${e.disagreement ?? ''} | ${v.securityImpact} |`,
    );
  }
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  certifyAll(undefined, undefined, (l) => console.error(l)).then((all) => {
    fs.writeFileSync(path.join(ROOT, 'docs/independent-verifier.md'), markdown(all));
    const missed = all.variants.filter((r) => !caught(r, expected(VARIANTS.find((v) => v.name === r.variant)!)));
    const bad = all.correct.filter((r) => judged(r).length > 0 || r.results.some((x) => x.outcome === 'COULD_NOT_TEST'));
    console.log(`${all.correct.length} correct (${bad.length} not clean), ${all.variants.length} variants (${missed.length} missed), ${all.ms} ms`);
    process.exit(missed.length || bad.length ? 1 : 0);
  });
}
