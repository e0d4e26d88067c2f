import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { WebSocket } from 'ws';
import { MosEndpoint } from '../lib/transport/endpoint';
import { basicAuthHeader } from '../lib/transport/basic-auth';
import { Transcript } from '../lib/transport/transcript';
import { CREDS, IDS, testTls } from './helpers';

interface Outcome { status?: number; opened: boolean; wwwAuth?: string }

function tryConnect(url: string, headers: Record<string, string> = {}, rejectUnauthorized = false): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers, rejectUnauthorized, handshakeTimeout: 3000 });
    ws.on('unexpected-response', (_req, res) => { resolve({ status: res.statusCode, opened: false, wwwAuth: res.headers['www-authenticate'] as string | undefined }); ws.terminate(); });
    ws.on('open', () => { resolve({ opened: true }); ws.close(); });
    ws.on('error', () => resolve({ opened: false }));
  });
}

const transcript = new Transcript();
let accepted = 0;
const endpoint = new MosEndpoint({ path: '/mos/Communication', auth: CREDS, mosIDs: [IDS.mosID], ncsIDs: [IDS.ncsID], transcript }, (c) => { accepted++; c.ws.close(); });
after(() => endpoint.stop());

test('endpoint validates path, credentials and parameters before upgrading', async () => {
  await endpoint.start();
  const base = endpoint.url;
  const good = `${base}?mosID=${IDS.mosID}&ncsID=${IDS.ncsID}&channel=mom`;
  const auth = { Authorization: basicAuthHeader(CREDS) };
  assert.deepEqual(await tryConnect(good, auth), { opened: true });
  const noAuth = await tryConnect(good);
  assert.equal(noAuth.status, 401);
  assert.match(noAuth.wwwAuth ?? '', /^Basic realm=/);
  assert.equal((await tryConnect(good, { Authorization: basicAuthHeader({ ...CREDS, password: 'nope' }) })).status, 401);
  assert.equal((await tryConnect(good, { Authorization: basicAuthHeader({ ...CREDS, username: 'intruder' }) })).status, 401);
  assert.equal((await tryConnect(good, { Authorization: 'Basic %%%' })).status, 401);
  assert.equal((await tryConnect(`${base}?ncsID=${IDS.ncsID}&channel=mom`, auth)).status, 400);
  assert.equal((await tryConnect(`${base}?mosID=${IDS.mosID}&channel=mom`, auth)).status, 400);
  assert.equal((await tryConnect(`${base}?mosID=${IDS.mosID}&ncsID=${IDS.ncsID}`, auth)).status, 400);
  assert.equal((await tryConnect(`${base}?mosID=${IDS.mosID}&ncsID=${IDS.ncsID}&channel=video`, auth)).status, 400);
  assert.equal((await tryConnect(`${base}?mosID=OTHER&ncsID=${IDS.ncsID}&channel=ro`, auth)).status, 403);
  assert.equal((await tryConnect(`${base}?mosID=${IDS.mosID}&ncsID=OTHER&channel=ro`, auth)).status, 403);
  assert.equal((await tryConnect(good.replace('/mos/Communication', '/elsewhere'), auth)).status, 404);
  assert.equal(accepted, 1);
  const rejects = transcript.entries.filter((e) => e.kind === 'reject');
  assert.equal(rejects.length, 11);
  assert.ok(rejects.every((e) => !e.text.includes(CREDS.password)));
});

test('wss endpoint with a self-signed certificate: trusted only when allowed', async () => {
  const tls = await testTls();
  const secure = new MosEndpoint({ tls, auth: CREDS }, (c) => c.ws.close());
  await secure.start();
  try {
    assert.match(secure.url, /^wss:/);
    const url = `${secure.url}?mosID=M&ncsID=N&channel=ro`;
    const auth = { Authorization: basicAuthHeader(CREDS) };
    assert.deepEqual(await tryConnect(url, auth, false), { opened: true });
    assert.deepEqual(await tryConnect(url, auth, true), { opened: false });
    // A plain HTTPS GET is told to upgrade.
    const status = await new Promise<number>((resolve) => https.get(secure.url.replace('wss', 'https'), { rejectUnauthorized: false }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }));
    assert.equal(status, 426);
  } finally {
    await secure.stop();
  }
});
