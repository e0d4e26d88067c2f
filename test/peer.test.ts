import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalPair, passivePair, sleep } from './helpers';
import { Transcript } from '../lib/transport/transcript';

test('normal mode over wss: four sockets, heartbeat, machine info, roReq/roList, mosObj/mosAck', async () => {
  const p = await normalPair({ tls: true });
  try {
    await p.device.ready();
    await p.nrcs.ready();
    assert.equal((await p.device.heartbeat('mom')).name, 'heartbeat');
    assert.equal((await p.nrcs.requestMachineInfo('ro')).name, 'listMachInfo');
    const list = await p.device.requestRunningOrder('RO-1');
    assert.equal(list.name, 'roList');
    assert.equal(list.body.children.filter((c) => c.name === 'story').length, 2);
    assert.equal((await p.device.requestRunningOrder('NOPE')).name, 'roAck');
    assert.equal((await p.device.publishObject({ objID: 'O1', objSlug: 'clip', objType: 'VIDEO', objDur: 100 })).name, 'mosAck');
    assert.equal((await p.nrcs.elementAction('RO-1', 'DELETE', {}, { storyIDs: ['S2'] })).name, 'roAck');
    // Device's roReq went out over the socket the device opened (its outbound), not a passive one.
    const out = p.transcript.messages({ who: 'device', direction: 'out', message: 'roReq' });
    assert.ok(out.length >= 1 && out.every((e) => e.passive === false && e.channel === 'ro'));
    assert.equal(p.device.openSockets().length, 4);
    assert.equal(p.nrcs.openSockets().length, 4);
  } finally {
    await p.stop();
  }
});

test('passive mode: the listener originates roReq over the passive socket', async () => {
  const p = await passivePair({ tls: true });
  try {
    await p.device.ready();
    const list = await p.device.requestRunningOrder('RO-1');
    assert.equal(list.name, 'roList');
    const roReq = p.transcript.messages({ who: 'device', direction: 'out', message: 'roReq' })[0]!;
    assert.equal(roReq.passive, true);
    // The active side keeps its own outbound sockets too (two ports, four sockets).
    await p.nrcs.ready();
    assert.equal((await p.nrcs.heartbeat('ro')).name, 'heartbeat');
    const opened = p.nrcs.openSockets().filter((s) => s.origin === 'opened');
    assert.deepEqual(opened.map((s) => `${s.channel}/${s.passive}`).sort(), ['mom/false', 'mom/true', 'ro/false', 'ro/true']);
    // Extra configured parameters are kept on every socket the active side opens.
    const opens = p.transcript.entries.filter((e) => e.kind === 'open' && e.who === 'device');
    assert.ok(opens.length === 4 && opens.every((e) => e.text.includes('tenant=42')), JSON.stringify(opens));
    assert.ok(!p.transcript.entries.some((e) => e.text.includes('s3cret-pass')));
  } finally {
    await p.stop();
  }
});

test('passive mode two-socket layout carries both directions', async () => {
  const p = await passivePair({ nrcs: { passiveLayout: 'two-sockets' } });
  try {
    await p.device.ready();
    await p.nrcs.ready();
    assert.equal((await p.device.requestRunningOrder('RO-1')).name, 'roList');
    assert.equal((await p.nrcs.heartbeat('mom')).name, 'heartbeat');
    assert.equal(p.nrcs.openSockets().length, 2);
  } finally {
    await p.stop();
  }
});

test('a dropped passive socket is re-opened at once; queued messages arrive once each, in order', async () => {
  const p = await passivePair();
  try {
    await p.device.ready();
    const dropped = p.device.dropSockets({ passive: true, channel: 'ro' });
    assert.equal(dropped, 1);
    // Sent while the passive ro socket is down: queued on the device side.
    const replies = [1, 2, 3, 4, 5].map((i) => p.device.request('ro', { name: 'roReq', children: [{ name: 'roID', text: `RO-${i === 1 ? 1 : 'X' + i}` }] }, 5000));
    const got = await Promise.all(replies);
    assert.equal(got.length, 5);
    const received = p.transcript.messages({ who: 'nrcs', direction: 'in', message: 'roReq' });
    const ids = received.map((e) => e.messageID);
    assert.deepEqual(ids, [...ids].sort((a, b) => a! - b!), 'in order');
    assert.equal(new Set(ids).size, ids.length, 'once each');
    assert.equal(ids.length, 5);
    const timings = p.nrcs.reconnectTimings();
    assert.equal(timings.length, 1);
    assert.ok(timings[0]! < 1000, `reconnect took ${timings[0]} ms`);
  } finally {
    await p.stop();
  }
});

