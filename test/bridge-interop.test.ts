// Interop: the MOS features run through the WebSocket <-> TCP bridge against a real MOS 2.8
// stack, @mos-connection/connector, acting as the MOS device.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { MosConnection, getMosTypes } from '@mos-connection/connector';
import type { MosDevice } from '@mos-connection/connector';
import { WsTcpBridge } from '../simulators/ws-tcp-bridge';
import { runConformance } from '../cli/run';
import { defaultConfig, mergeConfig } from '../steps/support/config';
import { Ucs2MosReader, encodeUcs2be } from '../lib/transport/ucs2';
import { startTestBridge, waitUntil } from './helpers';

const T = getMosTypes(false);
const CREDS = { username: 'bridge', password: 'bridge-secret-pw' };
process.env.BRIDGE_PW = CREDS.password;

test('UCS-2 big-endian framing survives split chunks and odd byte boundaries', () => {
  const a = '<mos><mosID>ü</mosID><ncsID>N</ncsID><messageID>1</messageID><heartbeat/></mos>';
  const bytes = Buffer.concat([encodeUcs2be(a), encodeUcs2be(a.replace('1', '2'))]);
  const r = new Ucs2MosReader();
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 7) out.push(...r.push(bytes.subarray(i, i + 7)));
  assert.deepEqual(out, [a, a.replace('1', '2')]);
  assert.equal(encodeUcs2be('A').toString('hex'), '0041');
});

let mos: MosConnection;
let device: MosDevice;
let bridge: WsTcpBridge;
const seen: string[] = [];

before(async () => {
  // The device listens on `system` for the NCS's messages and dials `farSide` (the bridge) for its own.
  const started = await startTestBridge(CREDS);
  bridge = started.bridge;
  const { lower, upper, query } = started.system;
  mos = new MosConnection({ mosID: 'DEVICE.MOS', acceptsConnections: true, profiles: { '0': true, '1': true, '2': true }, isNCS: false, ports: { lower, upper, query }, strict: false });
  mos.on('error', () => undefined);
  await mos.init();
  device = await mos.connect({ primary: { id: 'NRCS.NCS', host: '127.0.0.1', ports: { lower: started.farSide.lower, upper: started.farSide.upper, query }, dontUseQueryPort: true, heartbeatInterval: 60_000 } });
  const ack = (id: unknown) => ({ ID: id as ReturnType<typeof T.mosString128.create>, Status: T.mosString128.create('OK'), Stories: [] });
  device.onRequestMachineInfo(async () => ({
    manufacturer: T.mosString128.create('NRK'), model: T.mosString128.create('mos-connection'), hwRev: T.mosString128.create('1'), swRev: T.mosString128.create('4.1.1'),
    DOM: T.mosString128.create('2024'), SN: T.mosString128.create('1'), ID: T.mosString128.create('DEVICE.MOS'), time: T.mosTime.create(Date.now()), mosRev: T.mosString128.create('2.8.5'),
    supportedProfiles: { deviceType: 'MOS', profile0: true, profile1: true, profile2: true },
  }));
  device.onCreateRunningOrder(async (ro) => { seen.push('roCreate'); return ack(ro.ID); });
  device.onROInsertStories(async (a) => { seen.push('INSERT'); return ack(a.RunningOrderID); });
  device.onROMoveStories(async (a) => { seen.push('MOVE'); return ack(a.RunningOrderID); });
  device.onROReplaceStories(async (a) => { seen.push('REPLACE'); return ack(a.RunningOrderID); });
  device.onRODeleteStories(async (a) => { seen.push('DELETE'); return ack(a.RunningOrderID); });
  device.onROSwapStories(async (a) => ack(a.RunningOrderID));
});

after(async () => {
  await mos?.dispose().catch(() => undefined);
  await bridge?.stop();
});

test('the MOS features pass through the bridge against mos-connection as the device', { timeout: 120_000 }, async () => {
  const config = mergeConfig(defaultConfig(), {
    target: { role: 'device', url: bridge.url, mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS', username: CREDS.username, passwordEnv: 'BRIDGE_PW', allowUntrusted: true, capabilities: ['listens'] },
    timing: { base: 'accelerated', responseTimeoutMs: 3000 },
  });
  const { results, success } = await runConformance(config, { quiet: true, formats: false });
  assert.ok(success, JSON.stringify(results.filter((r) => r.outcome === 'FAIL').map((r) => `${r.name}: ${r.message}`), null, 1));
  const passed = results.filter((r) => r.outcome === 'PASS');
  assert.ok(passed.length >= 15, `${passed.length} passed`);
  // The 2.x stack itself answered: heartbeats and roElementAction reached mos-connection.
  assert.ok(passed.some((r) => r.requirements.includes('MOSWS-DEPR-1')));
  assert.deepEqual([...new Set(seen)].sort(), ['DELETE', 'INSERT', 'MOVE', 'REPLACE', 'roCreate']);
});

test('passive mode through the bridge: mos-connection requests a running order over the passive socket', { timeout: 30_000 }, async () => {
  const { NrcsSimulator } = await import('../simulators/nrcs');
  const nrcs = new NrcsSimulator({ mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS', keepAlive: { intervalMs: 60_000, mode: 'off' }, connect: { url: bridge.url, auth: CREDS, passive: true, trust: { allowUntrusted: true } } });
  await nrcs.start();
  try {
    await waitUntil(() => nrcs.openSockets().filter((s) => s.passive).length === 2, 5000, 'the passive sockets to open');
    const ro = await device.sendRequestRunningOrder(T.mosString128.create('RO-1'));
    assert.equal(T.mosString128.stringify(ro!.ID), 'RO-1');
    assert.equal(ro!.Stories.length, 2);
    const roReq = nrcs.transcript.messages({ direction: 'in', message: 'roReq' });
    assert.equal(roReq.length, 1);
    assert.equal(roReq[0]!.passive, true);
  } finally {
    await nrcs.stop();
  }
});
