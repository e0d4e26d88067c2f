// The suite pointed at a "vendor" endpoint over the network: a standalone simulator, a closed
// port and a server that never answers. Verdicts must come back, never a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { DeviceSimulator } from '../simulators/device';
import { runConformance } from '../cli/run';
import { defaultConfig, mergeConfig } from '../suite/config';
import { testTls } from './helpers';

const CREDS = { username: 'vendor', password: 'vendor-secret-9' };
process.env.VENDOR_PW = CREDS.password;

function vendorConfig(url: string, extra: Record<string, unknown> = {}) {
  return mergeConfig(defaultConfig(), {
    target: { role: 'device', url, mosID: 'VENDOR.MOS', ncsID: 'VENDOR.NCS', username: CREDS.username, passwordEnv: 'VENDOR_PW', allowUntrusted: true, capabilities: ['listens'], profiles: [0, 1, 2, 3, 4] },
    timing: { base: 'accelerated', connectTimeoutMs: 1000, responseTimeoutMs: 1000 },
    reportDir: 'reports/out/test-vendor',
    ...extra,
  });
}

test('a listening vendor device passes the applicable scenarios; the others are not applicable', async () => {
  const vendor = new DeviceSimulator({ mosID: 'VENDOR.MOS', ncsID: 'VENDOR.NCS', listen: { path: '/mos/Communication', tls: await testTls(), auth: CREDS } });
  await vendor.start();
  try {
    const { results, success } = await runConformance(vendorConfig(vendor.endpoint!.url), { quiet: true, formats: false });
    assert.ok(success, JSON.stringify(results.filter((r) => r.outcome === 'FAIL').map((r) => `${r.name}: ${r.message}`)));
    assert.ok(results.filter((r) => r.outcome === 'PASS').length >= 15);
    const na = results.filter((r) => r.outcome === 'NOT_APPLICABLE');
    assert.ok(na.length >= 5 && na.every((r) => /does not declare|declares no|operator|not configured as publishing media|--include-destructive|no trust for the system|needs passive mode in either role|nothing this requirement judges was seen/.test(r.message ?? '')), JSON.stringify(na.map((r) => r.message)));
    assert.ok(results.every((r) => r.role === 'device'));
    const dump = JSON.stringify(results);
    assert.ok(!dump.includes(CREDS.password), 'password never in results or attachments');
  } finally {
    await vendor.stop();
  }
});

test('a vendor endpoint that refuses TLS trust gives a clear TLS verdict', async () => {
  const vendor = new DeviceSimulator({ mosID: 'VENDOR.MOS', ncsID: 'VENDOR.NCS', listen: { path: '/mos', tls: await testTls(), auth: CREDS } });
  await vendor.start();
  try {
    const cfg = vendorConfig(vendor.endpoint!.url);
    cfg.target!.allowUntrusted = false;
    const { results, success } = await runConformance({ ...cfg, tags: '@req:MOSWS-TLS-1' }, { quiet: true, formats: false });
    assert.equal(success, false);
    const applicable = results.filter((r) => r.outcome !== 'NOT_APPLICABLE');
    assert.equal(applicable.length, 1);
    assert.match(applicable[0]!.message ?? '', /TLS: the certificate of wss:\/\/127\.0\.0\.1:\d+\/mos\?.* is not trusted .*allow untrusted certificates/);
  } finally {
    await vendor.stop();
  }
});

// (The `run` command's pre-flight stops before any scenario in this case: test/run-cli.test.ts.)
test('an unreachable endpoint: every applicable scenario could not be tested, with a clear reason, quickly', async () => {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  const started = Date.now();
  const { results, success } = await runConformance({ ...vendorConfig(`wss://127.0.0.1:${port}/mos`), tags: '@sut-listens' }, { quiet: true, formats: false });
  assert.equal(success, false);
  const failed = results.filter((r) => r.outcome === 'COULD_NOT_TEST');
  assert.ok(failed.length >= 10, JSON.stringify(results.map((r) => r.outcome)));
  for (const r of failed) assert.match(r.message ?? '', /connection refused by wss:\/\/127\.0\.0\.1:\d+\/mos.*nothing listens there/);
  assert.ok(Date.now() - started < 30_000);
});

test('a hanging endpoint (accepts TCP, never answers) yields verdicts within the timeouts', async () => {
  const sockets: net.Socket[] = [];
  const hang = net.createServer((c) => sockets.push(c));
  await new Promise<void>((r) => hang.listen(0, '127.0.0.1', () => r()));
  const port = (hang.address() as net.AddressInfo).port;
  try {
    const started = Date.now();
    const { results, success } = await runConformance({ ...vendorConfig(`ws://127.0.0.1:${port}/mos`), tags: '@req:MOSWS-AUTH-2' }, { quiet: true, formats: false });
    assert.equal(success, false);
    const selected = results.filter((r) => !r.tags.includes('@run-wide'));
    assert.ok(selected.length >= 5);
    for (const r of selected) {
      assert.equal(r.outcome, 'COULD_NOT_TEST');
      assert.match(r.message ?? '', /no handshake answer from ws:\/\/127\.0\.0\.1:\d+\/mos/);
    }
    // Each attempt is bounded by connectTimeoutMs (1 s), so the run ends well before the step timeout.
    assert.ok(Date.now() - started < selected.length * 3000, `took ${Date.now() - started} ms`);
  } finally {
    for (const c of sockets) c.destroy();
    hang.close();
  }
});

test('an endpoint that resets connections mid-handshake yields verdicts, not a hang', async () => {
  const reset = net.createServer((c) => {
    c.once('data', () => c.resetAndDestroy());
  });
  await new Promise<void>((r) => reset.listen(0, '127.0.0.1', () => r()));
  const port = (reset.address() as net.AddressInfo).port;
  try {
    const { results, success } = await runConformance({ ...vendorConfig(`ws://127.0.0.1:${port}/mos`), tags: '@req:MOSWS-AUTH-2' }, { quiet: true, formats: false });
    assert.equal(success, false);
    const selected = results.filter((r) => !r.tags.includes('@run-wide'));
    assert.ok(selected.length >= 5);
    for (const r of selected) {
      assert.equal(r.outcome, 'COULD_NOT_TEST');
      assert.match(r.message ?? '', /connection reset by ws:\/\/127\.0\.0\.1:\d+\/mos|socket hang up|cannot connect/);
    }
  } finally {
    reset.close();
  }
});
