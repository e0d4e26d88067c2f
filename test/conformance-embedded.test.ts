// The whole conformance suite against the clean embedded simulators: every scenario passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runConformance } from '../cli/run';
import { defaultConfig } from '../suite/config';
import { contradictions } from '../reports/consistency';

test('every scenario passes against the clean simulators, in both roles', async () => {
  const { results, success } = await runConformance({ ...defaultConfig(), reportDir: 'reports/out/test-embedded' }, { quiet: true, formats: false });
  const bad = results.filter((r) => r.outcome !== 'PASS');
  assert.deepEqual(bad.map((r) => `${r.role} ${r.name}: ${r.outcome} ${r.message ?? ''}`), []);
  assert.ok(success);
  assert.deepEqual(contradictions(results), []);
  for (const role of ['device', 'nrcs']) assert.ok(results.filter((r) => r.role === role).length >= 25, role);
});
