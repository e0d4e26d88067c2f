// A MOS peer over WebSocket: the behaviour shared by the device and NRCS simulators.
// It can listen (endpoint), connect (active side), or both (normal four-socket mode).
// Every socket is observed in the transcript; every wait has a timeout.
import { WebSocket } from 'ws';
import { Channel, repliesTo } from '../lib/mos/catalogue';
import { MosMessage, buildMos, peekMos, readMos } from '../lib/mos/envelope';
import { XmlNode } from '../lib/mos/xml';
import * as M from '../lib/mos/messages';
import { pushBounded } from '../lib/bounded';
import { AcceptedConnection, EndpointOptions, MosEndpoint, UpgradeRequest } from '../lib/transport/endpoint';
import { BackoffOptions, ReconnectingSocket } from '../lib/transport/reconnecting-socket';
import { OutboundLink } from '../lib/transport/outbound-link';
import { Credentials } from '../lib/transport/basic-auth';
import { ClientTrust, TlsMaterial } from '../lib/transport/tls';
import { Transcript } from '../lib/transport/transcript';
import { exchangeOf } from '../lib/transport/upgrade-exchange';
import { closeGracefully } from '../lib/transport/graceful-close';
import { buildClientUrl } from '../lib/transport/url';
import { FaultName } from './faults';
import { answerFor, Answerer } from './answers';
import { rewriteOutgoing } from './outgoing-faults';
import { LossyOutboundLink, faultyEndpointOptions } from './faulty-transport';
import { RunningOrders, copyRunningOrder } from './running-orders';
import { MosObjects } from './objects';
import { validateContent } from '../lib/mos/content-validator';
import { faultyCertificate } from './tls-faults';

export type Role = 'device' | 'nrcs';

/** Marks a close in the transcript that this side made itself. */
export const CLOSED_HERE = '(closed by this side)';

/** The MOS profiles the reference simulators implement, in both roles. */
export const REFERENCE_PROFILES: readonly number[] = [0, 1, 2, 3, 4];

export interface KeepAliveOptions {
  intervalMs: number;
  /** "interval": every intervalMs; "idle": only after intervalMs without outbound traffic; "off". */
  mode: 'interval' | 'idle' | 'off';
}

export interface ListenOptions extends Omit<EndpointOptions, 'transcript' | 'who' | 'tls' | 'auth' | 'parseParams' | 'admit' | 'observe'> {
  tls?: TlsMaterial;
  auth?: Credentials;
}

export interface ConnectOptions {
  /** The peer's configured endpoint URL (extra query parameters kept). */
  url: string;
  auth?: Credentials;
  trust?: ClientTrust;
  /** Open the channels with passive=true (this side is inside the firewall). */
  passive?: boolean;
  channels?: Channel[];
  ncsIdParam?: string;
  handshakeTimeoutMs?: number;
  reconnect?: BackoffOptions;
}

export interface PeerOptions {
  role: Role;
  mosID: string;
  ncsID: string;
  who?: string;
  listen?: ListenOptions;
  connect?: ConnectOptions;
  /**
   * Passive layout: "four-sockets" (default) keeps two ports / four sockets: the active side
   * opens a plain socket per channel for its own messages plus a passive=true socket per channel
   * for the listener's; "two-sockets" carries both directions over the passive sockets;
   * "passive-only" opens the passive sockets alone (to a listener serving passive sockets only) and
   * originates nothing over them.
   */
  passiveLayout?: 'four-sockets' | 'two-sockets' | 'passive-only';
  keepAlive?: KeepAliveOptions;
  requestTimeoutMs?: number;
  /** First messageID this side uses (default 1); the suite uses its own range to tell replies apart. */
  firstMessageID?: number;
  machine?: Partial<M.MachineInfo>;
  runningOrders?: M.RunningOrder[];
  /** MOS objects this side knows at start (the device's catalogue). */
  objects?: M.MosObject[];
  /**
   * Judge the content of every message received against the MOS 2.8.5 model; issues are
   * recorded in the transcript and counted in `contentIssues` (default off).
   */
  validateContent?: boolean;
  transcript?: Transcript;
  faults?: Iterable<FaultName>;
}

