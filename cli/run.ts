// `run`: the conformance scenarios against the embedded simulators or a vendor's system.
// Order of a run: options -> selection -> suite endpoint -> pre-flight -> scenarios -> reports.
// Anything that makes the run pointless ends it before the first scenario, with one reason.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { runCucumber } from '@cucumber/cucumber/api';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { ConfigError, SuiteConfig, SuiteRole, dialsTheSuite } from '../suite/config';
import { ResultCollector, ScenarioResult } from '../reports/results';
import { EXIT_CODES, RunVerdict } from '../lib/conformance/outcomes';
import { MachineFacts, RunInput, RunRecord, buildRunRecord, describeSystems } from '../reports/run-record';
import { writeReports } from '../reports/report-files';
import { ROOT } from '../reports/tool';
import { InfoRequest, RUN_USAGE, RunRequest, parseRunArgs } from './run-args';
import { parseErrorMessage } from './usage-errors';
import { cucumberConfiguration, selectScenarios } from './selection';
import { RunConsole, runHeader } from './console';
import { describeMachine, httpPreflight, preflight } from './preflight';

export { ROOT };

export interface RunOutcome {
  results: ScenarioResult[];
  /** The run judged (reports/run-record.ts buildRunRecord); verdict is record.verdict. */
  record: RunRecord;
  verdict: RunVerdict;
  /** verdict === 'PASS' */
  success: boolean;
}

export interface RunObserver {
  roleStarted?(role: SuiteRole): void;
  scenarioFinished?(r: ScenarioResult): void;
}

let support: ISupportCodeLibrary | undefined;

/**
 * Run the features once per role; prints nothing (the console is the `run` command's). With
 * `formats`, Cucumber's message log goes to reportDir/<role>/messages.ndjson as the raw record.
 * (`quiet` is accepted for older callers; this function is always quiet.)
 */
export async function runConformance(config: SuiteConfig, opts: { features?: string; quiet?: boolean; formats?: boolean; onResult?: (r: ScenarioResult) => void; observer?: RunObserver } = {}): Promise<RunOutcome> {
  const results: ScenarioResult[] = [];
  const started = new Date();
  const cfg = opts.features ? { ...config, features: opts.features } : config;
  for (const role of cfg.roles) {
    const out = path.resolve(ROOT, cfg.reportDir, role);
    const format: string[] = [];
    if (opts.formats !== false) {
      fs.mkdirSync(out, { recursive: true });
      format.push(`message:${out}/messages.ndjson`);
    }
    const runConfiguration = await cucumberConfiguration(cfg, role, format);
    if (support) (runConfiguration as { support: unknown }).support = support;
    const collector = new ResultCollector(role, (r) => {
      opts.onResult?.(r);
      opts.observer?.scenarioFinished?.(r);
    });
    opts.observer?.roleStarted?.(role);
    const r = await runCucumber(runConfiguration, { cwd: ROOT, stdout: devNull(), stderr: process.stderr }, (m) => collector.onMessage(m));
    support = r.support;
    results.push(...collector.results);
  }
  const record = buildRunRecord({ config: cfg, results, started, finished: new Date(), selected: results.length, available: results.length, partial: !!(cfg.tags || cfg.features), interrupted: false, systems: describeSystems(cfg) });
  return { results, record, verdict: record.verdict, success: record.verdict === 'PASS' };
}

/** A path as the user would type it: relative below the current folder, absolute elsewhere. */
function shortPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function devNull(): Writable {
  return new Writable({ write: (_c, _e, cb) => cb() });
}

function describeRole(config: SuiteConfig, role: SuiteRole): string {
  if (role === 'verifier' && config.stream.verifier) return config.stream.verifier.resourceUrl;
  if (role === 'signer' && config.stream.signer) return config.stream.signer.url;
  if ((role === 'device' || role === 'nrcs') && config.target) return config.target.url ?? 'connects to the suite';
  return 'embedded simulator';
}

/** The vendor's stream-security services the run certifies, each with the URL its pre-flight asks. */
function streamPreflights(config: SuiteConfig): Array<{ role: 'verifier' | 'signer'; url: string; key: string; allowUntrusted: boolean }> {
  const { verifier, signer } = config.stream;
  return [
    ...(verifier ? [{ role: 'verifier' as const, url: verifier.resourceUrl, key: 'stream.verifier.resourceUrl', allowUntrusted: verifier.allowUntrusted ?? false }] : []),
    ...(signer ? [{ role: 'signer' as const, url: signer.url, key: 'stream.signer.url', allowUntrusted: signer.allowUntrusted ?? false }] : []),
  ];
}

