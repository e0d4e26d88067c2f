// A run stopped with SIGINT still writes its report of the scenarios that finished.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

test('SIGINT during a run writes the partial report and exits 130', async () => {
  const root = path.resolve(__dirname, '../..');
  const dir = path.join(root, 'reports/out/test-sigint');
  fs.rmSync(dir, { recursive: true, force: true });
  const child = spawn(process.execPath, [path.join(root, 'dist/cli/main.js'), 'run', '--role', 'device,nrcs', '--report-dir', dir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  // Wait until some scenarios have finished (one console line each), then interrupt.
  const end = Date.now() + 30_000;
  while ((out.match(/^  Pass /gm) ?? []).length < 10 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 130, out.slice(-500));
  assert.match(out, /interrupted: writing the report of \d+ finished scenarios/);
  const results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as { interrupted: boolean; verdict: string; exitCode: number; results: unknown[] };
  assert.equal(results.interrupted, true);
  assert.equal(results.verdict, 'COULD_NOT_TEST');
  assert.equal(results.exitCode, 130);
  assert.ok(results.results.length > 0);
  assert.match(fs.readFileSync(path.join(dir, 'report.html'), 'utf8'), /id="interrupted"/);
});
