// Reading results.json files back: the one place that knows their layout, for `collate` and
// `compare`. It reads defensively: files of older suite versions (without fields added later, such
// as the certified scope or the verdict carried in the record) still read, and a field of an
// unexpected type is treated as absent, never as a crash. A file that is not a results.json at all
// is refused with one reason.
import fs from 'node:fs';
import path from 'node:path';
import { OUTCOMES, Outcome, RunVerdict } from '../lib/conformance/outcomes';
import type { CheckVerdict } from '../lib/conformance/outcomes';
import type { ScenarioResult } from './results';
import { REPORT_FILES } from './report-files';

/** A scenario row as results.json holds it (ScenarioResult without attachments). */
export type ScenarioRow = Omit<ScenarioResult, 'attachments'>;

/** What a system said of itself in listMachInfo; every field optional (not reported, older files). */
export interface MachineIdentity {
  manufacturer?: string;
  model?: string;
  swRev?: string;
  hwRev?: string;
  mosRev?: string;
}

/** One system under test of one run: a column of the interop matrix. */
export interface RunSystem {
  role: string;
  kind: 'vendor' | 'embedded' | 'unknown';
  url?: string;
  mosID?: string;
  ncsID?: string;
  machine?: MachineIdentity;
  /** Named faults the embedded simulator ran with (a self-check): a different system than without. */
  faults?: string[];
  /** What the run certified for this role, when the file says (newer files: capabilities, profiles). */
  scope?: { capabilities?: string[]; profiles?: number[] };
}

export interface ToolRecord {
  name: string;
  version: string;
  commit: string | null;
}

/** One results.json, read. */
export interface RunFile {
  /** The file as found (absolute). */
  file: string;
  tool: ToolRecord;
  started?: string;
  finished?: string;
  verdict?: RunVerdict;
  exitCode?: number;
  partial: boolean;
  interrupted: boolean;
  /** The pre-flight failed: nothing was run. */
  preflightFailed: boolean;
  faults: string[];
  systems: RunSystem[];
  results: ScenarioRow[];
  /** report.html next to the file, when there is one. */
  report?: string;
}

export class ResultsFileError extends Error {}

const OUTCOME_KEYS = new Set(Object.keys(OUTCOMES));
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');

function outcomeOf(v: unknown): Outcome | undefined {
  return typeof v === 'string' && OUTCOME_KEYS.has(v) ? (v as Outcome) : undefined;
}

function readVerdict(v: unknown): CheckVerdict | undefined {
  const o = obj(v);
  const outcome = outcomeOf(o?.outcome);
  if (!o || !outcome) return undefined;
  return { outcome, message: typeof o.message === 'string' ? o.message : '', ...(str(o.requirement) ? { requirement: str(o.requirement)! } : {}) };
}

function readRow(v: unknown): ScenarioRow | undefined {
  const o = obj(v);
  const outcome = outcomeOf(o?.outcome);
  if (!o || !outcome || !str(o.name)) return undefined;
  const tags = strings(o.tags);
  return {
    role: str(o.role) ?? 'unknown',
    uri: str(o.uri) ?? '',
    location: str(o.location) ?? str(o.uri) ?? '',
    name: str(o.name)!,
    tags,
    requirements: Array.isArray(o.requirements) ? strings(o.requirements) : tags.filter((t) => t.startsWith('@req:')).map((t) => t.slice(5)),
    outcome,
    verdicts: arr(o.verdicts).map(readVerdict).filter((x): x is CheckVerdict => !!x),
    completed: o.completed !== false,
    ...(typeof o.message === 'string' ? { message: o.message } : {}),
    durationMs: typeof o.durationMs === 'number' ? o.durationMs : 0,
  };
}

function readMachine(v: unknown): MachineIdentity | undefined {
  const o = obj(v);
  if (!o || o.reported !== true) return undefined;
  const m: MachineIdentity = {};
  for (const k of ['manufacturer', 'model', 'swRev', 'hwRev', 'mosRev'] as const) if (str(o[k])) m[k] = str(o[k]);
  return m;
}

function readSystem(v: unknown, certified: Record<string, unknown> | undefined): RunSystem | undefined {
  const o = obj(v);
  const role = str(o?.role);
  if (!o || !role) return undefined;
  const kind = o.kind === 'vendor' || o.kind === 'embedded' ? o.kind : 'unknown';
  const machine = readMachine(o.machineInfo);
  // The certified scope, where newer files carry it (per system or per run); capabilities of older files.
  const scopeOf = obj(o.scope) ?? obj(certified?.[role]) ?? certified;
  const capabilities = strings(scopeOf?.capabilities ?? o.capabilities);
  const profiles = arr(scopeOf?.profiles).filter((x): x is number => typeof x === 'number');
  return {
    role,
    kind,
    ...(str(o.url) ? { url: str(o.url) } : {}),
    ...(str(o.mosID) ? { mosID: str(o.mosID) } : {}),
    ...(str(o.ncsID) ? { ncsID: str(o.ncsID) } : {}),
    ...(machine ? { machine } : {}),
    ...(capabilities.length || profiles.length ? { scope: { ...(capabilities.length ? { capabilities } : {}), ...(profiles.length ? { profiles } : {}) } } : {}),
  };
}