/** The suite's endpoint must be bindable before a system is told to dial it. */
async function checkSuiteEndpoint(config: SuiteConfig): Promise<void> {
  if (!dialsTheSuite(config.target)) return;
  const { host, port } = config.suiteEndpoint;
  await new Promise<void>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'EADDRINUSE' ? `${host}:${port} is already in use` : e.code === 'EADDRNOTAVAIL' ? `${host} is not an address of this machine` : e.message;
      reject(new ConfigError('suiteEndpoint.port', `cannot be used: ${why}`));
    });
    s.listen(port, host, () => s.close(() => resolve()));
  });
}

export async function runSuite(argv: string[]): Promise<number> {
  let req: RunRequest;
  try {
    req = parseRunArgs(argv);
  } catch (e) {
    if (e instanceof InfoRequest) {
      console.log(e.message);
      return 0;
    }
    if (e instanceof ConfigError) {
      console.error(e.message);
      return EXIT_CODES.USAGE;
    }
    const parseError = parseErrorMessage(e, RUN_USAGE);
    if (parseError) {
      console.error(`${parseError}\nsee: mos-conformance run --help`);
      return EXIT_CODES.USAGE;
    }
    throw e;
  }
  const { config } = req;
  const started = new Date();
  const selection = await selectScenarios(config);
  if (selection.selected === 0) {
    const filter = [config.tags && `--tags ${config.tags}`, config.features && `--features ${config.features}`].filter(Boolean).join(' ');
    console.error(`no scenario matches the selection${filter ? ` ${filter}` : ''} for role ${config.roles.join(', ')} (${selection.available} scenarios without it); see: mos-conformance list`);
    return EXIT_CODES.USAGE;
  }
  try {
    await checkSuiteEndpoint(config);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.render(req.nameOf));
    return EXIT_CODES.USAGE;
  }
  const t = config.target;
  const prompting = !!t?.operator && !t.operatorCommand;
  const con = req.quiet ? undefined : new RunConsole(process.stdout, { tty: !!process.stdout.isTTY, keys: prompting && process.stdin.isTTY ? process.stdin : undefined, unanswerable: prompting && !process.stdin.isTTY });
  con?.header(runHeader(config, req.partial ? { selected: selection.selected, available: selection.available } : undefined));
  if (prompting && !process.stdin.isTTY) con?.line(`--operator: standard input is not a terminal, so nobody can press Enter or s; each prompt waits up to ${config.timing.operatorMs / 1000} s for its effect. For CI use --operator-command CMD.`);
  const dir = path.resolve(ROOT, config.reportDir);
  const systems = describeSystems(config);
  // The one place a run is judged: buildRunRecord computes verdict, scope, headline and exit code.
  const record = (results: ScenarioResult[], extra: Partial<RunInput> = {}): RunRecord => buildRunRecord({ config, results, started, finished: new Date(), selected: selection.selected, available: selection.available, partial: req.partial, interrupted: false, systems, ...extra });
  const finish = (r: RunRecord): number => {
    const files = writeReports(dir, r, { html: req.formats });
    con?.summary(r, files.map(shortPath));
    return r.exitCode;
  };

  let pre: RunRecord['preflight'];
  if (t?.url) {
    pre = await preflight({ ...t, url: t.url }, config.timing, req.nameOf, t.caFile ? fs.readFileSync(t.caFile, 'utf8') : undefined);
    con?.preflight(pre);
    const facts: MachineFacts = pre.machineInfo;
    for (const s of systems) if (s.role === t.role) s.machineInfo = facts;
    if (!pre.ok) return finish(record([], { preflight: pre }));
    if (facts.reported) con?.line(`the ${t.role} says it is: ${describeMachine(facts)}`);
  }
  // A vendor's verifier or signing service: reachable at all? (one reason instead of a page of "could not test")
  for (const s of streamPreflights(config)) {
    if (!config.roles.includes(s.role)) continue;
    const p = await httpPreflight(s.role, s.url, s.key, s.allowUntrusted, config.timing, req.nameOf);
    con?.preflight(p);
    if (!p.ok) return finish(record([], { preflight: p }));
    pre ??= p;
  }

  // Interrupted: what has finished so far is still reported, marked as such.
  const finished: ScenarioResult[] = [];
  const onSignal = (): void => {
    con?.stop();
    console.error(`\ninterrupted: writing the report of ${finished.length} finished scenarios`);
    process.exit(finish(record(finished, { preflight: pre, interrupted: true })));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  con?.start();
  try {
    const { results } = await runConformance(config, {
      formats: req.formats,
      onResult: (r) => finished.push(r),
      observer: { roleStarted: (role) => con?.roleStarted(role, describeRole(config, role), selection.byRole.get(role) ?? 0), scenarioFinished: (r) => con?.scenarioFinished(r) },
    });
    con?.stop();
    return finish(record(results, { preflight: pre }));
  } finally {
    con?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
