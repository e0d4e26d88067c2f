// One defect, one verdict: a system whose heartbeat time has a '.' before the milliseconds (one
// content defect in one message type, sent in almost every scenario) gets exactly one Fail, naming
// MOS-CONTENT-6, in the console, results.json and junit.xml; every other scenario passes.
// (test/vendor-zoo.test.ts proves the same against the independent zoo's c-time-dot-millis.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './helpers';

test('one content defect in many messages: one Fail naming MOS-CONTENT-6 in the console, results.json and junit.xml', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mosws-one-defect-'));
  try {
    const r = await runCli(['run', '--role', 'device', '--fault', 'bad-time-format', '--report-dir', dir, '--results-only'], { timeoutMs: 110_000 });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const failLines = r.stdout.split('\n').filter((l) => /^\s+Fail\s/.test(l));
    assert.equal(failLines.length, 1, `one failed scenario in the console:\n${r.stdout}`);
    assert.match(r.stdout, /\b1 fail\b/);
    assert.match(r.stdout, /Fail \[device\] .*\[MOS-CONTENT-6\]/);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as { results: Array<{ name: string; outcome: string; verdicts: Array<{ requirement?: string; outcome: string }> }> };
    const notPassed = doc.results.filter((x) => x.outcome !== 'PASS' && x.outcome !== 'NOT_APPLICABLE');
    assert.deepEqual(notPassed.map((x) => x.outcome), ['FAIL'], notPassed.map((x) => x.name).join('; '));
    assert.deepEqual(notPassed[0]!.verdicts.filter((v) => v.outcome !== 'PASS').map((v) => v.requirement), ['MOS-CONTENT-6']);
    // Every transport scenario (everything not judged across the run) passes.
    assert.ok(doc.results.filter((x) => !x.name.startsWith('Every') && !x.name.startsWith('No ') && !x.name.startsWith('Tags ') && !x.name.startsWith('The system sent no')).every((x) => x.outcome === 'PASS' || x.outcome === 'NOT_APPLICABLE'));
    const junit = fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    const failures = junit.match(/<failure [^>]*>/g) ?? [];
    assert.equal(failures.length, 1, junit.slice(0, 400));
    assert.match(failures[0]!, /type="MOS-CONTENT-6"/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
