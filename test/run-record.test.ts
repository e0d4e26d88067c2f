// The run is judged once, when its record is built: verdict, certified scope, headline and exit
// code. A capability-limited run, a run that left a MUST capability undeclared and a full
// certification must be told apart by the headline, results.json and the exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { RunInput, buildRunRecord } from '../reports/run-record';
import { ScenarioResult } from '../reports/results';
import { resultsDocument } from '../reports/results-json';
import { junitXml } from '../reports/junit';
import { renderHtmlReport } from '../reports/html-report';
import { EXIT_CODES, REQUIREMENT_STATES, SEVERITY, STATE_SEVERITY, runVerdict } from '../lib/conformance/outcomes';
import { CAPABILITIES, Capability, defaultConfig, mergeConfig } from '../suite/config';
import { worstState } from '../lib/conformance/outcomes';
import { requirementRows } from '../reports/requirement-table';

const SCHEMA = path.resolve(__dirname, '../../schema/results.schema.json');

function validator(): (doc: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as object);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

const scenario = (outcome: ScenarioResult['outcome'], i: number, requirements = ['MOSWS-URL-1']): ScenarioResult => ({
  role: 'nrcs', uri: 'features/mos-ws/x.feature', location: `features/mos-ws/x.feature:${i}`, name: `scenario ${i}`, tags: [], requirements, outcome,
  verdicts: outcome === 'PASS' || outcome === 'NOT_APPLICABLE' ? [] : [{ requirement: 'MOSWS-URL-1', outcome, message: 'why' }],
  completed: outcome === 'PASS', ...(outcome === 'NOT_APPLICABLE' ? { message: 'not declared' } : {}), durationMs: 1, attachments: [],
});

function nrcsRun(capabilities: Capability[], outcomes: Array<ScenarioResult['outcome']>, o: { operator?: boolean; partial?: boolean } = {}): RunInput {
  const config = mergeConfig(defaultConfig(), { target: { role: 'nrcs', url: 'wss://nrcs.example/mos', mosID: 'M', ncsID: 'N', capabilities, operator: o.operator ?? false, profiles: [0, 1] } });
  const now = new Date();
  return { config, results: outcomes.map((x, i) => scenario(x, i + 1)), started: now, finished: now, selected: outcomes.length, available: outcomes.length, partial: !!o.partial, interrupted: false, systems: [] };
}

const passes = (n: number, na = 0): Array<ScenarioResult['outcome']> => [...Array<'PASS'>(n).fill('PASS'), ...Array<'NOT_APPLICABLE'>(na).fill('NOT_APPLICABLE')];

test('an NRCS that declared only passive-active passes with a limited scope; a full declaration is certified; they differ in headline, results.json and scope', () => {
  const limited = buildRunRecord(nrcsRun(['passive-active'], passes(5, 58)));
  const full = buildRunRecord(nrcsRun([...CAPABILITIES], passes(60, 3), { operator: true }));
  assert.equal(limited.verdict, 'PASS');
  assert.equal(limited.exitCode, EXIT_CODES.PASS);
  assert.equal(limited.scope.full, false);
  assert.match(limited.headline, /^Passed, limited scope: 5 applicable scenarios of the nrcs passed; not covered: nrcs without listens, connects, passive-listener; nrcs without an operator$/);
  assert.deepEqual(limited.scope.roles[0], { role: 'nrcs', kind: 'vendor', capabilities: ['passive-active'], undeclared: ['listens', 'connects', 'passive-listener'], mustUndeclared: [], profiles: [0, 1], operator: 'none', scenarios: 63, applied: 5 });
  assert.equal(full.verdict, 'PASS');
  assert.equal(full.scope.full, true);
  assert.match(full.headline, /^Certified, full scope: every applicable scenario of the nrcs passed \(60 applied\)$/);
  assert.notEqual(limited.headline, full.headline);
  for (const r of [limited, full]) {
    const doc = resultsDocument(r);
    assert.deepEqual(validator()(doc), []);
    assert.equal(doc.scope.full, r.scope.full);
    assert.equal(doc.headline, r.headline);
    assert.match(junitXml(r), new RegExp(`<property name="scopeFull" value="${r.scope.full}"/>`));
    assert.ok(renderHtmlReport(r, []).includes(`data-scope-full="${r.scope.full}"`));
  }
});

