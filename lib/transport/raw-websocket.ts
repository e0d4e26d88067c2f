// A WebSocket client that does only what it is told: it writes the opening handshake it is given
// (RFC 6455 §4.1), hands back the server's answer unjudged, then sends and reads raw frames
// (ws-frame.ts). The suite uses it for what a conforming library never sends: malformed frames,
// unknown opcodes, unmasked frames, invalid UTF-8. Every wait is bounded.
import crypto from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { Frame, FrameReader, FrameSpec, encodeFrame, readClose } from './ws-frame';
import { ClientTrust, clientTlsOptions } from './tls';
import { explainConnectError } from './connect-error';

export interface RawOpenOptions {
  /** ws:// or wss:// URL, with its query (the MOS parameters). */
  url: string;
  /** Extra request headers (Authorization, Origin, Sec-WebSocket-Protocol, ...). */
  headers?: Record<string, string>;
  /** Override the handshake's own headers, e.g. a wrong Sec-WebSocket-Version. */
  key?: string;
  version?: string;
  trust?: ClientTrust;
  timeoutMs: number;
}

export interface RawResponse {
  status: number;
  statusText: string;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The response head as received (status line and headers). */
  head: string;
}

export type RawOpenResult =
  | { kind: 'answered'; key: string; response: RawResponse; conn: RawConnection }
  | { kind: 'failed'; reason: string };

/** How the connection ended, as far as the suite saw. */
export interface RawEnd {
  /** The Close frame the peer sent, if any. */
  closeFrame?: { code: number; reason: string };
  /** The TCP connection is closed (by either side). */
  tcpClosed: boolean;
}

/** The bytes after the HTTP head belong to the WebSocket (frames sent right after the 101). */
function splitHead(buf: Buffer): { head: string; rest: Buffer } | undefined {
  const at = buf.indexOf('\r\n\r\n');
  return at < 0 ? undefined : { head: buf.subarray(0, at).toString('latin1'), rest: buf.subarray(at + 4) };
}

function parseHead(head: string): RawResponse {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const m = /^HTTP\/\d\.\d (\d{3}) ?(.*)$/.exec(statusLine);
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i <= 0) continue;
    const k = l.slice(0, i).trim().toLowerCase();
    const v = l.slice(i + 1).trim();
    headers[k] = headers[k] !== undefined ? `${headers[k]}, ${v}` : v;
  }
  return { status: m ? Number(m[1]) : 0, statusText: m?.[2] ?? statusLine, headers, head };
}

/** Open a TCP or TLS socket to the URL's host and port; resolves once it is ready to write. */
export function connectSocket(url: URL, trust: ClientTrust | undefined, timeoutMs: number): Promise<net.Socket | { failed: string }> {
  return new Promise((resolve) => {
    const secure = url.protocol === 'wss:' || url.protocol === 'https:';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || (secure ? 443 : 80));
    const servername = net.isIP(host) ? undefined : host;
    const s: net.Socket = secure ? tls.connect({ host, port, servername, ...clientTlsOptions(trust) }) : net.connect({ host, port });
    const timer = setTimeout(() => {
      s.destroy();
      resolve({ failed: `no ${secure ? 'TLS' : 'TCP'} connection to ${host}:${port} within ${timeoutMs} ms` });
    }, timeoutMs);
    s.once(secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      resolve({ failed: explainConnectError(e, url.toString()) });
    });
  });
}

