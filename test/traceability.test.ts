import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadRequirements, loadScenarios, requirementsMarkdown, trace, traceabilityMarkdown } from '../reports/traceability';
import { contradictions } from '../reports/consistency';

test('every requirement has a scenario, every @req tag names a requirement', () => {
  const reqs = loadRequirements();
  assert.ok(reqs.length >= 30, `${reqs.length} requirements read`);
  assert.ok(reqs.some((r) => r.level === 'SHOULD'));
  const t = trace(reqs);
  assert.deepEqual(t.uncovered.map((r) => r.id), []);
  assert.deepEqual(t.unknownTags.map((u) => `${u.tag} at ${u.scenario.file}:${u.scenario.line}`), []);
});

test('every scenario has a role and at least one requirement', () => {
  for (const s of loadScenarios()) {
    assert.ok(s.tags.some((t) => t.endsWith('-under-test')), `${s.file}:${s.line} has no role tag`);
    assert.ok(s.tags.some((t) => t.startsWith('@req:')), `${s.file}:${s.line} has no requirement tag`);
  }
});

test('a requirement without a scenario fails the check', () => {
  const t = trace([...loadRequirements(), { id: 'MOSWS-NEW-1', level: 'MUST', family: 'mos-ws', summary: 'a new rule' }]);
  assert.deepEqual(t.uncovered.map((r) => r.id), ['MOSWS-NEW-1']);
  assert.match(traceabilityMarkdown(t), /\| MOSWS-NEW-1 \| MUST \| \*\*NO SCENARIO\*\* \|/);
});

test('docs/requirements.md is generated from the requirement table (npm run traceability)', () => {
  const committed = fs.readFileSync(path.resolve(__dirname, '../../docs/requirements.md'), 'utf8');
  assert.equal(committed, requirementsMarkdown());
});

test('docs/traceability.md is up to date (npm run traceability)', () => {
  const committed = fs.readFileSync(path.resolve(__dirname, '../../docs/traceability.md'), 'utf8');
  assert.equal(committed, traceabilityMarkdown(trace()));
});

test('the consistency check finds each kind of contradiction', () => {
  const base = { role: 'device', uri: 'f', location: 'f:1', name: 's', tags: [], requirements: [], durationMs: 1, completed: true };
  const found = contradictions([
    { ...base, outcome: 'FAIL', message: 'm', verdicts: [{ requirement: 'MOSWS-KA-3', outcome: 'FAIL', message: 'm' }] },
    { ...base, outcome: 'WARNING', message: 'm', verdicts: [{ requirement: 'MOSWS-KA-1', outcome: 'WARNING', message: 'm' }] },
    { ...base, outcome: 'PASS', verdicts: [{ requirement: 'MOSWS-KA-1', outcome: 'FAIL', message: 'm' }] },
    { ...base, outcome: 'FAIL', message: 'm', verdicts: [{ requirement: 'NO-SUCH-1', outcome: 'FAIL', message: 'm' }] },
    { ...base, outcome: 'NOT_APPLICABLE', verdicts: [] },
  ]);
  assert.equal(found.length, 5, found.join('\n'));
  assert.deepEqual(contradictions([{ ...base, outcome: 'WARNING', message: 'm', verdicts: [{ requirement: 'MOSWS-KA-3', outcome: 'WARNING', message: 'm' }] }]), []);
});