interface SocketInfo {
  id: string;
  channel: Channel;
  passive: boolean;
  origin: 'accepted' | 'opened';
  lastOut: number;
  timer?: NodeJS.Timeout;
  /** Requests answered with a message of the same name (heartbeat), to recognise their echo. */
  answered: Set<string>;
  /** This side closed the socket (not the peer). */
  closedHere?: boolean;
  /** keepAlives sent on it (the keepalive-once fault). */
  keepAlivesSent?: number;
}

interface PendingRequest {
  expect: string[];
  resolve: (m: MosMessage) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/** What answers a request: the replies MOS defines, or either acknowledgement (a refusal). */
function expectedReplies(request: string): string[] {
  const defined = repliesTo(request);
  return request === 'heartbeat' ? [...defined] : [...new Set([...defined, 'roAck', 'mosAck'])];
}

export class MosPeer implements Answerer {
  readonly transcript: Transcript;
  readonly who: string;
  readonly faults: ReadonlySet<FaultName>;
  endpoint?: MosEndpoint;
  readonly clients: Array<ReconnectingSocket & { channel?: Channel; passive?: boolean }> = [];
  private readonly links = new Map<Channel, OutboundLink>();
  private readonly sockets = new Map<WebSocket, SocketInfo>();
  private readonly pending = new Map<number, PendingRequest>();
  private nextMessageID = 1;
  private socketCounter = 0;
  /** Running orders known to this peer (NRCS: its rundowns; device: those it was sent). */
  readonly runningOrders: RunningOrders = new Map();
  /** MOS objects known to this peer (device: its catalogue; NRCS: those it was sent). */
  readonly objects: MosObjects = new Map();
  /** Content issues found in received messages (with `validateContent`). */
  contentIssues = 0;
  /** Every upgrade request this side's endpoint saw, accepted or refused (raw: never log it). */
  readonly upgradeRequests: UpgradeRequest[] = [];
  /** Connections this side's endpoint accepted (parameters as the peer sent them). */
  readonly accepted: Array<{ at: number; params: AcceptedConnection['params']; url: string; authScheme?: string }> = [];
  /** The last 1000 (to 1100) messages received that were not replies, for applications and tests. */
  readonly received: MosMessage[] = [];
  private stopped = false;

  constructor(readonly opts: PeerOptions) {
    this.who = opts.who ?? opts.role;
    this.transcript = opts.transcript ?? new Transcript();
    this.faults = new Set(opts.faults ?? []);
    this.nextMessageID = opts.firstMessageID ?? 1;
    for (const ro of opts.runningOrders ?? []) this.runningOrders.set(ro.roID, copyRunningOrder(ro));
    for (const o of opts.objects ?? []) this.objects.set(o.objID, { ...o });
    if (opts.listen?.auth) this.transcript.addSecret(opts.listen.auth.password);
    if (opts.connect?.auth) this.transcript.addSecret(opts.connect.auth.password);
  }

  get mosID(): string {
    return this.opts.mosID;
  }
  get ncsID(): string {
    return this.opts.ncsID;
  }
  get role(): Role {
    return this.opts.role;
  }
  private get layout(): NonNullable<PeerOptions['passiveLayout']> {
    return this.opts.passiveLayout ?? 'four-sockets';
  }

  link(channel: Channel): OutboundLink {
    let l = this.links.get(channel);
    if (!l) {
      const onWrite = (ws: WebSocket, text: string): void => this.recordOut(ws, text);
      l = this.faults.has('drops-queued') ? new LossyOutboundLink(channel, onWrite) : new OutboundLink(channel, onWrite);
      this.links.set(channel, l);
    }
    return l;
  }

