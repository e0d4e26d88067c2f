// Raw connection attempts the suite makes against a listening system under test:
// the URL and headers are exactly what a scenario asks for, and every wait is bounded.
import { WebSocket } from 'ws';
import { buildMos, readMos } from '../../lib/mos/envelope';
import * as M from '../../lib/mos/messages';
import { ClientTrust, clientTlsOptions } from '../../lib/transport/tls';
import { Transcript } from '../../lib/transport/transcript';
import { redactUrl } from '../../lib/transport/redact';
import { ConnectDefect, defectField, explainConnectError } from '../../lib/transport/connect-error';
import { Channel } from '../../lib/mos/catalogue';
import { captureRequest, exchangeOf, formatResponse, keepExchange } from '../../lib/transport/upgrade-exchange';

export type ProbeOutcome =
  | { kind: 'refused'; status: number; headers: Record<string, string | string[] | undefined>; body: string }
  | { kind: 'opened'; ws: WebSocket }
  /** `defect`: the system answered, but against the RFCs (the requirement it breaks: lib/transport/connect-error.ts). */
  | { kind: 'failed'; reason: string; defect?: ConnectDefect };

export interface ProbeOptions {
  url: string;
  headers?: Record<string, string>;
  trust?: ClientTrust;
  timeoutMs: number;
  transcript: Transcript;
  channel?: Channel;
}

export { explainConnectError };

export function probe(o: ProbeOptions): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    let request = '';
    const ws = new WebSocket(o.url, { headers: o.headers ?? {}, handshakeTimeout: o.timeoutMs, finishRequest: captureRequest((r) => (request = r)), ...clientTlsOptions(o.trust) });
    ws.once('upgrade', (res) => keepExchange(ws, { request, response: formatResponse(res.statusCode ?? 101, res.statusMessage ?? '', res.headers) }));
    // handshakeTimeout does not cover a TCP connect that never completes on every platform.
    const timer = setTimeout(() => {
      ws.terminate();
      done({ kind: 'failed', reason: `no handshake answer from ${redactUrl(o.url)} within ${o.timeoutMs} ms` });
    }, o.timeoutMs + 500);
    ws.on('unexpected-response', (_req, res) => {
      // The body often says why (bounded: a refusal is a short text).
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body = (body + d).slice(0, 2000)));
      const finish = (): void => {
        o.transcript.record({ who: 'suite', kind: 'reject', channel: o.channel, text: `HTTP ${res.statusCode} for ${o.url}${body.trim() ? `: ${body.trim().slice(0, 200)}` : ''}`, http: { request, response: formatResponse(res.statusCode ?? 0, res.statusMessage ?? '', res.headers, body) } });
        done({ kind: 'refused', status: res.statusCode ?? 0, headers: res.headers, body: body.trim() });
        ws.terminate();
      };
      res.on('end', finish);
      res.on('error', finish);
      setTimeout(finish, Math.min(1000, o.timeoutMs)).unref();
    });
    ws.on('open', () => {
      o.transcript.record({ who: 'suite', kind: 'open', channel: o.channel, text: `opened ${o.url}`, http: exchangeOf(ws) });
      done({ kind: 'opened', ws });
    });
    ws.on('error', (err) => done({ kind: 'failed', reason: explainConnectError(err, o.url), ...defectField(err) }));
  });
}

/** Message name and messageID for the transcript; "?" when the text is not a MOS message. */
function nameOf(text: string): { name: string; messageID?: number; prefix?: string } {
  try {
    const { message: m, prefix } = readMos(text);
    return { name: m.name, messageID: m.messageID, ...(prefix !== undefined ? { prefix } : {}) };
  } catch {
    return { name: '?' };
  }
}

let probeCounter = 0;

/** A probe connection that records traffic and can wait for messages. */
export class ProbeConnection {
  readonly received: Array<{ t: number; name: string; messageID?: number; text: string }> = [];
  closed?: { code: number; t: number };
  /** Socket id in the transcript (replies are judged per socket). */
  readonly id = `probe-${++probeCounter}`;
  private listeners: Array<() => void> = [];

  constructor(readonly ws: WebSocket, readonly channel: Channel, private readonly transcript: Transcript, private readonly ids: { mosID: string; ncsID: string }, readonly passive = false) {
    ws.on('message', (data, isBinary) => {
      const text = data.toString();
      if (isBinary) transcript.record({ who: 'suite', kind: 'error', direction: 'in', channel, passive, socket: this.id, text: `binary frame of ${text.length} bytes (MOS messages are text frames)` });
      const { name, messageID, prefix } = nameOf(text);
      this.received.push({ t: Date.now(), name, messageID, text });
      transcript.record({ who: 'suite', kind: 'mos', direction: 'in', channel, passive, socket: this.id, message: name, messageID, text, ...(prefix !== undefined ? { prefix } : {}) });
      this.notify();
    });
    ws.on('close', (code) => {
      this.closed = { code, t: Date.now() };
      transcript.record({ who: 'suite', kind: 'close', channel, passive, socket: this.id, text: `code ${code}` });
      this.notify();
    });
    ws.on('error', () => undefined);
  }

  private notify(): void {
    for (const l of this.listeners.splice(0)) l();
  }

  send(text: string): void {
    const { name, messageID } = nameOf(text);
    this.transcript.record({ who: 'suite', kind: 'mos', direction: 'out', channel: this.channel, passive: this.passive, socket: this.id, message: name, messageID, text });
    this.ws.send(text);
  }

  sendKeepAlive(): void {
    this.send(buildMos({ ...this.ids, body: M.keepAlive() }));
  }

  sendHeartbeat(messageID: number): void {
    this.send(buildMos({ ...this.ids, messageID, body: M.heartbeat() }));
  }

  /** Resolves with the first matching message received after `since`, or undefined after timeoutMs (or on close). */
  async waitFor(pred: (m: { name: string; messageID?: number }) => boolean, timeoutMs: number, since = 0): Promise<{ name: string; messageID?: number; text: string } | undefined> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.received.find((m) => m.t >= since && pred(m));
      if (hit) return hit;
      const left = end - Date.now();
      if (left <= 0 || this.closed) return undefined;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.listeners.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ws.terminate();
  }
}
