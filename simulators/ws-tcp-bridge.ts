// MOS WebSocket <-> MOS 2.x TCP bridge (the proposal's implementation tip): WebSocket peers talk
// to a 2.x system through it. mom relays to the lower port (10540), ro to the upper (10541), aux
// to the query port (10542, MOS 2.8.5 profile-3 queries) when one is configured.
// keepAlive, unknown to 2.x, is handled here: discarded on receipt, sent on every WebSocket.
import net from 'node:net';
import { WebSocket } from 'ws';
import { Channel } from '../lib/mos/catalogue';
import { buildMos, parseMos } from '../lib/mos/envelope';
import * as M from '../lib/mos/messages';
import { AcceptedConnection, EndpointOptions, MosEndpoint } from '../lib/transport/endpoint';
import { closeGracefully } from '../lib/transport/graceful-close';
import { Transcript } from '../lib/transport/transcript';
import { Ucs2MosReader, encodeUcs2be } from '../lib/transport/ucs2';

export interface BridgeOptions {
  mosID: string;
  ncsID: string;
  /** The WebSocket side. */
  listen: Omit<EndpointOptions, 'transcript' | 'who'>;
  /** The 2.x system's TCP ports (it listens there as a MOS device); aux is bridged only with a query port. */
  tcp: { host: string; lower: number; upper: number; query?: number };
  /** Ports where the bridge plays NCS for the 2.x device's own outbound connections (passive mode). */
  ncsPorts?: { lower: number; upper: number };
  keepAliveMs?: number;
  transcript?: Transcript;
}

const PORT_OF: Record<string, 'lower' | 'upper' | 'query'> = { mom: 'lower', ro: 'upper', aux: 'query' };

export class WsTcpBridge {
  readonly transcript: Transcript;
  private endpoint: MosEndpoint;
  private ncsServers: net.Server[] = [];
  /** passive=true WebSockets: where the 2.x device's own messages go. */
  private passive = new Map<Channel, WebSocket>();
  /** The 2.x device's latest outbound TCP socket per channel: where replies to it go. */
  private deviceOut = new Map<Channel, net.Socket>();
  private sockets = new Set<net.Socket | WebSocket>();

  constructor(private readonly opts: BridgeOptions) {
    this.transcript = opts.transcript ?? new Transcript();
    // Like the simulators, the bridge refuses upgrades from browser origins (RFC 6455 §10.2) unless told otherwise.
    this.endpoint = new MosEndpoint({ allowedOrigins: [], ...opts.listen, transcript: this.transcript, who: 'bridge' }, (c) => this.onWebSocket(c));
  }

  get url(): string {
    return this.endpoint.url;
  }

  /** The address actually bound (0.0.0.0 when listening on every interface). */
  get boundUrl(): string {
    return this.endpoint.boundUrl;
  }

  async start(): Promise<void> {
    await this.endpoint.start();
    if (this.opts.ncsPorts) {
      for (const [channel, port] of [['mom', this.opts.ncsPorts.lower], ['ro', this.opts.ncsPorts.upper]] as const) {
        const server = net.createServer((s) => this.onDeviceOutbound(channel, s));
        await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
        this.ncsServers.push(server);
      }
    }
  }

  private log(text: string, extra: Record<string, unknown> = {}): void {
    this.transcript.record({ who: 'bridge', kind: 'error', text, ...extra });
  }

  private onWebSocket(c: AcceptedConnection): void {
    const { ws, params } = c;
    this.sockets.add(ws);
    const channel = params.channel;
    const timer = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send(buildMos({ mosID: this.opts.mosID, ncsID: this.opts.ncsID, body: M.keepAlive() })), this.opts.keepAliveMs ?? 30_000);
    timer.unref();
    ws.on('close', () => {
      clearInterval(timer);
      this.sockets.delete(ws);
    });
    // A malformed frame fails this socket (ws closes it with 1002/1007); it must not bring the bridge down.
    ws.on('error', (e) => this.log(`WebSocket ${channel}: ${e.message}`, { channel }));
    if (params.passive) {
      // The 2.x device's own messages for this channel travel over this socket from now on.
      this.passive.set(channel, ws);
      ws.on('close', () => this.passive.get(channel) === ws && this.passive.delete(channel));
      ws.on('message', (d) => this.fromWs(String(d), (text) => this.deviceOut.get(channel)?.write(encodeUcs2be(text))));
      return;
    }
    const port = PORT_OF[channel];
    const tcpPort = port && this.opts.tcp[port];
    if (!tcpPort) return void ws.close(1008, `channel ${channel} is not bridged`);
    const tcp = net.connect(tcpPort, this.opts.tcp.host);
    this.sockets.add(tcp);
    const reader = new Ucs2MosReader();
    const queue: string[] = [];
    tcp.on('connect', () => {
      for (const q of queue.splice(0)) tcp.write(encodeUcs2be(q));
    });
    tcp.on('data', (chunk) => {
      for (const m of reader.push(chunk)) ws.send(m);
    });
    tcp.on('error', (e) => this.log(`TCP ${channel} to the 2.x system: ${e.message}`, { channel }));
    tcp.on('close', () => {
      this.sockets.delete(tcp);
      ws.close(1011, '2.x connection closed');
    });
    ws.on('close', () => tcp.destroy());
    ws.on('message', (d) => this.fromWs(String(d), (text) => (tcp.connecting ? queue.push(text) : tcp.write(encodeUcs2be(text)))));
  }

  /** WebSocket -> TCP: keepAlive stops here; everything else is relayed unchanged. */
  private fromWs(text: string, relay: (text: string) => void): void {
    try {
      if (parseMos(text).name === 'keepAlive') return;
    } catch (e) {
      return this.log(`unparseable message from the WebSocket side: ${(e as Error).message}`);
    }
    relay(text);
  }

  /** The 2.x device connected to us as its NCS: relay its messages over the passive WebSocket. */
  private onDeviceOutbound(channel: Channel, s: net.Socket): void {
    this.sockets.add(s);
    this.deviceOut.set(channel, s);
    const reader = new Ucs2MosReader();
    s.on('data', (chunk) => {
      for (const m of reader.push(chunk)) {
        const ws = this.passive.get(channel);
        if (ws && ws.readyState === WebSocket.OPEN) {
          ws.send(m);
          continue;
        }
        // No passive socket yet: keep the 2.x device's heartbeat answered so it stays connected.
        try {
          const msg = parseMos(m);
          if (msg.name === 'heartbeat') s.write(encodeUcs2be(buildMos({ mosID: msg.mosID, ncsID: msg.ncsID, messageID: msg.messageID, body: M.heartbeat() })));
          else this.log(`no passive ${channel} WebSocket: ${msg.name} from the 2.x device not delivered`, { channel });
        } catch {
          this.log('unparseable message from the 2.x device', { channel });
        }
      }
    });
    s.on('error', () => undefined);
    s.on('close', () => {
      this.sockets.delete(s);
      if (this.deviceOut.get(channel) === s) this.deviceOut.delete(channel);
    });
  }

  /** Stop; with a close code (1001 on shutdown), the WebSockets are closed with it first. */
  async stop(closeCode?: number): Promise<void> {
    if (closeCode !== undefined) await closeGracefully([...this.sockets].filter((s): s is WebSocket => s instanceof WebSocket), closeCode, 'bridge shutting down');
    for (const s of this.sockets) (s instanceof WebSocket ? s.terminate() : s.destroy());
    for (const srv of this.ncsServers) await new Promise<void>((r) => srv.close(() => r()));
    await this.endpoint.stop();
  }
}