  async start(): Promise<void> {
    this.stopped = false;
    if (this.opts.listen) {
      const tls = this.opts.listen.tls && ((await faultyCertificate(this.faults)) ?? this.opts.listen.tls);
      const options = {
        ...this.opts.listen,
        tls,
        // By default the endpoint accepts only this peer's configured identity.
        mosIDs: this.opts.listen.mosIDs ?? [this.opts.mosID],
        ncsIDs: this.opts.listen.ncsIDs ?? [this.opts.ncsID],
        transcript: this.transcript,
        who: this.who,
        observe: (r: UpgradeRequest) => pushBounded(this.upgradeRequests, r, 1000),
      };
      this.endpoint = new MosEndpoint(this.faults.size ? faultyEndpointOptions(options, this.faults) : options, (c) => this.onAccepted(c));
      await this.endpoint.start();
    }
    if (this.opts.connect) this.connect(this.opts.connect);
  }

  /** Open this side's client sockets to a peer (called by start() when connect is configured). */
  connect(c: ConnectOptions): void {
    const channels = c.channels ?? ['mom', 'ro'];
    const passive = !!c.passive && !this.faults.has('ignores-passive');
    const plan: Array<{ channel: Channel; passive: boolean }> = [];
    for (const ch of channels) {
      if (!passive || this.layout === 'four-sockets') plan.push({ channel: ch, passive: false });
      if (passive) plan.push({ channel: ch, passive: true });
      if (passive && this.faults.has('two-passive-per-channel')) plan.push({ channel: ch, passive: true });
    }
    for (const p of plan) {
      let url = buildClientUrl({ baseUrl: this.faults.has('drops-extra-params') ? stripQuery(c.url) : c.url, mosID: this.mosID, ncsID: this.ncsID, channel: p.channel, passive: p.passive, ncsIdParam: c.ncsIdParam });
      if (this.faults.has('password-in-url') && c.auth) url += `&token=${encodeURIComponent(c.auth.password)}`;
      if (this.faults.has('reencodes-query')) url = reserialised(url);
      if (this.faults.has('repeats-params')) url += `&mosID=${encodeURIComponent(this.mosID)}&version=4`;
      if (this.faults.has('dials-plain-ws')) url = url.replace(/^wss:/, 'ws:');
      const noReconnect = this.faults.has('no-passive-reconnect') && p.passive;
      const slow = this.faults.has('slow-passive-reconnect') && p.passive;
      const slowRetry = this.faults.has('slow-retry-backoff') && p.passive;
      const unbounded = this.faults.has('unbounded-backoff') && p.passive;
      const client = new ReconnectingSocket({
        url,
        auth: this.faults.has('no-auth-header') ? undefined : c.auth,
        trust: this.faults.has('rejects-self-signed') ? { ...c.trust, allowUntrusted: false } : this.faults.has('ignores-certificate-errors') ? { ...c.trust, allowUntrusted: true } : c.trust,
        handshakeTimeoutMs: c.handshakeTimeoutMs,
        autoPong: !this.faults.has('no-pong'),
        ...(this.faults.has('accepts-tls10') ? { tlsLimits: { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT@SECLEVEL=0' } } : {}),
        reconnect: { ...c.reconnect, ...(noReconnect ? { enabled: false } : {}), ...(slow ? { firstDelayMs: 2000 } : {}), ...(slowRetry ? { minDelayMs: 2000, maxDelayMs: 60_000 } : {}), ...(unbounded ? { minDelayMs: 200, maxDelayMs: 2 ** 30 } : {}) },
      });
      Object.assign(client, { channel: p.channel, passive: p.passive });
      client.on('open', (ws: WebSocket) => this.adopt(ws, p.channel, p.passive, 'opened', url));
      client.on('failure', (f: { reason: string }) => this.transcript.record({ who: this.who, kind: 'error', channel: p.channel, passive: p.passive, text: `connect to ${url} failed: ${f.reason}` }));
      this.clients.push(client);
      client.start();
    }
  }

  private onAccepted(c: AcceptedConnection): void {
    this.accepted.push({ at: Date.now(), params: c.params, url: c.url, authScheme: c.authScheme });
    this.adopt(c.ws, c.params.channel, c.params.passive, 'accepted', c.url);
  }

  /** Register a socket: record it, route its messages, keep it alive, attach it if it is outbound. */
  private adopt(ws: WebSocket, channel: Channel, passive: boolean, origin: 'accepted' | 'opened', url: string): void {
    const info: SocketInfo = { id: `${this.who}-${++this.socketCounter}`, channel, passive, origin, lastOut: Date.now(), answered: new Set() };
    this.sockets.set(ws, info);
    this.transcript.record({ who: this.who, kind: 'open', channel, passive, socket: info.id, text: `${origin} ${url}`, http: exchangeOf(ws) });
    ws.on('message', (data, isBinary) => this.onMessage(ws, info, data as Buffer, isBinary));
    ws.on('close', (code, reason) => {
      clearInterval(info.timer);
      this.sockets.delete(ws);
      this.transcript.record({ who: this.who, kind: 'close', channel, passive, socket: info.id, text: `code ${code}${reason.length ? ` ${reason.toString()}` : ''}${info.closedHere ? ` ${CLOSED_HERE}` : ''}` });
    });
    ws.on('error', (err) => this.transcript.record({ who: this.who, kind: 'error', channel, passive, socket: info.id, text: err.message }));
    this.startKeepAlive(ws, info);
    const outbound = origin === 'opened' ? !passive || this.layout === 'two-sockets' : passive && !this.faults.has('listener-ignores-passive');
    if (outbound) this.link(channel).attach(ws);
  }

  private startKeepAlive(ws: WebSocket, info: SocketInfo): void {
    const ka = this.opts.keepAlive ?? { intervalMs: 30_000, mode: 'interval' };
    if (ka.mode === 'off' || this.faults.has('never-keepalive')) return;
    const tick = ka.mode === 'interval' ? ka.intervalMs : Math.max(5, Math.floor(ka.intervalMs / 4));
    info.timer = setInterval(() => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ka.mode === 'idle' && Date.now() - info.lastOut < ka.intervalMs) return;
      if (this.faults.has('keepalive-on-mom-only') && info.channel !== 'mom') return;
      if (this.faults.has('keepalive-once') && info.keepAlivesSent) return;
      info.keepAlivesSent = (info.keepAlivesSent ?? 0) + 1;
      this.sendKeepAlive(ws);
    }, tick);
    info.timer.unref();
  }

  private recordOut(ws: WebSocket, text: string): void {
    const info = this.sockets.get(ws);
    if (info) info.lastOut = Date.now();
    // Our own output: peek at it rather than parse it again.
    const { name, messageID: id } = peekMos(text);
    this.transcript.record({ who: this.who, kind: 'mos', direction: 'out', channel: info?.channel, passive: info?.passive, socket: info?.id, message: name, messageID: id, text });
  }

  private sendKeepAlive(ws: WebSocket): void {
    if (this.faults.has('keepalive-with-messageid')) return this.write(ws, `<mos><mosID>${this.mosID}</mosID><ncsID>${this.ncsID}</ncsID><messageID>${this.nextMessageID++}</messageID><keepAlive/></mos>`);
    if (this.faults.has('keepalive-without-ncsid')) return this.write(ws, `<mos><mosID>${this.mosID}</mosID><keepAlive/></mos>`);
    const ncsID = this.faults.has('foreign-envelope-ids') && this.sockets.get(ws)?.channel === 'ro' ? `${this.ncsID}.OTHER` : this.ncsID;
    this.write(ws, buildMos({ mosID: this.mosID, ncsID, body: M.keepAlive() }));
  }

  /** Write directly on a socket (replies and keepAlive go back on the socket they belong to). */
  private write(ws: WebSocket, text: string): void {
    this.recordOut(ws, text);
    ws.send(this.faults.has('length-prefixed') ? lengthPrefixed(text) : text, () => undefined);
  }

  private onMessage(ws: WebSocket, info: SocketInfo, data: Buffer, isBinary: boolean): void {
    if (isBinary) {
      this.transcript.record({ who: this.who, kind: 'error', direction: 'in', channel: info.channel, socket: info.id, text: `binary frame of ${data.length} bytes refused (MOS messages are text frames)` });
      info.closedHere = true;
      ws.close(1003, 'MOS messages must be text frames');
      return;
    }
    const text = data.toString('utf8');
    let m: MosMessage;
    let prefix: string | undefined;
    try {
      ({ message: m, prefix } = readMos(text));
    } catch (e) {
      // Kept whole, so checks of every scenario can judge what was sent.
      this.transcript.record({ who: this.who, kind: 'mos', direction: 'in', channel: info.channel, passive: info.passive, socket: info.id, message: '?', text });
      this.transcript.record({ who: this.who, kind: 'error', direction: 'in', channel: info.channel, socket: info.id, text: `unparseable message: ${(e as Error).message}` });
      if (this.faults.has('crashes-on-bad-xml')) void this.stop();
      if (this.faults.has('echoes-credentials')) {
        const who = this.opts.listen?.auth ? `${this.opts.listen.auth.username}:${this.opts.listen.auth.password}` : 'anonymous';
        this.write(ws, `<mos><mosID>${this.mosID}</mosID><ncsID>${this.ncsID}</ncsID><messageID>0</messageID><mosAck><objID>0</objID><objRev>0</objRev><status>NACK</status><statusDescription>cannot parse the message of ${who}</statusDescription></mosAck></mos>`);
      }
      return;
    }
    this.transcript.record({ who: this.who, kind: 'mos', direction: 'in', channel: info.channel, passive: info.passive, socket: info.id, message: m.name, messageID: m.messageID, text, ...(prefix !== undefined ? { prefix } : {}) });
    if (this.opts.validateContent) this.judgeContent(m, info);
    if (m.name === 'keepAlive') return this.onKeepAlive(ws, m);
    if (m.messageID !== undefined) {
      const p = this.pending.get(m.messageID);
      if (p && p.expect.includes(m.name)) {
        this.pending.delete(m.messageID);
        clearTimeout(p.timer);
        p.resolve(m);
        return;
      }
    }
    // heartbeat is its own reply: a heartbeat echoing one we just answered is that answer
    // coming back, not a new request (otherwise two peers ping-pong forever).
    const key = `${m.name}#${m.messageID}`;
    if (info.answered.has(key)) {
      info.answered.delete(key);
      this.transcript.record({ who: this.who, kind: 'error', direction: 'in', channel: info.channel, socket: info.id, text: `unsolicited ${m.name}#${m.messageID} echoes our own reply; not answered` });
      return;
    }
    pushBounded(this.received, m, 1000);
    const reply = this.faults.has('ignores-requests') ? undefined : this.answer(m);
    if (reply) {
      if (reply.name === m.name) {
        info.answered.add(key);
        if (info.answered.size > 256) info.answered.delete(info.answered.values().next().value!);
      }
      const ncsID = this.faults.has('foreign-envelope-ids') && info.channel === 'ro' ? `${this.ncsID}.OTHER` : this.ncsID;
      const text = buildMos({ mosID: this.mosID, ncsID, messageID: m.messageID, body: this.faults.size ? rewriteOutgoing(this.faults, reply, true) : reply });
      const own = this.faults.has('replies-on-other-socket') ? this.link(info.channel).current : undefined;
      if (own && own !== ws) this.write(own, text);
      else this.write(ws, text);
    }
  }

  private onKeepAlive(ws: WebSocket, m: MosMessage): void {
    // Discarded: no reply of any kind.
    if (this.faults.has('answers-keepalive')) this.write(ws, buildMos({ mosID: this.mosID, ncsID: this.ncsID, messageID: 0, body: M.heartbeat() }));
    if (this.faults.has('closes-on-keepalive')) ws.close(1002, `unexpected ${m.name}`);
  }

  /** The simulator's answer to a request, or undefined when none is due (simulators/answers.ts). */
  protected answer(m: MosMessage): XmlNode | undefined {
    return answerFor(this, m);
  }

  private judgeContent(m: MosMessage, info: SocketInfo): void {
    const issues = validateContent(m.body, { maxIssues: 1 });
    if (!issues.length) return;
    this.contentIssues++;
    const i = issues[0]!;
    this.transcript.record({ who: this.who, kind: 'error', direction: 'in', channel: info.channel, socket: info.id, text: `[${i.requirement}] ${m.name}#${m.messageID ?? '-'} ${i.path}: ${i.message}` });
  }

  /** Originate a follow-up after the current reply has been written (optionally later). */
  followUp(channel: Channel, body: XmlNode, delayMs = 0): void {
    const go = (): void => {
      if (this.stopped) return;
      this.request(channel, body).catch(() => undefined);
    };
    if (delayMs > 0) setTimeout(go, delayMs).unref();
    else setImmediate(go);
  }

  machineInfo(): M.MachineInfo {
    return {
      manufacturer: 'MOS-WS conformance suite',
      model: this.opts.role === 'device' ? 'Reference device simulator' : 'Reference NRCS simulator',
      hwRev: '1',
      swRev: '0.1.0',
      DOM: '2026-11-25',
      SN: this.who,
      ID: this.opts.role === 'device' ? this.mosID : this.ncsID,
      // The reference implements profiles 0-4 in both roles.
      profiles: this.faults.has('misreports-profiles') ? REFERENCE_PROFILES.filter((p) => p !== 4) : [...REFERENCE_PROFILES],
      deviceType: this.opts.role === 'device' ? 'MOS' : 'NCS',
      ...this.opts.machine,
    };
  }

  /** Originate a message on a channel (queued while that channel's outbound socket is down). */
  send(channel: Channel, body: XmlNode): number {
    const messageID = this.nextMessageID++;
    this.link(channel).send(buildMos({ mosID: this.mosID, ncsID: this.ncsID, messageID, body: this.faults.size ? rewriteOutgoing(this.faults, body, false) : body }));
    return messageID;
  }

  /** Originate a request and wait for its reply (matched by messageID). */
  request(channel: Channel, body: XmlNode, timeoutMs = this.opts.requestTimeoutMs ?? 10_000): Promise<MosMessage> {
    const messageID = this.nextMessageID++;
    const expect = expectedReplies(body.name);
    const promise = new Promise<MosMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(messageID);
        reject(new Error(`${this.who}: no ${repliesTo(body.name).join('/')} for ${body.name}#${messageID} on ${channel} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(messageID, { expect, resolve, reject, timer });
    });
    this.link(channel).send(buildMos({ mosID: this.mosID, ncsID: this.ncsID, messageID, body: this.faults.size ? rewriteOutgoing(this.faults, body, false) : body }));
    return promise;
  }

  heartbeat(channel: Channel): Promise<MosMessage> {
    return this.request(channel, M.heartbeat());
  }
  requestMachineInfo(channel: Channel): Promise<MosMessage> {
    return this.request(channel, M.reqMachInfo());
  }

  /** Wait until the outbound socket of each channel is attached. */
  async ready(channels: Channel[] = ['mom', 'ro'], timeoutMs = 10_000): Promise<void> {
    await Promise.all(channels.map((c) => this.link(c).whenAttached(timeoutMs)));
  }

  /** Abruptly drop this side's sockets (optionally only passive ones) to simulate network loss. */
  dropSockets(filter: { passive?: boolean; channel?: Channel } = {}): number {
    let n = 0;
    for (const [ws, info] of this.sockets) {
      if (filter.passive !== undefined && info.passive !== filter.passive) continue;
      if (filter.channel && info.channel !== filter.channel) continue;
      ws.terminate();
      n++;
    }
    return n;
  }

  /** Reconnect timings (ms) of this side's client sockets. */
  reconnectTimings(): number[] {
    return this.clients.flatMap((c) => c.reconnectTimings);
  }

  openSockets(): Array<{ id: string; channel: Channel; passive: boolean; origin: string }> {
    return [...this.sockets.values()].map(({ id, channel, passive, origin }) => ({ id, channel, passive, origin }));
  }

  /** The client socket this side opened for a channel (and passive flag), if any. */
  clientFor(channel: Channel, passive: boolean): ReconnectingSocket | undefined {
    return this.clients.find((c) => c.channel === channel && c.passive === passive);
  }

  /** Send a keepAlive on every open socket, or those matching a filter; returns how many. */
  sendKeepAliveAll(filter: (s: { channel: Channel; passive: boolean; origin: string }) => boolean = () => true): number {
    let n = 0;
    for (const [ws, info] of this.sockets) {
      if (!filter(info)) continue;
      this.sendKeepAlive(ws);
      n++;
    }
    return n;
  }

  /**
   * Ping every socket matching `filter` with `payload` (RFC 6455 §5.5.2); per socket, the first Pong
   * that came back within timeoutMs (undefined: none).
   */
  pingAll(filter: (s: { channel: Channel; passive: boolean; origin: string }) => boolean, payload: Buffer, timeoutMs: number): Promise<Array<{ id: string; channel: Channel; passive: boolean; pong?: Buffer }>> {
    const targets = [...this.sockets].filter(([, info]) => filter(info));
    return Promise.all(
      targets.map(([ws, info]) => new Promise<{ id: string; channel: Channel; passive: boolean; pong?: Buffer }>((resolve) => {
        const done = (pong?: Buffer): void => {
          clearTimeout(timer);
          ws.off('pong', onPong);
          resolve({ id: info.id, channel: info.channel, passive: info.passive, pong });
        };
        const onPong = (data: Buffer): void => done(data);
        const timer = setTimeout(() => done(undefined), timeoutMs);
        ws.on('pong', onPong);
        ws.ping(payload, undefined, () => undefined);
      })),
    );
  }

  /**
   * Start the closing handshake on every socket matching `filter` (RFC 6455 §5.5.1); per socket, the
   * status code of the Close frame the peer answered with (1006: it dropped the connection without
   * one; undefined: no answer within timeoutMs).
   */
  closeAll(filter: (s: { channel: Channel; passive: boolean; origin: string }) => boolean, timeoutMs: number): Promise<Array<{ id: string; channel: Channel; passive: boolean; code?: number }>> {
    const targets = [...this.sockets].filter(([, info]) => filter(info));
    return Promise.all(
      targets.map(([ws, info]) => new Promise<{ id: string; channel: Channel; passive: boolean; code?: number }>((resolve) => {
        const timer = setTimeout(() => {
          ws.off('close', onClose);
          ws.terminate();
          resolve({ id: info.id, channel: info.channel, passive: info.passive });
        }, timeoutMs);
        const onClose = (code: number): void => {
          clearTimeout(timer);
          resolve({ id: info.id, channel: info.channel, passive: info.passive, code });
        };
        ws.once('close', onClose);
        info.closedHere = true;
        ws.close(1000, 'conformance suite: closing handshake');
      })),
    );
  }

  /** Stop; with a close code (1001 on shutdown), every socket is closed with it before the rest is cut. */
  async stop(closeCode?: number): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const c of this.clients) c.stop(closeCode !== undefined);
    if (closeCode !== undefined) await closeGracefully(this.sockets.keys(), closeCode, `${this.who} shutting down`);
    for (const [ws, info] of this.sockets) {
      clearInterval(info.timer);
      ws.terminate();
    }
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(`${this.who} stopped`));
    }
    this.pending.clear();
    await this.endpoint?.stop();
  }
}

/** The URL with its query re-serialised by URLSearchParams (fault injection only). */
function reserialised(url: string): string {
  const u = new URL(url);
  u.search = new URLSearchParams(u.search).toString();
  return u.toString();
}

function stripQuery(url: string): string {
  const u = new URL(url);
  u.search = '';
  return u.toString();
}

/** Fault length-prefixed: four bytes of length before the message, as a MOS 2.x stream writer might. */
function lengthPrefixed(text: string): string {
  const n = Buffer.byteLength(text);
  return String.fromCharCode((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255) + text;
}
