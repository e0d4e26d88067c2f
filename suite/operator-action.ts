// An action the suite asks of the system under test (by operator prompt or --operator-command).
import type { Origination } from '../simulators/originations';

/**
 * What an operator is asked to make the system do. Passed as JSON to vendors' automation, e.g.
 * {"kind":"originate","message":"roElementAction","roID":"RO-P2","operation":"MOVE","form":"items"}.
 * `originate` names the MOS message and what it is about (simulators/originations.ts builds the
 * embedded system's): roID, objID, for roElementAction operation and form (stories or items), for
 * roElementStat element (RO, STORY or ITEM), and count for repeated sends.
 */
export type SutAction =
  | ({ kind: 'originate'; count?: number } & Origination)
  | { kind: 'story-operations'; roID: string }
  | { kind: 'publish-object'; objID: string };
