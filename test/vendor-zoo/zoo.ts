// Vendor zoo: an independent MOS-over-WebSocket device / NRCS, plus deliberately broken variants.
//
//   node dist/test/vendor-zoo/zoo.js --role device|nrcs --variant NAME [options]
//
// See README.md in this directory for the socket layout and the judgement calls.
// Only `ws` and Node.js built-ins are used.

import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as crypto from 'crypto';
import * as child_process from 'child_process';
import * as os from 'os';
import * as path from 'path';
import type { Duplex } from 'stream';
import WebSocket, { WebSocketServer } from 'ws';
import { BENIGN, VARIANTS, findBenign, findVariant } from './variants';
import { rewrite, rewrites } from './benign';
import { XNode, XmlError, child, childText, childrenNamed, parseXml } from './xml';
import * as M from './mos';
import type { Channel, Ctx, ElementAction, ElementStat, MosObject, RunningOrder, Story } from './mos';
import * as MU from './mutations';
import * as H from './hostile';
import { startTls3desFront } from './tls3des';

// ------------------------------------------------------------------ options

type Role = 'device' | 'nrcs';

interface HostPort {
  host: string;
  port: number;
}

interface Options {
  role: Role;
  variant: string;
  listen?: HostPort;
  path: string;
  cert?: string;
  key?: string;
  connect?: string;
  passive: boolean;
  allowUntrusted: boolean;
  ca?: string;
  mosId: string;
  ncsId: string;
  user: string;
  password: string;
  keepaliveMs: number;
  retryMs: number;
  control?: HostPort;
  /** --listen-extra NAME=VALUE (repeatable): extra query parameters every upgrade request must carry */
  listenExtra: MU.ListenExtra[];
}

class UsageError extends Error {}

const USAGE = `usage: zoo --role device|nrcs --variant NAME --mos-id ID --ncs-id ID --user NAME
           [--listen HOST:PORT [--path PATH] [--cert FILE --key FILE] [--listen-extra NAME=VALUE ...]]
           [--connect URL [--passive] [--allow-untrusted] [--ca FILE]]
           [--keepalive-ms N] [--retry-ms N] [--control HOST:PORT]
       password: environment variable ZOO_PASSWORD`;

function parseHostPort(flag: string, v: string): HostPort {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(v);
  if (!m) throw new UsageError(`${flag} wants HOST:PORT, got "${v}"`);
  const port = Number(m[2]);
  if (port > 65535) throw new UsageError(`${flag}: port out of range`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

function parsePositiveInt(flag: string, v: string): number {
  if (!/^\d+$/.test(v) || Number(v) <= 0) throw new UsageError(`${flag} wants a positive integer, got "${v}"`);
  return Number(v);
}

function parseArgs(argv: string[]): Options {
  const valueFlags = new Set([
    '--role', '--variant', '--listen', '--path', '--cert', '--key', '--connect', '--ca',
    '--mos-id', '--ncs-id', '--user', '--keepalive-ms', '--retry-ms', '--control',
  ]);
  const boolFlags = new Set(['--passive', '--allow-untrusted']);
  const repeatFlags = new Set(['--listen-extra']);
  const repeated = new Map<string, string[]>();
  const vals = new Map<string, string>();
  const bools = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    if (boolFlags.has(a)) {
      if (inline !== undefined) throw new UsageError(`${a} takes no value`);
      bools.add(a);
    } else if (repeatFlags.has(a)) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      repeated.set(a, [...(repeated.get(a) ?? []), v]);
    } else if (valueFlags.has(a)) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      if (vals.has(a)) throw new UsageError(`${a} given twice`);
      vals.set(a, v);
    } else {
      throw new UsageError(`unknown option "${argv[i]}"`);
    }
  }
  const need = (f: string): string => {
    const v = vals.get(f);
    if (v === undefined || v === '') throw new UsageError(`${f} is required`);
    return v;
  };
  const role = need('--role');
  if (role !== 'device' && role !== 'nrcs') throw new UsageError('--role must be device or nrcs');
  const variant = need('--variant');
  if (variant !== 'correct') {
    const v = findVariant(variant) ?? findBenign(variant);
    if (!v) throw new UsageError(`unknown variant "${variant}" (known: correct, ${[...VARIANTS, ...BENIGN].map((x) => x.name).join(', ')})`);
    if (!v.roles.includes(role)) throw new UsageError(`variant "${variant}" exists only for role ${v.roles.join('/')}`);
  }
  const o: Options = {
    role,
    variant,
    path: vals.get('--path') ?? '/mos',
    passive: bools.has('--passive'),
    allowUntrusted: bools.has('--allow-untrusted'),
    mosId: need('--mos-id'),
    ncsId: need('--ncs-id'),
    user: need('--user'),
    password: process.env.ZOO_PASSWORD ?? '',
    keepaliveMs: vals.has('--keepalive-ms') ? parsePositiveInt('--keepalive-ms', need('--keepalive-ms')) : 30000,
    retryMs: vals.has('--retry-ms') ? parsePositiveInt('--retry-ms', need('--retry-ms')) : 1000,
    listenExtra: [],
  };
  if (o.password === '') throw new UsageError('environment variable ZOO_PASSWORD must hold the password');
  if (o.user.includes(':')) throw new UsageError('--user must not contain a colon (Basic authentication)');
  if (!o.path.startsWith('/')) throw new UsageError('--path must start with /');
  if (vals.has('--listen')) o.listen = parseHostPort('--listen', need('--listen'));
  for (const spec of repeated.get('--listen-extra') ?? []) {
    const eqAt = spec.indexOf('=');
    if (eqAt <= 0) throw new UsageError(`--listen-extra wants NAME=VALUE with a non-empty NAME, got "${spec}"`);
    const name = spec.slice(0, eqAt);
    const value = spec.slice(eqAt + 1);
    if (['mosid', 'ncsid', 'channel', 'passive'].includes(name.toLowerCase())) {
      throw new UsageError(`--listen-extra: "${name}" is a MOS parameter, not an extra one`);
    }
    if (o.listenExtra.some((x) => x.name.toLowerCase() === name.toLowerCase())) {
      throw new UsageError(`--listen-extra: parameter "${name}" configured twice (names differing only in letter case count as the same)`);
    }
    o.listenExtra.push({ name, value });
  }
  if (o.listenExtra.length > 0 && !o.listen) throw new UsageError('--listen-extra needs --listen');
  if (vals.has('--control')) o.control = parseHostPort('--control', need('--control'));
  if (vals.has('--cert') !== vals.has('--key')) throw new UsageError('--cert and --key go together');
  if (vals.has('--cert')) {
    if (!o.listen) throw new UsageError('--cert/--key need --listen');
    o.cert = readFileOrFail('--cert', need('--cert'));
    o.key = readFileOrFail('--key', need('--key'));
  }
  if (vals.has('--ca')) o.ca = readFileOrFail('--ca', need('--ca'));
  if (vals.has('--connect')) {
    const c = need('--connect');
    let u: URL;
    try {
      u = new URL(c);
    } catch {
      throw new UsageError(`--connect: not a URL: "${c}"`);
    }
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new UsageError('--connect wants a ws:// or wss:// URL');
    if (u.username || u.password) throw new UsageError('--connect: credentials do not belong in the URL (use --user and ZOO_PASSWORD)');
    o.connect = c;
  }
  if (o.passive && !o.connect) throw new UsageError('--passive needs --connect');
  if ((o.allowUntrusted || o.ca) && !o.connect) throw new UsageError('--allow-untrusted/--ca need --connect');
  if (!o.listen && !o.connect) throw new UsageError('give --listen, --connect or both');
  return o;
}

