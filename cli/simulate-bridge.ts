// `simulate bridge`: a MOS WebSocket front for a MOS 2.x TCP device.
import { parseArgs } from 'node:util';
import { WsTcpBridge } from '../simulators/ws-tcp-bridge';
import { generateSelfSigned } from '../lib/transport/tls';

export async function startBridge(argv: string[], out: (s: string) => void = console.log): Promise<{ stop(): Promise<void> }> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { listen: { type: 'string' }, tcp: { type: 'string' }, 'ncs-ports': { type: 'string' }, tls: { type: 'string' }, user: { type: 'string' }, 'mos-id': { type: 'string' }, 'ncs-id': { type: 'string' }, path: { type: 'string' } },
  });
  const tcp = /^(.+?):(\d+):(\d+)(?::(\d+))?$/.exec(values.tcp ?? '');
  if (!tcp) throw new Error('--tcp HOST:LOWER:UPPER[:QUERY] is required (the 2.x device, e.g. 127.0.0.1:10540:10541:10542; the aux channel is bridged to QUERY)');
  const listen = /^(.+):(\d+)$/.exec(values.listen ?? '127.0.0.1:8443');
  if (!listen) throw new Error('--listen takes HOST:PORT');
  const ncs = values['ncs-ports'] ? /^(\d+):(\d+)$/.exec(values['ncs-ports']) : undefined;
  if (values['ncs-ports'] && !ncs) throw new Error('--ncs-ports takes LOWER:UPPER');
  const password = process.env.MOS_PASSWORD;
  const bridge = new WsTcpBridge({
    mosID: values['mos-id'] ?? 'DEVICE.MOS',
    ncsID: values['ncs-id'] ?? 'NRCS.NCS',
    listen: { host: listen[1], port: Number(listen[2]), path: values.path ?? '/mos', tls: values.tls === 'self-signed' ? await generateSelfSigned() : undefined, auth: password !== undefined ? { username: values.user ?? 'mos', password } : undefined },
    tcp: { host: tcp[1]!, lower: Number(tcp[2]), upper: Number(tcp[3]), ...(tcp[4] ? { query: Number(tcp[4]) } : {}) },
    ncsPorts: ncs ? { lower: Number(ncs[1]), upper: Number(ncs[2]) } : undefined,
  });
  bridge.transcript.on('entry', (e) => out(`${new Date(e.t).toISOString()} bridge ${e.kind} ${e.text}`));
  await bridge.start();
  out(`bridge listening on ${bridge.url}, relaying to MOS TCP ${tcp[1]}:${tcp[2]}/${tcp[3]}`);
  return bridge;
}
