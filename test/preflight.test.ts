// The pre-flight names the one thing that keeps the suite from testing a listening system, in the
// test engineer's terms, with the flag to look at: nothing listens, untrusted TLS, refused
// credentials (401), unknown identities (403), wrong path (404), a parameter spelling (400).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { DeviceSimulator } from '../simulators/device';
import { preflight } from '../cli/preflight';
import { TIMING_PROFILES, TargetConfig } from '../suite/config';
import { testTls } from './helpers';
import tls from 'node:tls';
import { connectDefectOf } from '../lib/transport/connect-error';
import { CouldNotTest, verdictOfError } from '../suite/verdicts';

const CREDS = { username: 'mos', password: 'preflight-pw' };
const TIMING = { ...TIMING_PROFILES.accelerated!, connectTimeoutMs: 2000, responseTimeoutMs: 2000 };
const FLAGS: Record<string, string> = { 'target.url': '--target-url', 'target.username': '--user', 'target.passwordEnv': '--password-env', 'target.allowUntrusted': '--allow-untrusted', 'target.caFile': '--ca', 'target.mosID': '--mos-id', 'target.ncsID': '--ncs-id' };
const nameOf = (k: string): string => FLAGS[k] ?? k;

function target(url: string, o: Partial<TargetConfig> = {}): TargetConfig & { url: string } {
  return { role: 'device', url, mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS', username: CREDS.username, password: CREDS.password, allowUntrusted: true, capabilities: ['listens'], ...o };
}

test('pre-flight: every refusal explained, listMachInfo recorded when all is well', async () => {
  const device = new DeviceSimulator({ mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS', listen: { path: '/mos', tls: await testTls(), auth: CREDS } });
  await device.start();
  try {
    const url = device.endpoint!.url;
    const ok = await preflight(target(url), TIMING, nameOf);
    assert.equal(ok.ok, true, JSON.stringify(ok));
    assert.deepEqual(ok.stages.map((s) => s.stage), ['tcp', 'tls', 'upgrade', 'listMachInfo']);
    assert.equal(ok.machineInfo.reported && ok.machineInfo.model, 'Reference device simulator');

    const cases: Array<[string, TargetConfig & { url: string }, RegExp]> = [
      ['wrong password', target(url, { password: 'nope' }), /^the system refused the configured credentials \(HTTP 401\) — check --user\/--password-env$/],
      ['no credentials', target(url, { username: undefined, password: undefined }), /^the system requires credentials \(HTTP 401\) — give --user and --password-env$/],
      ['foreign mosID', target(url, { mosID: 'OTHER.MOS' }), /^the system refused the connection request \(HTTP 403: mosID "OTHER\.MOS" is not configured here\) — check --mos-id and --ncs-id/],
      ['wrong path', target(url.replace(/\/mos$/, '/mos/Communication')), /^the system has no MOS endpoint at \/mos\/Communication \(HTTP 404\) — check the path of --target-url$/],
      ['untrusted certificate', target(url, { allowUntrusted: false }), /^the system's TLS certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\) — pass --allow-untrusted for a self-signed certificate, or --ca FILE$/],
      ['ws:// against wss', target(url.replace(/^wss:/, 'ws:')), /^the WebSocket upgrade failed: socket hang up — if the endpoint speaks wss, check the scheme of --target-url$/],
    ];
    for (const [what, t, reason] of cases) {
      const p = await preflight(t, TIMING, nameOf);
      assert.equal(p.ok, false, what);
      assert.match(p.reason ?? '', reason, what);
    }
  } finally {
    await device.stop();
  }
});

test('pre-flight: a 400 refusal hints at the parameter spelling and the path', async () => {
  // A system that wants nCSID and answers 400 to ncsID.
  const server = http.createServer();
  server.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 18\r\n\r\nnCSID is required\n'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const port = (server.address() as { port: number }).port;
    const p = await preflight(target(`ws://127.0.0.1:${port}/mos`), TIMING, nameOf);
    assert.equal(p.ok, false);
    assert.match(p.reason ?? '', /^the system refused the connection request \(HTTP 400: nCSID is required\) — check the path \/mos of --target-url and the parameter spelling the system expects \(.*nCSID: docs\/interpretations\.md #1\)$/);
    assert.deepEqual(p.stages.map((s) => [s.stage, s.ok]), [['tcp', true], ['upgrade', false]]);
  } finally {
    server.close();
  }
});

test('pre-flight: wss:// against a plain ws endpoint names the scheme', async () => {
  const device = new DeviceSimulator({ mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS', listen: { path: '/mos', auth: CREDS } });
  await device.start();
  try {
    const p = await preflight(target(device.endpoint!.url.replace(/^ws:/, 'wss:')), TIMING, nameOf);
    assert.match(p.reason ?? '', /^TLS handshake with 127\.0\.0\.1:\d+ failed \(ERR_SSL_WRONG_VERSION_NUMBER\) — the endpoint seems to speak plain ws; check the scheme of --target-url$/);
  } finally {
    await device.stop();
  }
});

test('pre-flight: nothing listening is one line naming the address', async () => {
  const p = await preflight(target('wss://127.0.0.1:1/mos'), TIMING, nameOf);
  assert.equal(p.ok, false);
  assert.equal(p.reason, 'nothing listens at 127.0.0.1:1 (connection refused) — is the system running, and is --target-url right?');
  assert.ok(p.ms < 1000);
});

test('pre-flight: an endpoint refusing TLS 1.2 and 1.3 is the system\'s defect (SEC-TLS-2), judged in the run, not "could not test"', async () => {
  const material = await testTls();
  // TLS 1.0/1.1 only; the legacy versions need OpenSSL's lowest security level.
  const server = tls.createServer({ key: material.key, cert: material.cert, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' }, (s) => s.end());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const port = (server.address() as { port: number }).port;
    const p = await preflight(target(`wss://127.0.0.1:${port}/mos`), TIMING, nameOf);
    assert.equal(p.ok, true, JSON.stringify(p));
    assert.deepEqual(p.stages.map((s) => [s.stage, s.ok]), [['tcp', true], ['tls', false]]);
    assert.match(p.machineInfo.reported ? '' : p.machineInfo.reason, /^the system refused TLS 1\.2 and TLS 1\.3 \(ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION\); the run judges it under SEC-TLS-2$/);
  } finally {
    server.close();
  }
});

test('connection defects name their requirement; other connection failures name none', () => {
  assert.equal(connectDefectOf({ message: 'Invalid Sec-WebSocket-Accept header' }), 'SEC-WS-1');
  assert.equal(connectDefectOf({ code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', message: 'C0B6:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version' }), 'SEC-TLS-2');
  assert.equal(connectDefectOf({ code: 'ERR_SSL_UNSUPPORTED_PROTOCOL', message: 'unsupported protocol' }), 'SEC-TLS-2');
  for (const e of [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, { code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number' }]) assert.equal(connectDefectOf(e), undefined, e.code);
  // A "could not test" whose reason carries OpenSSL's words names the defect that blocked it.
  assert.equal(verdictOfError(new CouldNotTest(undefined, 'cannot connect to wss://h/mos: ...tlsv1 alert protocol version...')).requirement, 'SEC-TLS-2');
  assert.equal(verdictOfError(new CouldNotTest(undefined, 'connection refused by wss://h/mos')).requirement, undefined);
});

test('pre-flight: a listener serving passive sockets only is asked with passive=true and not sent reqMachInfo', async () => {
  // Refuses every request without passive=true, as a passive-only listener may; upgrades the others.
  const { WebSocketServer } = await import('ws');
  const seen: string[] = [];
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', verifyClient: (info: { req: http.IncomingMessage }, cb: (ok: boolean, code?: number) => void) => cb(/[?&]passive=true(&|$)/.test(info.req.url ?? ''), 403) });
  wss.on('connection', (ws) => ws.on('message', (d) => seen.push(d.toString())));
  await new Promise<void>((r) => wss.once('listening', () => r()));
  try {
    const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/mos`;
    const p = await preflight(target(url, { capabilities: ['connects', 'passive-listener'] }), TIMING, nameOf);
    assert.equal(p.ok, true, JSON.stringify(p));
    assert.match(p.stages.find((s) => s.stage === 'upgrade')?.detail ?? '', /passive=true/);
    assert.equal(p.machineInfo.reported, false);
    assert.deepEqual(seen, [], 'the suite originates nothing over a passive socket');
    // Declared as listening for normal sockets too, the same system's refusal stops the run.
    const normal = await preflight(target(url, { capabilities: ['listens', 'passive-listener'] }), TIMING, nameOf);
    assert.equal(normal.ok, false);
  } finally {
    await new Promise<void>((r) => wss.close(() => r()));
  }
});
