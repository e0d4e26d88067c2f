// The suite judged by a verifier it did not write (test/independent-verifier/): correct
// configurations pass without a warning, each deviation variant is caught under the requirement
// it breaks (or, where the suite disagrees with the variant's declaration, under the one
// docs/interpretations.md argues for), and a crash is reported as a reset, never as a hang-up.
import { test } from 'node:test';
import { progress } from './helpers';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { VARIANTS } from './independent-verifier/variants';
import { DISAGREEMENTS, caught, certifyAll, expected, judged, markdown } from './independent-verifier-run';
import { isRequirement, levelOf } from '../lib/conformance/requirements';

test('the suite against the independent verifier: correct configurations clean, every variant caught with the right requirement', { timeout: 10 * 60_000 }, async () => {
  const all = await certifyAll(undefined, undefined, progress);
  const out = path.resolve(__dirname, '../../reports/out/independent-verifier.md');
  fs.writeFileSync(out, markdown(all));
  console.log(`independent verifier: ${all.correct.length} correct configurations, ${all.variants.length} variants in ${all.ms} ms; table in ${path.relative(process.cwd(), out)}`);

  // No false failures (nor warnings, nor "could not test") against a correct verifier.
  for (const r of all.correct) {
    const bad = r.results.filter((x) => x.outcome !== 'PASS' && x.outcome !== 'NOT_APPLICABLE');
    assert.deepEqual(bad.map((x) => `${r.setup.flavor}/${r.setup.strict ? 'strict' : 'non-strict'}: ${x.outcome} ${x.name}: ${x.verdicts.map((v) => `[${v.requirement}] ${v.message}`).join(' | ')}`), []);
    assert.ok(r.results.filter((x) => x.outcome === 'PASS').length >= 45, `${JSON.stringify(r.setup)}: most scenarios apply and pass`);
  }

  // Every deviation is caught, under the requirement (and with the outcome) expected of it.
  const missed = all.variants.filter((r) => !caught(r, expected(VARIANTS.find((v) => v.name === r.variant)!)));
  assert.deepEqual(
    missed.map((r) => `${r.variant}: expected ${JSON.stringify(expected(VARIANTS.find((v) => v.name === r.variant)!))}, got ${JSON.stringify(judged(r).map((v) => `${v.requirement} ${v.outcome}`))}`),
    [],
  );

  // A harmless deviation (a warning) never fails a certification.
  for (const r of all.variants) {
    const e = expected(VARIANTS.find((v) => v.name === r.variant)!);
    if (e.outcome !== 'WARNING') continue;
    assert.deepEqual(judged(r).filter((v) => v.outcome === 'FAIL').map((v) => `${r.variant}: ${v.scenario}: [${v.requirement}] ${v.message}`), []);
  }

  // A crash is named as such, with the request, wherever it happens.
  const crash = all.variants.find((r) => r.variant === 'crash-even-params')!;
  assert.match(crash.raw, /connection reset without a response — the verifier may have crashed/);
  assert.doesNotMatch(crash.raw, /socket hang up"/, 'never the bare Node error as the verdict');
  assert.ok(!/"message": "[^"]*signature=[0-9a-f]{64}/.test(crash.raw), 'signatures redacted in the requests the verdicts name');
  const hang = all.variants.find((r) => r.variant === 'hang-on-long-param')!;
  assert.match(hang.raw, /no HTTP answer in time — the verifier may hang/);
});

test('where the suite disagrees with a variant it says so, and only with a SHOULD warning', () => {
  for (const [name, e] of Object.entries(DISAGREEMENTS)) {
    const v = VARIANTS.find((x) => x.name === name);
    assert.ok(v, `${name} is a variant`);
    assert.ok(isRequirement(e.requirement), e.requirement);
    assert.equal(e.outcome, 'WARNING');
    assert.equal(levelOf(e.requirement), 'SHOULD', `${name}: a warning names a SHOULD requirement`);
    assert.ok(e.disagreement && e.disagreement.length > 20);
  }
  for (const v of VARIANTS) {
    const e = expected(v);
    if (e.outcome === 'WARNING') assert.equal(levelOf(e.requirement), 'SHOULD', `${v.name}: expected a warning under ${e.requirement}, a MUST`);
  }
  const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/interpretations.md'), 'utf8');
  for (const name of Object.keys(DISAGREEMENTS)) assert.ok(doc.includes(`\`${name}\``), `docs/interpretations.md argues the disagreement over ${name}`);
});
