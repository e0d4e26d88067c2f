// `simulate device|nrcs`: run a MOS simulator as a real network peer from the command line.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ControlServer } from '../simulators/actions';
import { DeviceSimulator } from '../simulators/device';
import { NrcsSimulator } from '../simulators/nrcs';
import { MosPeer, PeerOptions } from '../simulators/mos-peer';
import { faultsFor, parseFaults } from '../simulators/faults';
import { generateSelfSigned, TlsMaterial } from '../lib/transport/tls';
import { Transcript } from '../lib/transport/transcript';
import { CLOSE_GOING_AWAY } from '../lib/transport/graceful-close';
import { describeAuth, simulatorCredentials } from './simulator-auth';

export const MOS_SIM_USAGE = `usage: mos-conformance simulate device|nrcs [options]
A MOS device or NRCS as a real network peer. It prints a start banner, then a live transcript (secrets
redacted); on SIGTERM/SIGINT it closes its sockets with code 1001. Normal mode: give both --listen
and --connect; passive mode: one side --listen, the other --connect ... --passive.
  --listen HOST:PORT        listen for MOS WebSockets (default: off; e.g. 127.0.0.1:8443, 0.0.0.0:8443)
  --path PATH               endpoint path (default /mos)
  --tls self-signed|off     serve wss with a fresh self-signed certificate (default off)
  --cert FILE --key FILE    serve wss with this certificate
  --cert-out FILE           write the served certificate (PEM) here, for peers to trust
  --connect URL             the peer's endpoint URL (extra query parameters are kept)
  --passive                 open the connections with passive=true (this side is inside the firewall)
  --passive-layout L        four-sockets (default), two-sockets, or passive-only (passive sockets alone)
  --mos-id ID --ncs-id ID   identities (default DEVICE.MOS / NRCS.NCS)
  --user U                  Basic auth user, both directions (default mos)
  --password-env VAR        read the Basic auth password from this environment variable (default MOS_PASSWORD)
  --no-auth                 run without authentication (without it, a missing password is an error)
  --untrusted allow|deny    accept self-signed certificates of the peer (default allow)
  --ca FILE                 trust this CA / certificate (PEM)
  --keepalive-ms N          keepAlive interval (default 30000)
  --keepalive-mode M        interval | idle | off (default interval)
  --exercise-ms N           every N ms send heartbeat and reqMachInfo on each channel (device: also roReq) (default off)
  --fault NAME[,NAME]       inject named faults (simulators/faults.ts, docs/fault-matrix.md)
  --control HOST:PORT       accept operator actions at http://HOST:PORT/action (POST the action JSON the suite
                            puts in MOSWS_ACTION), so a demo or CI can run the operator scenarios end to end:
                            run ... --operator-command 'mos-conformance act --control HOST:PORT'
  --json                    print the transcript as JSON lines on stdout (the banner goes to stderr)
  --help                    this text`;

export interface MosSimHandle {
  peer: MosPeer;
  /** Stop, closing every socket with 1001 (going away). */
  stop(): Promise<void>;
}