test('reconnect backs off while the listener is down and recovers when it returns', async () => {
  const p = await passivePair({ nrcs: { connect: undefined } });
  const port = p.device.endpoint!.port;
  const url = p.device.endpoint!.url;
  await p.device.stop();
  const transcript = new Transcript();
  const { NrcsSimulator } = await import('../simulators/nrcs');
  const { DeviceSimulator } = await import('../simulators/device');
  const { IDS, CREDS } = await import('./helpers');
  const nrcs = new NrcsSimulator({ ...IDS, transcript, connect: { url, auth: CREDS, passive: true, reconnect: { minDelayMs: 20, maxDelayMs: 200 } } });
  await nrcs.start();
  await sleep(600);
  const failures = transcript.entries.filter((e) => e.kind === 'error' && /failed/.test(e.text)).length;
  // Capped backoff: several attempts per socket, but nowhere near a tight loop.
  assert.ok(failures >= 4 * 3 && failures <= 4 * 12, `failures ${failures}`);
  const device = new DeviceSimulator({ ...IDS, transcript, listen: { port, path: '/mos', auth: CREDS } });
  await device.start();
  try {
    await device.ready(['mom', 'ro'], 3000);
    assert.equal((await device.requestRunningOrder('RO-1')).name, 'roList');
  } finally {
    await nrcs.stop();
    await device.stop();
  }
});

test('keepAlive is sent on every channel at the interval and discarded on receipt', async () => {
  const p = await passivePair({ device: { keepAlive: { intervalMs: 50, mode: 'interval' } }, nrcs: { keepAlive: { intervalMs: 50, mode: 'idle' } } });
  try {
    await p.device.ready();
    await sleep(300);
    for (const who of ['device', 'nrcs']) {
      const channels = new Set(p.transcript.messages({ who, direction: 'out', message: 'keepAlive' }).map((e) => `${e.channel}/${e.passive}`));
      assert.deepEqual([...channels].sort(), ['mom/false', 'mom/true', 'ro/false', 'ro/true'], who);
    }
    // Never answered: nothing goes out in reply and no messageID is carried.
    const all = p.transcript.messages({ message: 'keepAlive' });
    assert.ok(all.every((e) => e.messageID === undefined));
    assert.equal(p.transcript.messages({ direction: 'out', message: 'heartbeat' }).length, 0);
    assert.equal((await p.device.requestRunningOrder('RO-1')).name, 'roList');
  } finally {
    await p.stop();
  }
});

test('a request without reply times out with a clear error', async () => {
  const p = await passivePair({ nrcs: { faults: ['ignores-requests'] } });
  try {
    await p.device.ready();
    await assert.rejects(p.device.requestRunningOrder('RO-1', 200), /no roList\/roAck for roReq#\d+ on ro within 200 ms/);
  } finally {
    await p.stop();
  }
});

test('an unsolicited heartbeat is answered once; its echo is not answered again (no ping-pong)', async () => {
  const { WebSocket } = await import('ws');
  const { basicAuthHeader } = await import('../lib/transport/basic-auth');
  const { DeviceSimulator } = await import('../simulators/device');
  const { IDS, CREDS } = await import('./helpers');
  const device = new DeviceSimulator({ ...IDS, listen: { path: '/mos', auth: CREDS }, keepAlive: { intervalMs: 60_000, mode: 'off' } });
  await device.start();
  const ws = new WebSocket(`${device.endpoint!.url}?mosID=${IDS.mosID}&ncsID=${IDS.ncsID}&channel=mom`, { headers: { Authorization: basicAuthHeader(CREDS) } });
  try {
    await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
    const got: string[] = [];
    ws.on('message', (d) => got.push(d.toString()));
    const hb = `<mos><mosID>${IDS.mosID}</mosID><ncsID>${IDS.ncsID}</ncsID><messageID>0</messageID><heartbeat><time>2026-01-01T00:00:00</time></heartbeat></mos>`;
    ws.send(hb);
    await sleep(100);
    assert.equal(got.length, 1);
    ws.send(hb); // the echo of the device's own reply
    await sleep(100);
    assert.equal(got.length, 1);
  } finally {
    ws.close();
    await device.stop();
  }
});

test('a full transcript drops its oldest entries in batches and keeps the newest', () => {
  const t = new Transcript(100);
  for (let i = 0; i < 1000; i++) t.record({ who: 'x', kind: 'mos', message: 'heartbeat', messageID: i, text: '' });
  assert.ok(t.entries.length >= 100 && t.entries.length <= 110, `${t.entries.length} entries`);
  assert.equal(t.entries.at(-1)!.messageID, 999);
  assert.deepEqual(t.entries.map((e) => e.messageID), [...Array(t.entries.length).keys()].map((i) => 1000 - t.entries.length + i));
});
