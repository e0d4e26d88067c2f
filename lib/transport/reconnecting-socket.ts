// The active side of a channel: opens a WebSocket to the peer's URL and, when it drops,
// re-opens it at once, then with capped exponential backoff while the peer stays down.
import type { SecureVersion } from 'node:tls';
import { EventEmitter } from 'node:events';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import { Credentials, basicAuthHeader } from './basic-auth';
import { ClientTrust, clientTlsOptions } from './tls';
import { captureRequest, formatResponse, keepExchange } from './upgrade-exchange';

export interface BackoffOptions {
  /** Whether to re-open after a drop (default true). */
  enabled?: boolean;
  /** Delay before the first retry after a failed attempt (default 25 ms). */
  minDelayMs?: number;
  /** Cap on the retry delay (default 2000 ms). */
  maxDelayMs?: number;
  /** Delay between a drop and the first re-open attempt (default 0: at once). */
  firstDelayMs?: number;
}

export interface ClientSocketOptions {
  url: string;
  auth?: Credentials;
  trust?: ClientTrust;
  handshakeTimeoutMs?: number;
  maxPayload?: number;
  reconnect?: BackoffOptions;
  /** Fault injection only: answer no Ping with a Pong. */
  autoPong?: boolean;
  /** TLS protocol limits (default: Node's, TLS 1.2 and 1.3), as the endpoint has them. */
  tlsLimits?: { minVersion?: SecureVersion; ciphers?: string };
}

export interface ConnectFailure {
  reason: string;
  status?: number;
}

/**
 * Events: 'open' (ws), 'drop' (code, reason), 'failure' (ConnectFailure), 'reconnected' (ms from drop to open).
 */
export class ReconnectingSocket extends EventEmitter {
  current?: WebSocket;
  private stopped = false;
  private attempt = 0;
  private droppedAt?: number;
  private timer?: NodeJS.Timeout;
  /** Milliseconds from each drop to the re-opened socket. */
  readonly reconnectTimings: number[] = [];
  lastFailure?: ConnectFailure;

  constructor(readonly opts: ClientSocketOptions) {
    super();
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  private connect(): void {
    if (this.stopped) return;
    const headers: Record<string, string> = {};
    if (this.opts.auth) headers.Authorization = basicAuthHeader(this.opts.auth);
    let request = '';
    const ws = new WebSocket(this.opts.url, {
      headers,
      finishRequest: captureRequest((r) => (request = r)),
      handshakeTimeout: this.opts.handshakeTimeoutMs ?? 5000,
      maxPayload: this.opts.maxPayload ?? 1024 * 1024,
      ...(this.opts.autoPong === false ? { autoPong: false } : {}),
      ...clientTlsOptions(this.opts.trust),
      ...this.opts.tlsLimits,
    });
    let opened = false;
    ws.once('upgrade', (res: IncomingMessage) => keepExchange(ws, { request, response: formatResponse(res.statusCode ?? 101, res.statusMessage ?? '', res.headers) }));
    ws.on('unexpected-response', (_req: ClientRequest, res: IncomingMessage) => {
      this.fail(ws, { reason: `HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim(), status: res.statusCode });
      res.resume();
      ws.terminate();
    });
    ws.on('error', (err: Error) => {
      if (!opened) this.fail(ws, { reason: err.message });
    });
    ws.on('open', () => {
      opened = true;
      this.attempt = 0;
      this.lastFailure = undefined;
      this.current = ws;
      if (this.droppedAt !== undefined) {
        const ms = Date.now() - this.droppedAt;
        this.reconnectTimings.push(ms);
        this.droppedAt = undefined;
        this.emit('reconnected', ms);
      }
      this.emit('open', ws);
    });
    ws.on('close', (code: number, reason: Buffer) => {
      if (!opened) return;
      if (this.current === ws) this.current = undefined;
      this.droppedAt ??= Date.now();
      this.emit('drop', code, reason.toString());
      this.schedule(this.opts.reconnect?.firstDelayMs ?? 0);
    });
  }

  private failedWs = new WeakSet<WebSocket>();
  private fail(ws: WebSocket, f: ConnectFailure): void {
    if (this.failedWs.has(ws)) return;
    this.failedWs.add(ws);
    this.lastFailure = f;
    this.emit('failure', f);
    this.attempt++;
    const min = this.opts.reconnect?.minDelayMs ?? 25;
    const max = this.opts.reconnect?.maxDelayMs ?? 800; // re-dial at least every 0.8 s: inside the tightest retry ceiling a vendor timing uses (1 s)
    this.schedule(Math.min(max, min * 2 ** (this.attempt - 1)));
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.opts.reconnect?.enabled === false) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delayMs);
  }

  /** Drop the socket and stay down until resume() (simulates an outage on this side). */
  suspend(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.current?.terminate();
  }

  resume(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /** Stop re-opening; the current socket is cut, unless the owner closes it itself (`keepCurrent`). */
  stop(keepCurrent = false): void {
    this.stopped = true;
    clearTimeout(this.timer);
    if (!keepCurrent) this.current?.terminate();
    this.current = undefined;
  }
}
