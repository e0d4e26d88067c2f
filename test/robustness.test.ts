// Hostile and broken input: every case gets a clear error or close code, the simulator stays
// up, and what was correct before still works after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { DeviceSimulator } from '../simulators/device';
import { DistributionServer } from '../simulators/distribution-server';
import { Transcript } from '../lib/transport/transcript';
import { basicAuthHeader } from '../lib/transport/basic-auth';
import { signUrl } from '../lib/signing/signer';
import { CREDS, IDS } from './helpers';

const transcript = new Transcript();
const device = new DeviceSimulator({ ...IDS, transcript, keepAlive: { intervalMs: 60_000, mode: 'off' }, listen: { path: '/mos', auth: CREDS, maxPayload: 4096, handshakeTimeoutMs: 400 } });
let url = '';

before(async () => {
  await device.start();
  url = `${device.endpoint!.url}?mosID=${IDS.mosID}&ncsID=${IDS.ncsID}&channel=ro`;
});
after(() => device.stop());

function open(): Promise<WebSocket> {
  const ws = new WebSocket(url, { headers: { Authorization: basicAuthHeader(CREDS) } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const hb = (id: number): string => `<mos><mosID>${IDS.mosID}</mosID><ncsID>${IDS.ncsID}</ncsID><messageID>${id}</messageID><heartbeat/></mos>`;

function reply(ws: WebSocket, id: number, ms = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no reply to #${id}`)), ms);
    ws.on('message', (d) => {
      const s = d.toString();
      if (s.includes(`<messageID>${id}</messageID>`)) {
        clearTimeout(t);
        resolve(s);
      }
    });
  });
}

/** The endpoint still answers a heartbeat on a fresh connection. */
async function assertStillServing(id: number): Promise<void> {
  const ws = await open();
  const r = reply(ws, id);
  ws.send(hb(id));
  assert.match(await r, /heartbeat/, 'still serving');
  ws.close();
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

test('malformed XML, entity bombs and unknown messages get a recorded error; the socket keeps working', async () => {
  const ws = await open();
  try {
    const bad = ['<mos><mosID>x', 'not xml at all', '<mos></mos>', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><mos>&lol2;</mos>', `<mos><mosID>${IDS.mosID}</mosID><ncsID>${IDS.ncsID}</ncsID><messageID>5</messageID><fooBar/></mos>`];
    for (const b of bad) ws.send(b);
    const nack = await reply(ws, 6).catch(() => '');
    ws.send(`<mos><mosID>${IDS.mosID}</mosID><ncsID>${IDS.ncsID}</ncsID><messageID>6</messageID><roFoo><roID>R</roID></roFoo></mos>`);
    assert.equal(nack, '');
    const ack = await reply(ws, 6);
    assert.match(ack, /<roAck>.*NACK: roFoo is not supported/);
    const r = reply(ws, 7);
    ws.send(hb(7));
    assert.match(await r, /<heartbeat/);
    const errors = transcript.entries.filter((e) => e.kind === 'error' && /unparseable message/.test(e.text));
    assert.ok(errors.length >= 4, `errors recorded: ${errors.length}`);
    assert.ok(errors.some((e) => /DOCTYPE or ENTITY/.test(e.text)));
  } finally {
    ws.close();
  }
});

test('invalid UTF-8 closes with 1007, a binary frame with 1003, an oversize frame with 1009', async () => {
  const a = await open();
  const ca = closeCode(a);
  // A text frame whose payload is not UTF-8: built by hand (FIN, opcode 1, masked).
  const payload = Buffer.from([0xc3, 0x28, 0xa0, 0xa1]);
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  (a as unknown as { _socket: net.Socket })._socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
  assert.equal(await ca, 1007);
  const b = await open();
  const cb = closeCode(b);
  b.send(Buffer.from('<mos/>'), { binary: true });
  assert.equal(await cb, 1003);
  const c = await open();
  const cc = closeCode(c);
  c.send('x'.repeat(5000));
  assert.equal(await cc, 1009);
  await assertStillServing(8);
});

test('slow or silent handshakes are cut off; the endpoint still serves', async () => {
  const port = device.endpoint!.port;
  const silent = net.connect(port, '127.0.0.1');
  const partial = net.connect(port, '127.0.0.1', () => partial.write('GET /mos HTTP/1.1\r\nHost: x\r\n'));
  const closed = (s: net.Socket) => new Promise<number>((resolve) => { const t = Date.now(); s.resume(); s.on('error', () => undefined); s.once('close', () => resolve(Date.now() - t)); });
  const [a, b] = await Promise.all([closed(silent), closed(partial)]);
  assert.ok(a < 3000 && b < 3000, `closed after ${a} / ${b} ms`);
  await assertStillServing(9);
});

test('a flood of unauthenticated upgrades is refused; the endpoint stays up', async () => {
  const attempts = Array.from({ length: 300 }, () => new Promise<number>((resolve) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_q, res) => { resolve(res.statusCode ?? 0); ws.terminate(); });
    ws.on('error', () => resolve(-1));
    ws.on('open', () => { resolve(101); ws.close(); });
  }));
  const statuses = await Promise.all(attempts);
  assert.ok(statuses.every((s) => s === 401), JSON.stringify([...new Set(statuses)]));
  await assertStillServing(10);
});

test('garbage signed-URL parameters are refused with 4xx, never served, never a 500', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'garbage-'));
  fs.writeFileSync(path.join(dir, 'a.mp4'), 'x');
  const dist = new DistributionServer({ root: dir, keys: new Map([['k', 's']]), strict: true });
  await dist.start();
  try {
    const good = signUrl(`${dist.origin()}/a.mp4`, { keyId: 'k', secret: 's', expiresAt: Date.now() + 60_000 });
    const q = good.split('?')[1]!;
    const garbage = [
      'policy=%%%&keyId=k&signature=zz', 'policy=&keyId=&signature=', `policy=${'A'.repeat(100_000)}&keyId=k&signature=0`, 'policy=eyJ9&keyId=k&signature=00',
      q.replace(/policy=[^&]*/, 'policy=' + Buffer.from('{"Statement":[]}').toString('base64url')), q.replace(/policy=[^&]*/, 'policy=' + Buffer.from('{"Statement":{"Condition":{"DateLessThan":1e400},"Resource":"x"}}').toString('base64url')),
      '&&&==&', 'policy=a&policy=b&keyId=k&signature=s', q + '&signature=' + 'f'.repeat(64), q.replace('keyId=k', 'keyId=%00'), '\u0000',
    ];
    for (const g of garbage) {
      const status = await new Promise<number>((resolve, reject) => http.get(`${dist.origin()}/a.mp4?${g}`, (res) => { res.resume(); resolve(res.statusCode!); }).on('error', reject));
      assert.ok(status >= 400 && status < 500, `${g.slice(0, 40)} -> ${status}`);
    }
    const ok = await new Promise<number>((resolve) => http.get(good, (res) => { res.resume(); resolve(res.statusCode!); }));
    assert.equal(ok, 200);
  } finally {
    await dist.stop();
  }
});
