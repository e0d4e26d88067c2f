// `sign` and `verify` on a fixed clock (--now): the same signed URL is valid up to its expiry
// instant and gone 1 ms after, whatever the machine's clock says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeBase64Liberal } from '../lib/signing/base64url';

const MAIN = path.resolve(__dirname, '../cli/main.js');
const keys = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-keys-')), 'keys.txt');
fs.writeFileSync(keys, 'key.demo=cli-secret-1\n');

function cli(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

test('sign --now and verify --now: an ISO instant or epoch ms; inclusive expiry', () => {
  const s = cli('sign', 'http://dist.example:8080/media/clip.mp4', '--keys', keys, '--key-id', 'demo', '--expires-seconds', '60', '--now', '2030-01-01T00:00:00.000Z');
  assert.equal(s.code, 0, s.err);
  const url = s.out.trim();
  const policy = JSON.parse(decodeBase64Liberal(/policy=([^&]+)/.exec(url)![1]!)) as { Statement: { Condition: { DateLessThan: number } } };
  const expiry = Date.parse('2030-01-01T00:01:00.000Z');
  assert.equal(policy.Statement.Condition.DateLessThan, expiry);
  const at = cli('verify', url, '--keys', keys, '--now', String(expiry));
  assert.equal(at.code, 0, at.out);
  assert.match(at.out, /^200 ok/);
  const after = cli('verify', url, '--keys', keys, '--now', new Date(expiry + 1).toISOString());
  assert.equal(after.code, 1);
  assert.match(after.out, /^410 expired/);
  assert.match(cli('verify', url, '--keys', keys, '--now', 'yesterday').err, /--now takes an ISO 8601 instant or epoch milliseconds/);
});

test('verify reads the query as written: a raw "+" of a standard-base64 policy is not a space', () => {
  const s = cli('sign', 'http://dist.example/a?v=aa~', '--keys', keys, '--key-id', 'demo', '--now', '2030-01-01T00:00:00Z');
  const url = s.out.trim();
  const json = decodeBase64Liberal(/policy=([^&]+)/.exec(url)![1]!);
  const std = Buffer.from(json).toString('base64');
  assert.ok(std.includes('+'), 'the policy holds a "+" in standard base64');
  const raw = url.replace(/policy=[^&]+/, `policy=${std}`);
  const r = cli('verify', raw, '--keys', keys, '--now', '2030-01-01T00:00:01Z');
  assert.match(r.out, /^200 ok/, r.out);
});
