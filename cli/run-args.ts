// `run` options: every configuration key has a flag, and flags override a --config file. The table
// below is the one list of flags: parsing, --help and the naming of a key in an error read it, so an
// error names the flag the user typed (--mos-id), or the key of the file they wrote (target.mosID).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import parseTagExpression from '@cucumber/tag-expressions';
import { CAPABILITIES, Capability, ConfigError, RawConfig, SuiteConfig, defaultConfig, mergeConfig } from '../suite/config';
import { EXIT_CODES, RUN_VERDICT_MEANING } from '../lib/conformance/outcomes';
import { readConfigFile, readTimingFile } from './config-file';

interface RunFlag {
  flag: string;
  /** Argument placeholder; none for a switch. */
  arg?: string;
  help: string;
  /** Configuration keys the flag sets (for naming them in errors). */
  keys?: string[];
  /** Write the flag's value into the raw configuration. */
  apply?: (raw: RawConfig, value: string) => void;
}

const target = (raw: RawConfig): NonNullable<RawConfig['target']> => (raw.target ??= {});
const endpoint = (raw: RawConfig): NonNullable<RawConfig['suiteEndpoint']> => (raw.suiteEndpoint ??= {});
const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter(Boolean);

/** Flags that describe the system under test: any of them makes the run a certification of that system. */
const TARGET_FLAGS = new Set(['target-url', 'mos-id', 'ncs-id', 'user', 'password-env', 'allow-untrusted', 'ca', 'capabilities', 'profiles', 'operator', 'operator-command']);

