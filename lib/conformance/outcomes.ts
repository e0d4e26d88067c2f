// The result states of the suite: one enumeration, each with its one-line meaning, written once.
// Scenario outcomes, requirement rows, the console, results.json, JUnit and the HTML report all read
// from here (after the AMWA NMOS Testing Tool's result states).

export const OUTCOMES = {
  PASS: 'every check of the scenario held',
  FAIL: 'a MUST requirement was not met',
  WARNING: 'a SHOULD requirement was not met',
  COULD_NOT_TEST: 'a precondition failed before the requirement could be judged; the verdict names the requirement that blocked it',
  NOT_APPLICABLE: 'the role, a declared capability or the operator excludes the scenario',
} as const;

export type Outcome = keyof typeof OUTCOMES;

export const OUTCOME_LABEL: Record<Outcome, string> = {
  PASS: 'Pass',
  FAIL: 'Fail',
  WARNING: 'Warning',
  COULD_NOT_TEST: 'Could not test',
  NOT_APPLICABLE: 'Not applicable',
};

/**
 * What the reports say of one requirement: a scenario outcome, or "not reached" (the scenario ended
 * before the requirement's own check, so it was neither judged nor excluded). Not a scenario outcome:
 * a scenario always ends in one of OUTCOMES.
 */
export const REQUIREMENT_STATES = {
  ...OUTCOMES,
  NOT_REACHED: "the scenario ended before this requirement's check (an earlier step decided its outcome); the requirement was not judged",
} as const;

export type RequirementState = keyof typeof REQUIREMENT_STATES;

export const STATE_LABEL: Record<RequirementState, string> = { ...OUTCOME_LABEL, NOT_REACHED: 'Not reached' };

/**
 * The one severity order, worst first. A scenario (or requirement, or run) takes the first of these
 * that any of its verdicts has. "Not reached" sits with "could not test": both are short of a test.
 */
export const STATE_SEVERITY: readonly RequirementState[] = ['FAIL', 'COULD_NOT_TEST', 'NOT_REACHED', 'WARNING', 'PASS', 'NOT_APPLICABLE'];

/** The same order restricted to scenario outcomes. */
export const SEVERITY: readonly Outcome[] = STATE_SEVERITY.filter((s): s is Outcome => s in OUTCOMES);

export function worstOutcome(outcomes: Iterable<Outcome>): Outcome | undefined {
  const seen = new Set(outcomes);
  return SEVERITY.find((o) => seen.has(o));
}

export function worstState(states: Iterable<RequirementState>): RequirementState | undefined {
  const seen = new Set(states);
  return STATE_SEVERITY.find((o) => seen.has(o));
}

/** One judgement of one requirement within a scenario. */
export interface CheckVerdict {
  /** The one requirement judged; absent only when the suite itself could not go on. */
  requirement?: string;
  outcome: Outcome;
  message: string;
}

/**
 * The verdict of a whole run. INCOMPLETE: nothing that was tested failed or went untested, but the
 * system left a capability undeclared that its role MUST have (e.g. an NRCS without passive-active,
 * MOSWS-PASSIVE-4), so part of what the proposal requires of it was never tested.
 */
export type RunVerdict = 'PASS' | 'FAIL' | 'COULD_NOT_TEST' | 'INCOMPLETE';

/** Worst first. */
export const RUN_VERDICT_SEVERITY: readonly RunVerdict[] = ['FAIL', 'COULD_NOT_TEST', 'INCOMPLETE', 'PASS'];

export const RUN_VERDICT_LABEL: Record<RunVerdict, string> = { PASS: 'Pass', FAIL: 'Fail', COULD_NOT_TEST: 'Could not test', INCOMPLETE: 'Incomplete' };

export const RUN_VERDICT_MEANING: Record<RunVerdict, string> = {
  PASS: 'no scenario failed and every applicable scenario could be tested (warnings are listed); certified for the scope stated',
  FAIL: 'at least one MUST requirement was not met',
  COULD_NOT_TEST: 'no MUST failed, but some scenarios could not be tested: not a certification',
  INCOMPLETE: 'no MUST failed in what was tested, but a capability the role MUST have was not declared, so it was not tested: not a certification',
};

/** Process exit codes of `run`, one per run verdict plus usage errors and interruption. */
export const EXIT_CODES = { PASS: 0, FAIL: 1, USAGE: 2, COULD_NOT_TEST: 3, INCOMPLETE: 4, INTERRUPTED: 130 } as const;

/**
 * The run verdict, from what decides it: the scenario outcomes, whether the run could be judged at
 * all (interrupted, pre-flight failed) and whether a MUST capability was left undeclared.
 */
export function runVerdict(outcomes: Iterable<Outcome>, run: { judged?: boolean; mustUndeclared?: boolean } = {}): RunVerdict {
  if (run.judged === false) return 'COULD_NOT_TEST';
  const seen = new Set(outcomes);
  if (seen.has('FAIL')) return 'FAIL';
  if (seen.has('COULD_NOT_TEST')) return 'COULD_NOT_TEST';
  if (run.mustUndeclared) return 'INCOMPLETE';
  return 'PASS';
}
