// The signed-media scenario (objProxyPath) against a vendor device: signed with the vendor's own
// key for a distribution server the suite hosts with that key, or for the vendor's own
// distribution server. A wrong key is named as such.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeviceSimulator } from '../simulators/device';
import { DistributionServer } from '../simulators/distribution-server';
import { signUrl } from '../lib/signing/signer';
import { runConformance } from '../cli/run';
import { defaultConfig, mergeConfig } from '../suite/config';
import { freePort, testTls } from './helpers';

const CREDS = { username: 'vendor', password: 'vendor-media-pw-4' };
process.env.MEDIA_VENDOR_PW = CREDS.password;
process.env.MEDIA_VENDOR_KEY = 'vendor-media-secret-77';
const KEY = { keyId: 'vendor-media', secret: process.env.MEDIA_VENDOR_KEY };

/** A vendor device that publishes OBJ-77 every 150 ms, its proxy URL signed as `sign` says. */
async function vendorDevice(sign: (url: string) => string, baseUrl: string): Promise<{ device: DeviceSimulator; stop(): Promise<void> }> {
  const device = new DeviceSimulator({ mosID: 'VENDOR.MOS', ncsID: 'VENDOR.NCS', listen: { path: '/mos', tls: await testTls(), auth: CREDS }, media: { baseUrl, sign } });
  await device.start();
  const timer = setInterval(() => void device.publishObject({ objID: 'OBJ-77', objSlug: 'clip', objType: 'VIDEO', objDur: 25 }, 500).catch(() => undefined), 150);
  return { device, stop: async () => { clearInterval(timer); await device.stop(); } };
}

/** The scenarios the tags chose (a MOS run adds its run-wide test cases to any selection). */
function selected<T extends { tags: string[] }>(results: T[]): T[] {
  return results.filter((r) => !r.tags.includes('@run-wide'));
}

function config(url: string, media: Record<string, unknown>) {
  return mergeConfig(defaultConfig(), {
    target: { role: 'device', url, mosID: 'VENDOR.MOS', ncsID: 'VENDOR.NCS', username: CREDS.username, passwordEnv: 'MEDIA_VENDOR_PW', allowUntrusted: true, capabilities: ['listens', 'passive-listener'], operator: true },
    stream: { media },
    timing: { base: 'accelerated', operatorMs: 4000 },
    tags: '@req:SS-MOS-1',
    reportDir: 'reports/out/test-media',
  });
}

test("a vendor device signing with its own key for the suite's distribution server passes; expiry is checked without waiting", async () => {
  const port = await freePort();
  const v = await vendorDevice((url) => signUrl(url, { ...KEY, expiresAt: Date.now() + 3_600_000 }), `http://127.0.0.1:${port}/media`);
  try {
    const started = Date.now();
    const { results: all } = await runConformance(config(v.device.endpoint!.url, { keyId: KEY.keyId, secretEnv: 'MEDIA_VENDOR_KEY', listen: `127.0.0.1:${port}` }), { quiet: true, formats: false });
    const results = selected(all);
    assert.equal(results.length, 1);
    assert.equal(results[0]!.outcome, 'PASS', JSON.stringify(results[0]!.verdicts));
    assert.ok(Date.now() - started < 10_000, 'an hour-long URL is judged expired on the suite\'s own clock');
    assert.ok(!JSON.stringify(results).includes(KEY.secret), 'the key never appears in results');
  } finally {
    await v.stop();
  }
});

test('a vendor device signing with another key fails SS-MOS-1 naming the key', async () => {
  const port = await freePort();
  const v = await vendorDevice((url) => signUrl(url, { keyId: 'some-other-key', secret: 'x', expiresAt: Date.now() + 60_000 }), `http://127.0.0.1:${port}/media`);
  try {
    const results = selected((await runConformance(config(v.device.endpoint!.url, { keyId: KEY.keyId, secretEnv: 'MEDIA_VENDOR_KEY', listen: `127.0.0.1:${port}` }), { quiet: true, formats: false })).results);
    assert.equal(results[0]!.outcome, 'FAIL');
    assert.ok(results[0]!.verdicts.some((x) => x.requirement === 'SS-MOS-1' && /keyId "some-other-key".*"vendor-media"/.test(x.message)), JSON.stringify(results[0]!.verdicts));
  } finally {
    await v.stop();
  }
});

test("a vendor device publishing for its own distribution server: played where it points, refused once expired", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vendor-dist-'));
  const dist = new DistributionServer({ root, keys: new Map([[KEY.keyId, KEY.secret]]), strict: true, anyPath: true });
  await dist.start();
  const v = await vendorDevice((url) => signUrl(url, { ...KEY, expiresAt: Date.now() + 800 }), `${dist.origin()}/media`);
  try {
    const cfg = config(v.device.endpoint!.url, { keyId: KEY.keyId, secretEnv: 'MEDIA_VENDOR_KEY' });
    cfg.stream.clockSkewMs = 200;
    const results = selected((await runConformance(cfg, { quiet: true, formats: false })).results);
    assert.equal(results[0]!.outcome, 'PASS', JSON.stringify(results[0]!.verdicts));
  } finally {
    await v.stop();
    await dist.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