/** Reads one results.json; throws ResultsFileError with the reason when it is not one. */
export function readResultsFile(file: string): RunFile {
  const abs = path.resolve(file);
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(abs, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new ResultsFileError(`${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code ? err.message : `not JSON (${err.message})`}`);
  }
  const d = obj(doc);
  if (!d || !Array.isArray(d.results) || !obj(d.tool)) throw new ResultsFileError(`${file}: not a results.json of this suite (no "tool" and "results")`);
  const t = obj(d.tool)!;
  const tool: ToolRecord = { name: str(t.name) ?? 'unknown', version: str(t.version) ?? 'unknown', commit: str(t.commit) ?? null };
  const certified = obj(d.scope) ?? obj(d.certified);
  const results = d.results.map(readRow).filter((x): x is ScenarioRow => !!x);
  const faults = strings(d.faults);
  let systems = arr(d.systemsUnderTest).map((s) => readSystem(s, certified)).filter((x): x is RunSystem => !!x);
  if (faults.length) systems = systems.map((s) => (s.kind === 'embedded' ? { ...s, faults } : s));
  // Older files may not list the systems: one per role that has results.
  for (const role of new Set(results.map((r) => r.role))) if (!systems.some((s) => s.role === role)) systems.push({ role, kind: 'unknown' });
  // A role without scenarios (filtered away) is no column, unless nothing ran at all (failed pre-flight).
  const preflightFailed = obj(d.preflight)?.ok === false;
  if (results.length) systems = systems.filter((s) => results.some((r) => r.role === s.role));
  const verdict = d.verdict === 'PASS' || d.verdict === 'FAIL' || d.verdict === 'COULD_NOT_TEST' ? d.verdict : undefined;
  const report = path.join(path.dirname(abs), REPORT_FILES.html);
  return {
    file: abs,
    tool,
    ...(str(d.started) ? { started: str(d.started) } : {}),
    ...(str(d.finished) ? { finished: str(d.finished) } : {}),
    ...(verdict ? { verdict } : {}),
    ...(typeof d.exitCode === 'number' ? { exitCode: d.exitCode } : {}),
    partial: d.partial === true,
    interrupted: d.interrupted === true,
    preflightFailed,
    faults,
    systems,
    results,
    ...(fs.existsSync(report) ? { report } : {}),
  };
}

/** Every results.json named, or found below a named folder (sorted, so a matrix is reproducible). */
export function findResultsFiles(paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') walk(p);
      else if (e.isFile() && e.name === REPORT_FILES.results) found.push(p);
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw new ResultsFileError(`${p}: no such file or folder`);
    }
    if (st.isDirectory()) {
      const before = found.length;
      walk(p);
      if (found.length === before) throw new ResultsFileError(`${p}: no ${REPORT_FILES.results} below this folder`);
    } else found.push(p);
  }
  return found;
}

/** A system's name as the matrix shows it: what it reported in listMachInfo, else what the run knew. */
export function systemName(s: RunSystem): string {
  const m = s.machine;
  if (m && (m.manufacturer || m.model)) return [m.manufacturer, m.model, m.swRev && `sw ${m.swRev}`].filter(Boolean).join(' ');
  if (s.kind === 'embedded') return `embedded simulator${s.faults?.length ? `, fault ${s.faults.join(', ')}` : ''}`;
  // Not reported (a system that only dials is not asked): its own identity as configured.
  const own = s.role === 'nrcs' ? s.ncsID : s.mosID;
  return s.url ?? (own ? `${own} (listMachInfo not reported)` : 'listMachInfo not reported');
}

/** The identity two runs of "the same system" share: listMachInfo's identity (or the URL) and the role. */
export function systemKey(s: RunSystem): string {
  const m = s.machine;
  const who = m && (m.manufacturer || m.model) ? `${m.manufacturer ?? ''}|${m.model ?? ''}|${m.swRev ?? ''}` : s.kind === 'embedded' ? `embedded${s.faults?.length ? `+${s.faults.join('+')}` : ''}` : s.url ?? s.mosID ?? 'unknown';
  return `${s.role}|${who}`;
}

/** The suite that judged a run: version and short commit. */
export function suiteLabel(t: ToolRecord): string {
  return `${t.version}${t.commit ? ` (${t.commit.slice(0, 12)}${t.commit.endsWith('-dirty') ? '-dirty' : ''})` : ''}`;
}

/**
 * A stable key of a scenario across runs and suite versions: role, feature file and name, and for
 * rows sharing those (outline examples) their order within the file. Lines move when a feature is
 * edited; names and order rarely do.
 */
export function scenarioKeys(rows: readonly ScenarioRow[]): Map<string, ScenarioRow> {
  const keys = new Map<string, ScenarioRow>();
  const seen = new Map<string, number>();
  const line = (r: ScenarioRow): number => Number(/:(\d+)$/.exec(r.location)?.[1] ?? 0);
  for (const r of [...rows].sort((a, b) => line(a) - line(b))) {
    const base = `${r.role}|${r.uri}|${r.name}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    keys.set(n ? `${base}|#${n + 1}` : base, r);
  }
  return keys;
}
