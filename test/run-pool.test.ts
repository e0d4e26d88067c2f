// The run pool of the certification matrices (reports/run-pool.ts): the CLI's worker answers like
// the command line; a worker that crashes, calls process.exit or hangs is replaced and its run
// fails with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunPool } from '../reports/run-pool';

test('the CLI worker runs mos-conformance ARGS: output and exit code as the command line gives them', async () => {
  const pool = new RunPool({ size: 1 });
  try {
    const v = await pool.run({ argv: ['--version'], timeoutMs: 60_000, label: 'version' });
    assert.equal(v.code, 0);
    assert.match(v.out, /^mos-conformance \(/);
    const bad = await pool.run({ argv: ['run', '--no-such-flag'], timeoutMs: 60_000, label: 'usage' });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /no-such-flag/);
    assert.equal(bad.failure, undefined);
    // The same worker served both.
    assert.equal(pool.started, 1);
  } finally {
    await pool.close();
  }
});

/** A stand-in worker with the CLI worker's protocol: argv[0] says what to do. */
const FAKE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.close) return process.exit(0);
  const [what] = m.argv;
  if (what === 'crash') setImmediate(() => { throw new Error('boom'); });
  else if (what === 'exit') { parentPort.postMessage({ exitCalled: 7 }); process.exit(7); }
  else if (what === 'hang') {}
});`;

test('a crashed, exiting or hanging worker is replaced and its run fails with the reason', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-pool-'));
  const script = path.join(dir, 'fake-worker.js');
  fs.writeFileSync(script, FAKE);
  const pool = new RunPool({ size: 2, script });
  try {
    const [crash, exit, hang] = await Promise.all([
      pool.run({ argv: ['crash'], timeoutMs: 60_000, label: 'crash' }),
      pool.run({ argv: ['exit'], timeoutMs: 60_000, label: 'exit' }),
      pool.run({ argv: ['hang'], timeoutMs: 1_000, label: 'hang' }),
    ]);
    assert.equal(crash.code, null);
    assert.match(crash.failure ?? '', /^crash: the worker crashed: Error: boom/);
    assert.equal(exit.code, null);
    assert.match(exit.failure ?? '', /^exit: the run called process\.exit\(7\)/);
    assert.equal(hang.code, null);
    assert.match(hang.failure ?? '', /^hang: no result within 1 s: the run hangs; its worker was ended/);
    // Replacements serve the next runs.
    const after = await pool.run({ argv: ['exit'], timeoutMs: 60_000, label: 'again' });
    assert.match(after.failure ?? '', /^again: the run called process\.exit\(7\)/);
    assert.ok(pool.started >= 4, `${pool.started} workers started`);
  } finally {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