export const RUN_FLAGS: readonly RunFlag[] = [
  { flag: 'config', arg: 'FILE', help: 'configuration file (JSON with comments; `init` writes one, schema/config.schema.json describes it)' },
  { flag: 'role', arg: 'R[,R]', keys: ['target.role', 'roles'], help: 'with a target: device or nrcs; embedded: any of device, nrcs, verifier, signer (default all)' },
  { flag: 'target-url', arg: 'URL', keys: ['target.url'], help: "the system's MOS WebSocket endpoint, ws:// or wss:// (it listens; alone, certifies a listening system)", apply: (r, v) => (target(r).url = v) },
  { flag: 'mos-id', arg: 'ID', keys: ['target.mosID'], help: "the device's MOS ID", apply: (r, v) => (target(r).mosID = v) },
  { flag: 'ncs-id', arg: 'ID', keys: ['target.ncsID'], help: "the NRCS's NCS ID", apply: (r, v) => (target(r).ncsID = v) },
  { flag: 'user', arg: 'USER', keys: ['target.username'], help: 'Basic auth user the system expects (and presents when it connects)', apply: (r, v) => (target(r).username = v) },
  { flag: 'password-env', arg: 'VAR', keys: ['target.passwordEnv'], help: 'environment variable holding the password (never a flag or a file)', apply: (r, v) => (target(r).passwordEnv = v) },
  { flag: 'allow-untrusted', keys: ['target.allowUntrusted'], help: "trust the system's self-signed certificate", apply: (r) => (target(r).allowUntrusted = true) },
  { flag: 'ca', arg: 'FILE', keys: ['target.caFile'], help: "PEM file to check the system's certificate against", apply: (r, v) => (target(r).caFile = v) },
  {
    flag: 'capabilities',
    arg: 'LIST',
    keys: ['target.capabilities'],
    help: `what the system can do: ${CAPABILITIES.join(',')} (default: listens); the rest is Not applicable`,
    apply: (r, v) => (target(r).capabilities = list(v) as Capability[]),
  },
  {
    flag: 'profiles',
    arg: 'LIST',
    keys: ['target.profiles'],
    help: 'MOS profiles the system supports, e.g. 0,1,2 (checked against its listMachInfo; scenarios of other profiles are Not applicable)',
    apply: (r, v) => (target(r).profiles = list(v).map(Number)),
  },
  { flag: 'operator', keys: ['target.operator'], help: 'an operator at the system acts on prompts (Enter: done, s: not possible)', apply: (r) => (target(r).operator = true) },
  { flag: 'operator-command', arg: 'CMD', keys: ['target.operatorCommand'], help: 'run CMD for each operator action (MOSWS_ACTION JSON, MOSWS_INSTRUCTION; exit 0 done, 3 not possible); implies --operator', apply: (r, v) => (target(r).operatorCommand = v) },
  {
    flag: 'suite-listen',
    arg: 'HOST:PORT',
    keys: ['suiteEndpoint.host', 'suiteEndpoint.port'],
    help: "the suite's endpoint, for a system that connects (default 0.0.0.0:9443)",
    apply: (r, v) => {
      const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(v);
      if (!m) throw new ConfigError('suiteEndpoint.port', `takes HOST:PORT, got "${v}"`);
      Object.assign(endpoint(r), { host: m[1] ?? m[2]!, port: Number(m[3]) });
    },
  },
  { flag: 'suite-path', arg: 'PATH', keys: ['suiteEndpoint.path'], help: "path of the suite's endpoint (default /mos/suite)", apply: (r, v) => (endpoint(r).path = v) },
  {
    flag: 'suite-extra-params',
    arg: 'QUERY',
    keys: ['suiteEndpoint.extraParams'],
    help: "extra query parameters of the suite's endpoint URL, e.g. 'parameter1=12345&tenant=a' ('' for none)",
    apply: (r, v) => (endpoint(r).extraParams = Object.fromEntries(new URLSearchParams(v))),
  },
  {
    flag: 'suite-tls',
    arg: 'on|off',
    keys: ['suiteEndpoint.tls'],
    help: "serve the suite's endpoint over wss (default on)",
    apply: (r, v) => {
      if (v !== 'on' && v !== 'off') throw new ConfigError('suiteEndpoint.tls', `takes on or off, got "${v}"`);
      endpoint(r).tls = v === 'on';
    },
  },
  { flag: 'suite-cert', arg: 'FILE', keys: ['suiteEndpoint.certFile'], help: "PEM certificate of the suite's endpoint (default: self-signed)", apply: (r, v) => (endpoint(r).certFile = v) },
  { flag: 'suite-key', arg: 'FILE', keys: ['suiteEndpoint.keyFile'], help: 'PEM private key for --suite-cert', apply: (r, v) => (endpoint(r).keyFile = v) },
  { flag: 'bad-param-status', arg: 'N', keys: ['badParamStatus'], help: 'the HTTP status a refused URL must get (default: any 4xx)', apply: (r, v) => (r.badParamStatus = Number(v)) },
  { flag: 'require-http-refusal', keys: ['acceptCloseAsRefusal'], help: 'a refusal must be an HTTP 4xx (not an upgrade closed before any message)', apply: (r) => (r.acceptCloseAsRefusal = false) },
  { flag: 'allow-plain-ws', keys: ['allowPlainWs'], help: 'certify a plain ws:// endpoint (the proposal recommends wss)', apply: (r) => (r.allowPlainWs = true) },
  { flag: 'ncs-id-param', arg: 'NAME', keys: ['ncsIdParam'], help: 'spell the NCS ID parameter ncsID (default) or nCSID in the URLs the suite builds', apply: (r, v) => (r.ncsIdParam = v as 'ncsID') },
  {
    flag: 'timing',
    arg: 'real|accelerated|FILE',
    keys: ['timing'],
    help: 'timing profile, or a JSON file of one (see README, "Timing profiles")',
    apply: (r, v) => (r.timing = v === 'real' || v === 'accelerated' ? v : within(`--timing ${v}`, () => readTimingFile(v))),
  },
  { flag: 'tags', arg: 'EXPR', keys: ['tags'], help: 'Cucumber tag expression narrowing the run (a partial run)', apply: (r, v) => (r.tags = v) },
  { flag: 'features', arg: 'GLOB', keys: ['features'], help: 'feature files (default features/**/*.feature; anything else is a partial run)', apply: (r, v) => (r.features = v) },
  { flag: 'fault', arg: 'NAME[,NAME]', keys: ['faults'], help: 'inject named faults into the embedded simulators (self-check)', apply: (r, v) => (r.faults = list(v)) },
  { flag: 'report-dir', arg: 'DIR', keys: ['reportDir'], help: 'where reports go (default reports/out)', apply: (r, v) => (r.reportDir = v) },
  { flag: 'results-only', help: 'write only results.json and junit.xml (no HTML report, no message logs)' },
  { flag: 'quiet', help: 'no console output at all' },
  { flag: 'help', help: 'this text' },
  { flag: 'version', help: 'the suite version' },
];

