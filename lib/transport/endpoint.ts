// The listening side: one configurable URL over http or https where MOS WebSockets are
// accepted after the URL parameters and HTTP Basic credentials have been checked.
// Rejections happen before the upgrade with a plain HTTP status, so no MOS message can flow.
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import net, { AddressInfo } from 'node:net';
import type { SecureVersion } from 'node:tls';
import { WebSocket, WebSocketServer } from 'ws';
import { AuthResult, Credentials, checkBasicAuth } from './basic-auth';
import { ConnectionParams, ValidateOptions, parseConnectionParams } from './url';
import { TlsMaterial } from './tls';
import { Transcript } from './transcript';
import { redactUrl } from './redact';
import { formatRequest, formatResponse, keepExchange } from './upgrade-exchange';

export interface EndpointOptions extends ValidateOptions {
  host?: string;
  port?: number;
  /** Path of the MOS endpoint, e.g. "/mos/Communication". */
  path?: string;
  /** When given, the endpoint speaks https/wss. */
  tls?: TlsMaterial;
  /** When given, every upgrade must carry these Basic credentials. */
  auth?: Credentials;
  /** Accepted mosID values (default: any non-empty). */
  mosIDs?: string[];
  /** Accepted ncsID values (default: any non-empty). */
  ncsIDs?: string[];
  /** Status for a bad or missing URL parameter (default 400). */
  badParamStatus?: number;
  /** Status for a mosID/ncsID that is not configured (default 403). */
  unknownIdStatus?: number;
  /** Largest accepted message in bytes; larger frames close the socket with 1009. */
  maxPayload?: number;
  /** Longest wait for a client's request headers (and TLS handshake), in ms (default 10 s). */
  handshakeTimeoutMs?: number;
  /** Most simultaneous TCP connections (default 20 000); beyond it new ones are refused. */
  maxConnections?: number;
  /**
   * Origins a browser may upgrade from: an upgrade carrying any other Origin header is refused with
   * 403 (RFC 6455 §10.2); one without Origin (not a browser) is unaffected. Undefined: Origin is not
   * checked (the suite's own endpoint, which judges the clients that dial it rather than policing them).
   */
  allowedOrigins?: readonly string[];
  /** TLS protocol limits (default: Node's, TLS 1.2 and 1.3 with its default suites, none of them weak). */
  tlsLimits?: { minVersion?: SecureVersion; maxVersion?: SecureVersion; ciphers?: string };
  /** Recorder for rejections and connections. */
  transcript?: Transcript;
  who?: string;
  /** The WWW-Authenticate value of a 401 (default `Basic realm="MOS", charset="UTF-8"`); empty: none is sent. */
  authChallenge?: string;
  /**
   * Reads the connection parameters from the query (default parseConnectionParams: the proposal's
   * rules and ValidateOptions). An error it throws (UrlParamError) refuses the request with badParamStatus.
   */
  parseParams?: (search: URLSearchParams, o: ValidateOptions) => ConnectionParams;
  /**
   * The application's own admission, after the URL, credentials and identities were checked: a
   * refusal it returns is sent as it says, before the upgrade (default: every request admitted).
   */
  admit?: (params: ConnectionParams) => { status: number; reason: string } | undefined;
  /**
   * Extra query parameters configured in this endpoint's URL (an API key, a tenant, ...): a request
   * must carry each, every occurrence with the configured value, or it is refused like a bad parameter.
   */
  requiredParams?: Record<string, string>;
  /** Checks the Authorization header against `auth` (default checkBasicAuth: exact user and password). */
  authenticate?: (header: string | undefined, expected: Credentials) => AuthResult;
  /**
   * Options of the WebSocket layer: whether Pings are answered (autoPong) and text is checked for
   * UTF-8 (skipUTF8Validation). Default: ws's (both on, as RFC 6455 requires).
   */
  wsOptions?: { autoPong?: boolean; skipUTF8Validation?: boolean };
  /** Sees (and may amend) the lines of each 101 response head before it is written, as ws's 'headers' event. */
  onResponseHead?: (lines: string[]) => void;
  /** Sees each upgraded socket before the WebSocket layer reads from it (instrumentation). */
  onUpgradedSocket?: (socket: Duplex) => void;
  /** Sees each request that is not valid HTTP (Node's clientError), and the server it reached. */
  onClientError?: (err: Error, server: net.Server) => void;
  /**
   * Sees every upgrade request as it arrived (raw URL and Authorization value: keep them in
   * memory only, never log them) and how it was answered. The suite judges clients with it.
   */
  observe?: (r: UpgradeRequest) => void;
}

export interface UpgradeRequest {
  at: number;
  /** Request target as sent: path and query, not redacted. */
  target: string;
  /** Authorization header as sent, not redacted. */
  authorization?: string;
  /** 101 when the upgrade was accepted, else the refusal status. */
  status: number;
  /** Why it was refused. */
  reason?: string;
}