/** Write the opening handshake and read the answer's head; resolves with the connection on any answer. */
export async function openRaw(o: RawOpenOptions): Promise<RawOpenResult> {
  const url = new URL(o.url);
  const s = await connectSocket(url, o.trust, o.timeoutMs);
  if (!(s instanceof net.Socket)) return { kind: 'failed', reason: s.failed };
  const key = o.key ?? crypto.randomBytes(16).toString('base64');
  const lines = [
    `GET ${url.pathname}${url.search} HTTP/1.1`,
    `Host: ${url.host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    `Sec-WebSocket-Version: ${o.version ?? '13'}`,
    ...Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  s.write(`${lines.join('\r\n')}\r\n\r\n`);
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    const finish = (r: RawOpenResult): void => {
      clearTimeout(timer);
      s.off('data', onData);
      s.off('close', onClose);
      resolve(r);
    };
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      const split = splitHead(buf);
      if (split) finish({ kind: 'answered', key, response: parseHead(split.head), conn: new RawConnection(s, split.rest) });
      else if (buf.length > 64 * 1024) {
        s.destroy();
        finish({ kind: 'failed', reason: 'the handshake answer has no end of headers within 64 KiB' });
      }
    };
    const onClose = (): void => finish({ kind: 'failed', reason: `the connection closed before an answer to the opening handshake${buf.length ? ` (${buf.length} bytes of an incomplete answer)` : ''}` });
    const timer = setTimeout(() => {
      s.destroy();
      finish({ kind: 'failed', reason: `no answer to the opening handshake within ${o.timeoutMs} ms` });
    }, o.timeoutMs);
    s.on('data', onData);
    s.on('close', onClose);
    s.on('error', () => undefined);
  });
}

/** A connection after the opening handshake: raw frames out, parsed frames in. */
export class RawConnection {
  readonly frames: Frame[] = [];
  private readonly reader = new FrameReader();
  private listeners: Array<() => void> = [];
  closeFrame?: { code: number; reason: string };
  tcpClosed = false;
  /** Frames read so far that the caller has not taken (see next()). */
  private cursor = 0;

  constructor(readonly socket: net.Socket, rest: Buffer) {
    socket.on('data', (d: Buffer) => this.take(d));
    socket.on('close', () => {
      this.tcpClosed = true;
      this.notify();
    });
    socket.on('error', () => undefined);
    if (rest.length) this.take(rest);
  }

  private take(d: Buffer): void {
    for (const f of this.reader.push(d)) {
      // Kept bounded: a flood's replies are counted in messages, not all kept as frames.
      if (this.frames.length < 10_000) this.frames.push(f);
      if (f.opcode === 0x8 && !this.closeFrame) this.closeFrame = readClose(f.payload);
      this.reassemble(f);
    }
    this.notify();
  }

  /** Text messages received so far, reassembled from their fragments (§5.4). */
  private readonly messages: string[] = [];
  private parts?: Buffer[];

  private reassemble(f: Frame): void {
    if (f.opcode === 0x1) this.parts = [f.payload];
    else if (f.opcode === 0x0 && this.parts) this.parts.push(f.payload);
    else return;
    if (f.fin) {
      this.messages.push(Buffer.concat(this.parts).toString('utf8'));
      this.parts = undefined;
    }
  }

  private notify(): void {
    for (const l of this.listeners.splice(0)) l();
  }

  send(f: FrameSpec | Buffer): void {
    if (this.tcpClosed || this.socket.destroyed) return;
    this.socket.write(Buffer.isBuffer(f) ? f : encodeFrame(f), () => undefined);
  }

  /** Resolves when `pred` holds (checked on every frame and on close), or false after timeoutMs. */
  async until(pred: () => boolean, timeoutMs: number): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (!pred()) {
      const left = end - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.listeners.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return true;
  }

  /** The next unread frame matching `pred` (others are skipped), or undefined after timeoutMs or on close. */
  async next(pred: (f: Frame) => boolean, timeoutMs: number): Promise<Frame | undefined> {
    let hit: Frame | undefined;
    await this.until(() => {
      for (; this.cursor < this.frames.length && !hit; this.cursor++) if (pred(this.frames[this.cursor]!)) hit = this.frames[this.cursor];
      return hit !== undefined || this.tcpClosed;
    }, timeoutMs);
    return hit;
  }

  /** Text messages received so far, reassembled from their fragments (§5.4). */
  textMessages(): readonly string[] {
    return this.messages;
  }

  /**
   * The first text message matching `pred` (each looked at once), or undefined after timeoutMs, on
   * close, or once the peer sent a Close frame (no data frame may follow it, RFC 6455 §5.5.1).
   */
  async message(pred: (text: string) => boolean, timeoutMs: number): Promise<string | undefined> {
    let hit: string | undefined;
    let from = 0;
    await this.until(() => {
      for (; from < this.messages.length && hit === undefined; from++) if (pred(this.messages[from]!)) hit = this.messages[from];
      return hit !== undefined || this.tcpClosed || this.closeFrame !== undefined;
    }, timeoutMs);
    return hit;
  }

  /** Wait until the peer has sent a Close frame or the TCP connection closed; what was seen. */
  async ended(timeoutMs: number): Promise<RawEnd> {
    await this.until(() => this.closeFrame !== undefined || this.tcpClosed, timeoutMs);
    return { closeFrame: this.closeFrame, tcpClosed: this.tcpClosed };
  }

  destroy(): void {
    this.socket.destroy();
  }
}