export const RUN_USAGE = `usage: mos-conformance run [options]
Runs the conformance scenarios against the embedded simulators (no target), or certifies a system:
  mos-conformance run --role device --target-url wss://host:8443/mos --mos-id M --ncs-id N --user U --password-env VAR

${RUN_FLAGS.map((f) => `  --${f.flag}${f.arg ? ` ${f.arg}` : ''}`.padEnd(40) + f.help).join('\n')}

Exit codes:
  ${EXIT_CODES.PASS}    pass: ${RUN_VERDICT_MEANING.PASS}
  ${EXIT_CODES.FAIL}    fail: ${RUN_VERDICT_MEANING.FAIL}
  ${EXIT_CODES.USAGE}    usage or configuration error, or a selection that matches no scenario
  ${EXIT_CODES.COULD_NOT_TEST}    could not test: the pre-flight failed (the system cannot be reached), or ${RUN_VERDICT_MEANING.COULD_NOT_TEST}
  ${EXIT_CODES.INCOMPLETE}    incomplete: ${RUN_VERDICT_MEANING.INCOMPLETE}
  ${EXIT_CODES.INTERRUPTED}  interrupted (Ctrl-C, SIGTERM): the reports hold what finished`;

export interface RunRequest {
  config: SuiteConfig;
  quiet: boolean;
  /** Also write report.html and the per-role message logs. */
  formats: boolean;
  /** A tag or feature filter narrows the run. */
  partial: boolean;
  /** Name a configuration key the way the user wrote it. */
  nameOf: (key: string) => string;
}

/** Thrown for --help / --version: print this text on stdout and exit 0. */
export class InfoRequest extends Error {
  override name = 'InfoRequest';
}

