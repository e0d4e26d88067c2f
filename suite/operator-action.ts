// An action the suite asks of the system under test (by operator prompt or --operator-command).
// ACTION_CATALOGUE is the one list of every action the suite can send and what it names; the JSON
// Schema of MOSWS_ACTION (schema/operator-action.schema.json) and the README's table are generated
// from it (`npm run operator-actions`, reports/operator-actions.ts), and a test checks every action
// the features can ask for against that schema.
import type { OriginatedMessage } from '../simulators/originations';
import type { SimulatorAction } from '../simulators/actions';
import type * as M from '../lib/mos/messages';

/**
 * What an operator is asked to make the system do. Passed as JSON to vendors' automation, e.g.
 * {"kind":"originate","message":"roElementAction","roID":"RO-P2","operation":"MOVE","form":"items","count":1}.
 * `originate` names the MOS message and what it is about (simulators/originations.ts builds the
 * embedded system's): roID, objID, for roElementAction operation and form (stories or items), for
 * roElementStat element (RO, STORY or ITEM), and count for repeated sends.
 */
export type SutAction = SimulatorAction;

/** A field an action can carry besides kind, message and count. */
export type ActionField = 'roID' | 'objID' | 'operation' | 'form' | 'element';

export const ELEMENT_OPERATIONS: readonly M.ElementOperation[] = ['INSERT', 'REPLACE', 'MOVE', 'DELETE', 'SWAP'];

/** What each field means, and the values it takes. */
export const ACTION_FIELDS: Readonly<Record<ActionField, { meaning: string; schema: object }>> = {
  roID: { meaning: 'the running order (its roID as the system knows it)', schema: { type: 'string', minLength: 1 } },
  objID: { meaning: 'the MOS object; absent where any object will do', schema: { type: 'string', minLength: 1 } },
  operation: { meaning: 'roElementAction: the operation', schema: { enum: [...ELEMENT_OPERATIONS] } },
  form: { meaning: 'roElementAction: on stories or on items', schema: { enum: ['stories', 'items'] } },
  element: { meaning: 'roElementStat: what the status is about', schema: { enum: ['RO', 'STORY', 'ITEM'] } },
};

export interface ActionEntry {
  kind: SutAction['kind'];
  /** For kind originate: the MOS message. */
  message?: OriginatedMessage;
  /** Fields the action always carries. */
  required: readonly ActionField[];
  /** Fields it may carry. */
  optional: readonly ActionField[];
}

const originate = (message: OriginatedMessage, required: readonly ActionField[] = [], optional: readonly ActionField[] = []): ActionEntry => ({ kind: 'originate', message, required, optional });

/** Every action the suite can send: one entry per originated message, plus the two older action kinds. */
export const ACTION_CATALOGUE: readonly ActionEntry[] = [
  originate('mosObj', [], ['objID']),
  originate('mosReqObj', ['objID']),
  originate('mosReqAll'),
  originate('mosObjCreate'),
  originate('mosReqObjAction'),
  originate('mosItemReplace', ['roID']),
  originate('mosReqSearchableSchema'),
  originate('mosReqObjList'),
  originate('roReq', ['roID']),
  originate('roReqAll'),
  originate('roCreate', ['roID']),
  originate('roReplace', ['roID']),
  originate('roMetadataReplace', ['roID']),
  originate('roDelete', ['roID']),
  originate('roReadyToAir', ['roID']),
  originate('roElementAction', ['roID', 'operation', 'form']),
  originate('roElementStat', ['roID', 'element']),
  originate('roStorySend', ['roID']),
  { kind: 'story-operations', required: ['roID'], optional: [] },
  { kind: 'publish-object', required: ['objID'], optional: [] },
];

export const OPERATOR_ACTION_SCHEMA_ID = 'https://mos-ws-conformance.invalid/schema/operator-action.schema.json';

/** The JSON Schema of MOSWS_ACTION (draft-07), from the catalogue. */
export function operatorActionSchema(): object {
  const variant = (e: ActionEntry): object => {
    const properties: Record<string, object> = { kind: { const: e.kind } };
    if (e.message) properties.message = { const: e.message };
    for (const f of [...e.required, ...e.optional]) properties[f] = { description: ACTION_FIELDS[f].meaning, ...ACTION_FIELDS[f].schema };
    if (e.kind === 'originate') properties.count = { description: 'how many times to send it (always given)', type: 'integer', minimum: 1 };
    return {
      title: e.message ? `originate ${e.message}` : e.kind,
      type: 'object',
      additionalProperties: false,
      required: ['kind', ...(e.message ? ['message'] : []), ...e.required, ...(e.kind === 'originate' ? ['count'] : [])],
      properties,
    };
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: OPERATOR_ACTION_SCHEMA_ID,
    title: 'mos-conformance operator action (MOSWS_ACTION)',
    description: 'An action the suite asks of the system under test: the JSON --operator-command receives in MOSWS_ACTION. Generated from suite/operator-action.ts by `npm run operator-actions`; do not edit.',
    oneOf: ACTION_CATALOGUE.map(variant),
  };
}