function readFileOrFail(flag: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${flag}: cannot read ${file}: ${(e as Error).message}`);
  }
}

// ------------------------------------------------------------------ logging

function log(...parts: unknown[]): void {
  process.stderr.write(`[zoo ${new Date().toISOString()}] ${parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ')}\n`);
}

// ------------------------------------------------------------------ the program

type Dir = 'in' | 'out';

interface Pending {
  msg: OutMsg;
}

interface OutMsg {
  id: number;
  name: string;
  channel: 'mom' | 'ro';
  xml: string;
  expect: string[];
  sentOn?: Link;
  sentAt?: number;
}

class Link {
  static seq = 0;
  readonly id = ++Link.seq;
  readonly openedAt = Date.now();
  pending = new Map<number, Pending>();
  keepTimer?: NodeJS.Timeout;
  /** ok-ws-pings / ok-own-heartbeats-and-ro-resend: extra timers of this socket */
  extraTimers: NodeJS.Timeout[] = [];
  /** when a MOS message was last written on this socket (ok-keepalive-idle-only) */
  lastSent = Date.now();
  closed = false;
  /** u1-late-param-check: close on the first MOS message */
  lateReject = false;
  constructor(
    readonly ws: WebSocket,
    readonly channel: Channel,
    readonly dir: Dir,
    readonly passive: boolean,
  ) {}
  get open(): boolean {
    return !this.closed && this.ws.readyState === WebSocket.OPEN;
  }
  toString(): string {
    return `#${this.id}(${this.dir} ${this.channel}${this.passive ? ' passive' : ''})`;
  }
}

interface DialSlot {
  channel: Channel;
  passive: boolean;
  link?: Link;
  ws?: WebSocket;
  timer?: NodeJS.Timeout;
  drops: number[];
  started: boolean;
  /** failed attempts since the socket last dropped (p3-exponential-backoff) */
  failedSinceDrop?: number;
}

const REPLY_ONLY = new Set(['roAck', 'mosAck', 'listMachInfo', 'roList']);
const ACK_GRACE_MS = 3000;
const STORY_STATUS = ['NEW', 'UPDATED', 'MOVED', 'BUSY', 'DELETED', 'NCS CTRL', 'MANUAL CTRL', 'READY', 'NOT READY', 'PLAY', 'STOP'];

class Zoo {
  readonly o: Options;
  readonly ctx: Ctx;
  readonly startedAt = new Date();
  private nextMessageId = 1;
  readonly links = new Set<Link>();
  private slots: DialSlot[] = [];
  private queue: Record<'mom' | 'ro', OutMsg[]> = { mom: [], ro: [] };
  private inflight: OutMsg[] = [];
  private stopping = false;
  private server?: http.Server | https.Server;
  private wss?: WebSocketServer;
  private controlServer?: http.Server;
  private listenScheme: 'ws' | 'wss' = 'ws';
  readonly ros = new Map<string, RunningOrder>();
  readonly objects = new Map<string, MosObject>();
  readonly journal: Array<Record<string, unknown>> = [];
  private reaper?: NodeJS.Timeout;
  /** p3-duplicate-after-reopen: messages that were queued while no originating socket existed */
  private queuedWhileDown = new Set<number>();

  constructor(o: Options) {
    this.o = o;
    this.ctx = { mosId: o.mosId, ncsId: o.ncsId, role: o.role, v: (n: string) => n === o.variant };
    if (this.v('ok-time-millis')) M.setTimeStyle('millis');
    if (this.v('ok-time-offset')) M.setTimeStyle('offset');
    if (this.v('ok-messageid-large')) this.nextMessageId = 2147483000;
    if (this.v('ok-messageid-stride')) this.nextMessageId = 100000;
    if (o.role === 'device') {
      for (const [id, slug] of [['OBJ-1', 'Zoo clip one'], ['OBJ-2', 'Zoo clip two']]) {
        this.objects.set(id, this.newObject(id, slug));
      }
      // ok-max-length-ids / ok-xml-special-ids: a third object whose ID shows the variant
      const third = M.decorateId(this.ctx, 'OBJ-3');
      if (third !== 'OBJ-3') this.objects.set(third, this.newObject(third, 'Zoo clip three'));
    }
  }

  v(name: string): boolean {
    return this.o.variant === name;
  }

  newId(): number {
    const id = this.nextMessageId;
    this.nextMessageId += this.v('ok-messageid-stride') ? 10 : 1;
    if (this.nextMessageId > 2147483647) this.nextMessageId = 1;
    return id;
  }

  newObject(objID: string, slug: string, proxyUrl?: string): MosObject {
    const now = M.mosTime();
    return {
      objID, objSlug: M.decorate(this.ctx, slug), objType: 'VIDEO', objTB: 50, objRev: 1, objDur: 1500, status: 'NEW', objAir: 'READY',
      proxyUrl, createdBy: M.decorate(this.ctx, 'zoo'), created: now, changedBy: 'zoo', changed: now,
      description: M.decorate(this.ctx, `Object ${objID} from the vendor zoo`, 100000),
    };
  }

  record(entry: Record<string, unknown>): void {
    this.journal.push({ t: Date.now(), ...entry });
    if (this.journal.length > 5000) this.journal.splice(0, this.journal.length - 5000);
  }

  // ================================================================ start / stop

  async start(): Promise<{ listenUrl: string | null; control: string | null }> {
    let listenUrl: string | null = null;
    if (this.o.listen) listenUrl = await this.startListener(this.o.listen);
    let control: string | null = null;
    if (this.o.control) control = await this.startControl(this.o.control);
    if (this.o.connect) this.startDialling();
    this.reaper = setInterval(() => this.reapInflight(), 500);
    return { listenUrl, control };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.reaper) clearInterval(this.reaper);
    for (const s of this.slots) {
      if (s.timer) clearTimeout(s.timer);
      s.ws?.terminate();
    }
    for (const l of this.links) {
      if (l.keepTimer) clearInterval(l.keepTimer);
      try {
        l.ws.close(1001, 'shutting down');
      } catch {
        /* ignore */
      }
    }
    await new Promise((r) => setTimeout(r, 50));
    for (const l of this.links) l.ws.terminate();
    this.wss?.close();
    this.server?.close();
    this.controlServer?.close();
  }

  // ================================================================ listening side

  private async startListener(hp: HostPort): Promise<string> {
    return `${await this.startListenerBase(hp)}${MU.extraQuery(this.o.listenExtra)}`;
  }

  private async startListenerBase(hp: HostPort): Promise<string> {
    if (H.usesFront(this.o.variant)) {
      // s- variants with frame-level defects: a raw-socket front on hp, the listener behind it
      const inner = new URL(await this.startListenerAt({ host: '127.0.0.1', port: 0 }, true));
      const tlsFront = !!(this.o.cert && this.o.key);
      const port = await H.startFront(this.o.variant, hp.host, hp.port, Number(inner.port), tlsFront ? { cert: this.o.cert, key: this.o.key } : undefined);
      const host = hp.host === '0.0.0.0' || hp.host === '::' ? '127.0.0.1' : hp.host.includes(':') ? `[${hp.host}]` : hp.host;
      return `${tlsFront ? 'wss' : 'ws'}://${host}:${port}${this.o.path}`;
    }
    if (this.o.variant === 's-tls-3des' && this.o.cert && this.o.key) {
      // a TCP front on hp takes TLS 1.2 hellos offering 3DES (its own TLS 1.2 server, tls3des.ts)
      // and passes every other connection through to the normal wss listener behind it
      const inner = new URL(await this.startListenerAt({ host: '127.0.0.1', port: 0 }, false));
      const port = await startTls3desFront(hp.host, hp.port, Number(inner.port), this.o.cert, this.o.key);
      const host = hp.host === '0.0.0.0' || hp.host === '::' ? '127.0.0.1' : hp.host.includes(':') ? `[${hp.host}]` : hp.host;
      return `wss://${host}:${port}${this.o.path}`;
    }
    return this.startListenerAt(hp, false);
  }

  private startListenerAt(hp: HostPort, behindFront: boolean): Promise<string> {
    const tls = !!(this.o.cert && this.o.key) && !this.v('tls1-listen-plain') && !behindFront;
    this.listenScheme = tls ? 'wss' : 'ws';
    const server = tls ? https.createServer(this.o.variant.startsWith('s-') ? H.tlsServerOptions(this.o.variant, this.o.cert!, this.o.key!) : this.tlsServerOptions()) : http.createServer();
    this.server = server;
    this.wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: this.v('ok-permessage-deflate') ? { threshold: 0 } : false,
      handleProtocols: this.v('ok-no-subprotocol') ? () => false : undefined,
      ...H.wsOptions(this.o.variant),
    });
    H.installHandshakeHooks(this.o.variant, this.wss);
    if (this.v('ok-extra-upgrade-headers')) {
      this.wss.on('headers', (headers: string[]) => {
        headers.push('Server: VendorZoo/0.1 (MOS over WebSocket)', `X-Zoo-Session: ${crypto.randomUUID()}`, 'Cache-Control: no-store', 'X-Content-Type-Options: nosniff');
      });
    }
    server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket', Connection: 'Upgrade' });
      res.end('This is a MOS WebSocket endpoint: upgrade required\n');
    });
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
    server.on('clientError', (err: Error, socket: Duplex) => {
      log('client error', err.message);
      socket.destroy();
    });
    if (tls) {
      (server as https.Server).on('tlsClientError', (err: Error) => log('TLS client error', err.message));
    }
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(hp.port, hp.host, () => {
        const addr = server.address();
        const port = typeof addr === 'object' && addr ? addr.port : hp.port;
        const host = hp.host === '0.0.0.0' || hp.host === '::' ? '127.0.0.1' : hp.host.includes(':') ? `[${hp.host}]` : hp.host;
        resolve(`${this.listenScheme}://${host}:${port}${this.o.path}`);
      });
    });
  }

  /** TLS options of the listener (ok-tls13-only, ok-tls-ciphers, ok-ecdsa-cert change them). */
  private tlsServerOptions(): https.ServerOptions {
    const opts: https.ServerOptions = { cert: this.o.cert, key: this.o.key };
    if (this.v('ok-tls13-only')) opts.minVersion = 'TLSv1.3';
    if (this.v('ok-tls-ciphers')) {
      opts.ciphers = [
        'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256',
        'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305',
      ].join(':');
      opts.honorCipherOrder = true;
    }
    if (this.v('ok-ecdsa-cert')) {
      const ec = makeEcdsaCertificate();
      opts.cert = ec.cert;
      opts.key = ec.key;
    }
    return opts;
  }

  private refuse(socket: Duplex, status: number, reason: string, headers: Record<string, string> = {}): void {
    const text = `${reason}\n`;
    const lines = [
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}`,
      'Content-Type: text/plain; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(text)}`,
      'Connection: close',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    log(`refused upgrade: ${status} ${reason}`);
    this.record({ ev: 'refused', status, reason });
    socket.end(`${lines.join('\r\n')}\r\n\r\n${text}`);
    setTimeout(() => socket.destroy(), 200).unref();
  }

  /** Basic credentials check; 'missing' | 'bad' | 'ok' */
  private checkAuth(header: string | undefined): 'missing' | 'bad' | 'ok' {
    if (!header) return 'missing';
    const m = /^\s*([A-Za-z]+)\s+([A-Za-z0-9+/=]+)\s*$/.exec(header);
    if (!m || m[1].toLowerCase() !== 'basic') return 'bad';
    const decoded = MU.decodeBasicStrict(m[2]); // RFC 4648 section 4, padding required, canonical
    if (decoded === undefined) return 'bad';
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'bad';
    const user = decoded.slice(0, colon);
    const pass = decoded.slice(colon + 1);
    const userOk = safeEqual(user, this.o.user);
    const passOk = safeEqual(pass, this.o.password);
    if (this.v('a2-password-not-checked')) return userOk ? 'ok' : 'bad';
    return userOk && passOk ? 'ok' : 'bad';
  }

  private onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (e) => log('upgrade socket error', e.message));
    const rawUrl = req.url ?? '/';
    let url: URL;
    try {
      url = new URL(rawUrl, 'http://listener.invalid');
    } catch {
      return this.refuse(socket, 400, 'Malformed request target');
    }
    this.record({ ev: 'upgrade-request', url: rawUrl, authorization: req.headers.authorization ? 'present' : 'absent' });
    if (url.pathname !== this.o.path) return this.refuse(socket, 404, `No MOS endpoint at ${url.pathname}`);
    const badOrigin = H.originRefusal(this.o.variant, req.headers.origin);
    if (badOrigin) return this.refuse(socket, 403, badOrigin);
    let mut: MU.Verdict | undefined;
    try {
      mut = MU.listenerVerdict({ ...this.o }, req, url); // m- listener variants only
    } catch (e) {
      if (!MU.UNCAUGHT_LISTENER_THROWS.has(this.o.variant)) throw e;
      log(`upgrade handler threw: ${(e as Error).message}; socket destroyed without an answer`);
      socket.destroy(); // m-passive-parse-throws, m-auth-decoder-throws: the handler died
      return;
    }
    if (mut) {
      if ('refuse' in mut) {
        const r = mut.refuse;
        return this.refuse(socket, r.status, r.status === 401 ? H.authFailureText(this.o.variant, r.reason, req.headers.authorization) : r.reason, r.headers);
      }
      return this.wss!.handleUpgrade(req, socket, head, (ws) => this.attach(new Link(ws, mut.accept.channel, 'in', mut.accept.passive)));
    }

    // --- credentials (HTTP Basic) before anything else
    let auth = this.checkAuth(req.headers.authorization);
    if (auth === 'missing' && this.v('a2-missing-header-accepted')) auth = 'ok';
    let closeAfterUpgrade = false;
    if (auth !== 'ok') {
      const reason = H.authFailureText(this.o.variant, auth === 'missing' ? 'Authorization required' : 'Invalid credentials', req.headers.authorization);
      if (this.v('a2-close-after-upgrade')) closeAfterUpgrade = true;
      else if (this.v('a2-no-challenge-header')) return this.refuse(socket, 401, reason);
      else if (this.v('a2-forbidden-status')) return this.refuse(socket, 403, reason);
      else if (this.v('a2-bearer-challenge')) return this.refuse(socket, 401, reason, { 'WWW-Authenticate': 'Bearer realm="MOS"' });
      else return this.refuse(socket, 401, reason, { 'WWW-Authenticate': 'Basic realm="MOS", charset="UTF-8"' });
    }

    // --- MOS URL parameters (names matched case-insensitively: the proposal spells them mosID/mosid, ncsID/nCSID)
    const params = new Map<string, string[]>();
    for (const [k, val] of url.searchParams) {
      const lk = k.toLowerCase();
      params.set(lk, [...(params.get(lk) ?? []), val]);
    }
    const single = (name: string): string | undefined | null => {
      const vs = params.get(name);
      if (!vs) return undefined;
      if (new Set(vs).size > 1) return null; // conflicting repeats
      return vs[0];
    };
    let mosID = single('mosid');
    let ncsID = single('ncsid');
    let channel = single('channel');
    const passiveRaw = single('passive');
    if (mosID === null || ncsID === null || channel === null || passiveRaw === null) {
      return this.refuse(socket, 400, 'Conflicting repeated MOS parameters');
    }
    let lateReject = false;
    const missing = [mosID === undefined || mosID === '' ? 'mosID' : '', ncsID === undefined || ncsID === '' ? 'ncsID' : '', channel === undefined || channel === '' ? 'channel' : ''].filter(Boolean);
    if (missing.length > 0) {
      if (this.v('u1-accept-missing-params')) {
        mosID = mosID || this.o.mosId;
        ncsID = ncsID || this.o.ncsId;
        channel = channel || 'mom';
      } else if (this.v('u1-late-param-check')) {
        lateReject = true;
        mosID = mosID || this.o.mosId;
        ncsID = ncsID || this.o.ncsId;
        channel = channel || 'mom';
      } else {
        return this.refuse(socket, 400, `Missing URL parameter(s): ${missing.join(', ')}`);
      }
    }
    const m = mosID as string;
    const n = ncsID as string;
    if (!this.idsAcceptable(m, n)) return this.refuse(socket, 403, `Unknown identity mosID=${m} ncsID=${n}`);
    let ch = channel as string;
    if (ch !== 'mom' && ch !== 'ro' && ch !== 'aux') {
      if (this.v('u1-accept-any-channel')) ch = 'mom';
      else return this.refuse(socket, 400, `Unknown channel "${ch}" (mom, ro or aux)`);
    }
    let passive = false;
    if (passiveRaw !== undefined) {
      const p = passiveRaw.toLowerCase();
      if (p === 'true') passive = true;
      else if (p !== 'false') return this.refuse(socket, 400, `passive must be true or false, got "${passiveRaw}"`);
    }
    // --- configured extra parameters (--listen-extra), on every channel, passive sockets included
    const extraFault = this.checkExtras(url);
    if (extraFault) return this.refuse(socket, extraFault.status, extraFault.reason);
    if (this.v('u3-reject-extra-params')) {
      const configured = this.o.listenExtra.map((x) => x.name.toLowerCase());
      const extra = [...params.keys()].filter((k) => !['mosid', 'ncsid', 'channel', 'passive', ...configured].includes(k));
      if (extra.length > 0) return this.refuse(socket, 400, `Unexpected URL parameter(s): ${extra.join(', ')}`);
    }
    if (this.v('p1-listener-ignores-passive')) passive = false;

    this.wss!.handleUpgrade(req, socket, head, (ws) => {
      if (closeAfterUpgrade) {
        log('accepted upgrade with bad credentials, closing it now');
        ws.close(4401, 'Unauthorized');
        return;
      }
      const link = new Link(ws, ch as Channel, 'in', passive);
      link.lateReject = lateReject;
      this.attach(link);
    });
  }

  /**
   * Each configured extra parameter (--listen-extra NAME=VALUE) must be present under exactly its
   * configured NAME (case-sensitive: RFC 3986 section 6.2.2.1) and carry exactly VALUE after one
   * decoding of the query (the same application/x-www-form-urlencoded decoding as for the MOS
   * parameters). Absent or given twice with different values: 400; any other value: 403. Identical
   * repeats are accepted (as for the MOS parameters). Unknown parameters are not looked at.
   */
  private checkExtras(url: URL): { status: number; reason: string } | undefined {
    for (const { name, value } of this.o.listenExtra) {
      const vs = url.searchParams.getAll(name);
      if (vs.length === 0) return { status: 400, reason: `Missing configured URL parameter "${name}"` };
      if (new Set(vs).size > 1) return { status: 400, reason: `Configured URL parameter "${name}" given more than once with different values` };
      if (!safeEqual(vs[0], value)) return { status: 403, reason: `Wrong value for configured URL parameter "${name}"` };
    }
    return undefined;
  }

  private idsAcceptable(mosID: string, ncsID: string): boolean {
    const cm = this.o.mosId;
    const cn = this.o.ncsId;
    if (this.v('u2-ids-as-set')) {
      const given = [mosID, ncsID].sort().join('\u0000');
      return given === [cm, cn].sort().join('\u0000');
    }
    if (this.v('u2-prefix-id-match')) return mosID.startsWith(cm) && ncsID.startsWith(cn);
    const mosOk = this.v('u2-accept-any-mosid') || mosID === cm;
    const ncsOk = this.v('u2-accept-any-ncsid') || ncsID === cn;
    return mosOk && ncsOk;
  }

  // ================================================================ dialling side

  private startDialling(): void {
    const normal: Channel[] = this.v('u4-mom-socket-only') || this.v('u4-lazy-ro-socket')
      ? ['mom']
      : this.v('u4-mom-twice')
        ? ['mom', 'mom']
        : this.v('u4-aux-instead-of-ro')
          ? ['mom', 'aux']
          : ['mom', 'ro'];
    let passive: Channel[] = [];
    if (this.o.passive) {
      passive = this.v('p2-passive-mom-only') ? ['mom'] : this.v('p2-passive-ro-only') ? ['ro'] : this.v('p2-passive-twice') ? ['mom', 'ro', 'mom', 'ro'] : ['mom', 'ro'];
      if (this.v('p4-nrcs-passive-ignored')) passive = [];
    }
    if (this.o.passive && this.v('p4-nrcs-passive-unsupported')) {
      log('passive mode is not supported by this NRCS: not dialling, waiting to be dialled');
      return;
    }
    for (const ch of normal) this.addSlot(ch, false);
    for (const ch of passive) this.addSlot(ch, true);
    if (this.v('u4-lazy-ro-socket')) this.slots.push({ channel: 'ro', passive: false, drops: [], started: false });
  }

  private addSlot(channel: Channel, passive: boolean): DialSlot {
    const s: DialSlot = { channel, passive, drops: [], started: true };
    this.slots.push(s);
    this.dial(s);
    return s;
  }

  private ensureSlotStarted(channel: Channel): void {
    for (const s of this.slots) {
      if (!s.started && s.channel === channel) {
        s.started = true;
        this.dial(s);
      }
    }
  }

  /** The URL a slot dials: the configured URL (query kept byte for byte) plus the MOS parameters. */
  buildDialUrl(s: DialSlot): string {
    let base = this.o.connect!;
    const hash = base.indexOf('#');
    if (hash >= 0) base = base.slice(0, hash);
    if (this.v('tls1-dial-plain')) base = base.replace(/^wss:/i, 'ws:');
    const q = base.indexOf('?');
    let head = q >= 0 ? base.slice(0, q) : base;
    let query = q >= 0 ? base.slice(q + 1) : '';
    if (this.v('u3-drop-extra-params')) query = '';
    if (this.v('u3-reencode-params')) query = new URLSearchParams(query).toString();
    if (this.v('u3-first-extra-param-only')) query = query.split('&')[0];
    if (this.v('u3-extra-params-mom-only') && s.channel !== 'mom') query = '';
    query = MU.dialExtraQuery(this.o.variant, query);
    const ids = MU.dialIds(this.o.variant, s.channel, this.o.mosId, this.o.ncsId);
    if (head.endsWith('?')) head = head.slice(0, -1);
    const enc = this.v('ok-percent-encoded-mos-params')
      ? (v: string): string => [...Buffer.from(v, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')
      : encodeURIComponent;
    const mos: string[] = [];
    mos.push(`${this.v('u1-dial-mos_id') ? 'mos_id' : 'mosID'}=${enc(ids.mosId)}`);
    if (!this.v('u1-dial-without-ncsid')) mos.push(`ncsID=${enc(ids.ncsId)}`);
    mos.push(this.v('u1-dial-channel-typo') && s.channel === 'ro' ? 'channel-ro' : `channel=${s.channel}`);
    if (s.passive) {
      mos.push(this.v('p1-passive-flag-name') ? 'passiveMode=true' : this.v('p1-passive-flag-value') ? 'passive=1' : 'passive=true');
    }
    if (this.v('a3-password-in-query') || (this.v('a3-passive-password-in-query') && s.passive)) {
      mos.push(`user=${enc(this.o.user)}`, `password=${enc(this.o.password)}`);
    }
    if (this.v('a3-basic-token-in-query')) mos.push(`authorization=${enc('Basic ' + this.basicToken())}`);
    if (this.v('a3-apikey-in-query')) mos.push(`apiKey=${enc(this.o.password)}`);
    if (this.v('ok-mos-params-reordered')) mos.reverse();
    const existing = query.replace(/&+$/, '');
    return `${head}?${existing === '' ? '' : existing + '&'}${mos.join('&')}`;
  }

  private basicToken(): string {
    return Buffer.from(`${this.o.user}:${this.o.password}`, 'utf8').toString('base64');
  }

  private dial(s: DialSlot): void {
    if (this.stopping) return;
    s.timer = undefined;
    const url = this.buildDialUrl(s);
    const headers: Record<string, string> = {};
    if (this.v('a1-bearer-scheme')) headers.Authorization = `Bearer ${this.basicToken()}`;
    else if (this.v('a1-raw-credentials')) headers.Authorization = `Basic ${this.o.user}:${this.o.password}`;
    else if (this.v('a1-proxy-authorization')) headers['Proxy-Authorization'] = `Basic ${this.basicToken()}`;
    else if (this.v('ok-auth-scheme-lowercase')) headers.Authorization = `basic ${this.basicToken()}`;
    else if (this.v('ok-auth-scheme-uppercase')) headers.Authorization = `BASIC ${this.basicToken()}`;
    else if (!this.v('a1-no-authorization')) headers.Authorization = `Basic ${this.basicToken()}`;
    const strict = this.v('tls2-allow-untrusted-ignored') || (this.v('tls2-passive-strict-tls') && s.passive);
    const ws = new WebSocket(url, {
      headers,
      rejectUnauthorized: strict ? true : !this.o.allowUntrusted,
      ca: this.o.ca,
      handshakeTimeout: 5000,
      perMessageDeflate: this.v('ok-permessage-deflate') ? { threshold: 0 } : false,
      minVersion: this.v('ok-tls13-only') ? 'TLSv1.3' : undefined,
      ...H.wsOptions(this.o.variant),
      ...H.dialOptions(this.o.variant, this.o.allowUntrusted),
    });
    s.ws = ws;
    let opened = false;
    ws.on('open', () => {
      opened = true;
      s.failedSinceDrop = undefined;
      log(`dialled ${s.channel}${s.passive ? ' (passive)' : ''}: ${redact(url)}`);
      const link = new Link(ws, s.channel, 'out', s.passive);
      s.link = link;
      this.attach(link);
    });
    ws.on('unexpected-response', (_req, res) => {
      log(`dial ${s.channel}${s.passive ? ' passive' : ''} refused: HTTP ${res.statusCode}`);
      res.resume();
      ws.terminate();
    });
    ws.on('error', (e) => {
      if (!opened) log(`dial ${s.channel}${s.passive ? ' passive' : ''} failed: ${e.message}`);
    });
    ws.on('close', () => {
      if (s.ws === ws) s.ws = undefined;
      if (s.link?.ws === ws) s.link = undefined;
      if (this.stopping) return;
      this.scheduleRedial(s, opened);
    });
  }

  private scheduleRedial(s: DialSlot, wasOpen: boolean): void {
    if (s.timer) return;
    let delay = this.o.retryMs;
    const mutDelay = MU.redialDelay(this.o.variant, this.o.retryMs, s, wasOpen);
    if (mutDelay === null) return log(`${s.channel}${s.passive ? ' passive' : ''}: 3 attempts failed; giving up`);
    if (mutDelay !== undefined) {
      log(`${s.channel}${s.passive ? ' passive' : ''}: attempt failed; next one in ${mutDelay} ms`);
      s.timer = setTimeout(() => this.dial(s), mutDelay);
      return;
    }
    if (!wasOpen && s.passive && s.failedSinceDrop !== undefined && this.v('p3-exponential-backoff')) {
      s.failedSinceDrop++;
      delay = 2000 * 2 ** (s.failedSinceDrop - 1);
      log(`passive ${s.channel} re-open failed; backing off ${delay} ms`);
    }
    if (wasOpen) {
      s.failedSinceDrop = 0;
      const now = Date.now();
      s.drops = s.drops.filter((t) => now - t < 1000);
      s.drops.push(now);
      delay = s.drops.length > 5 ? this.o.retryMs : 0; // immediately, unless the peer keeps dropping us
      if (delay === 0 && this.v('ok-redial-jitter')) delay = 20 + Math.floor(Math.random() * 180);
      if (s.passive) {
        if (this.v('p3-no-reopen')) return log(`passive ${s.channel} socket dropped; not re-opening`);
        if (this.v('p3-reopen-mom-only') && s.channel !== 'mom') return log(`passive ${s.channel} socket dropped; not re-opening`);
        if (this.v('p3-slow-reopen')) delay = 5000;
      }
      log(`${s.passive ? 'passive ' : ''}${s.channel} socket dropped; re-opening in ${delay} ms`);
    }
    s.timer = setTimeout(() => this.dial(s), delay);
  }

  // ================================================================ links

  private attach(link: Link): void {
    this.links.add(link);
    log(`socket open ${link}`);
    this.record({ ev: 'open', link: link.id, dir: link.dir, channel: link.channel, passive: link.passive });
    H.attachSocketHooks(this.o.variant, link.ws);
    link.ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (H.onRawMessage(this.o.variant, link.ws, buf, isBinary)) return;
      this.onMessage(link, buf.toString('utf8'), isBinary);
    });
    link.ws.on('close', (code: number) => {
      link.closed = true;
      if (link.keepTimer) clearInterval(link.keepTimer);
      for (const t of link.extraTimers) clearInterval(t);
      this.links.delete(link);
      log(`socket closed ${link} code ${code}`);
      this.record({ ev: 'close', link: link.id, code });
      this.onLinkClosed(link);
    });
    link.ws.on('error', (e: Error) => log(`socket error ${link}: ${e.message}`));
    this.startKeepAlive(link);
    this.startBenignTimers(link);
    this.onOriginatingOpen(link);
    this.flushAll();
  }

  /** ok-ws-pings and ok-own-heartbeats-and-ro-resend: traffic of this side's own on a socket. */
  private startBenignTimers(link: Link): void {
    if (this.v('ok-ws-pings')) {
      link.extraTimers.push(setInterval(() => {
        if (link.open) link.ws.ping(Buffer.from('zoo'));
      }, 500));
    }
    if (this.v('ok-own-heartbeats-and-ro-resend') && this.mayOriginateOn(link)) {
      link.extraTimers.push(setInterval(() => {
        if (link.open) this.originateOn(link, 'heartbeat', M.heartbeat(this.ctx), ['heartbeat']);
      }, 200));
    }
  }

  /** Sockets this side may originate messages on: the ones it dialled (not passive) and the peer's passive ones. */
  private mayOriginateOn(link: Link): boolean {
    if (link.channel === 'aux') return false;
    return (link.dir === 'out' && !link.passive) || (link.dir === 'in' && link.passive);
  }

  /** Send one request on a given socket, outside the queues (its reply is taken as a reply). */
  private originateOn(link: Link, name: string, body: string, expect: string[]): void {
    const id = this.newId();
    const msg: OutMsg = { id, name, channel: link.channel === 'ro' ? 'ro' : 'mom', xml: M.envelope(this.ctx, id, body), expect };
    if (!this.sendFrame(link, msg.xml, name, id)) return;
    link.pending.set(id, { msg });
    setTimeout(() => link.pending.delete(id), 10000).unref();
  }

  private originatingSeen = new Set<string>();
  /** NRCS (ok-own-heartbeats-and-ro-resend): a re-opened originating ro socket gets the current running order again. */
  private onOriginatingOpen(link: Link): void {
    if (!this.v('ok-own-heartbeats-and-ro-resend') || !this.mayOriginateOn(link) || link.channel !== 'ro') return;
    const key = `${link.dir}:${link.passive}`;
    const reopened = this.originatingSeen.has(key);
    this.originatingSeen.add(key);
    if (!reopened || this.o.role !== 'nrcs' || this.currentRo === undefined) return;
    const ro = this.ros.get(this.currentRo);
    if (!ro) return;
    log(`ro socket re-opened: sending running order ${ro.roID} again (roReplace)`);
    this.originate('roReplace', 'ro', M.roReplace(this.ctx, ro), ['roAck']);
  }

  /** the running order the NRCS last created or changed */
  private currentRo?: string;

  private startKeepAlive(link: Link): void {
    if (this.v('ka3-never')) return;
    if (this.v('ka3-mom-only') && link.channel !== 'mom') return;
    if (this.v('ka3-outbound-only') && link.dir !== 'out') return;
    let every = this.v('ka3-interval-x10') ? this.o.keepaliveMs * 10 : this.o.keepaliveMs;
    if (this.v('ok-keepalive-100ms')) every = Math.min(every, 100);
    if (this.v('ok-keepalive-idle-only')) {
      // keepAlive only once the socket has been idle (nothing written) for the whole interval
      const idle = every;
      link.keepTimer = setInterval(() => {
        if (link.open && Date.now() - link.lastSent >= idle) this.sendFrame(link, M.keepAlive(this.ctx, () => this.newId()), 'keepAlive');
      }, Math.max(10, Math.min(250, Math.floor(idle / 4))));
      return;
    }
    let sent = 0;
    link.keepTimer = setInterval(() => {
      if (!link.open) return;
      if (MU.keepAliveOnce(this.o.variant, link.channel) && sent++ > 0) return;
      if (this.v('ka3-ws-ping-instead')) {
        link.ws.ping();
        return;
      }
      this.sendFrame(link, M.keepAlive(this.ctx, () => this.newId()), 'keepAlive');
    }, every);
  }

  /** Write one MOS message (a WebSocket text message) on a link. */
  private sendFrame(link: Link, xml: string, name: string, messageID?: number): boolean {
    if (!link.open) return false;
    xml = MU.outgoingXml(this.o.variant, link.channel, xml);
    this.record({ ev: 'send', link: link.id, channel: link.channel, name, messageID });
    link.lastSent = Date.now();
    if (rewrites(this.o.variant)) xml = rewrite(this.o.variant, xml);
    if (this.v('ok-fragmented-frames') && xml.length > 24) {
      // one WebSocket message in several frames: a text frame and continuation frames (RFC 6455 §5.4)
      const chars = [...xml];
      const n = Math.min(5, Math.max(2, Math.ceil(chars.length / 64)));
      const size = Math.ceil(chars.length / n);
      for (let i = 0; i < n; i++) {
        link.ws.send(chars.slice(i * size, (i + 1) * size).join(''), { fin: i === n - 1 });
      }
      return true;
    }
    if (this.v('t1-binary-frames')) {
      link.ws.send(Buffer.from(xml, 'utf8'), { binary: true });
    } else if (this.v('t1-split-frames') && name !== 'keepAlive') {
      const cut = xml.indexOf('</messageID>');
      const at = cut > 0 ? cut + '</messageID>'.length : Math.floor(xml.length / 2);
      link.ws.send(xml.slice(0, at));
      link.ws.send(xml.slice(at));
    } else {
      link.ws.send(xml, H.sendOptions(this.o.variant, link.dir === 'out'));
    }
    return true;
  }

  // ---------------------------------------------------------------- replies

  private replyLink(arrival: Link): Link {
    const openLinks = [...this.links].filter((l) => l.open);
    if (this.v('t2-reply-on-own-socket') && arrival.channel !== 'aux') {
      return this.originatingLink(arrival.channel) ?? arrival;
    }
    if (this.v('t2-reply-on-newest-socket')) {
      return openLinks.reduce((a, b) => (b.openedAt > a.openedAt || (b.openedAt === a.openedAt && b.id > a.id) ? b : a), arrival);
    }
    if (this.v('t2-reply-on-mom-socket') && arrival.channel !== 'mom') {
      const mom = openLinks.filter((l) => l.channel === 'mom' && l.dir === arrival.dir && l.passive === arrival.passive);
      return mom[mom.length - 1] ?? arrival;
    }
    if (this.v('t2-passive-reply-on-normal') && arrival.passive && arrival.dir === 'out') {
      const normal = openLinks.filter((l) => l.dir === 'out' && !l.passive && l.channel === arrival.channel);
      return normal[normal.length - 1] ?? arrival;
    }
    return arrival;
  }

  private reply(arrival: Link, requestId: number, body: string, name: string): void {
    const id = this.v('t1-reply-fresh-messageid') ? this.newId() : requestId;
    let xml = M.envelope(this.ctx, id, body);
    if (this.v('t1-batched-frames')) xml += M.keepAlive(this.ctx, () => this.newId());
    const out = this.replyLink(arrival);
    const send = (): void => {
      if (this.v('ok-keepalive-before-reply')) this.sendFrame(out, M.keepAlive(this.ctx, () => this.newId()), 'keepAlive');
      this.sendFrame(out, xml, name, id);
    };
    if (this.v('ok-reply-delay')) setTimeout(send, 800).unref();
    else send();
  }

  private nack(link: Link, requestId: number, msgName: string, roID: string | undefined, objID: string | undefined, why: string): void {
    const useRo = msgName.startsWith('ro') || (link.channel === 'ro' && !msgName.startsWith('mos'));
    if (useRo) this.reply(link, requestId, M.roAck(this.ctx, roID || '0', false), 'roAck');
    else this.reply(link, requestId, M.mosAck(this.ctx, objID || '0', 0, false, why), 'mosAck');
  }

  // ---------------------------------------------------------------- incoming

  private onMessage(link: Link, text: string, isBinary: boolean): void {
    let root: XNode;
    try {
      root = parseXml(H.beforeParse(this.o.variant, text));
    } catch (e) {
      H.onUnparsable(this.o.variant, e as Error);
      log(`unparsable message on ${link}: ${(e as XmlError).message}`);
      this.record({ ev: 'recv-bad', link: link.id, binary: isBinary, error: (e as Error).message });
      return;
    }
    if (root.name !== 'mos') {
      log(`message on ${link} is not a <mos> envelope: <${root.name}>`);
      this.record({ ev: 'recv-bad', link: link.id, error: `root ${root.name}` });
      return;
    }
    const body = root.children.find((c) => !['mosID', 'ncsID', 'messageID'].includes(c.name));
    const name = body?.name ?? '(none)';
    const idText = childText(root, 'messageID');
    const messageID = idText !== undefined && /^-?\d+$/.test(idText) ? Number(idText) : undefined;
    const status = body ? (childText(body, 'roStatus') ?? (name === 'mosAck' ? childText(body, 'status') : undefined)) : undefined;
    this.record({ ev: 'recv', link: link.id, channel: link.channel, dir: link.dir, passive: link.passive, name, messageID, binary: isBinary, status });

    if (link.lateReject) {
      log(`closing ${link}: connection request lacked the MOS parameters`);
      link.ws.close(1008, 'missing MOS URL parameters');
      return;
    }

    if (name === 'keepAlive') {
      if (this.v('ka2-heartbeat-reply')) {
        const id = this.newId();
        this.sendFrame(link, M.envelope(this.ctx, id, M.heartbeat(this.ctx)), 'heartbeat', id);
      } else if (this.v('ka2-echo-keepalive')) {
        this.sendFrame(link, M.keepAlive(this.ctx, () => this.newId()), 'keepAlive');
      } else if (this.v('ka2-close-on-keepalive')) {
        link.ws.close(1002, 'unexpected message keepAlive');
      } else if (this.v('ka2-nack-keepalive')) {
        this.nack(link, this.newId(), link.channel === 'ro' ? 'roUnknown' : 'mosUnknown', undefined, undefined, 'Unknown message keepAlive');
      }
      return; // discarded: no reply
    }
    if (!body) return;

    // a reply to something we sent?
    if (messageID !== undefined && this.takeReply(link, messageID, name, body)) return;
    if (REPLY_ONLY.has(name)) {
      log(`unsolicited ${name} (messageID ${idText}) on ${link}; ignored`);
      return;
    }
    if (messageID === undefined) {
      log(`request ${name} without a usable messageID on ${link}; ignored`);
      return;
    }
    this.onRequest(link, messageID, name, body);
  }

  private takeReply(link: Link, messageID: number, name: string, body: XNode): boolean {
    let p = link.pending.get(messageID);
    let where = link;
    if (!p || !p.msg.expect.includes(name)) {
      if (!REPLY_ONLY.has(name)) return false;
      // tolerate a reply that came back on another socket
      p = undefined;
      for (const l of this.links) {
        const q = l.pending.get(messageID);
        if (q && q.msg.expect.includes(name)) {
          p = q;
          where = l;
          break;
        }
      }
      if (!p) return false;
      log(`reply ${name} ${messageID} arrived on ${link}, request went out on ${where}`);
    }
    where.pending.delete(messageID);
    this.inflight = this.inflight.filter((m) => m !== p!.msg);
    this.onReply(p.msg, name, body);
    return true;
  }

  private onReply(req: OutMsg, name: string, body: XNode): void {
    if (name === 'roList') {
      const ro = M.readRunningOrder(body);
      if (this.o.role === 'device') this.ros.set(ro.roID, ro);
    } else if (name === 'mosObj' && this.o.role === 'nrcs') {
      const obj = M.readMosObj(body);
      this.objects.set(obj.objID, obj);
    } else if (name === 'roAck' && childText(body, 'roStatus') !== 'OK') {
      log(`${req.name} ${req.id} was refused: roStatus ${childText(body, 'roStatus')}`);
    } else if (name === 'mosAck' && childText(body, 'status') !== 'ACK') {
      log(`${req.name} ${req.id} was refused: ${childText(body, 'statusDescription') ?? ''}`);
    }
  }

  private onRequest(link: Link, id: number, name: string, body: XNode): void {
    const roID = childText(body, 'roID');
    const objID = childText(body, 'objID');
    // profile 0: both roles
    if (name === 'heartbeat') {
      if (!this.v('t1-no-heartbeat-reply')) this.reply(link, id, M.heartbeat(this.ctx), 'heartbeat');
      return;
    }
    if (name === 'reqMachInfo') return this.reply(link, id, M.listMachInfo(this.ctx, this.startedAt), 'listMachInfo');
    if (name === 'roReq') {
      const ro = roID !== undefined ? this.ros.get(roID) : undefined;
      if (ro) return this.reply(link, id, M.roList(this.ctx, MU.roForList(this.o.variant, ro)), 'roList');
      return this.nack(link, id, name, roID, undefined, 'Unknown running order');
    }
    if (this.o.role === 'device') return this.onDeviceRequest(link, id, name, body, roID, objID);
    return this.onNrcsRequest(link, id, name, body, roID, objID);
  }

  private readonly roAckState = new MU.RoAckState(() => this.o.variant);

  private ack(link: Link, id: number, roID: string): void {
    this.reply(link, id, M.roAck(this.ctx, this.roAckState.ackRoID(roID), true), 'roAck');
  }

  private onDeviceRequest(link: Link, id: number, name: string, body: XNode, roID: string | undefined, objID: string | undefined): void {
    switch (name) {
      case 'mosReqObj': {
        const o = MU.lookupObject(this.o.variant, this.objects, objID);
        if (o) return this.reply(link, id, M.mosObj(this.ctx, o), 'mosObj');
        return this.reply(link, id, M.mosAck(this.ctx, objID || '0', 0, false, 'Unknown object'), 'mosAck');
      }
      case 'mosReqAll': {
        const pauseText = childText(body, 'pause') ?? '0';
        const pause = /^\d+$/.test(pauseText) ? Number(pauseText) : NaN;
        if (!Number.isFinite(pause)) return this.reply(link, id, M.mosAck(this.ctx, '0', 0, false, 'Bad pause value'), 'mosAck');
        this.reply(link, id, M.mosAck(this.ctx, '0', 0, true, 'Sending all objects'), 'mosAck');
        const objs = [...this.objects.values()];
        if (pause === 0) {
          this.originate('mosListAll', 'mom', M.mosListAll(this.ctx, objs), []);
        } else {
          objs.forEach((o, i) => {
            setTimeout(() => this.originate('mosObj', 'mom', M.mosObj(this.ctx, o), ['mosAck']), pause * 1000 * i).unref();
          });
        }
        return;
      }
      case 'roCreate':
      case 'roReplace': {
        const ro = M.readRunningOrder(body);
        if (!ro.roID) return this.nack(link, id, name, roID, undefined, 'roID missing');
        const old = this.ros.get(ro.roID);
        if (old?.roAir) ro.roAir = old.roAir;
        this.ros.set(ro.roID, ro);
        this.roAckState.created(ro.roID);
        return this.ack(link, id, ro.roID);
      }
      case 'roMetadataReplace': {
        const ro = roID !== undefined ? this.ros.get(roID) : undefined;
        if (!ro) return this.nack(link, id, name, roID, undefined, 'Unknown running order');
        const slug = childText(body, 'roSlug');
        if (slug !== undefined) ro.roSlug = slug;
        return this.ack(link, id, ro.roID);
      }
      case 'roDelete': {
        if (roID === undefined || !this.ros.has(roID)) return this.nack(link, id, name, roID, undefined, 'Unknown running order');
        this.ros.delete(roID);
        return this.ack(link, id, roID);
      }
      case 'roReadyToAir': {
        const ro = roID !== undefined ? this.ros.get(roID) : undefined;
        const air = childText(body, 'roAir');
        if (!ro || (air !== 'READY' && air !== 'NOT READY')) return this.nack(link, id, name, roID, undefined, 'Bad roReadyToAir');
        ro.roAir = air;
        return this.ack(link, id, ro.roID);
      }
      case 'roElementAction': {
        const ro = roID !== undefined ? this.ros.get(roID) : undefined;
        if (!ro) return this.nack(link, id, name, roID, undefined, 'Unknown running order');
        const err = MU.skipElementAction(this.o.variant) ? null : applyElementAction(ro, body);
        if (err) {
          log(`roElementAction refused: ${err}`);
          return this.nack(link, id, name, roID, undefined, err);
        }
        return this.ack(link, id, ro.roID);
      }
      default:
        log(`unsupported request ${name} on ${link}: NACK`);
        return this.nack(link, id, name, roID, objID, `Unsupported message ${name}`);
    }
  }

  private onNrcsRequest(link: Link, id: number, name: string, body: XNode, roID: string | undefined, objID: string | undefined): void {
    switch (name) {
      case 'mosObj': {
        const o = M.readMosObj(body);
        if (!o.objID) return this.reply(link, id, M.mosAck(this.ctx, '0', 0, false, 'objID missing'), 'mosAck');
        this.objects.set(o.objID, o);
        return this.reply(link, id, M.mosAck(this.ctx, o.objID, o.objRev, true, 'Object stored'), 'mosAck');
      }
      case 'mosListAll': {
        for (const n of childrenNamed(body, 'mosObj')) {
          const o = M.readMosObj(n);
          if (o.objID) this.objects.set(o.objID, o);
        }
        return; // mosListAll is itself the answer to mosReqAll
      }
      case 'roElementStat': {
        const ro = roID !== undefined ? this.ros.get(roID) : undefined;
        const element = body.attrs.element;
        const status = childText(body, 'status');
        if (!ro || !['RO', 'STORY', 'ITEM'].includes(element ?? '') || !status) {
          return this.nack(link, id, name, roID, undefined, 'Bad roElementStat');
        }
        return this.ack(link, id, ro.roID);
      }
      default:
        log(`unsupported request ${name} on ${link}: NACK`);
        return this.nack(link, id, name, roID, objID, `Unsupported message ${name}`);
    }
  }

  // ================================================================ originating messages

  /** The socket this side originates messages of a channel on. */
  originatingLink(channel: 'mom' | 'ro'): Link | undefined {
    const open = [...this.links].filter((l) => l.open);
    const newest = (ls: Link[]): Link | undefined => ls.sort((a, b) => b.openedAt - a.openedAt || b.id - a.id)[0];
    if (this.v('p1-listener-originates-on-normal')) {
      const inNormal = newest(open.filter((l) => l.dir === 'in' && !l.passive && l.channel === channel));
      if (inNormal) return inNormal;
      return newest(open.filter((l) => l.dir === 'out' && !l.passive && l.channel === channel));
    }
    const passiveCh = this.v('p1-listener-all-on-mom') ? 'mom' : channel;
    const passiveIn = newest(open.filter((l) => l.dir === 'in' && l.passive && l.channel === passiveCh));
    if (passiveIn) return passiveIn;
    return newest(open.filter((l) => l.dir === 'out' && !l.passive && l.channel === channel));
  }

  /** Queue a message for a channel; it is sent over the originating socket as soon as there is one. */
  originate(name: string, channel: 'mom' | 'ro', body: string, expect: string[]): number {
    const id = this.newId();
    const msg: OutMsg = { id, name, channel, xml: M.envelope(this.ctx, id, body), expect };
    if (this.v('u4-lazy-ro-socket') && channel === 'ro') this.ensureSlotStarted('ro');
    const link = this.originatingLink(channel);
    if (!link) {
      if (this.v('p3-lose-queued') && this.hadPassiveIn(channel)) {
        log(`no ${channel} socket: ${name} ${id} dropped`);
        return id;
      }
      this.queuedWhileDown.add(id);
    }
    this.queue[channel].push(msg);
    this.flush(channel);
    return id;
  }

  private passiveSeen = new Set<string>();
  private hadPassiveIn(channel: string): boolean {
    return this.passiveSeen.has(channel);
  }

  private flushAll(): void {
    for (const l of this.links) if (l.dir === 'in' && l.passive) this.passiveSeen.add(l.channel);
    this.flush('mom');
    this.flush('ro');
  }

  private flush(channel: 'mom' | 'ro'): void {
    const q = this.queue[channel];
    if (q.length === 0) return;
    const link = this.originatingLink(channel);
    if (!link) return;
    let batch = q.splice(0, q.length);
    if (this.v('p3-reverse-queue') && batch.some((m) => this.queuedWhileDown.has(m.id))) batch = batch.slice().reverse();
    for (const m of batch) {
      m.sentOn = link;
      m.sentAt = Date.now();
      this.sendFrame(link, m.xml, m.name, m.id);
      if (m.expect.length > 0) {
        link.pending.set(m.id, { msg: m });
        this.inflight.push(m);
      }
    }
    if (this.v('p3-duplicate-after-reopen')) {
      for (const m of batch) if (this.queuedWhileDown.has(m.id)) this.sendFrame(link, m.xml, m.name, m.id);
    }
    for (const m of batch) this.queuedWhileDown.delete(m.id);
  }

  private onLinkClosed(link: Link): void {
    // messages in flight on that socket that got no reply are sent again once a socket is back
    const now = Date.now();
    const lost = this.inflight.filter((m) => m.sentOn === link && now - (m.sentAt ?? 0) < ACK_GRACE_MS);
    if (lost.length > 0) {
      this.inflight = this.inflight.filter((m) => !lost.includes(m));
      for (const ch of ['mom', 'ro'] as const) {
        const mine = lost.filter((m) => m.channel === ch);
        if (mine.length === 0) continue;
        log(`re-queueing ${mine.length} unanswered ${ch} message(s) from ${link}`);
        this.queue[ch].unshift(...mine);
        for (const m of mine) this.queuedWhileDown.add(m.id);
      }
    }
    this.flushAll();
  }

  private reapInflight(): void {
    const now = Date.now();
    this.inflight = this.inflight.filter((m) => now - (m.sentAt ?? now) < ACK_GRACE_MS);
  }

  // ================================================================ operator actions

  private async startControl(hp: HostPort): Promise<string> {
    const srv = http.createServer((req, res) => {
      const send = (status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
        res.writeHead(status, { 'Content-Type': type });
        res.end(body);
      };
      const url = new URL(req.url ?? '/', 'http://control.invalid');
      if (req.method === 'GET' && url.pathname === '/state') return send(200, JSON.stringify(this.state()), 'application/json');
      if (url.pathname !== '/action') return send(404, 'not found\n');
      if (req.method !== 'POST') return send(405, 'POST only\n');
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let action: unknown;
        try {
          action = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(400, 'malformed JSON\n');
        }
        try {
          const r = this.act(action);
          send(200, JSON.stringify({ ok: true, ...r }), 'application/json');
        } catch (e) {
          if (e instanceof ActionError) return send(e.status, `${e.message}\n`);
          log('action failed', (e as Error).stack ?? String(e));
          return send(500, `${(e as Error).message}\n`);
        }
      });
    });
    this.controlServer = srv;
    return new Promise((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(hp.port, hp.host, () => {
        const addr = srv.address();
        const port = typeof addr === 'object' && addr ? addr.port : hp.port;
        const host = hp.host === '0.0.0.0' || hp.host === '::' ? '127.0.0.1' : hp.host.includes(':') ? `[${hp.host}]` : hp.host;
        resolve(`http://${host}:${port}`);
      });
    });
  }

  state(): Record<string, unknown> {
    return {
      role: this.o.role,
      variant: this.o.variant,
      links: [...this.links].map((l) => ({ id: l.id, dir: l.dir, channel: l.channel, passive: l.passive, open: l.open })),
      queued: { mom: this.queue.mom.length, ro: this.queue.ro.length },
      ros: [...this.ros.values()],
      objects: [...this.objects.values()],
      journal: this.journal,
    };
  }

  act(a: unknown): Record<string, unknown> {
    if (typeof a !== 'object' || a === null || Array.isArray(a)) throw new ActionError(400, 'action must be a JSON object');
    const act = a as Record<string, unknown>;
    const kind = act.kind;
    if (typeof kind !== 'string') throw new ActionError(400, 'action.kind must be a string');
    const str = (k: string, required: boolean): string | undefined => {
      const v = act[k];
      if (v === undefined || v === null) {
        if (required) throw new ActionError(400, `${k} is required`);
        return undefined;
      }
      if (typeof v !== 'string' || v === '') throw new ActionError(400, `${k} must be a non-empty string`);
      if (v.length > 128 && ['roID', 'objID', 'storyID', 'itemID'].includes(k)) throw new ActionError(400, `${k} longer than 128 characters`);
      return v;
    };
    const count = ((): number => {
      const c = act.count;
      if (c === undefined) return 1;
      if (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > 10000) throw new ActionError(400, 'count must be an integer from 1 to 10000');
      return c;
    })();
    switch (kind) {
      case 'originate': {
        const message = str('message', true)!;
        const ids: number[] = [];
        for (let i = 0; i < count; i++) ids.push(...this.originateByName(message, str, act));
        return { messageIDs: ids };
      }
      case 'story-operations': {
        if (this.o.role !== 'nrcs') throw new ActionError(501, 'story operations are an NRCS action; this is a device');
        const roID = str('roID', true)!;
        this.currentRo = roID;
        const ids: number[] = [];
        for (let i = 0; i < count; i++) ids.push(...this.storyOperations(roID));
        return { messageIDs: ids };
      }
      case 'publish-object': {
        if (this.o.role !== 'device') throw new ActionError(501, 'publishing objects is a device action; this is an NRCS');
        const objID = str('objID', true)!;
        const proxyUrl = str('proxyUrl', false);
        const ids: number[] = [];
        for (let i = 0; i < count; i++) ids.push(this.publishObject(objID, proxyUrl, str('objSlug', false)));
        return { messageIDs: ids };
      }
      default:
        throw new ActionError(501, `unknown action kind "${kind}"`);
    }
  }

  private channelParam(str: (k: string, r: boolean) => string | undefined): 'mom' | 'ro' {
    const c = str('channel', false) ?? 'mom';
    if (c !== 'mom' && c !== 'ro') throw new ActionError(400, 'channel must be mom or ro');
    return c;
  }

  private originateByName(message: string, str: (k: string, r: boolean) => string | undefined, raw: Record<string, unknown>): number[] {
    if (this.o.role === 'nrcs' && message.startsWith('ro') && message !== 'roReq') {
      const roID = raw.roID;
      if (typeof roID === 'string' && roID !== '') this.currentRo = message === 'roDelete' ? undefined : roID;
    }
    // profile 0, both roles
    if (message === 'heartbeat') return [this.originate('heartbeat', this.channelParam(str), M.heartbeat(this.ctx), ['heartbeat'])];
    if (message === 'reqMachInfo') return [this.originate('reqMachInfo', this.channelParam(str), M.reqMachInfo(), ['listMachInfo'])];
    if (message === 'roReq') return [this.originate('roReq', 'ro', M.roReq(str('roID', true)!), ['roList', 'roAck'])];
    if (this.o.role === 'device') {
      switch (message) {
        case 'mosObj': {
          const objID = str('objID', false) ?? 'OBJ-1';
          return [this.publishObject(objID, str('proxyUrl', false), str('objSlug', false))];
        }
        case 'mosListAll':
          return [this.originate('mosListAll', 'mom', M.mosListAll(this.ctx, [...this.objects.values()]), [])];
        case 'roElementStat':
          return [this.originate('roElementStat', 'ro', M.roElementStat(this.ctx, this.elementStat(str)), ['roAck'])];
        default:
          throw new ActionError(501, `a device does not originate ${message} here (implemented: heartbeat, reqMachInfo, roReq, mosObj, mosListAll, roElementStat)`);
      }
    }
    switch (message) {
      case 'roCreate': {
        const roID = str('roID', true)!;
        const ro = this.defaultRunningOrder(roID);
        this.ros.set(roID, ro);
        return [this.originate('roCreate', 'ro', M.roCreate(this.ctx, ro), ['roAck'])];
      }
      case 'roReplace': {
        const roID = str('roID', true)!;
        const ro = this.ros.get(roID) ?? this.defaultRunningOrder(roID);
        const replaced: RunningOrder = { ...ro, roSlug: `${ro.roSlug.replace(/ \(replaced\)$/, '')} (replaced)`, stories: ro.stories.map((s) => ({ ...s, storySlug: `${s.storySlug ?? s.storyID} (replaced)`, items: s.items.map((i) => ({ ...i })) })) };
        this.ros.set(roID, replaced);
        return [this.originate('roReplace', 'ro', M.roReplace(this.ctx, replaced), ['roAck'])];
      }
      case 'roMetadataReplace': {
        const roID = str('roID', true)!;
        const ro = this.ros.get(roID) ?? this.defaultRunningOrder(roID);
        ro.roSlug = str('roSlug', false) ?? `Running order ${roID} (metadata replaced)`;
        this.ros.set(roID, ro);
        return [this.originate('roMetadataReplace', 'ro', M.roMetadataReplace(ro), ['roAck'])];
      }
      case 'roDelete': {
        const roID = str('roID', true)!;
        this.ros.delete(roID);
        return [this.originate('roDelete', 'ro', M.roDelete(roID), ['roAck'])];
      }
      case 'roReadyToAir': {
        const roID = str('roID', true)!;
        const air = str('roAir', false) ?? 'READY';
        if (air !== 'READY' && air !== 'NOT READY') throw new ActionError(400, 'roAir must be READY or NOT READY');
        const ro = this.ros.get(roID);
        if (ro) ro.roAir = air;
        return [this.originate('roReadyToAir', 'ro', M.roReadyToAir(this.ctx, roID, air), ['roAck'])];
      }
      case 'roElementAction': {
        const roID = str('roID', true)!;
        const op = str('operation', false) ?? 'INSERT';
        if (!['INSERT', 'REPLACE', 'MOVE', 'DELETE', 'SWAP'].includes(op)) throw new ActionError(400, 'operation must be INSERT, REPLACE, MOVE, DELETE or SWAP');
        const ro = this.ros.get(roID) ?? this.defaultRunningOrder(roID);
        this.ros.set(roID, ro);
        const action = this.actionFor(ro, op as ElementAction['operation']);
        return [this.sendElementAction(ro, action)];
      }
      case 'mosReqObj':
        return [this.originate('mosReqObj', 'mom', M.mosReqObj(str('objID', false) ?? 'OBJ-1'), ['mosObj', 'mosAck'])];
      case 'mosReqAll': {
        const pause = raw.pause ?? 0;
        if (typeof pause !== 'number' || !Number.isInteger(pause) || pause < 0) throw new ActionError(400, 'pause must be a non-negative integer');
        return [this.originate('mosReqAll', 'mom', M.mosReqAll(pause), ['mosAck'])];
      }
      default:
        throw new ActionError(501, `an NRCS does not originate ${message} here (implemented: heartbeat, reqMachInfo, roCreate, roReplace, roMetadataReplace, roDelete, roReadyToAir, roElementAction, roReq, mosReqObj, mosReqAll)`);
    }
  }

  private elementStat(str: (k: string, r: boolean) => string | undefined): ElementStat {
    const roID = str('roID', true)!;
    const status = str('status', false) ?? 'READY';
    if (!STORY_STATUS.includes(status)) throw new ActionError(400, `status must be one of ${STORY_STATUS.join(', ')}`);
    const element = str('element', false);
    if (element !== undefined && !['RO', 'STORY', 'ITEM'].includes(element)) throw new ActionError(400, 'element must be RO, STORY or ITEM');
    const ro = this.ros.get(roID);
    const storyID = str('storyID', false);
    const itemID = str('itemID', false);
    const story = ro?.stories.find((s) => s.storyID === storyID) ?? ro?.stories.find((s) => s.items.length > 0) ?? ro?.stories[0];
    const want = element ?? (itemID || story?.items.length ? 'ITEM' : storyID || story ? 'STORY' : 'RO');
    if (want === 'RO') return { element: 'RO', roID, status };
    const sid = storyID ?? story?.storyID;
    if (!sid) throw new ActionError(400, 'storyID needed (running order unknown here)');
    if (want === 'STORY') return { element: 'STORY', roID, storyID: sid, status };
    const item = story?.items.find((i) => i.itemID === itemID) ?? story?.items[0];
    const iid = itemID ?? item?.itemID;
    if (!iid) throw new ActionError(400, 'itemID needed (item unknown here)');
    return { element: 'ITEM', roID, storyID: sid, itemID: iid, objID: str('objID', false) ?? item?.objID ?? 'OBJ-1', status };
  }

  private publishObject(objID: string, proxyUrl: string | undefined, slug: string | undefined): number {
    const old = this.objects.get(objID);
    let o: MosObject;
    if (old) {
      o = { ...old, objRev: old.objRev + 1, status: 'UPDATED', changed: M.mosTime(), changedBy: 'zoo' };
      if (proxyUrl !== undefined) o.proxyUrl = proxyUrl;
      if (slug !== undefined) o.objSlug = slug;
    } else {
      o = this.newObject(objID, slug ?? `Zoo object ${objID}`, proxyUrl);
    }
    this.objects.set(objID, o);
    return this.originate('mosObj', 'mom', M.mosObj(this.ctx, o), ['mosAck']);
  }

  private storySeq = 0;

  private defaultRunningOrder(roID: string): RunningOrder {
    const d = (s: string): string => M.decorate(this.ctx, s);
    const id = (s: string): string => M.decorateId(this.ctx, s);
    const mk = (n: number): Story => ({
      storyID: id(`${roID}-S${n}`),
      storySlug: d(`Story ${n}`),
      storyNum: `A${n}`,
      items: [{ itemID: id(`${roID}-S${n}-I1`), itemSlug: d(`Clip for story ${n}`), objID: `OBJ-${n}`, mosID: this.o.mosId }],
    });
    return { roID, roSlug: d(`Running order ${roID}`), stories: [mk(1), mk(2)] };
  }

  private newStory(roID: string, slug: string): Story {
    const n = ++this.storySeq;
    const id = (s: string): string => M.decorateId(this.ctx, s);
    return {
      storyID: id(`${roID}-N${n}`),
      storySlug: M.decorate(this.ctx, slug),
      storyNum: `B${n}`,
      items: [{ itemID: id(`${roID}-N${n}-I1`), itemSlug: M.decorate(this.ctx, `Clip for new story ${n}`), objID: 'OBJ-1', mosID: this.o.mosId }],
    };
  }

  private actionFor(ro: RunningOrder, op: ElementAction['operation']): ElementAction {
    const ids = ro.stories.map((s) => s.storyID);
    switch (op) {
      case 'INSERT':
        return { operation: 'INSERT', roID: ro.roID, targetStoryID: ids[0] ?? '', stories: [this.newStory(ro.roID, 'Inserted story')] };
      case 'REPLACE': {
        if (ids.length === 0) throw new ActionError(400, 'running order has no story to replace');
        const s = ro.stories[0];
        return { operation: 'REPLACE', roID: ro.roID, targetStoryID: s.storyID, stories: [{ ...s, storySlug: `${s.storySlug ?? s.storyID} (replaced)`, items: s.items.map((i) => ({ ...i })) }] };
      }
      case 'MOVE':
        if (ids.length < 2) throw new ActionError(400, 'running order needs two stories to move one');
        return { operation: 'MOVE', roID: ro.roID, targetStoryID: ids[0], storyIDs: [ids[ids.length - 1]] };
      case 'DELETE':
        if (ids.length === 0) throw new ActionError(400, 'running order has no story to delete');
        return { operation: 'DELETE', roID: ro.roID, storyIDs: [ids[ids.length - 1]] };
      case 'SWAP':
        if (ids.length < 2) throw new ActionError(400, 'running order needs two stories to swap');
        return { operation: 'SWAP', roID: ro.roID, storyIDs: [ids[0], ids[1]] };
    }
  }

  /** Send one roElementAction and apply it to our own copy of the running order. */
  private sendElementAction(ro: RunningOrder, a: ElementAction): number {
    const body = M.roElementAction(this.ctx, a);
    const err = applyElementAction(ro, parseXml(M.roElementAction({ ...this.ctx, v: () => false }, a)));
    if (err) log(`own copy of ${ro.roID} not updated: ${err}`);
    return this.originate('roElementAction', 'ro', body, ['roAck']);
  }

  /** NRCS: insert a new story, move it, replace it, delete it (roElementAction, the MOS 2.8 way). */
  private storyOperations(roID: string): number[] {
    const ids: number[] = [];
    let ro = this.ros.get(roID);
    if (!ro) {
      ro = this.defaultRunningOrder(roID);
      this.ros.set(roID, ro);
      ids.push(this.originate('roCreate', 'ro', M.roCreate(this.ctx, ro), ['roAck']));
    }
    const fresh = this.newStory(roID, 'Breaking news');
    const first = ro.stories[0]?.storyID ?? '';
    // 1. insert before the first story
    if (this.v('d1-story-messages') || this.v('d1-story-append')) {
      const body = this.v('d1-story-append') ? M.roStoryAppend(this.ctx, roID, fresh) : M.roStoryInsert(this.ctx, roID, first, fresh);
      if (this.v('d1-story-append')) ro.stories.push(cloneStory(fresh));
      else ro.stories.splice(0, 0, cloneStory(fresh));
      ids.push(this.originate(this.v('d1-story-append') ? 'roStoryAppend' : 'roStoryInsert', 'ro', body, ['roAck']));
    } else {
      ids.push(this.sendElementAction(ro, { operation: 'INSERT', roID, targetStoryID: first, stories: [fresh] }));
    }
    // 2. move it before the last other story (or to the end when there is no other story)
    const others = ro.stories.filter((s) => s.storyID !== fresh.storyID);
    const before = others.length > 0 ? others[others.length - 1].storyID : '';
    if (this.v('d1-story-messages') || this.v('d1-story-move')) {
      const idx = ro.stories.findIndex((s) => s.storyID === fresh.storyID);
      const [moved] = ro.stories.splice(idx, 1);
      const at = ro.stories.findIndex((s) => s.storyID === before);
      ro.stories.splice(at < 0 ? ro.stories.length : at, 0, moved);
      ids.push(this.originate('roStoryMove', 'ro', M.roStoryMove(roID, fresh.storyID, before), ['roAck']));
    } else {
      ids.push(this.sendElementAction(ro, { operation: 'MOVE', roID, targetStoryID: before, storyIDs: [fresh.storyID] }));
    }
    // 3. replace it
    const replacement: Story = { ...cloneStory(fresh), storySlug: 'Breaking news (updated)' };
    if (this.v('d1-story-messages')) {
      const idx = ro.stories.findIndex((s) => s.storyID === fresh.storyID);
      if (idx >= 0) ro.stories[idx] = cloneStory(replacement);
      ids.push(this.originate('roStoryReplace', 'ro', M.roStoryReplace(this.ctx, roID, fresh.storyID, replacement), ['roAck']));
    } else {
      ids.push(this.sendElementAction(ro, { operation: 'REPLACE', roID, targetStoryID: fresh.storyID, stories: [replacement] }));
    }
    // 4. delete it
    if (this.v('d1-story-messages')) {
      ro.stories = ro.stories.filter((s) => s.storyID !== fresh.storyID);
      ids.push(this.originate('roStoryDelete', 'ro', M.roStoryDelete(roID, fresh.storyID), ['roAck']));
    } else {
      ids.push(this.sendElementAction(ro, { operation: 'DELETE', roID, storyIDs: [fresh.storyID] }));
    }
    return ids;
  }
}

