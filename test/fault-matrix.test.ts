// The suite proves it can fail: every named fault is caught by a scenario whose message names
// the broken requirement, and every scenario is made to fail by some fault.
import { test } from 'node:test';
import { progress } from './helpers';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { matrixMarkdown, runFaultMatrix } from '../reports/fault-matrix';
import { contradictions } from '../reports/consistency';

test('fault matrix: clean run passes, kill rate 100%, no unproven scenario', { timeout: 45 * 60_000 }, async () => {
  const m = await runFaultMatrix(undefined, undefined, progress);
  const out = path.resolve(__dirname, '../../reports/out/fault-matrix.md');
  fs.writeFileSync(out, matrixMarkdown(m));
  console.log(`fault matrix: ${m.faults.length} faults, kill rate ${(m.killRate * 100).toFixed(1)}%, ${m.unproven.length} unproven; table in ${path.relative(process.cwd(), out)}`);
  assert.deepEqual(m.clean.results.filter((r) => r.outcome !== 'PASS').map((r) => `${r.role} ${r.name}: ${r.message}`), [], 'clean simulators pass every scenario');
  assert.deepEqual(m.faults.filter((f) => f.named.length === 0).map((f) => `${f.fault} (breaks ${f.breaks}): caught ${f.caught.length} without naming it`), []);
  assert.deepEqual(m.unproven.map((r) => `${r.role} ${r.location} ${r.name}`), []);
  assert.equal(m.killRate, 1);
  // Every verdict of every run agrees with the requirement levels.
  assert.deepEqual([m.clean, ...m.faults].flatMap((f) => contradictions(f.results).map((c) => `${f.fault}: ${c}`)), []);
});
