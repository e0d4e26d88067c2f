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

/** Runs a self-check program to its end, bounded (a hung check is ended and fails with what it printed). */
function runProgram(file: string, args: string[] = [], timeoutMs = 180_000): Promise<{ code: number | null; out: string }> {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // the zoo's programs do nothing under the test runner
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      out += `\n(ended after ${timeoutMs / 1000} s)`;
      child.kill('SIGKILL');
    }, timeoutMs);
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

test("the vendor zoo's hostile variants check: each m-/s- variant shows its defect where the correct program does not", async () => {
  // About 150 s alone (each hostile variant started and probed in turn, with bounded waits); more beside the matrices.
  const r = await runProgram(path.join(__dirname, 'vendor-zoo', 'hostilecheck.js'), [], 480_000);
  assert.equal(r.code, 0, r.out.slice(-3000));
});
