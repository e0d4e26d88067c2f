// The operator-command interface is documented from the code: the JSON Schema of MOSWS_ACTION and
// the README table are generated from suite/operator-action.ts and up to date, and every action the
// feature files can ask for (each step that asks the system under test to act, outlines expanded)
// is valid against that schema, with an instruction that names a real object or says "any".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { AstBuilder, GherkinClassicTokenMatcher, Parser, compile } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { ACTION_CATALOGUE, SutAction } from '../suite/operator-action';
import { actionJson, instructionFor } from '../suite/operator';
import { SCHEMA_FILE, sampleAction, schemaText } from '../reports/operator-actions';
import { README_FILE, SECTIONS, sectionText } from '../reports/readme-sections';
import { parseAbout } from '../steps/support/profiles';
import type { OriginatedMessage } from '../simulators/originations';

const FEATURES = path.resolve(__dirname, '../../features');

function validator(): (json: string) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
  return (json) => (validate(JSON.parse(json)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

/** The action each step that asks the system under test to act sends (as the step definitions build it). */
const ACTION_STEPS: Array<[RegExp, (m: RegExpExecArray) => SutAction]> = [
  [/^the system under test is asked to originate (\w+)(?: (.*))?$/, (m) => ({ ...parseAbout(m[2] ?? ''), kind: 'originate', message: m[1] as OriginatedMessage })],
  [/^the system under test is asked to send (\w+) for running order (\S+)$/, (m) => ({ kind: 'originate', message: m[1] as 'roReq', roID: m[2]! })],
  [/^the suite's passive ro connection drops and the system under test is asked to send (\d+) (\w+) meanwhile$/, (m) => ({ kind: 'originate', message: m[2] as 'roReq', roID: 'RO-1', count: Number(m[1]) })],
  [/^the system under test is asked to publish object (\S+)$/, (m) => ({ kind: 'publish-object', objID: m[1]! })],
  [/^the system under test is asked to insert, move, replace and delete a story in running order (\S+)$/, (m) => ({ kind: 'story-operations', roID: m[1]! })],
];

function stepsOfFeatures(): Array<{ text: string; where: string }> {
  const out: Array<{ text: string; where: string }> = [];
  const newId = IdGenerator.uuid();
  for (const rel of fs.readdirSync(FEATURES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.feature'))) {
    const doc = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(fs.readFileSync(path.join(FEATURES, rel), 'utf8'));
    for (const p of compile(doc, rel, newId)) for (const s of p.steps) out.push({ text: s.text, where: `${rel}: ${p.name}` });
  }
  return out;
}

test('schema/operator-action.schema.json and the README sections (operator actions, timing profiles) are generated from the code (npm run readme-docs)', () => {
  assert.equal(fs.readFileSync(SCHEMA_FILE, 'utf8'), schemaText(), 'run npm run readme-docs');
  const readme = fs.readFileSync(README_FILE, 'utf8');
  for (const name of Object.keys(SECTIONS)) assert.ok(readme.includes(sectionText(name)), `README section ${name}: run npm run readme-docs`);
});

test('every action the features can ask for is valid against the schema, and its instruction names a real object or says "any"', () => {
  const valid = validator();
  const seen = new Set<string>();
  let asked = 0;
  for (const s of stepsOfFeatures()) {
    if (!/\bis asked to\b/.test(s.text)) continue;
    asked++;
    const hit = ACTION_STEPS.map(([re, build]) => [re.exec(s.text), build] as const).find(([m]) => m);
    assert.ok(hit, `a step that asks for an action this test does not know: "${s.text}" (${s.where})`);
    const action = hit[1](hit[0]!);
    const json = actionJson(action);
    assert.deepEqual(valid(json), [], `${json} (${s.where})`);
    const instruction = instructionFor('device', action);
    assert.doesNotMatch(instruction, /undefined|null|\$\{/, `${instruction} (${s.where})`);
    seen.add(action.kind === 'originate' ? action.message : action.kind);
  }
  assert.ok(asked >= 30, `${asked} action steps`);
  // The catalogue documents nothing the suite never asks for.
  const documented = new Set(ACTION_CATALOGUE.map((e) => e.message ?? e.kind));
  assert.deepEqual([...documented].filter((k) => !seen.has(k)).sort(), [], 'documented actions no feature asks for');
});

test('the schema is strict: each example validates; a missing or unknown field does not', () => {
  const valid = validator();
  for (const e of ACTION_CATALOGUE) assert.deepEqual(valid(actionJson(sampleAction(e))), [], e.message ?? e.kind);
  assert.notDeepEqual(valid('{"kind":"originate","message":"roElementAction","roID":"RO-1","operation":"MOVE","count":1}'), [], 'form is required');
  assert.notDeepEqual(valid('{"kind":"originate","message":"roReq","roID":"RO-1","objID":"X","count":1}'), [], 'no objID on roReq');
  assert.notDeepEqual(valid('{"kind":"originate","message":"roFly","count":1}'), [], 'unknown message');
  assert.match(instructionFor('device', { kind: 'originate', message: 'mosObj' }), /publish any MOS object \(mosObj\)/);
});
