// `run`: the conformance features against the embedded simulators or a vendor's system.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Writable } from 'node:stream';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { ConfigError, EMBEDDED_CREDS, SuiteConfig, defaultConfig, loadConfigFile, mergeConfig, resolveTiming } from '../steps/support/config';
import { EMBEDDED_STREAM_KEY } from '../steps/support/stream-sut';
import { renderHtmlReport } from '../reports/html-report';
import { loadRequirements } from '../reports/traceability';
import { redactText } from '../lib/transport/redact';
import { ResultCollector, ScenarioResult, countOutcomes, verdictLine } from '../reports/results';
import { EXIT_CODES, OUTCOME_LABEL, RunVerdict, SEVERITY, runVerdict } from '../lib/conformance/outcomes';
import { Role } from '../simulators/mos-peer';

export const ROOT = path.resolve(__dirname, '..', '..');

export const RUN_USAGE = `usage: mos-conformance run [options]
  --config FILE          suite configuration (JSON; see README, "Certifying a vendor system")
  --role R[,R]           roles to certify: device, nrcs, verifier, signer (embedded: all by default)
  --target-url URL       the system's MOS WebSocket endpoint (a vendor system; implies --role)
  --mos-id ID --ncs-id ID
  --user U --password-env VAR
  --allow-untrusted      trust a self-signed certificate of the system
  --profiles N[,N]       MOS profiles the system supports (0-7; config target.profiles)
  --timing NAME          accelerated | real (default: accelerated for simulators, real for a target)
  --tags EXPR            Cucumber tag expression to narrow the run
  --features GLOB        feature files (default features/**/*.feature)
  --fault NAME[,NAME]    inject faults into the embedded simulators (self-check)
  --report-dir DIR       where reports go (default reports/out)
  --results-only         write only results.json (no HTML/JUnit/messages)
  --quiet                no progress output`;

export interface RunOutcome {
  results: ScenarioResult[];
  verdict: RunVerdict;
  /** verdict === 'PASS' */
  success: boolean;
}

export function configFromArgs(argv: string[]): { config: SuiteConfig; features: string; quiet: boolean; formats: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      config: { type: 'string' }, role: { type: 'string' }, 'target-url': { type: 'string' }, 'mos-id': { type: 'string' }, 'ncs-id': { type: 'string' },
      user: { type: 'string' }, 'password-env': { type: 'string' }, 'allow-untrusted': { type: 'boolean' }, timing: { type: 'string' },
      tags: { type: 'string' }, features: { type: 'string' }, fault: { type: 'string' }, 'report-dir': { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean' },
      'results-only': { type: 'boolean' }, profiles: { type: 'string' },
    },
  });
  if (values.help) throw new ConfigError(RUN_USAGE);
  let config = values.config ? loadConfigFile(values.config) : defaultConfig();
  if (values['target-url']) {
    if (values.role !== 'device' && values.role !== 'nrcs') throw new ConfigError('--target-url needs --role device|nrcs');
    config = mergeConfig(config, {
      target: { role: values.role, url: values['target-url'], mosID: values['mos-id'], ncsID: values['ncs-id'], username: values.user, passwordEnv: values['password-env'], allowUntrusted: !!values['allow-untrusted'], ...(values.profiles !== undefined ? { profiles: values.profiles.split(',').map((p) => Number(p.trim())) } : {}) },
      ...(values.timing ? { timing: values.timing } : {}),
    });
  } else if (values.role) {
    const roles = values.role.split(',').map((r) => r.trim());
    for (const r of roles) if (!['device', 'nrcs', 'verifier', 'signer'].includes(r)) throw new ConfigError(`--role takes device, nrcs, verifier or signer, got ${r}`);
    config.roles = roles as SuiteConfig['roles'];
  }
  if (values.timing) config.timing = resolveTiming(values.timing);
  if (values.tags) config.tags = values.tags;
  if (values.fault) config.faults = values.fault.split(',').map((s) => s.trim());
  if (values['report-dir']) config.reportDir = values['report-dir'];
  return { config, features: values.features ?? 'features/**/*.feature', quiet: !!values.quiet, formats: !values['results-only'] };
}

let support: ISupportCodeLibrary | undefined;

