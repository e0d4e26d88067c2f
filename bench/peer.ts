// The peer benchmark's two pairs: the project's NRCS and device simulators over MOS WebSocket,
// and two @mos-connection/connector instances (an NCS and a device) over MOS 2.x TCP (UCS-2).
// Both run the same request/reply mix the same way, so bench.ts can alternate and compare them.
//
// Concurrency: mos-connection sends one request per port and queues the next until the reply
// arrives (MosSocketClient.processQueue), so both pairs run with one request outstanding at a
// time: heartbeat -> heartbeat, reqMachInfo -> listMachInfo, roCreate -> roAck, in turn.
import net from 'node:net';
import { MosConnection, MosModel, getMosTypes } from '@mos-connection/connector';
import type { IMOSRunningOrder, MosDevice } from '@mos-connection/connector';
import { DeviceSimulator } from '../simulators/device';
import { NrcsSimulator, SAMPLE_RUNNING_ORDER } from '../simulators/nrcs';
import { MosMessage } from '../lib/mos/envelope';

export const MIX = ['heartbeat', 'reqMachInfo', 'roCreate'] as const;
const IDS = { mosID: 'DEV', ncsID: 'NCS' };
/** roCreate cycles through this many running-order IDs, so both devices store a bounded set. */
const RO_IDS = 100;

export interface Pair {
  /** Runs n requests of the mix one after another; returns request/reply pairs per second. */
  run(n: number): Promise<number>;
  stop(): Promise<void>;
}

async function timed(n: number, one: (i: number) => Promise<void>): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await one(i);
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`peer benchmark: unexpected reply (${what})`);
}

/** Our NRCS simulator dials our device simulator (ws://, normal mode: the mom and ro sockets). */
export async function ourPair(): Promise<Pair> {
  const keepAlive = { intervalMs: 60_000, mode: 'off' as const };
  const device = new DeviceSimulator({ ...IDS, keepAlive, listen: { host: '127.0.0.1', port: 0, path: '/mos' } });
  await device.start();
  const nrcs = new NrcsSimulator({ ...IDS, keepAlive, connect: { url: device.endpoint!.url, channels: ['mom', 'ro'] } });
  await nrcs.start();
  await nrcs.ready();
  const ros = Array.from({ length: RO_IDS }, (_, k) => ({ ...SAMPLE_RUNNING_ORDER, roID: `RO-${k}` }));
  const one = async (i: number): Promise<void> => {
    let reply: MosMessage;
    switch (MIX[i % 3]) {
      case 'heartbeat':
        reply = await nrcs.heartbeat('mom');
        return expect(reply.name === 'heartbeat', reply.name);
      case 'reqMachInfo':
        reply = await nrcs.requestMachineInfo('mom');
        return expect(reply.body.children.find((c) => c.name === 'ID')?.text === IDS.mosID, 'listMachInfo ID');
      default: {
        const ro = ros[i % RO_IDS]!;
        reply = await nrcs.createRunningOrder(ro);
        return expect(reply.body.children.find((c) => c.name === 'roStatus')?.text === 'OK', 'roAck status');
      }
    }
  };
  return {
    run: (n) => timed(n, one),
    async stop() {
      await nrcs.stop();
      await device.stop();
    },
  };
}

function freePorts(count: number): Promise<number[]> {
  return Promise.all(Array.from({ length: count }, () => new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  })));
}

/**
 * Two mos-connection instances, each listening on its own lower/upper/query ports and dialling
 * the other's (the usual MOS 2.x arrangement); the NCS sends, the device answers through the
 * callbacks an application registers.
 */
