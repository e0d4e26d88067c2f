// results.json: the run for machines. Its format is schema/results.schema.json (checked in tests);
// the scenario rows keep the fields the fault matrix and other tools read.
import { OUTCOMES, Outcome, RunVerdict } from '../lib/conformance/outcomes';
import type { TimingProfile } from '../suite/config';
import { ScenarioResult, countOutcomes } from './results';
import { CertifiedScope, PreflightRecord, RunRecord, SystemRecord } from './run-record';
import { ToolInfo, toolInfo } from './tool';

/** Version of the results.json format; raised on any change a reader must know about. */
export const RESULTS_SCHEMA_VERSION = 2;
export const RESULTS_SCHEMA_ID = 'https://mos-ws-conformance.invalid/schema/results.schema.json';

export interface ResultsDocument {
  $schema: string;
  schemaVersion: number;
  tool: Omit<ToolInfo, 'commit'> & { commit: string | null };
  started: string;
  finished: string;
  durationMs: number;
  verdict: RunVerdict;
  verdictMeaning: string;
  /** The one-line headline: the verdict and what was certified. */
  headline: string;
  exitCode: number;
  /** What was certified: role, capabilities, profiles, operator, scenarios applied; `full` for CI gates. */
  scope: CertifiedScope;
  partial: boolean;
  interrupted: boolean;
  counts: Record<Outcome, number> & { total: number };
  /** What each outcome means (the one enumeration of lib/conformance/outcomes.ts). */
  outcomes: Record<Outcome, string>;
  filter: { roles: string[]; tags: string | null; features: string | null; selected: number; available: number };
  timing: TimingProfile;
  systemsUnderTest: SystemRecord[];
  preflight: PreflightRecord | null;
  faults: string[];
  results: Array<Omit<ScenarioResult, 'attachments'>>;
}

export function resultsDocument(r: RunRecord): ResultsDocument {
  const tool = toolInfo();
  return {
    $schema: RESULTS_SCHEMA_ID,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: tool.name, version: tool.version, commit: tool.commit ?? null },
    started: r.started.toISOString(),
    finished: r.finished.toISOString(),
    durationMs: r.finished.getTime() - r.started.getTime(),
    verdict: r.verdict,
    verdictMeaning: r.verdictMeaning,
    headline: r.headline,
    exitCode: r.exitCode,
    scope: r.scope,
    partial: r.partial,
    interrupted: r.interrupted,
    counts: { ...countOutcomes(r.results), total: r.results.length },
    outcomes: { ...OUTCOMES },
    filter: { roles: [...r.config.roles], tags: r.config.tags ?? null, features: r.config.features ?? null, selected: r.selected, available: r.available },
    timing: r.config.timing,
    systemsUnderTest: r.systems,
    preflight: r.preflight ?? null,
    faults: r.config.faults,
    results: r.results.map(({ attachments: _a, ...row }) => row),
  };
}
