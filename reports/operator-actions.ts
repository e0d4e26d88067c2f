// The operator-command interface, documented from the code: schema/operator-action.schema.json and
// the README's table of MOSWS_ACTION, both generated from suite/operator-action.ts's catalogue
// (`npm run readme-docs`, reports/readme-sections.ts; a test fails when either is out of date).
import path from 'node:path';
import { ACTION_CATALOGUE, ACTION_FIELDS, ActionEntry, ActionField, SutAction, operatorActionSchema } from '../suite/operator-action';
import { actionJson, instructionFor } from '../suite/operator';

const ROOT = path.resolve(__dirname, '..', '..');
export const SCHEMA_FILE = path.join(ROOT, 'schema', 'operator-action.schema.json');

const SAMPLE: Record<ActionField, string> = { roID: 'RO-1', objID: 'OBJ-1', operation: 'MOVE', form: 'items', element: 'STORY' };

/** An example of the action, with every required field (optional ones left out). */
export function sampleAction(e: ActionEntry): SutAction {
  const fields = Object.fromEntries(e.required.map((f) => [f, SAMPLE[f]]));
  return (e.kind === 'originate' ? { kind: 'originate', message: e.message!, ...fields, count: 1 } : { kind: e.kind, ...fields }) as SutAction;
}

export function schemaText(): string {
  return `${JSON.stringify(operatorActionSchema(), null, 2)}\n`;
}

export function actionTable(): string {
  const rows = ACTION_CATALOGUE.map((e) => {
    const fields = [...e.required.map((f) => `\`${f}\``), ...e.optional.map((f) => `\`${f}\` (optional)`)].join(', ') || '—';
    const a = sampleAction(e);
    return `| \`${e.kind}\` | ${e.message ? `\`${e.message}\`` : '—'} | ${fields} | \`${actionJson(a)}\` | ${instructionFor('device', a).replace(/^on the device under test, /, '')} |`;
  });
  const fields = (Object.entries(ACTION_FIELDS) as Array<[ActionField, (typeof ACTION_FIELDS)[ActionField]]>).map(([f, d]) => `\`${f}\`: ${d.meaning}${'enum' in d.schema ? ` (${(d.schema as { enum: string[] }).enum.join(', ')})` : ''}`);
  return [
    `Every action the suite can send (${ACTION_CATALOGUE.length} kinds; format: [\`schema/operator-action.schema.json\`](schema/operator-action.schema.json)). Keys come in this order: \`kind\`, \`message\`, the fields, \`count\` (always given for \`originate\`). Fields: ${fields.join('; ')}.`,
    '',
    '| kind | message | fields | example `MOSWS_ACTION` | the operator reads (`MOSWS_INSTRUCTION`, after "on the … under test,") |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
