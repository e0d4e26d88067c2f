// The verdict per requirement: a requirement counts only what a verdict says of it. A scenario's
// other tags show "not reached" when it ended before their checks, never the scenario's failure.
// States and their order are lib/conformance/outcomes.ts's (REQUIREMENT_STATES, STATE_SEVERITY).
import { RequirementState, SEVERITY, worstState } from '../lib/conformance/outcomes';
import { REQUIREMENTS, Requirement } from '../lib/conformance/requirements';
import type { ScenarioResult } from './results';


export interface RequirementRow {
  requirement: Requirement;
  /** Each scenario that says something about the requirement, and what it says. */
  scenarios: Array<{ result: ScenarioResult; outcome: RequirementState; message?: string }>;
  /** Undefined: no scenario ran for it. */
  outcome?: RequirementState;
}

/** What one scenario says about one requirement, if anything. */
export function outcomeFor(r: ScenarioResult, id: string): { outcome: RequirementState; message?: string } | undefined {
  const named = r.verdicts.filter((v) => v.requirement === id && v.outcome !== 'COULD_NOT_TEST');
  const worst = SEVERITY.find((o) => named.some((v) => v.outcome === o));
  if (worst) return { outcome: worst, message: named.find((v) => v.outcome === worst)?.message };
  if (!r.requirements.includes(id)) return undefined;
  if (r.outcome === 'NOT_APPLICABLE') return { outcome: 'NOT_APPLICABLE', message: r.message };
  if (r.outcome === 'COULD_NOT_TEST') return { outcome: 'COULD_NOT_TEST', message: r.message };
  return r.completed ? { outcome: 'PASS' } : { outcome: 'NOT_REACHED', message: r.message };
}

export function requirementRows(results: readonly ScenarioResult[], requirements: readonly Requirement[] = REQUIREMENTS): RequirementRow[] {
  return requirements.map((requirement) => {
    const scenarios = results.flatMap((result) => {
      const o = outcomeFor(result, requirement.id);
      return o ? [{ result, ...o }] : [];
    });
    return { requirement, scenarios, outcome: worstState(scenarios.map((s) => s.outcome)) };
  });
}
