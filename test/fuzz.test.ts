import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzLiveDevice, runFuzz } from '../fuzz/fuzz';

test('a short fuzz run finds no crash in any parser', () => {
  const rep = runFuzz(10_000, 7);
  assert.equal(rep.cases, 10_000);
  assert.deepEqual(rep.crashes, []);
});

test('the fuzz harness does report a crash when a parser has one', () => {
  const rep = runFuzz(500, 7, { extraTargets: [['broken', (s) => { if (s.includes('<m')) (undefined as unknown as { x: number }).x; }]] });
  assert.ok(rep.crashes.length > 0);
  assert.equal(rep.crashes[0]!.target, 'broken');
  assert.match(rep.crashes[0]!.error, /TypeError/);
});

test('random frames do not bring a device simulator down', async () => {
  const live = await fuzzLiveDevice(1000, 3);
  assert.ok(live.alive);
});