test('an NRCS that did not declare passive-active (MOSWS-PASSIVE-4) is INCOMPLETE with exit code 4, never a certification', () => {
  for (const caps of [['listens'], ['listens', 'connects', 'passive-listener']] as Capability[][]) {
    const r = buildRunRecord(nrcsRun(caps, passes(30, 33), { operator: true }));
    assert.equal(r.verdict, 'INCOMPLETE', caps.join(','));
    assert.equal(r.exitCode, 4);
    assert.equal(r.scope.full, false);
    assert.deepEqual(r.scope.roles[0]!.mustUndeclared, [{ capability: 'passive-active', requirement: 'MOSWS-PASSIVE-4' }]);
    assert.match(r.headline, /^Incomplete, not certified: the nrcs did not declare passive-active, which MOSWS-PASSIVE-4 makes a MUST \(30 applicable scenarios passed\)$/);
    const doc = resultsDocument(r);
    assert.deepEqual(validator()(doc), []);
    assert.equal(doc.verdict, 'INCOMPLETE');
    assert.equal(doc.exitCode, 4);
    assert.match(junitXml(r), /<property name="verdict" value="INCOMPLETE"\/>/);
    assert.match(renderHtmlReport(r, []), /data-verdict="INCOMPLETE"[^>]*>Incomplete, not certified/);
  }
  // A device MAY do passive mode: the same declaration certifies it (limited scope, exit 0).
  const device = nrcsRun(['listens'], passes(30, 33), { operator: true });
  device.config.target!.role = 'device';
  assert.equal(buildRunRecord(device).verdict, 'PASS');
  // A failure or an untested scenario still outranks the missing declaration.
  assert.equal(buildRunRecord(nrcsRun(['listens'], ['PASS', 'FAIL'])).verdict, 'FAIL');
  assert.equal(buildRunRecord(nrcsRun(['listens'], ['PASS', 'COULD_NOT_TEST'])).exitCode, 3);
});

test('interrupted and pre-flight-failed runs are judged in the record; the embedded run is a full certification', () => {
  const i = buildRunRecord({ ...nrcsRun([...CAPABILITIES], passes(2)), interrupted: true });
  assert.equal(i.exitCode, 130);
  assert.equal(i.verdict, 'COULD_NOT_TEST');
  const p = buildRunRecord({ ...nrcsRun([...CAPABILITIES], []), preflight: { target: 'wss://x', ok: false, stages: [], reason: 'refused', machineInfo: { reported: false, reason: 'x' }, ms: 1 } });
  assert.equal(p.exitCode, 3);
  assert.equal(p.headline, 'Could not test: refused');
  const now = new Date();
  const e = buildRunRecord({ config: defaultConfig(), results: [], started: now, finished: now, selected: 0, available: 0, partial: false, interrupted: false, systems: [] });
  assert.equal(e.scope.full, true);
  assert.equal(e.scope.roles.length, 4);
});

test('one severity order: scenario outcomes, requirement states (with "not reached") and run verdicts agree', () => {
  assert.deepEqual(SEVERITY, STATE_SEVERITY.filter((s) => s !== 'NOT_REACHED'));
  assert.ok(STATE_SEVERITY.indexOf('COULD_NOT_TEST') < STATE_SEVERITY.indexOf('WARNING'));
  assert.ok('NOT_REACHED' in REQUIREMENT_STATES);
  assert.equal(worstState(['WARNING', 'NOT_REACHED', 'PASS']), 'NOT_REACHED');
  assert.equal(runVerdict(['WARNING', 'COULD_NOT_TEST']), 'COULD_NOT_TEST');
  // A requirement row takes the worst state of its scenarios, in that same order.
  const rows = requirementRows([scenario('WARNING', 1), { ...scenario('COULD_NOT_TEST', 2), verdicts: [] }], [{ id: 'MOSWS-URL-1', level: 'MUST', family: 'mos-ws', summary: 's' } as never]);
  assert.equal(rows[0]!.outcome, 'COULD_NOT_TEST');
});
