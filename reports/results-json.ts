// results.json: the run for machines. Its format is schema/results.schema.json (checked in tests);
// the scenario rows keep the fields the fault matrix and other tools read.
import { EXIT_CODES, OUTCOMES, Outcome, RunVerdict } from '../lib/conformance/outcomes';
import type { TimingProfile } from '../suite/config';
import { ScenarioResult, countOutcomes } from './results';
import { PreflightRecord, RunRecord, SystemRecord, recordVerdict, verdictMeaning } from './run-record';
import { ToolInfo, toolInfo } from './tool';
import { SecuritySection, securitySection } from './security-section';

/** Version of the results.json format; raised on any change a reader must know about. */
export const RESULTS_SCHEMA_VERSION = 1;
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
  exitCode: number;
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
  /** The security and robustness family: verdict and source per requirement, and the hostile-input probes that ran. */
  security: SecuritySection;
  results: Array<Omit<ScenarioResult, 'attachments'>>;
}

export function exitCodeOf(r: Pick<RunRecord, 'results' | 'interrupted' | 'preflight'>): number {
  return r.interrupted ? EXIT_CODES.INTERRUPTED : EXIT_CODES[recordVerdict(r)];
}

export function resultsDocument(r: RunRecord): ResultsDocument {
  const verdict = recordVerdict(r);
  const tool = toolInfo();
  return {
    $schema: RESULTS_SCHEMA_ID,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: tool.name, version: tool.version, commit: tool.commit ?? null },
    started: r.started.toISOString(),
    finished: r.finished.toISOString(),
    durationMs: r.finished.getTime() - r.started.getTime(),
    verdict,
    verdictMeaning: verdictMeaning(r),
    exitCode: exitCodeOf(r),
    partial: r.partial,
    interrupted: r.interrupted,
    counts: { ...countOutcomes(r.results), total: r.results.length },
    outcomes: { ...OUTCOMES },
    filter: { roles: [...r.config.roles], tags: r.config.tags ?? null, features: r.config.features ?? null, selected: r.selected, available: r.available },
    timing: r.config.timing,
    systemsUnderTest: r.systems,
    preflight: r.preflight ?? null,
    faults: r.config.faults,
    security: securitySection(r.results),
    results: r.results.map(({ attachments: _a, ...row }) => row),
  };
}
