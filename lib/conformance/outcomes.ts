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

/** Worst first: a scenario (or requirement) takes the first of these that any of its verdicts has. */
export const SEVERITY: readonly Outcome[] = ['FAIL', 'COULD_NOT_TEST', 'WARNING', 'PASS', 'NOT_APPLICABLE'];

export function worstOutcome(outcomes: Iterable<Outcome>): Outcome | undefined {
  const seen = new Set(outcomes);
  return SEVERITY.find((o) => seen.has(o));
}

/** One judgement of one requirement within a scenario. */
export interface CheckVerdict {
  /** The one requirement judged; absent only when the suite itself could not go on. */
  requirement?: string;
  outcome: Outcome;
  message: string;
}

/** The verdict of a whole run. */
export type RunVerdict = 'PASS' | 'FAIL' | 'COULD_NOT_TEST';

export const RUN_VERDICT_MEANING: Record<RunVerdict, string> = {
  PASS: 'no scenario failed and every applicable scenario could be tested (warnings are listed)',
  FAIL: 'at least one MUST requirement was not met',
  COULD_NOT_TEST: 'no MUST failed, but some scenarios could not be tested: not a certification',
};

/** Process exit codes of `run`, one per run verdict plus usage errors and interruption. */
export const EXIT_CODES = { PASS: 0, FAIL: 1, USAGE: 2, COULD_NOT_TEST: 3, INTERRUPTED: 130 } as const;

export function runVerdict(outcomes: Iterable<Outcome>): RunVerdict {
  const seen = new Set(outcomes);
  if (seen.has('FAIL')) return 'FAIL';
  if (seen.has('COULD_NOT_TEST')) return 'COULD_NOT_TEST';
  return 'PASS';
}
