// What a run produced, as the reports need it: the scenario results and everything around them
// (which systems, which selection, the pre-flight). One record feeds results.json, junit.xml,
// report.html and the console summary, so they cannot disagree.
import { RUN_VERDICT_MEANING, RunVerdict, runVerdict } from '../lib/conformance/outcomes';
import { CAPABILITIES, Capability, EMBEDDED_IDS, SuiteConfig, dialsTheSuite, suiteEndpointUrl } from '../suite/config';
import type { ScenarioResult } from './results';

/** What the system said of itself in listMachInfo (asked over the pre-flight connection). */
export type MachineFacts =
  | { reported: true; manufacturer?: string; model?: string; hwRev?: string; swRev?: string; mosRev?: string; supportedProfiles: number[] }
  | { reported: false; reason: string };

export interface SystemRecord {
  role: string;
  kind: 'vendor' | 'embedded';
  /** The system's endpoint (listening MOS system, verifier or signer), secrets redacted. */
  url?: string;
  mosID?: string;
  ncsID?: string;
  username?: string;
  capabilities?: Capability[];
  /** How operator actions are triggered: nobody, a person at prompts, or a command. */
  operator?: 'none' | 'prompt' | 'command';
  /** The URL a connecting system is configured with (when it connects). */
  suiteEndpoint?: string;
  machineInfo?: MachineFacts;
}

export type PreflightStage = 'tcp' | 'tls' | 'upgrade' | 'listMachInfo';

export interface PreflightRecord {
  target: string;
  ok: boolean;
  stages: Array<{ stage: PreflightStage; ok: boolean; detail: string }>;
  /** Why the system cannot be tested, in one line (when not ok). */
  reason?: string;
  machineInfo: MachineFacts;
  ms: number;
}

export interface RunRecord {
  config: SuiteConfig;
  results: ScenarioResult[];
  started: Date;
  finished: Date;
  /** Scenarios the selection held (all roles), and how many there are without a tag or feature filter. */
  selected: number;
  available: number;
  partial: boolean;
  interrupted: boolean;
  preflight?: PreflightRecord;
  systems: SystemRecord[];
}

/** The run verdict: from the scenarios, unless the run could not be judged as a whole. */
export function recordVerdict(r: Pick<RunRecord, 'results' | 'interrupted' | 'preflight'>): RunVerdict {
  if (r.interrupted || (r.preflight && !r.preflight.ok)) return 'COULD_NOT_TEST';
  return runVerdict(r.results.map((x) => x.outcome));
}

/** What the verdict means for this run: the run verdict's meaning, or why the run could not be judged. */
export function verdictMeaning(r: Pick<RunRecord, 'results' | 'interrupted' | 'preflight'>): string {
  if (r.interrupted) return 'the run was interrupted: only the scenarios that finished are reported, not a certification';
  if (r.preflight && !r.preflight.ok) return `the pre-flight failed, so no scenario was run: ${r.preflight.reason ?? 'the system could not be reached'}`;
  return RUN_VERDICT_MEANING[recordVerdict(r)];
}

/** What the report says about each system under test (before the pre-flight adds listMachInfo). */
export function describeSystems(config: SuiteConfig): SystemRecord[] {
  const t = config.target;
  return config.roles.map((role): SystemRecord => {
    if (role === 'verifier') return config.stream.verifier ? { role, kind: 'vendor', url: config.stream.verifier.resourceUrl } : { role, kind: 'embedded' };
    if (role === 'signer') return config.stream.signer ? { role, kind: 'vendor', url: config.stream.signer.url } : { role, kind: 'embedded' };
    if (!t) return { role, kind: 'embedded', ...EMBEDDED_IDS, capabilities: [...CAPABILITIES], machineInfo: { reported: false, reason: 'the embedded simulator is not asked' } };
    return {
      role,
      kind: 'vendor',
      ...(t.url ? { url: t.url } : {}),
      mosID: t.mosID,
      ncsID: t.ncsID,
      ...(t.username ? { username: t.username } : {}),
      capabilities: [...t.capabilities],
      operator: t.operatorCommand ? 'command' : t.operator ? 'prompt' : 'none',
      ...(dialsTheSuite(t) ? { suiteEndpoint: suiteEndpointUrl(config.suiteEndpoint) } : {}),
      machineInfo: { reported: false, reason: t.url ? 'no pre-flight was made' : 'the system does not listen; listMachInfo is asked only over the pre-flight connection to a listening system' },
    };
  });
}