/** Run the features once per role; reports per role under reportDir/<role>/. */
export async function runConformance(config: SuiteConfig, opts: { features?: string; quiet?: boolean; formats?: boolean; onResult?: (r: ScenarioResult) => void } = {}): Promise<RunOutcome> {
  const results: ScenarioResult[] = [];
  for (const role of config.roles) {
    const out = path.resolve(ROOT, config.reportDir, role);
    if (opts.formats !== false) fs.mkdirSync(out, { recursive: true });
    const tags = [`@${role}-under-test`, config.tags ? `(${config.tags})` : ''].filter(Boolean).join(' and ');
    const format: string[] = opts.quiet ? [] : ['progress'];
    if (opts.formats !== false) format.push(`html:${out}/cucumber.html`, `junit:${out}/junit.xml`, `message:${out}/messages.ndjson`, `json:${out}/cucumber.json`);
    const { runConfiguration } = await loadConfiguration(
      {
        file: false,
        provided: {
          paths: [opts.features ?? 'features/**/*.feature'],
          require: [path.join(ROOT, 'dist/steps/**/*.js')],
          tags,
          format,
          formatOptions: { junit: { suiteName: `mos-ws conformance (${role} under test)` } },
          worldParameters: { config, role: role as Role } as unknown as Record<string, never>,
          strict: true,
        },
      },
      { cwd: ROOT },
    );
    if (support) (runConfiguration as { support: unknown }).support = support;
    const collector = new ResultCollector(role, opts.onResult);
    if (!opts.quiet) process.stdout.write(`\n== ${role} under test ${describeTarget(config, role)}\n`);
    const r = await runCucumber(runConfiguration, { cwd: ROOT, stdout: opts.quiet ? devNull() : process.stdout, stderr: process.stderr }, (m) => collector.onMessage(m));
    support = r.support;
    results.push(...collector.results);
  }
  const verdict = runVerdict(results.map((r) => r.outcome));
  return { results, verdict, success: verdict === 'PASS' };
}

function describeTarget(config: SuiteConfig, role: string): string {
  if (role === 'verifier' && config.stream.verifier) return `(${config.stream.verifier.resourceUrl})`;
  if (role === 'signer' && config.stream.signer) return `(${config.stream.signer.url})`;
  if ((role === 'device' || role === 'nrcs') && config.target) return `(${config.target.url ?? 'connecting to the suite'})`;
  return '(embedded simulator)';
}

function devNull(): Writable {
  return new Writable({ write: (_c, _e, cb) => cb() });
}

export function summarize(results: readonly ScenarioResult[]): string {
  const c = countOutcomes(results);
  const lines = [`${results.length} scenarios: ${SEVERITY.map((o) => `${c[o]} ${OUTCOME_LABEL[o].toLowerCase()}`).join(', ')}`];
  for (const r of results.filter((x) => x.outcome === 'FAIL' || x.outcome === 'WARNING' || x.outcome === 'COULD_NOT_TEST')) {
    const v = r.verdicts.find((x) => x.outcome === r.outcome);
    const msg = (v ? verdictLine(v) : r.message ?? '').split('\n')[0]!;
    lines.push(`  ${OUTCOME_LABEL[r.outcome]} [${r.role}] ${r.name}: ${msg.length > 300 ? `${msg.slice(0, 300)}…` : msg}`);
  }
  return lines.join('\n');
}

/** results.json always; the HTML certification report unless only results were asked for. */
export function writeReports(dir: string, config: SuiteConfig, results: ScenarioResult[], html = true): void {
  fs.mkdirSync(dir, { recursive: true });
  const secrets = suiteSecrets(config);
  const verdict: RunVerdict = config.interrupted ? 'COULD_NOT_TEST' : runVerdict(results.map((r) => r.outcome));
  const json = JSON.stringify({ generated: new Date().toISOString(), verdict, interrupted: !!config.interrupted, timing: config.timing.name, faults: config.faults, counts: countOutcomes(results), results: results.map(({ attachments: _a, ...r }) => r) }, null, 2);
  fs.writeFileSync(path.join(dir, 'results.json'), redactText(json, secrets));
  if (!html) return;
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  fs.writeFileSync(
    path.join(dir, 'report.html'),
    renderHtmlReport(results, { generated: new Date(), suiteVersion: version, timing: config.timing.name, systems: config.roles.map((role) => ({ role, description: describeTarget(config, role).replace(/^\(|\)$/g, '') })), faults: config.faults, requirements: loadRequirements(), secrets, interrupted: !!config.interrupted }),
  );
}

/** Every secret the run knows, so reports can be scrubbed of them. */
function suiteSecrets(config: SuiteConfig): string[] {
  const fromEnv = (name?: string): string | undefined => (name ? process.env[name] : undefined);
  return [EMBEDDED_CREDS.password, EMBEDDED_STREAM_KEY.secret, config.target?.password, fromEnv(config.stream.verifier?.secretEnv), fromEnv(config.stream.signer?.secretEnv)].filter((s): s is string => !!s);
}

export async function runSuite(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = configFromArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const dir = path.resolve(ROOT, parsed.config.reportDir);
  // Interrupted: what has finished so far is still reported, marked as such.
  const finished: ScenarioResult[] = [];
  const onSignal = (): void => {
    console.error(`\ninterrupted: writing the report of ${finished.length} finished scenarios`);
    writeReports(dir, { ...parsed.config, interrupted: true }, finished, parsed.formats);
    process.exit(EXIT_CODES.INTERRUPTED);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const { results, verdict } = await runConformance(parsed.config, { features: parsed.features, quiet: parsed.quiet, formats: parsed.formats, onResult: (r) => finished.push(r) });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  writeReports(dir, parsed.config, results, parsed.formats);
  console.log(`\n${summarize(results)}\nverdict: ${verdict}\nreports: ${path.relative(process.cwd(), dir) || '.'}/`);
  return EXIT_CODES[verdict];
}