class ActionError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function cloneStory(s: Story): Story {
  return { ...s, items: s.items.map((i) => ({ ...i })) };
}

/**
 * ok-ecdsa-cert: a throw-away self-signed ECDSA P-256 certificate for 127.0.0.1/localhost, made at
 * start (key by node:crypto, certificate by the openssl command).
 */
function makeEcdsaCertificate(): { cert: string; key: string } {
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoo-ec-'));
  try {
    fs.writeFileSync(path.join(dir, 'key.pem'), key, { mode: 0o600 });
    child_process.execFileSync('openssl', [
      'req', '-x509', '-new', '-key', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '2',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost', '-sha256',
    ], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10000 });
    return { cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'), key };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a, 'utf8').digest();
  const hb = crypto.createHash('sha256').update(b, 'utf8').digest();
  return crypto.timingSafeEqual(ha, hb);
}

function redact(url: string): string {
  return url.replace(/(password|apiKey|authorization)=[^&]*/gi, '$1=***');
}

// ------------------------------------------------------------------ roElementAction semantics (MOS 2.8)

/** Apply a roElementAction to a running order; returns an error text, or null when applied. */
export function applyElementAction(ro: RunningOrder, n: XNode): string | null {
  const op = n.attrs.operation;
  const target = child(n, 'element_target');
  const source = child(n, 'element_source');
  if (!source) return 'element_source missing';
  const tStory = childText(target, 'storyID') ?? '';
  const tItem = childText(target, 'itemID') ?? '';
  const srcStories = childrenNamed(source, 'story').map(M.readStory);
  const srcItems = childrenNamed(source, 'item').map(M.readItem);
  const srcStoryIDs = childrenNamed(source, 'storyID').map((x) => x.text.trim());
  const srcItemIDs = childrenNamed(source, 'itemID').map((x) => x.text.trim());
  const itemLevel = srcItems.length > 0 || srcItemIDs.length > 0;

  if (itemLevel) {
    const story = ro.stories.find((s) => s.storyID === tStory);
    if (!story) return `target story "${tStory}" not found`;
    const items = story.items;
    const idx = (id: string): number => items.findIndex((i) => i.itemID === id);
    switch (op) {
      case 'INSERT': {
        if (srcItems.length === 0) return 'INSERT needs items';
        const at = tItem === '' ? items.length : idx(tItem);
        if (at < 0) return `target item "${tItem}" not found`;
        items.splice(at, 0, ...srcItems);
        return null;
      }
      case 'REPLACE': {
        const at = idx(tItem);
        if (at < 0) return `target item "${tItem}" not found`;
        items.splice(at, 1, ...srcItems);
        return null;
      }
      case 'MOVE': {
        if (srcItemIDs.some((id) => idx(id) < 0)) return 'item to move not found';
        if (srcItemIDs.includes(tItem)) return 'cannot move an item before itself';
        const moving = srcItemIDs.map((id) => items[idx(id)]);
        story.items = items.filter((i) => !srcItemIDs.includes(i.itemID));
        const at = tItem === '' ? story.items.length : story.items.findIndex((i) => i.itemID === tItem);
        if (at < 0) {
          story.items = items;
          return `target item "${tItem}" not found`;
        }
        story.items.splice(at, 0, ...moving);
        return null;
      }
      case 'DELETE': {
        if (srcItemIDs.some((id) => idx(id) < 0)) return 'item to delete not found';
        story.items = items.filter((i) => !srcItemIDs.includes(i.itemID));
        return null;
      }
      case 'SWAP': {
        if (srcItemIDs.length !== 2) return 'SWAP needs two itemIDs';
        const a = idx(srcItemIDs[0]);
        const b = idx(srcItemIDs[1]);
        if (a < 0 || b < 0) return 'item to swap not found';
        [items[a], items[b]] = [items[b], items[a]];
        return null;
      }
      default:
        return `unknown operation "${op}"`;
    }
  }

  const stories = ro.stories;
  const sidx = (id: string): number => stories.findIndex((s) => s.storyID === id);
  switch (op) {
    case 'INSERT': {
      if (srcStories.length === 0) return 'INSERT needs stories';
      if (srcStories.some((s) => sidx(s.storyID) >= 0)) return 'story already in the running order';
      const at = tStory === '' ? stories.length : sidx(tStory);
      if (at < 0) return `target story "${tStory}" not found`;
      stories.splice(at, 0, ...srcStories);
      return null;
    }
    case 'REPLACE': {
      const at = sidx(tStory);
      if (at < 0) return `target story "${tStory}" not found`;
      if (srcStories.length === 0) return 'REPLACE needs stories';
      stories.splice(at, 1, ...srcStories);
      return null;
    }
    case 'MOVE': {
      if (srcStoryIDs.length === 0 || srcStoryIDs.some((id) => sidx(id) < 0)) return 'story to move not found';
      if (srcStoryIDs.includes(tStory)) return 'cannot move a story before itself';
      const moving = srcStoryIDs.map((id) => stories[sidx(id)]);
      const rest = stories.filter((s) => !srcStoryIDs.includes(s.storyID));
      const at = tStory === '' ? rest.length : rest.findIndex((s) => s.storyID === tStory);
      if (at < 0) return `target story "${tStory}" not found`;
      rest.splice(at, 0, ...moving);
      ro.stories = rest;
      return null;
    }
    case 'DELETE': {
      if (srcStoryIDs.length === 0 || srcStoryIDs.some((id) => sidx(id) < 0)) return 'story to delete not found';
      ro.stories = stories.filter((s) => !srcStoryIDs.includes(s.storyID));
      return null;
    }
    case 'SWAP': {
      if (srcStoryIDs.length !== 2) return 'SWAP needs two storyIDs';
      const a = sidx(srcStoryIDs[0]);
      const b = sidx(srcStoryIDs[1]);
      if (a < 0 || b < 0) return 'story to swap not found';
      [stories[a], stories[b]] = [stories[b], stories[a]];
      return null;
    }
    default:
      return `unknown operation "${op}"`;
  }
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // When node's test runner walks dist/test/ it runs this file without arguments: do nothing then.
  if (argv.length === 0 && process.env.NODE_TEST_CONTEXT) return;
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`zoo: ${e.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw e;
  }
  const zoo = new Zoo(o);
  let stopping = false;
  const shutdown = (sig: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: shutting down`);
    zoo.stop().then(
      () => process.exit(0),
      () => process.exit(0),
    );
    setTimeout(() => process.exit(0), 1500).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  let r: { listenUrl: string | null; control: string | null };
  try {
    r = await zoo.start();
  } catch (e) {
    process.stderr.write(`zoo: cannot start: ${(e as Error).message}\n`);
    process.exit(1);
  }
  log(`role ${o.role}, variant ${o.variant}, listening ${r.listenUrl ?? '-'}, control ${r.control ?? '-'}, connect ${o.connect ? redact(o.connect) : '-'}${o.passive ? ' (passive)' : ''}`);
  process.stdout.write(`${JSON.stringify({ ready: true, listenUrl: r.listenUrl, control: r.control })}\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`zoo: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
