// SS-SIGN-4 does not depend on the resource path a vendor picks: the signer simulator, started from
// the CLI and certified as a vendor's signer would be, passes with a path the embedded verifier
// does not hold (/clip.mp4) and with the `init --role signer` template's own example; a signer
// whose key does not match fails SS-SIGN-4; with a verifier configured the URL is fetched there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, runCli, startCli } from './helpers';
import type { ResultsDocument } from '../reports/results-json';

const KEY = 'signer-test-secret-7';

async function certifySigner(o: { resourceUrl: string; prefix: string; keyFileSecret?: string; template?: boolean; verifier?: { resourceUrl: string; otherResourceUrl: string } }): Promise<{ doc: ResultsDocument; code: number | null; out: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mosws-signer-'));
  const keys = path.join(dir, 'keys.txt');
  fs.writeFileSync(keys, `key.demo=${o.keyFileSecret ?? KEY}\nprefix.demo=${o.prefix}\n`);
  const port = await freePort();
  const signer = startCli(['simulate', 'signer', '--keys', keys, '--listen', `127.0.0.1:${port}`]);
  try {
    await signer.waitFor(/signing service on http:\/\/127\.0\.0\.1:\d+\/sign/);
    const file = path.join(dir, 'mosws-signer.json');
    if (o.template) {
      const init = await runCli(['init', '--role', 'signer', '--out', file]);
      assert.equal(init.code, 0, init.stderr);
      const text = fs.readFileSync(file, 'utf8');
      assert.match(text, /"resourceUrl": "https:\/\/media\.example\/protected\/clip\.mp4"/, 'the template example this test certifies');
      fs.writeFileSync(file, text.replace('https://signer.example/sign', `http://127.0.0.1:${port}/sign`).replace('"timing": "real"', '"timing": "accelerated"'));
    } else {
      fs.writeFileSync(file, JSON.stringify({ stream: { signer: { url: `http://127.0.0.1:${port}/sign`, resourceUrl: o.resourceUrl, keyId: 'demo', secretEnv: 'SIGNER_KEY' }, ...(o.verifier ? { verifier: { ...o.verifier, keyId: 'demo', secretEnv: 'VERIFIER_KEY', strict: true } } : {}) }, ...(o.verifier ? { roles: ['signer'] } : {}), timing: 'accelerated', reportDir: 'out' }));
    }
    const r = await runCli(['run', '--config', file, '--results-only'], { env: { SIGNER_KEY: KEY, VERIFIER_KEY: KEY }, timeoutMs: 60_000, cwd: dir });
    const reportDir = path.join(dir, o.template ? 'reports/out' : 'out');
    assert.ok(fs.existsSync(path.join(reportDir, 'results.json')), `reports next to the config file\n${r.stdout}${r.stderr}`);
    const doc = JSON.parse(fs.readFileSync(path.join(reportDir, 'results.json'), 'utf8')) as ResultsDocument;
    assert.ok(!r.stdout.includes(KEY) && !r.stderr.includes(KEY), 'the key is never printed');
    return { doc, code: r.code, out: r.stdout + r.stderr };
  } finally {
    await signer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const sign4 = (doc: ResultsDocument) => doc.results.find((x) => x.requirements.includes('SS-SIGN-4'))!;

test('a correct signer whose resource path is /clip.mp4 passes SS-SIGN-4 and the run', { timeout: 90_000 }, async () => {
  const { doc, code, out } = await certifySigner({ resourceUrl: 'http://127.0.0.1:8080/clip.mp4', prefix: 'http://127.0.0.1:8080/' });
  assert.equal(sign4(doc).outcome, 'PASS', JSON.stringify(sign4(doc).verdicts));
  assert.equal(code, 0, out);
  assert.deepEqual(doc.filter.roles, ['signer']);
  assert.match(out, /== signer under test: http:\/\/127\.0\.0\.1:\d+\/sign/);
});

test("the init --role signer template's example resource passes SS-SIGN-4", { timeout: 90_000 }, async () => {
  const { doc, code, out } = await certifySigner({ resourceUrl: '', prefix: 'https://media.example/', template: true });
  assert.equal(sign4(doc).outcome, 'PASS', JSON.stringify(sign4(doc).verdicts));
  assert.equal(code, 0, out);
});

test('a signer signing with another key than the configured one fails SS-SIGN-4', { timeout: 90_000 }, async () => {
  const { doc, code } = await certifySigner({ resourceUrl: 'http://127.0.0.1:8080/deep/path/clip.mp4', prefix: 'http://127.0.0.1:8080/', keyFileSecret: 'another-secret' });
  const r = sign4(doc);
  assert.equal(r.outcome, 'FAIL');
  assert.match(r.verdicts.find((v) => v.outcome === 'FAIL')!.message, /^Opencast's verification \(the reference verifier\) refused the signer's URL with HTTP 403$/);
  assert.equal(code, 1);
});

test('with a verifier configured, the signed URL is fetched through it (the distribution server sees the request)', { timeout: 90_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mosws-dist-'));
  fs.mkdirSync(path.join(dir, 'media'));
  fs.writeFileSync(path.join(dir, 'media', 'clip.mp4'), Buffer.alloc(100, 1));
  fs.writeFileSync(path.join(dir, 'keys.txt'), `key.demo=${KEY}\n`);
  const port = await freePort();
  const dist = startCli(['simulate', 'distribution', '--root', path.join(dir, 'media'), '--keys', path.join(dir, 'keys.txt'), '--listen', `127.0.0.1:${port}`]);
  try {
    await dist.waitFor(/distribution server on/);
    const origin = `http://127.0.0.1:${port}`;
    const { doc, code, out } = await certifySigner({ resourceUrl: `${origin}/clip.mp4`, prefix: `${origin}/`, verifier: { resourceUrl: `${origin}/clip.mp4`, otherResourceUrl: `${origin}/other.mp4` } });
    assert.equal(sign4(doc).outcome, 'PASS', JSON.stringify(sign4(doc).verdicts));
    assert.equal(code, 0, out);
    assert.match(dist.out(), /GET http:\/\/127\.0\.0\.1:\d+\/clip\.mp4\?policy=[^ ]* -> 200/, 'served by the configured verifier');
    assert.match(dist.out(), /GET http:\/\/127\.0\.0\.1:\d+\/clip\.mp4\?policy=[^ ]* -> 410/, 'refused there once expired');
  } finally {
    await dist.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a verifier or signing service that is down: one pre-flight reason, exit 3 at once, no scenario run', { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mosws-stream-down-'));
  try {
    const port = await freePort();
    const cases: Array<[object, RegExp]> = [
      [{ verifier: { resourceUrl: `http://127.0.0.1:${port}/media/clip.mp4`, otherResourceUrl: `http://127.0.0.1:${port}/media/other.mp4`, keyId: 'demo', secretEnv: 'VERIFIER_KEY', strict: true } }, /^Could not test: nothing listens at 127\.0\.0\.1:\d+ \(connection refused\) — is the verifier \(distribution server\) running, and is stream\.verifier\.resourceUrl right\?$/m],
      [{ signer: { url: `http://127.0.0.1:${port}/sign`, resourceUrl: 'http://127.0.0.1:8080/clip.mp4', keyId: 'demo', secretEnv: 'SIGNER_KEY' } }, /^Could not test: nothing listens at 127\.0\.0\.1:\d+ \(connection refused\) — is the signing service running, and is stream\.signer\.url right\?$/m],
    ];
    for (const [stream, reason] of cases) {
      const file = path.join(dir, 'c.json');
      fs.writeFileSync(file, JSON.stringify({ stream, timing: 'accelerated', reportDir: 'out' }));
      const r = await runCli(['run', '--config', file], { env: { SIGNER_KEY: KEY, VERIFIER_KEY: KEY }, timeoutMs: 30_000, cwd: dir });
      const out = r.stdout + r.stderr;
      assert.equal(r.code, 3, out);
      assert.ok(r.ms < 5000, `took ${r.ms} ms`);
      assert.match(out, reason);
      assert.equal(out.split('\n').filter((l) => l.includes('connection refused')).length, 1, `the reason once:\n${out}`);
      assert.doesNotMatch(out, /policy=|embedded simulators|== (verifier|signer) under test/);
      assert.match(out, /^certifying the (verifier|signing service) at http:\/\/127\.0\.0\.1:\d+\//m);
      const doc = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as ResultsDocument;
      assert.equal(doc.preflight?.ok, false);
      assert.equal(doc.results.length, 0);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
