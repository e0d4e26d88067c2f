// How a step states a judgement. Each names exactly one requirement; its level in
// lib/conformance/requirements.ts decides the outcome (MUST -> Fail, SHOULD -> Warning), so a
// step cannot contradict the requirement table. A precondition that failed is "could not test".
import { CheckVerdict, Outcome, worstOutcome } from '../lib/conformance/outcomes';
import { levelOf } from '../lib/conformance/requirements';
import { tlsVersionDefectIn } from '../lib/transport/connect-error';

/** The system under test broke `requirement`. */
export class Verdict extends Error {
  override name = 'Verdict';
  readonly outcome: Outcome;
  constructor(readonly requirement: string, readonly reason: string) {
    super(`[${requirement}] ${reason}`);
    this.outcome = levelOf(requirement) === 'MUST' ? 'FAIL' : 'WARNING';
  }
}

/** A precondition failed, so the scenario's own requirement was never reached; names what blocked it. */
export class CouldNotTest extends Error {
  override name = 'CouldNotTest';
  constructor(readonly requirement: string | undefined, readonly reason: string) {
    super(`${requirement ? `[blocked by ${requirement}] ` : ''}${reason}`);
    if (requirement) levelOf(requirement); // an unknown id is a defect of the suite
  }
}

/** The scenario turned out not to apply (e.g. the operator said the action is not possible). */
export class NotApplicable extends Error {
  override name = 'NotApplicable';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Turn whatever ended a scenario into the verdict it stands for. */
export function verdictOfError(e: unknown): CheckVerdict {
  if (e instanceof Verdict) return { requirement: e.requirement, outcome: e.outcome, message: e.reason };
  // A connection the system refused below TLS 1.2 blocks many scenarios; each names that defect.
  if (e instanceof CouldNotTest) return { requirement: e.requirement ?? tlsVersionDefectIn(e.reason), outcome: 'COULD_NOT_TEST', message: e.reason };
  const message = e instanceof Error ? e.message : String(e);
  // Anything else is not a judgement of the system: a suite defect or an unexpected condition.
  return { outcome: 'COULD_NOT_TEST', message: `the suite could not complete this scenario: ${firstLine(message)}` };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** A scenario's outcome from its verdicts: the worst of them, Pass when there are none. */
export function scenarioOutcome(verdicts: readonly CheckVerdict[], notApplicable?: string): Outcome {
  if (notApplicable !== undefined && verdicts.every((v) => v.outcome === 'PASS')) return 'NOT_APPLICABLE';
  return worstOutcome(verdicts.map((v) => v.outcome)) ?? 'PASS';
}

/** Media type of the attachment that carries a scenario's outcome to the result collector. */
export const SCENARIO_MEDIA_TYPE = 'application/vnd.mosws.scenario+json';
/** Media type of the attachment that carries a scenario's transcript (redacted TranscriptEntry[]). */
export const TRANSCRIPT_MEDIA_TYPE = 'application/vnd.mosws.transcript+json';

export interface ScenarioRecord {
  outcome: Outcome;
  verdicts: CheckVerdict[];
  /** Every step ran: requirements the scenario is tagged with were all reached. */
  completed: boolean;
  notApplicable?: string;
}
