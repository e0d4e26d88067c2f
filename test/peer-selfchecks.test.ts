// The independent test peers check themselves before the suite is judged against them: the vendor
// zoo's correct device and NRCS against each other (refusals, normal mode, passive mode, drops
// through a cutting proxy), and the independent verifier against the facts file's test vectors,
// requirement by requirement in its four configurations, with a probe per variant. Each is the
// peer's own program (test/vendor-zoo/selfcheck.ts, test/independent-verifier/selfcheck.ts),
// started as its author wrote it; a failed check fails the test with the program's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';

function runProgram(file: string, args: string[] = []): Promise<{ code: number | null; out: string }> {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // the zoo's programs do nothing under the test runner
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

test("the vendor zoo's self-check: its correct device and NRCS work with each other", async () => {
  const r = await runProgram(path.join(__dirname, 'vendor-zoo', 'selfcheck.js'));
  assert.equal(r.code, 0, r.out.split('\n').filter((l) => /FAIL|Error/.test(l)).join('\n') || r.out.slice(-2000));
  assert.match(r.out, /\d+ passed, 0 failed/);
});

test("the independent verifier's self-check: test vectors, every requirement in four configurations, a probe per variant", async () => {
  const r = await runProgram(path.join(__dirname, 'independent-verifier', 'selfcheck.js'));
  assert.equal(r.code, 0, r.out.split('\n').filter((l) => /FAIL|Error/.test(l)).join('\n') || r.out.slice(-2000));
  assert.match(r.out, /\d+ checks passed, 0 failed/);
});