export async function mosConnectionPair(): Promise<Pair> {
  const T = getMosTypes(false);
  const s = T.mosString128.create;
  const [dl, du, dq, nl, nu, nq] = await freePorts(6);
  const profiles = { '0': true, '1': true, '2': true };
  const deviceSide = new MosConnection({ mosID: IDS.mosID, acceptsConnections: true, isNCS: false, profiles, ports: { lower: dl!, upper: du!, query: dq! }, strict: false });
  const ncsSide = new MosConnection({ mosID: IDS.ncsID, acceptsConnections: true, isNCS: true, profiles, ports: { lower: nl!, upper: nu!, query: nq! }, strict: false });
  const errors: string[] = [];
  for (const m of [deviceSide, ncsSide]) m.on('error', (e) => errors.push(String(e)));
  await deviceSide.init();
  await ncsSide.init();
  const link = (m: MosConnection, id: string, ports: { lower: number; upper: number; query: number }): Promise<MosDevice> =>
    m.connect({ primary: { id, host: '127.0.0.1', ports, dontUseQueryPort: true, heartbeatInterval: 60_000 } });
  // The device's handle on the NCS: incoming messages are routed to its callbacks.
  const toNcs = await link(deviceSide, IDS.ncsID, { lower: nl!, upper: nu!, query: nq! });
  const toDevice = await link(ncsSide, IDS.mosID, { lower: dl!, upper: du!, query: dq! });
  const stored = new Map<string, IMOSRunningOrder>();
  toNcs.onRequestMachineInfo(async () => ({
    manufacturer: s('MOS-WS conformance suite'), model: s('Reference device simulator'), hwRev: s('1'), swRev: s('0.1.0'),
    DOM: s('2026-11-25'), SN: s('device'), ID: s(IDS.mosID), time: T.mosTime.create(Date.now()), mosRev: s('2.8.5'),
    supportedProfiles: { deviceType: 'MOS', profile0: true, profile1: true, profile2: true },
  }));
  toNcs.onCreateRunningOrder(async (ro) => {
    const roID = T.mosString128.stringify(ro.ID);
    stored.set(roID, { ID: ro.ID, Slug: ro.Slug, Stories: [] });
    return { ID: ro.ID, Status: s('OK'), Stories: [] };
  });
  // The same running order as ours: two stories, one item.
  const ros: IMOSRunningOrder[] = Array.from({ length: RO_IDS }, (_, k) => ({
    ID: s(`RO-${k}`), Slug: s(SAMPLE_RUNNING_ORDER.roSlug),
    Stories: SAMPLE_RUNNING_ORDER.stories.map((st) => ({
      ID: s(st.storyID), Slug: s(st.storySlug),
      Items: st.items.map((it) => ({ ID: s(it.itemID), ObjectID: s(it.objID), MOSID: it.mosID })),
    })),
  }));
  // Heartbeats: mos-connection sends them from a timer through MosDevice.executeCommand (private);
  // the benchmark calls that same method rather than waiting for the timer.
  const exec = (toDevice as unknown as { executeCommand(m: MosModel.MosMessage): Promise<{ mos: Record<string, unknown> }> }).executeCommand.bind(toDevice);
  const until = Date.now() + 5000;
  while (!toDevice.getConnectionStatus().PrimaryConnected || !toNcs.getConnectionStatus().PrimaryConnected) {
    if (Date.now() > until) throw new Error(`mos-connection pair did not connect: ${errors.join('; ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const one = async (i: number): Promise<void> => {
    switch (MIX[i % 3]) {
      case 'heartbeat': {
        const reply = await exec(new MosModel.HeartBeat('lower', undefined, false));
        return expect(reply.mos.heartbeat !== undefined, 'heartbeat');
      }
      case 'reqMachInfo': {
        const info = await toDevice.requestMachineInfo();
        return expect(T.mosString128.stringify(info.ID) === IDS.mosID, 'listMachInfo ID');
      }
      default: {
        const ack = await toDevice.sendCreateRunningOrder(ros[i % RO_IDS]!);
        return expect(T.mosString128.stringify(ack.Status) === 'OK', 'roAck status');
      }
    }
  };
  return {
    run: (n) => timed(n, one),
    async stop() {
      await ncsSide.dispose();
      await deviceSide.dispose();
    },
  };
}
