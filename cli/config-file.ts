// Configuration and timing files: JSON with comments, validated against schema/config.schema.json
// (the one description of the format, also usable by editors). An unknown key gets a "did you mean".
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { parseJsonc } from '../lib/jsonc';
import { ConfigError, RawConfig } from '../suite/config';
import { ROOT } from '../reports/tool';

export const CONFIG_SCHEMA_FILE = path.join(ROOT, 'schema', 'config.schema.json');

let validators: { config: ValidateFunction; timing: ValidateFunction } | undefined;
function compiled(): NonNullable<typeof validators> {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    ajv.addSchema(JSON.parse(fs.readFileSync(CONFIG_SCHEMA_FILE, 'utf8')) as object, 'config');
    validators = { config: ajv.getSchema('config')!, timing: ajv.getSchema('config#/definitions/timing')! };
  }
  return validators;
}

/** Read a JSON-with-comments file; a syntax error names the file, line and column. */
export function readJsoncFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(undefined, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  try {
    return parseJsonc(text);
  } catch (e) {
    throw new ConfigError(undefined, `${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** A configuration file, checked against the schema; a "timing" file path is resolved next to it. */
export function readConfigFile(file: string): RawConfig {
  const raw = readJsoncFile(file);
  if (raw && typeof raw === 'object' && 'target' in raw && raw.target && typeof raw.target === 'object' && 'password' in raw.target) {
    throw new ConfigError('target.password', 'is never read from files; name the environment variable that holds it in «target.passwordEnv»');
  }
  validate('config', raw);
  const config = raw as RawConfig;
  if (typeof config.timing === 'string' && !isProfileName(config.timing)) config.timing = readTimingFile(path.resolve(path.dirname(file), config.timing));
  return config;
}

/** A custom timing profile file ({"base": "real", "sutConnectMs": 30000, …}). */
export function readTimingFile(file: string): NonNullable<RawConfig['timing']> {
  const raw = readJsoncFile(file);
  validate('timing', raw, 'timing');
  const t = raw as Exclude<RawConfig['timing'], string | undefined>;
  return { ...t, name: t.name ?? path.basename(file).replace(/\.jsonc?$/, '') };
}

function isProfileName(s: string): boolean {
  return s === 'real' || s === 'accelerated';
}

/** Check against the schema; throws one ConfigError listing every problem. */
function validate(which: 'config' | 'timing', data: unknown, prefix?: string): void {
  const v = compiled()[which];
  if (v(data)) return;
  const problems = explain(v.errors ?? [], prefix);
  const [first, ...rest] = problems;
  if (!rest.length) throw first;
  throw new ConfigError(undefined, problems.map((p) => p.render()).join('\n'));
}

/** Schema errors as ConfigErrors on dotted keys, the noise of alternatives (anyOf) left out. */
export function explain(errors: readonly ErrorObject[], prefix?: string): ConfigError[] {
  const keyOf = (instancePath: string, extra?: string): string | undefined => {
    const parts = [prefix, ...instancePath.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')), extra].filter((x): x is string => !!x);
    return parts.length ? parts.join('.') : undefined;
  };
  // Where a value has a specific complaint, "must be string" from another alternative is noise.
  const specific = new Set(errors.filter((e) => e.keyword !== 'type' && e.keyword !== 'anyOf').map((e) => e.instancePath));
  const out = new Map<string, ConfigError>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || (e.keyword === 'type' && specific.has(e.instancePath))) continue;
    const description = (e.parentSchema as { description?: string } | undefined)?.description;
    let err: ConfigError;
    switch (e.keyword) {
      case 'additionalProperties': {
        const unknown = (e.params as { additionalProperty: string }).additionalProperty;
        const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {}).filter((k) => k !== '$schema');
        const guess = didYouMean(unknown, known);
        const where = keyOf(e.instancePath);
        err = new ConfigError(undefined, `${where ? `${where} has` : 'the configuration has'} no key "${unknown}"${guess ? ` — did you mean "${guess}"?` : ` (keys: ${known.join(', ')})`}`);
        break;
      }
      case 'required': {
        const missing = (e.params as { missingProperty: string }).missingProperty;
        const d = ((e.parentSchema as { properties?: Record<string, { description?: string }> }).properties ?? {})[missing]?.description;
        err = new ConfigError(keyOf(e.instancePath, missing), `is required${d ? ` (${d})` : ''}`);
        break;
      }
      case 'enum':
        err = new ConfigError(keyOf(e.instancePath), `takes ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}; got ${JSON.stringify(e.data)}`);
        break;
      case 'pattern':
        err = new ConfigError(keyOf(e.instancePath), `is not valid: got ${JSON.stringify(e.data)}${description ? `; expected ${description}` : ''}`);
        break;
      default:
        err = new ConfigError(keyOf(e.instancePath), `${e.message ?? 'is not valid'}; got ${JSON.stringify(e.data)}${description ? ` (${description})` : ''}`);
    }
    out.set(err.message, err);
  }
  return [...out.values()];
}

/** The known name closest to a mistyped one: same letters in another case, or at most two edits away. */
export function didYouMean(typed: string, known: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: { k: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d <= Math.max(2, Math.floor(k.length / 4)) && (!best || d < best.d)) best = { k, d };
  }
  return best?.k;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