export interface AcceptedConnection {
  ws: WebSocket;
  params: ConnectionParams;
  remoteAddress: string;
  /** Request URL as received, redacted. */
  url: string;
  /** Authorization scheme the client presented ("Basic"), if any; never the credential. */
  authScheme?: string;
}

/** Sockets handed over to the WebSocket layer (exempt from the handshake guard). */
const upgraded = new WeakSet<object>();

export class MosEndpoint {
  private server?: http.Server | https.Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly rawSockets = new Set<Duplex>();
  private readonly responseHeads = new WeakMap<http.IncomingMessage, string>();
  readonly path: string;

  constructor(private readonly opts: EndpointOptions, private readonly onConnection: (c: AcceptedConnection) => void) {
    this.path = opts.path ?? '/mos';
    this.wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload ?? 1024 * 1024, ...opts.wsOptions });
    // The 101 response head ws writes, for the transcript.
    this.wss.on('headers', (lines: string[], req: http.IncomingMessage) => {
      opts.onResponseHead?.(lines);
      this.responseHeads.set(req, lines.join('\n'));
    });
  }

  get secure(): boolean {
    return this.opts.tls !== undefined;
  }

  async start(): Promise<void> {
    const handler = (_req: http.IncomingMessage, res: http.ServerResponse): void => {
      res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' }).end('MOS over WebSocket: upgrade required\n');
    };
    const hs = this.opts.handshakeTimeoutMs ?? 10_000;
    // Slow or silent clients (slowloris) are cut off: TLS handshake, then headers, each bounded.
    // Node's own header sweep is only a backstop: the guard below acts first (a socket the sweep
    // destroys before any request can stay open at the TCP level).
    const common = { headersTimeout: hs * 2, requestTimeout: hs * 2 + 1_000 };
    const server = this.opts.tls ? https.createServer({ ...common, ...this.opts.tlsLimits, key: this.opts.tls.key, cert: this.opts.tls.cert, handshakeTimeout: hs }, handler) : http.createServer(common, handler);
    server.maxConnections = this.opts.maxConnections ?? 20_000;
    // Whatever has not become a WebSocket within the handshake limit is answered 408 and dropped.
    const guard = (s: net.Socket): void => {
      const t = setTimeout(() => {
        if (upgraded.has(s) || s.destroyed) return;
        s.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        setTimeout(() => s.destroy(), 200).unref();
      }, hs);
      t.unref();
      s.once('close', () => clearTimeout(t));
    };
    server.on(this.opts.tls ? 'secureConnection' : 'connection', guard);
    server.on('connection', (s: net.Socket) => {
      this.rawSockets.add(s);
      s.on('close', () => this.rawSockets.delete(s));
    });
    if (this.opts.onClientError) server.on('clientError', (err: Error, socket: Duplex) => {
      this.opts.onClientError!(err, server);
      socket.destroy();
    });
    server.on('upgrade', (req, socket, head) => this.handleUpgrade(req, socket, head));
    server.on('tlsClientError', (err) => this.record('error', `TLS handshake failed: ${err.message}`));
    this.server = server;
    await listenRetrying(server, this.opts.port ?? 0, this.opts.host ?? '127.0.0.1');
    this.lastPort = (server.address() as AddressInfo).port;
  }

  /** The port bound at start (kept while paused). */
  private lastPort = 0;

  get port(): number {
    return this.lastPort;
  }

  /** The URL of the address actually bound (0.0.0.0 or :: when listening on every interface). */
  get boundUrl(): string {
    const a = this.server?.address() as AddressInfo;
    const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `${this.secure ? 'wss' : 'ws'}://${h}:${a.port}${this.path}`;
  }

  /** The endpoint URL a peer would be configured with (without MOS parameters). */
  get url(): string {
    const host = this.opts.host && this.opts.host !== '0.0.0.0' ? this.opts.host : '127.0.0.1';
    const h = host.includes(':') ? `[${host}]` : host;
    return `${this.secure ? 'wss' : 'ws'}://${h}:${this.port}${this.path}`;
  }

  private record(kind: 'reject' | 'error' | 'open', text: string, extra: { http?: { request: string; response: string } } = {}): void {
    this.opts.transcript?.record({ who: this.opts.who ?? 'endpoint', kind, text, ...extra });
  }

  private reject(req: http.IncomingMessage, socket: Duplex, status: number, reason: string, url: string, headers: Record<string, string> = {}): void {
    this.opts.observe?.({ at: Date.now(), target: req.url ?? '/', authorization: req.headers.authorization, status, reason });
    const body = `${reason}\n`;
    const all = { Connection: 'close', 'Content-Type': 'text/plain', 'Content-Length': String(Buffer.byteLength(body)), ...headers };
    this.record('reject', `HTTP ${status} for ${redactUrl(url)}: ${reason}`, { http: { request: formatRequest(req.method ?? 'GET', req.url ?? '/', req.headers, req.httpVersion), response: formatResponse(status, http.STATUS_CODES[status] ?? 'Error', all, body) } });
    const lines = [`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`)];
    socket.end(lines.join('\r\n') + '\r\n\r\n' + body);
    setTimeout(() => socket.destroy(), 1000).unref();
  }

  /** While set, every upgrade is refused with this status (e.g. 503: the suite counts how a peer re-dials). */
  private refusing?: number;

  /** Refuse every upgrade with `status` from now on (undefined: accept again). */
  refuseUpgrades(status: number | undefined): void {
    this.refusing = status;
  }

  private handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined);
    const full = `${this.secure ? 'wss' : 'ws'}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
    if (this.refusing !== undefined) return this.reject(req, socket, this.refusing, 'temporarily unavailable', full, { 'Retry-After': '0' });
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return this.reject(req, socket, 400, 'unparseable request URL', full);
    }
    if (url.pathname !== this.path) return this.reject(req, socket, 404, `no MOS endpoint at ${url.pathname}`, full);
    const origin = req.headers.origin;
    if (origin !== undefined && this.opts.allowedOrigins && !this.opts.allowedOrigins.includes(origin)) return this.reject(req, socket, 403, `upgrades from the origin ${origin} are not allowed`, full);
    if (this.opts.auth) {
      const r = (this.opts.authenticate ?? checkBasicAuth)(req.headers.authorization, this.opts.auth);
      const challenge = this.opts.authChallenge ?? 'Basic realm="MOS", charset="UTF-8"';
      if (!r.ok) return this.reject(req, socket, 401, `authentication failed: ${r.reason}`, full, challenge ? { 'WWW-Authenticate': challenge } : {});
    }
    let params: ConnectionParams;
    try {
      params = (this.opts.parseParams ?? parseConnectionParams)(url.searchParams, this.opts);
    } catch (e) {
      return this.reject(req, socket, this.opts.badParamStatus ?? 400, (e as Error).message, full);
    }
    for (const [name, value] of Object.entries(this.opts.requiredParams ?? {})) {
      const given = url.searchParams.getAll(name);
      if (!given.length || given.some((v) => v !== value)) return this.reject(req, socket, this.opts.badParamStatus ?? 400, `configured query parameter ${name} is ${given.length ? 'not the configured value' : 'missing'}`, full);
    }
    if (this.opts.mosIDs && !this.opts.mosIDs.includes(params.mosID)) {
      return this.reject(req, socket, this.opts.unknownIdStatus ?? 403, `mosID "${params.mosID}" is not configured here`, full);
    }
    if (this.opts.ncsIDs && !this.opts.ncsIDs.includes(params.ncsID)) {
      return this.reject(req, socket, this.opts.unknownIdStatus ?? 403, `ncsID "${params.ncsID}" is not configured here`, full);
    }
    const refusal = this.opts.admit?.(params);
    if (refusal) return this.reject(req, socket, refusal.status, refusal.reason, full);
    upgraded.add(socket);
    this.opts.onUpgradedSocket?.(socket);
    this.opts.observe?.({ at: Date.now(), target: req.url ?? '/', authorization: req.headers.authorization, status: 101 });
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      keepExchange(ws, { request: formatRequest(req.method ?? 'GET', req.url ?? '/', req.headers, req.httpVersion), response: this.responseHeads.get(req) ?? '' });
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      this.onConnection({ ws, params, remoteAddress: req.socket.remoteAddress ?? '', url: redactUrl(full), authScheme: req.headers.authorization?.split(' ')[0] });
    });
  }

  /** Drop every open socket abruptly (used to simulate network loss). */
  terminateAll(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  /**
   * Become unreachable: drop every socket and stop listening (connection refused) until resume().
   * Used to see how a dialling peer retries while this side is down.
   */
  async pause(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    for (const s of this.rawSockets) s.destroy();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listen again on the same address and port after pause(). */
  async resume(): Promise<void> {
    const server = this.server;
    if (!server || server.listening) return;
    await listenRetrying(server, this.lastPort, this.opts.host ?? '127.0.0.1');
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    for (const s of this.rawSockets) s.destroy();
    this.wss.close();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * Listen on a fixed port, waiting up to 5 s while it is still in use: an endpoint opened again on
 * the same port (the next scenario, the end of an outage) may find the previous listener of this
 * process still closing. Port 0 (any free port) is tried once.
 */
async function listenRetrying(server: net.Server, port: number, host: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0 || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
