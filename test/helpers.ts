// Shared helpers for the unit tests.
import net from 'node:net';
import { WsTcpBridge } from '../simulators/ws-tcp-bridge';
import { DeviceSimulator } from '../simulators/device';
import { NrcsSimulator } from '../simulators/nrcs';
import { PeerOptions } from '../simulators/mos-peer';
import { Transcript } from '../lib/transport/transcript';
import { TlsMaterial, generateSelfSigned } from '../lib/transport/tls';

export const IDS = { mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS' };
export const CREDS = { username: 'mosuser', password: 's3cret-pass' };

let tlsCache: Promise<TlsMaterial> | undefined;
export function testTls(): Promise<TlsMaterial> {
  tlsCache ??= generateSelfSigned();
  return tlsCache;
}

export interface Pair {
  device: DeviceSimulator;
  nrcs: NrcsSimulator;
  transcript: Transcript;
  stop(): Promise<void>;
}

/** Device listening (wss optional), NRCS active side in passive mode. */
export async function passivePair(o: { tls?: boolean; device?: Partial<PeerOptions>; nrcs?: Partial<PeerOptions> } = {}): Promise<Pair> {
  const transcript = new Transcript();
  const tls = o.tls ? await testTls() : undefined;
  const device = new DeviceSimulator({ ...IDS, transcript, listen: { path: '/mos', tls, auth: CREDS }, keepAlive: { intervalMs: 60_000, mode: 'interval' }, ...o.device });
  await device.start();
  const nrcs = new NrcsSimulator({ ...IDS, transcript, connect: { url: device.endpoint!.url + '?tenant=42', auth: CREDS, passive: true, trust: { allowUntrusted: true } }, keepAlive: { intervalMs: 60_000, mode: 'interval' }, ...o.nrcs });
  await nrcs.start();
  return { device, nrcs, transcript, stop: async () => { await nrcs.stop(); await device.stop(); } };
}

/** Both sides listening and connecting to each other (normal mode, four sockets). */
export async function normalPair(o: { tls?: boolean } = {}): Promise<Pair> {
  const transcript = new Transcript();
  const tls = o.tls ? await testTls() : undefined;
  const keepAlive = { intervalMs: 60_000, mode: 'interval' as const };
  const device = new DeviceSimulator({ ...IDS, transcript, keepAlive, listen: { path: '/device', tls, auth: CREDS } });
  const nrcs = new NrcsSimulator({ ...IDS, transcript, keepAlive, listen: { path: '/nrcs', tls, auth: CREDS } });
  await device.start();
  await nrcs.start();
  device.connect({ url: nrcs.endpoint!.url, auth: CREDS, trust: { allowUntrusted: true } });
  nrcs.connect({ url: device.endpoint!.url, auth: CREDS, trust: { allowUntrusted: true } });
  return { device, nrcs, transcript, stop: async () => { await nrcs.stop(); await device.stop(); } };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Poll `pred` until it holds; after `timeoutMs` throw "timed out waiting for <what>". */
export async function waitUntil(pred: () => boolean, timeoutMs: number, what: string | (() => string), everyMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(everyMs);
  }
}

/** A port nobody listens on right now (for servers that cannot take port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A bridge in front of a 2.x system that will listen on `system` (lower/upper/query) and dial
 * the bridge's `farSide` ports for its own messages (the role behind the bridge does not matter).
 */
export async function startTestBridge(auth: { username: string; password: string }): Promise<{
  bridge: WsTcpBridge;
  system: { lower: number; upper: number; query: number };
  farSide: { lower: number; upper: number };
}> {
  const [lower, upper, query, farLower, farUpper] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const bridge = new WsTcpBridge({
    ...IDS,
    listen: { path: '/mos', tls: await testTls(), auth, mosIDs: [IDS.mosID], ncsIDs: [IDS.ncsID] },
    tcp: { host: '127.0.0.1', lower, upper, query },
    ncsPorts: { lower: farLower, upper: farUpper },
    keepAliveMs: 150,
  });
  await bridge.start();
  return { bridge, system: { lower, upper, query }, farSide: { lower: farLower, upper: farUpper } };
}
