// `simulate bridge`: a MOS WebSocket front for a MOS 2.x TCP device.
import { parseArgs } from 'node:util';
import { WsTcpBridge } from '../simulators/ws-tcp-bridge';
import { generateSelfSigned } from '../lib/transport/tls';
import { CLOSE_GOING_AWAY } from '../lib/transport/graceful-close';
import { describeAuth, simulatorCredentials } from './simulator-auth';

export const BRIDGE_USAGE = `usage: mos-conformance simulate bridge --tcp HOST:LOWER:UPPER [options]
A MOS WebSocket front for a MOS 2.x system over TCP (UCS-2): mom is relayed to the lower port,
ro to the upper. It prints a start banner; on SIGTERM/SIGINT it closes its WebSockets with 1001.
  --tcp HOST:LOWER:UPPER    the 2.x system (e.g. 127.0.0.1:10540:10541)
  --listen HOST:PORT        the WebSocket endpoint (default 127.0.0.1:8443)
  --ncs-ports LOWER:UPPER   ports where the bridge plays NCS for the 2.x system's own connections (passive mode)
  --tls self-signed|off     serve wss with a fresh self-signed certificate (default off)
  --path PATH               endpoint path (default /mos)
  --mos-id ID --ncs-id ID   identities (default DEVICE.MOS / NRCS.NCS)
  --user U                  Basic auth user (default mos)
  --password-env VAR        environment variable with the password (default MOS_PASSWORD)
  --no-auth                 run without authentication (without it, a missing password is an error)
  --help                    this text`;

export async function startBridge(argv: string[], out: (s: string) => void = console.log): Promise<{ stop(): Promise<void> }> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      listen: { type: 'string' }, tcp: { type: 'string' }, 'ncs-ports': { type: 'string' }, tls: { type: 'string' }, user: { type: 'string' }, 'mos-id': { type: 'string' }, 'ncs-id': { type: 'string' }, path: { type: 'string' },
      'password-env': { type: 'string' }, 'no-auth': { type: 'boolean' },
    },
  });
  const tcp = /^(.+?):(\d+):(\d+)(?::(\d+))?$/.exec(values.tcp ?? '');
  if (!tcp) throw new Error('--tcp HOST:LOWER:UPPER[:QUERY] is required (the 2.x device, e.g. 127.0.0.1:10540:10541:10542; the aux channel is bridged to QUERY)');
  const listen = /^(.+):(\d+)$/.exec(values.listen ?? '127.0.0.1:8443');
  if (!listen) throw new Error('--listen takes HOST:PORT');
  const ncs = values['ncs-ports'] ? /^(\d+):(\d+)$/.exec(values['ncs-ports']) : undefined;
  if (values['ncs-ports'] && !ncs) throw new Error('--ncs-ports takes LOWER:UPPER');
  if (values.tls !== undefined && values.tls !== 'self-signed' && values.tls !== 'off') throw new Error(`--tls takes self-signed or off, got ${values.tls}`);
  const auth = simulatorCredentials({ user: values.user, passwordEnv: values['password-env'], noAuth: values['no-auth'] });
  const bridge = new WsTcpBridge({
    mosID: values['mos-id'] ?? 'DEVICE.MOS',
    ncsID: values['ncs-id'] ?? 'NRCS.NCS',
    listen: { host: listen[1], port: Number(listen[2]), path: values.path ?? '/mos', tls: values.tls === 'self-signed' ? await generateSelfSigned() : undefined, auth },
    tcp: { host: tcp[1]!, lower: Number(tcp[2]), upper: Number(tcp[3]), ...(tcp[4] ? { query: Number(tcp[4]) } : {}) },
    ncsPorts: ncs ? { lower: Number(ncs[1]), upper: Number(ncs[2]) } : undefined,
  });
  bridge.transcript.on('entry', (e) => out(`${new Date(e.t).toISOString()} bridge ${e.kind} ${e.text}`));
  await bridge.start();
  out(`bridge listening on ${bridge.boundUrl}${bridge.boundUrl !== bridge.url ? ` (every interface; from this machine ${bridge.url})` : ''}, relaying to MOS TCP ${tcp[1]}:${tcp[2]}/${tcp[3]} — ${describeAuth(auth, values['password-env'])}`);
  return { stop: () => bridge.stop(CLOSE_GOING_AWAY) };
}
