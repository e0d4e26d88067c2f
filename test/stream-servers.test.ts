import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { DistributionServer } from '../simulators/distribution-server';
import { SigningService } from '../simulators/signing-service';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-'));
fs.mkdirSync(path.join(dir, 'media'));
fs.writeFileSync(path.join(dir, 'media', 'clip.mp4'), Buffer.alloc(1000, 7));
fs.writeFileSync(path.join(os.tmpdir(), 'outside-secret.txt'), 'nope');
let now = 1_800_000_000_000;
const keys = new Map([['demo', 'secret1']]);
const dist = new DistributionServer({ root: dir, keys, strict: true, now: () => now });
let signer: SigningService;

before(async () => {
  await dist.start();
  signer = new SigningService({ keys: [{ keyId: 'demo', secret: 'secret1', urlPrefix: dist.origin() + '/' }], now: () => now });
  await signer.start();
});
after(async () => {
  await dist.stop();
  await signer.stop();
});

function request(url: string, method = 'GET', headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method, headers }, (res) => {
      let b = '';
      res.on('data', (c) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: b }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

test('signing service over HTTP: POST and GET, errors', async () => {
  const url = `${dist.origin()}/media/clip.mp4`;
  const post = await request(`${signer.origin()}/sign`, 'POST', { 'content-type': 'application/json' }, JSON.stringify({ url, expiresSeconds: 60, clientIp: '127.0.0.1' }));
  assert.equal(post.status, 200);
  const signed = JSON.parse(post.body) as { signedUrl: string; expiresAt: number; keyId: string };
  assert.equal(signed.expiresAt, now + 60_000);
  assert.equal(signed.keyId, 'demo');
  const get = await request(`${signer.origin()}/sign?url=${encodeURIComponent(url)}&expires=5`);
  assert.equal(get.status, 200);
  assert.equal((await request(`${signer.origin()}/sign?url=${encodeURIComponent('http://elsewhere/x')}`)).status, 422);
  assert.equal((await request(`${signer.origin()}/sign?url=relative`)).status, 400);
  assert.equal((await request(`${signer.origin()}/sign`, 'POST', {}, '{not json')).status, 400);
  assert.equal((await request(`${signer.origin()}/other`)).status, 404);
  assert.equal(JSON.parse((await request(`${signer.origin()}/sign?url=${encodeURIComponent(url)}`)).body).expiresAt, now + 7200_000, 'Opencast default 7200 s');
});

test('distribution server: signed GET/HEAD served, others denied', async () => {
  const url = `${dist.origin()}/media/clip.mp4`;
  const { signedUrl } = signer.sign({ url, expiresSeconds: 10 });
  const ok = await request(signedUrl);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers['content-length'], '1000');
  assert.equal(ok.headers['content-type'], 'video/mp4');
  assert.equal((await request(signedUrl, 'HEAD')).status, 200);
  const part = await request(signedUrl, 'GET', { range: 'bytes=10-19' });
  assert.equal(part.status, 206);
  assert.equal(part.headers['content-range'], 'bytes 10-19/1000');
  assert.equal((await request(signedUrl, 'GET', { range: 'bytes=5000-' })).status, 416);
  assert.equal((await request(signedUrl, 'POST')).status, 405);
  assert.equal((await request(url)).status, 400, 'unsigned');
  now += 10_000;
  assert.equal((await request(signedUrl)).status, 200, 'at the boundary');
  now += 1;
  assert.equal((await request(signedUrl)).status, 410, 'after expiry');
  now -= 10_001;
  const missing = signer.sign({ url: `${dist.origin()}/media/none.mp4` }).signedUrl;
  assert.equal((await request(missing)).status, 404);
  const escape = signer.sign({ url: `${dist.origin()}/../outside-secret.txt` }).signedUrl.replace('/../', '/%2e%2e/');
  assert.notEqual((await request(escape)).status, 200);
  assert.ok(!dist.transcript.entries.some((e) => /signature=[0-9a-f]{64}/.test(e.text)), 'signatures redacted in the log');
});
