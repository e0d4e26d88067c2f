// Interop, other role: the MOS features run through the WebSocket <-> TCP bridge against
// @mos-connection/connector acting as the NRCS (isNCS). Where it can: the bridge only listens,
// so the NRCS is certified as a listening system (and in passive mode, as the listening side
// that originates); a 2.x NCS dialling out over WebSocket would need a dialling bridge.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { MosConnection, getMosTypes } from '@mos-connection/connector';
import type { MosDevice } from '@mos-connection/connector';
import { WsTcpBridge } from '../simulators/ws-tcp-bridge';
import { DeviceSimulator } from '../simulators/device';
import { runConformance } from '../cli/run';
import { defaultConfig, mergeConfig } from '../steps/support/config';
import { startTestBridge, waitUntil } from './helpers';

const T = getMosTypes(false);
const CREDS = { username: 'bridge', password: 'bridge-ncs-secret-pw' };
process.env.BRIDGE_NCS_PW = CREDS.password;

let mos: MosConnection;
let toDevice: MosDevice;
let bridge: WsTcpBridge;
/** Raw messages the 2.x NCS itself received (mos-connection's own log of the wire). */
const ncsReceived: string[] = [];

before(async () => {
  // The NCS listens on `system` for the device's messages and dials `farSide` (the bridge) for its own.
  const started = await startTestBridge(CREDS);
  bridge = started.bridge;
  const { lower, upper, query } = started.system;
  mos = new MosConnection({ mosID: 'NRCS.NCS', acceptsConnections: true, isNCS: true, profiles: { '0': true, '1': true, '2': true }, ports: { lower, upper, query }, strict: false });
  mos.on('error', () => undefined);
  mos.on('rawMessage', (_source, type, message) => {
    if (type === 'recieved' || type === 'received') ncsReceived.push(String(message));
  });
  await mos.init();
  toDevice = await mos.connect({ primary: { id: 'DEVICE.MOS', host: '127.0.0.1', ports: { lower: started.farSide.lower, upper: started.farSide.upper, query }, dontUseQueryPort: true, heartbeatInterval: 60_000 } });
});

after(async () => {
  await mos?.dispose().catch(() => undefined);
  await bridge?.stop();
});

test('the MOS features pass through the bridge against mos-connection as the NRCS', { timeout: 120_000 }, async () => {
  const config = mergeConfig(defaultConfig(), {
    target: { role: 'nrcs', url: bridge.url, mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS', username: CREDS.username, passwordEnv: 'BRIDGE_NCS_PW', allowUntrusted: true, capabilities: ['listens'] },
    timing: { base: 'accelerated', responseTimeoutMs: 3000 },
  });
  const { results, success } = await runConformance(config, { quiet: true, formats: false });
  assert.ok(success, JSON.stringify(results.filter((r) => r.outcome === 'FAIL').map((r) => `${r.name}: ${r.message}`), null, 1));
  const passed = results.filter((r) => r.outcome === 'PASS');
  assert.ok(passed.length >= 15, `${passed.length} passed`);
  // The 2.x NCS itself answered: the suite's heartbeats after keepAlive reached mos-connection.
  assert.ok(passed.some((r) => r.requirements.includes('MOSWS-KA-2')));
  assert.ok(ncsReceived.some((m) => m.includes('<heartbeat>') && m.includes('<mosID>DEVICE.MOS</mosID>')), 'mos-connection received no heartbeat from the suite');
});

test('passive mode through the bridge: mos-connection as NRCS originates roCreate over the passive socket', { timeout: 30_000 }, async () => {
  const device = new DeviceSimulator({ mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS', keepAlive: { intervalMs: 60_000, mode: 'off' }, connect: { url: bridge.url, auth: CREDS, passive: true, trust: { allowUntrusted: true } } });
  await device.start();
  try {
    await waitUntil(() => device.openSockets().filter((s) => s.passive).length >= 2, 5000, 'the passive sockets to open');
    const ack = await toDevice.sendCreateRunningOrder({ ID: T.mosString128.create('RO-NCS-1'), Slug: T.mosString128.create('Interop'), Stories: [] });
    assert.equal(T.mosString128.stringify(ack.ID), 'RO-NCS-1');
    assert.equal(T.mosString128.stringify(ack.Status), 'OK');
    const roCreate = device.transcript.messages({ direction: 'in', message: 'roCreate' });
    assert.equal(roCreate.length, 1);
    assert.equal(roCreate[0]!.passive, true);
    assert.equal(roCreate[0]!.channel, 'ro');
    assert.ok(device.runningOrders.has('RO-NCS-1'));
  } finally {
    await device.stop();
  }
});
