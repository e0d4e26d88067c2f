// The suite against the independent vendor zoo (test/vendor-zoo-run.ts): the correct device and
// NRCS pass with nothing but Pass and Not applicable, every broken variant is caught with a verdict
// naming the requirement it breaks, and every verdict agrees with the requirement levels.
import { test } from 'node:test';
import { progress } from './helpers';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { KNOWN_GAPS, knownDisagreement, runZooMatrix, zooMarkdown } from './vendor-zoo-run';
import { contradictions } from '../reports/consistency';

test('vendor zoo: correct systems pass, every broken variant is caught under its requirement', { timeout: 40 * 60_000 }, async () => {
  const m = await runZooMatrix(undefined, undefined, progress);
  const out = path.resolve(__dirname, '../../reports/out/vendor-zoo.md');
  fs.writeFileSync(out, zooMarkdown(m));
  console.log(`vendor zoo: ${m.variants.length} variant runs, ${m.variants.filter((r) => r.caughtBy.length).length} caught, ${(m.ms / 1000).toFixed(0)} s; table in ${path.relative(process.cwd(), out)}`);
  assert.ok(m.variants.length >= 45, `${m.variants.length} variant runs`);
  for (const role of ['device', 'nrcs']) assert.ok(m.variants.some((r) => r.role === role), `variants run as ${role}`);
  assert.deepEqual(
    m.correct.flatMap((r) => r.otherFindings.filter((o) => !knownDisagreement(r, o)).map((o) => `correct ${r.role} (${r.deployment}): ${o.outcome} ${o.name}: ${o.message}`)),
    [],
    'the correct device and NRCS get no Fail, Warning or Could not test beyond the analysed disagreements',
  );
  assert.deepEqual(
    m.benign.flatMap((r) => r.results.filter((o) => o.outcome !== 'PASS' && o.outcome !== 'NOT_APPLICABLE' && !knownDisagreement(r, o)).map((o) => `benign ${r.variant} ${r.role} (${r.deployment}): ${o.outcome} ${o.name}: ${o.message}`)),
    [],
    'every correct-but-unusual variant passes with no Fail, Warning or Could not test',
  );
  assert.deepEqual(
    m.variants.filter((r) => r.caughtBy.length === 0 && !KNOWN_GAPS[r.variant]).map((r) => `${r.variant} (${r.role}, ${r.deployment}) breaks ${r.breaks} (${r.level}): not caught`),
    [],
  );
  assert.deepEqual(
    m.variants.filter((r) => r.caughtBy.length > 0 && KNOWN_GAPS[r.variant]).map((r) => `${r.variant} is caught now: remove it from KNOWN_GAPS`),
    [],
  );
  // One defect, one verdict: exactly one content defect gives exactly one Fail, naming MOS-CONTENT-6.
  const oneDefect = m.variants.filter((r) => r.variant === 'c-time-dot-millis');
  assert.ok(oneDefect.length >= 1, 'the zoo runs c-time-dot-millis');
  for (const r of oneDefect) {
    const notPassed = r.results.filter((x) => x.outcome !== 'PASS' && x.outcome !== 'NOT_APPLICABLE');
    assert.deepEqual(notPassed.map((x) => `${x.outcome} ${x.verdicts.filter((v) => v.outcome !== 'PASS').map((v) => v.requirement).join(',')}`), ['FAIL MOS-CONTENT-6'], `c-time-dot-millis (${r.role}): ${notPassed.map((x) => x.name).join('; ')}`);
  }
  assert.ok(m.benign.length >= 30, `${m.benign.length} benign runs`);
  for (const role of ['device', 'nrcs']) assert.ok(m.benign.some((r) => r.role === role), `benign variants run as ${role}`);
  assert.deepEqual([...m.correct, ...m.benign, ...m.variants].flatMap((r) => contradictions(r.results).map((c) => `${r.variant}: ${c}`)), []);
});
