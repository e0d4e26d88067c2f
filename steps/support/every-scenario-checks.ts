// Checks that hold in every MOS scenario, whatever it is about: each judges one requirement on
// everything the system under test sent during the scenario. They add verdicts; they never end
// the scenario early, so a scenario's own verdict is kept beside them.
import { CheckVerdict } from '../../lib/conformance/outcomes';
import { isDeprecated } from '../../lib/mos/catalogue';
import { TranscriptEntry } from '../../lib/transport/transcript';
import type { MosWorld } from './world';

export type EveryScenarioCheck = (w: MosWorld, received: readonly TranscriptEntry[]) => CheckVerdict | undefined;

/** MOS messages the suite received from the system under test during the scenario. */
export function receivedFromSut(w: MosWorld): TranscriptEntry[] {
  return w.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in');
}

const deprecatedMessages: EveryScenarioCheck = (_w, received) => {
  const names = [...new Set(received.filter((e) => e.message && isDeprecated(e.message)).map((e) => e.message))];
  return names.length ? { requirement: 'MOSWS-DEPR-1', outcome: 'FAIL', message: `the system under test sent deprecated ${names.join(', ')}` } : undefined;
};

export const EVERY_SCENARIO_CHECKS: readonly EveryScenarioCheck[] = [deprecatedMessages];

export function runEveryScenarioChecks(w: MosWorld): CheckVerdict[] {
  const received = receivedFromSut(w);
  return EVERY_SCENARIO_CHECKS.map((c) => c(w, received)).filter((v): v is CheckVerdict => v !== undefined);
}