/** Parse the flags (and the --config file); configuration problems throw ConfigError, rendered by `nameOf`. */
export function parseRunArgs(argv: string[]): RunRequest {
  const options = Object.fromEntries(RUN_FLAGS.map((f) => [f.flag, { type: f.arg ? 'string' : 'boolean' } as const]));
  const { values } = parseArgs({ args: argv, strict: true, options }) as { values: Record<string, string | boolean | undefined> };
  if (values.help) throw new InfoRequest(RUN_USAGE);
  const fromFlag = new Map<string, string>();
  for (const f of RUN_FLAGS) for (const k of f.keys ?? []) fromFlag.set(k, `--${f.flag}`);
  const configFile = values.config as string | undefined;
  const setByFlag = new Set<string>();
  const nameOf = (key: string): string => (configFile && !setByFlag.has(key)) || !fromFlag.has(key) ? key : fromFlag.get(key)!;
  const fail = (e: unknown): never => {
    if (!(e instanceof ConfigError)) throw e;
    const fileKey = configFile && (!e.key || !setByFlag.has(e.key));
    throw new ConfigError(undefined, `${fileKey && e.key ? `config ${configFile}: ` : ''}${e.render(nameOf)}`);
  };
  try {
    const raw: RawConfig = configFile ? within(`config ${configFile}`, () => readConfigFile(configFile)) : {};
    const flagRaw: RawConfig = {};
    for (const f of RUN_FLAGS) {
      const v = values[f.flag];
      if (v === undefined || !f.apply) continue;
      for (const k of f.keys ?? []) setByFlag.add(k);
      f.apply(flagRaw, String(v));
    }
    const describesTarget = Object.keys(values).some((k) => TARGET_FLAGS.has(k)) || raw.target !== undefined;
    if (typeof values.role === 'string') {
      const roles = list(values.role);
      if (describesTarget) {
        if (roles.length !== 1) throw new ConfigError('target.role', `takes one role, device or nrcs, when certifying a system; got "${values.role}"`);
        target(flagRaw).role = roles[0] as 'device';
        setByFlag.add('target.role');
      } else {
        for (const r of roles) if (!['device', 'nrcs', 'verifier', 'signer'].includes(r)) throw new ConfigError('roles', `takes device, nrcs, verifier or signer; got "${r}"`);
        flagRaw.roles = roles as SuiteConfig['roles'];
        setByFlag.add('roles');
      }
    }
    const merged: RawConfig = { ...raw, ...flagRaw };
    if (raw.target || flagRaw.target) merged.target = { ...raw.target, ...flagRaw.target };
    if (raw.suiteEndpoint || flagRaw.suiteEndpoint) merged.suiteEndpoint = { ...raw.suiteEndpoint, ...flagRaw.suiteEndpoint };
    if (merged.badParamStatus !== undefined && !(Number.isInteger(merged.badParamStatus) && merged.badParamStatus >= 400 && merged.badParamStatus <= 499)) {
      throw new ConfigError('badParamStatus', `takes an HTTP status from 400 to 499, got ${merged.badParamStatus}`);
    }
    if (merged.tags !== undefined) checkTagExpression(merged.tags);
    const config = mergeConfig(defaultConfig(), merged);
    // Reports go next to the configuration file when it names the folder, else below the working
    // folder (never into the suite's own folder when it is run from elsewhere).
    const reportBase = configFile && raw.reportDir !== undefined && flagRaw.reportDir === undefined ? path.dirname(path.resolve(configFile)) : process.cwd();
    config.reportDir = path.resolve(reportBase, config.reportDir);
    checkFiles(config);
    return { config, quiet: !!values.quiet, formats: !values['results-only'], partial: merged.tags !== undefined || merged.features !== undefined, nameOf };
  } catch (e) {
    return fail(e);
  }
}

/** Problems found inside a file, prefixed with where that file came from. */
function within<T>(where: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const text = e.render();
    throw new ConfigError(undefined, text.includes('\n') ? `${where}:\n  ${text.split('\n').join('\n  ')}` : `${where}: ${text}`);
  }
}

function checkTagExpression(expr: string): void {
  try {
    parseTagExpression(expr);
  } catch (e) {
    const why = /syntax error: (.*)$/.exec((e as Error).message)?.[1] ?? (e as Error).message;
    throw new ConfigError('tags', `is not a valid tag expression: "${expr}" (${why.replace(/\.$/, '')})`);
  }
}

/** Files the run will read, checked before any scenario needs them. */
function checkFiles(config: SuiteConfig): void {
  const files: Array<[string, string | undefined]> = [
    ['target.caFile', config.target?.caFile],
    ['suiteEndpoint.certFile', config.suiteEndpoint.certFile],
    ['suiteEndpoint.keyFile', config.suiteEndpoint.keyFile],
  ];
  for (const [key, file] of files) {
    if (file === undefined) continue;
    try {
      fs.accessSync(file, fs.constants.R_OK);
    } catch {
      throw new ConfigError(key, `names a file that cannot be read: ${file}`);
    }
  }
  if (!!config.suiteEndpoint.certFile !== !!config.suiteEndpoint.keyFile) throw new ConfigError('suiteEndpoint.certFile', 'and «suiteEndpoint.keyFile» go together');
}