/** `out` gets the transcript, `banner` the start banner (stderr with --json, so stdout stays pure JSON lines). */
export async function startMosSimulator(role: 'device' | 'nrcs', argv: string[], out: (line: string) => void = console.log, banner?: (line: string) => void): Promise<MosSimHandle> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      listen: { type: 'string' }, path: { type: 'string' }, tls: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' },
      'cert-out': { type: 'string' }, connect: { type: 'string' }, passive: { type: 'boolean' }, 'passive-layout': { type: 'string' },
      'mos-id': { type: 'string' }, 'ncs-id': { type: 'string' }, user: { type: 'string' }, 'password-env': { type: 'string' },
      untrusted: { type: 'string' }, ca: { type: 'string' }, 'keepalive-ms': { type: 'string' }, 'keepalive-mode': { type: 'string' },
      'exercise-ms': { type: 'string' }, fault: { type: 'string' }, json: { type: 'boolean' }, 'no-auth': { type: 'boolean' }, control: { type: 'string' },
    },
  });
  const say = banner ?? (values.json ? (l: string) => console.error(l) : out);
  const auth = simulatorCredentials({ user: values.user, passwordEnv: values['password-env'], noAuth: values['no-auth'] });
  let tls: TlsMaterial | undefined;
  if (values.cert || values.key) {
    if (!values.cert || !values.key) throw new Error('--cert and --key go together');
    tls = { cert: fs.readFileSync(values.cert, 'utf8'), key: fs.readFileSync(values.key, 'utf8') };
  } else if (values.tls === 'self-signed') {
    tls = await generateSelfSigned();
  } else if (values.tls !== undefined && values.tls !== 'off') {
    throw new Error(`--tls takes self-signed or off, got ${values.tls}`);
  }
  if (tls && values['cert-out']) fs.writeFileSync(values['cert-out'], tls.cert);
  const transcript = new Transcript();
  transcript.on('entry', (e) => out(values.json ? JSON.stringify(e) : transcript.format([e]).replace(/^\+\s*-?\d+ms/, new Date(e.t).toISOString())));
  const keepMode = values['keepalive-mode'] ?? 'interval';
  if (!['interval', 'idle', 'off'].includes(keepMode)) throw new Error(`--keepalive-mode takes interval, idle or off`);
  const layout = values['passive-layout'] ?? 'four-sockets';
  if (layout !== 'four-sockets' && layout !== 'two-sockets' && layout !== 'passive-only') throw new Error('--passive-layout takes four-sockets, two-sockets or passive-only');
  const opts: Omit<PeerOptions, 'role'> = {
    mosID: values['mos-id'] ?? 'DEVICE.MOS',
    ncsID: values['ncs-id'] ?? 'NRCS.NCS',
    transcript,
    passiveLayout: layout,
    keepAlive: { intervalMs: positiveInt(values['keepalive-ms'] ?? '30000', '--keepalive-ms'), mode: keepMode as 'interval' },
    faults: faultsFor(parseFaults(values.fault), 'mos'),
  };
  if (values.listen) {
    const { host, port } = hostPort(values.listen);
    opts.listen = { host, port, path: values.path ?? '/mos', tls, auth, allowedOrigins: [] };
  }
  if (values.connect) {
    const untrusted = values.untrusted ?? 'allow';
    if (untrusted !== 'allow' && untrusted !== 'deny') throw new Error('--untrusted takes allow or deny');
    opts.connect = { url: values.connect, auth, passive: !!values.passive, trust: { allowUntrusted: untrusted === 'allow', ca: values.ca ? fs.readFileSync(values.ca, 'utf8') : undefined } };
  }
  if (!opts.listen && !opts.connect) throw new Error('give --listen, --connect or both');
  const peer = role === 'device' ? new DeviceSimulator(opts) : new NrcsSimulator(opts);
  await peer.start();
  const who = `${role} simulator (mosID ${opts.mosID}, ncsID ${opts.ncsID}; ${describeAuth(auth, values['password-env'])})`;
  if (peer.endpoint) {
    const bound = peer.endpoint.boundUrl;
    say(`${role} listening on ${bound}${bound !== peer.endpoint.url ? ` (every interface; from this machine ${peer.endpoint.url})` : ''} — ${who}`);
  }
  if (opts.connect) say(`${role} connecting to ${values.connect}${opts.connect.passive ? ' in passive mode (passive=true)' : ''} — ${who}`);
  let control: ControlServer | undefined;
  if (values.control) {
    const { host, port } = hostPort(values.control, '--control');
    control = new ControlServer(peer, 10_000, (l) => say(l));
    const url = await control.start(host, port);
    say(`${role} control endpoint on ${url} — POST an operator action (MOSWS_ACTION); mos-conformance act --control ${host}:${port} does it`);
  }
  let timer: NodeJS.Timeout | undefined;
  if (values['exercise-ms']) {
    const every = positiveInt(values['exercise-ms'], '--exercise-ms');
    const exercise = async (): Promise<void> => {
      for (const ch of ['mom', 'ro'] as const) {
        if (!peer.link(ch).attached) continue;
        await Promise.allSettled([peer.heartbeat(ch), peer.requestMachineInfo(ch)]);
      }
      if (peer instanceof DeviceSimulator && peer.link('ro').attached) await peer.requestRunningOrder('RO-1').catch(() => undefined);
    };
    timer = setInterval(() => void exercise(), every);
  }
  return {
    peer,
    stop: async () => {
      clearInterval(timer);
      await control?.stop();
      await peer.stop(CLOSE_GOING_AWAY);
    },
  };
}

export function hostPort(s: string, flag = '--listen'): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(s);
  if (!m) throw new Error(`${flag} takes HOST:PORT, got ${s}`);
  return { host: m[1] ?? m[2]!, port: Number(m[3]) };
}

export function positiveInt(s: string, what: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${what} takes a positive whole number, got ${s}`);
  return n;
}
