// What a run produced, as the reports need it: the scenario results and everything around them
// (which systems, which selection, the pre-flight), and the run's verdict and certified scope,
// computed once here when the record is built. results.json, junit.xml, report.html, the console
// summary and the exit code all read them from the record, so they cannot disagree.
import { EXIT_CODES, RUN_VERDICT_LABEL, RUN_VERDICT_MEANING, RunVerdict, runVerdict } from '../lib/conformance/outcomes';
import { CAPABILITIES, Capability, EMBEDDED_IDS, REQUIRED_CAPABILITIES, SuiteConfig, SuiteRole, dialsTheSuite, suiteEndpointUrl } from '../suite/config';
import { REFERENCE_PROFILES } from '../simulators/mos-peer';
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

export type PreflightStage = 'tcp' | 'tls' | 'upgrade' | 'listMachInfo' | 'http';

export interface PreflightRecord {
  target: string;
  ok: boolean;
  stages: Array<{ stage: PreflightStage; ok: boolean; detail: string }>;
  /** Why the system cannot be tested, in one line (when not ok). */
  reason?: string;
  machineInfo: MachineFacts;
  ms: number;
}

/** What a run gathered, before it is judged. */
export interface RunInput {
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

/** What one role was certified for: what was declared, what was left out, how many scenarios applied. */
export interface RoleScope {
  role: SuiteRole;
  kind: 'vendor' | 'embedded';
  /** MOS roles: the capabilities declared (the embedded simulators have all). */
  capabilities?: Capability[];
  /** MOS roles: capabilities the suite knows that were not declared (their scenarios were not applicable). */
  undeclared?: Capability[];
  /** MOS roles: undeclared capabilities the role MUST have, with the requirement that says so. */
  mustUndeclared?: Array<{ capability: Capability; requirement: string }>;
  /** MOS roles: the MOS profiles declared (null: none declared, so only profile 0 ran). */
  profiles?: number[] | null;
  /** MOS roles: how operator actions were triggered (none: the operator scenarios were not applicable). */
  operator?: 'none' | 'prompt' | 'command' | 'simulator';
  /** Scenarios of this role that ran, and how many of them applied (not "not applicable"). */
  scenarios: number;
  applied: number;
}

/** What the run certifies: per role, and whether it is the whole of what the suite can certify. */
export interface CertifiedScope {
  /**
   * True when nothing was left out: no tag or feature filter, every capability declared, an operator
   * available. CI that needs a full certification gates on verdict PASS and scope.full.
   */
  full: boolean;
  /** One line: per role capabilities, profiles, operator, scenarios applied ("; " between roles). */
  summary: string;
  roles: RoleScope[];
}

/** A run with its judgement. Build it with buildRunRecord; nothing else computes a run verdict. */
export interface RunRecord extends RunInput {
  verdict: RunVerdict;
  /** What the verdict means for this run. */
  verdictMeaning: string;
  /** The one-line headline: the verdict and what was certified. */
  headline: string;
  /** The process exit code of the run (lib/conformance/outcomes.ts EXIT_CODES). */
  exitCode: number;
  scope: CertifiedScope;
}

/** Judge the run once: verdict, meaning, headline, exit code and certified scope. */
export function buildRunRecord(input: RunInput): RunRecord {
  const scope = certifiedScope(input);
  const preflightFailed = !!input.preflight && !input.preflight.ok;
  const mustUndeclared = scope.roles.flatMap((r) => r.mustUndeclared ?? []);
  const verdict = runVerdict(input.results.map((x) => x.outcome), { judged: !input.interrupted && !preflightFailed, mustUndeclared: mustUndeclared.length > 0 });
  const meaning = input.interrupted
    ? 'the run was interrupted: only the scenarios that finished are reported, not a certification'
    : preflightFailed
      ? `the pre-flight failed, so no scenario was run: ${input.preflight!.reason ?? 'the system could not be reached'}`
      : RUN_VERDICT_MEANING[verdict];
  return { ...input, verdict, verdictMeaning: meaning, headline: headlineOf(input, verdict, scope), exitCode: input.interrupted ? EXIT_CODES.INTERRUPTED : EXIT_CODES[verdict], scope };
}

function certifiedScope(r: RunInput): CertifiedScope {
  const t = r.config.target;
  const roles = r.config.roles.map((role): RoleScope => {
    const rs = r.results.filter((x) => x.role === role);
    const counts = { scenarios: rs.length, applied: rs.filter((x) => x.outcome !== 'NOT_APPLICABLE').length };
    if (role === 'verifier' || role === 'signer') return { role, kind: r.config.stream[role] ? 'vendor' : 'embedded', ...counts };
    if (!t) return { role, kind: 'embedded', capabilities: [...CAPABILITIES], undeclared: [], mustUndeclared: [], profiles: [...REFERENCE_PROFILES], operator: 'simulator', ...counts };
    const declared = new Set(t.capabilities);
    return {
      role,
      kind: 'vendor',
      capabilities: [...t.capabilities],
      undeclared: CAPABILITIES.filter((c) => !declared.has(c)),
      mustUndeclared: REQUIRED_CAPABILITIES[t.role].filter((c) => !declared.has(c.capability)).map((c) => ({ ...c })),
      profiles: t.profiles ? [...t.profiles] : null,
      operator: t.operatorCommand ? 'command' : t.operator ? 'prompt' : 'none',
      ...counts,
    };
  });
  const full = !r.partial && roles.every((x) => !x.undeclared?.length && x.operator !== 'none');
  return { full, summary: roles.map(roleScopeLine).join('; '), roles };
}

/** "nrcs (vendor): capabilities listens, connects; profiles 0, 1; operator prompt — 40 of 63 scenarios applied" */
export function roleScopeLine(s: RoleScope): string {
  const parts: string[] = [];
  if (s.capabilities) parts.push(`capabilities ${s.capabilities.join(', ') || 'none'}`);
  if (s.profiles !== undefined) parts.push(s.profiles === null ? 'profiles not declared (profile 0 only)' : `profiles ${s.profiles.join(', ')}`);
  if (s.operator) parts.push(`operator ${s.operator}`);
  return `${s.role} (${s.kind === 'embedded' ? 'embedded simulator' : 'vendor'})${parts.length ? `: ${parts.join('; ')}` : ''} — ${s.applied} of ${s.scenarios} scenarios applied`;
}

function headlineOf(r: RunInput, verdict: RunVerdict, scope: CertifiedScope): string {
  if (r.interrupted) return 'Run interrupted: not a complete verdict';
  if (r.preflight && !r.preflight.ok) return `Could not test: ${r.preflight.reason ?? 'the pre-flight failed'}`;
  const count = (o: ScenarioResult['outcome']): number => r.results.filter((x) => x.outcome === o).length;
  const missing = scope.roles.flatMap((x) => (x.mustUndeclared ?? []).map((m) => `the ${x.role} did not declare ${m.capability}, which ${m.requirement} makes a MUST`));
  const limits = scope.roles.flatMap((x) => [...(x.undeclared?.length ? [`${x.role} without ${x.undeclared.join(', ')}`] : []), ...(x.operator === 'none' ? [`${x.role} without an operator`] : [])]);
  const partial = r.partial ? ' (partial run)' : '';
  const applied = scope.roles.reduce((a, x) => a + x.applied, 0);
  const what = scope.roles.map((x) => x.role).join(', ');
  const plural = (n: number): string => `${n} scenario${n === 1 ? '' : 's'}`;
  switch (verdict) {
    case 'FAIL':
      return `${RUN_VERDICT_LABEL.FAIL}: ${plural(count('FAIL'))} of the ${what} failed a MUST requirement${partial}`;
    case 'COULD_NOT_TEST':
      return `${RUN_VERDICT_LABEL.COULD_NOT_TEST}: ${plural(count('COULD_NOT_TEST'))} of the ${what} could not be tested${partial}`;
    case 'INCOMPLETE':
      return `${RUN_VERDICT_LABEL.INCOMPLETE}, not certified: ${missing.join('; ')} (${applied} applicable scenario${applied === 1 ? '' : 's'} passed)${partial}`;
    case 'PASS':
      return scope.full
        ? `Certified, full scope: every applicable scenario of the ${what} passed (${applied} applied)`
        : `Passed, limited scope${partial}: ${applied} applicable scenario${applied === 1 ? '' : 's'} of the ${what} passed${limits.length ? `; not covered: ${limits.join('; ')}` : ''}`;
  }
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
