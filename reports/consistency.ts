// Checks that a run's verdicts agree with the requirement table: a Fail names a MUST, a Warning a
// SHOULD, a scenario's outcome is the worst of its verdicts, and nothing names an unknown id.
// The tests run it over every result they produce (embedded run, fault matrix, vendor zoo).
import { worstOutcome } from '../lib/conformance/outcomes';
import { isRequirement, levelOf } from '../lib/conformance/requirements';
import type { ScenarioResult } from './results';

type Row = Omit<ScenarioResult, 'attachments'>;

/** Every contradiction found, one line each (empty: consistent). */
export function contradictions(results: readonly Row[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    const at = `${r.role} ${r.location} "${r.name}"`;
    for (const v of r.verdicts) {
      if (v.requirement !== undefined && !isRequirement(v.requirement)) {
        out.push(`${at}: verdict names unknown requirement ${v.requirement}`);
        continue;
      }
      if (v.outcome === 'FAIL' && (!v.requirement || levelOf(v.requirement) !== 'MUST')) out.push(`${at}: Fail under ${v.requirement ?? 'no requirement'}, which is not a MUST`);
      if (v.outcome === 'WARNING' && (!v.requirement || levelOf(v.requirement) !== 'SHOULD')) out.push(`${at}: Warning under ${v.requirement ?? 'no requirement'}, which is not a SHOULD`);
      if (v.outcome === 'NOT_APPLICABLE') out.push(`${at}: a verdict cannot be Not applicable (the scenario is)`);
    }
    if (r.outcome === 'NOT_APPLICABLE') {
      if (!r.message) out.push(`${at}: Not applicable without a reason`);
      if (r.verdicts.some((v) => v.outcome !== 'PASS')) out.push(`${at}: Not applicable although a verdict was reached`);
      continue;
    }
    const expected = worstOutcome(r.verdicts.map((v) => v.outcome)) ?? 'PASS';
    if (r.outcome !== expected) out.push(`${at}: outcome ${r.outcome} but its verdicts make it ${expected}`);
    if ((r.outcome === 'FAIL' || r.outcome === 'WARNING' || r.outcome === 'COULD_NOT_TEST') && !r.message) out.push(`${at}: ${r.outcome} without a reason`);
  }
  return out;
}
