// HTTP requests the suite makes to a verifier or signing service: bounded in time, sent exactly
// as written (no URL normalisation of the request target), recorded in the transcript with
// signatures redacted. A request that gets no HTTP answer is a NoHttpAnswer that says why.
import http from 'node:http';
import https from 'node:https';
import { Transcript } from '../../lib/transport/transcript';
import { ClientTrust, clientTlsOptions } from '../../lib/transport/tls';
import { redactUrl } from '../../lib/transport/redact';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Epoch ms (suite clock) when the request was sent and when the answer's head arrived. */
  sentAt: number;
  receivedAt: number;
}

export interface HttpRequestOptions {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  trust?: ClientTrust;
  transcript: Transcript;
  /** The request target (path and query) to send verbatim; default: the URL's own, as written. */
  target?: string;
  /** Local address to send from (e.g. another loopback address). */
  localAddress?: string;
}

/** Why no HTTP answer came: the verifier reset or closed the connection, never answered, or is not listening. */
export type NoAnswerKind = 'reset' | 'timeout' | 'refused' | 'other';

export class NoHttpAnswer extends Error {
  override name = 'NoHttpAnswer';
  constructor(readonly kind: NoAnswerKind, readonly request: string, detail: string) {
    super(`${NO_ANSWER_TEXT[kind]}: ${request}${detail ? ` (${detail})` : ''}`);
  }
}

export const NO_ANSWER_TEXT: Record<NoAnswerKind, string> = {
  reset: 'connection reset without a response — the verifier may have crashed',
  timeout: 'no HTTP answer in time — the verifier may hang',
  refused: 'connection refused — nothing listens there (the verifier is not running, or crashed earlier)',
  other: 'no HTTP answer',
};

/** "METHOD url" with signatures redacted and very long URLs shortened, for messages and reports. */
export function describeRequest(method: string, url: string, max = 240): string {
  const r = redactUrl(url);
  return `${method} ${r.length > max ? `${r.slice(0, max)}… (${url.length} characters)` : r}`;
}

/** The path and query of a URL exactly as written (scheme://authority stripped). */
export function rawTarget(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  const rest = m ? url.slice(m[0].length) : url;
  const noFragment = rest.split('#')[0]!;
  return noFragment.startsWith('/') ? noFragment : `/${noFragment}`;
}

export function httpRequest(url: string, o: HttpRequestOptions): Promise<HttpAnswer> {
  const method = o.method ?? 'GET';
  const shown = describeRequest(method, url);
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const lib = u.protocol === 'https:' ? https : http;
    const sentAt = Date.now();
    let settled = false;
    const fail = (e: NoHttpAnswer): void => {
      if (settled) return;
      settled = true;
      o.transcript.record({ who: 'suite', kind: 'error', text: e.message });
      reject(e);
    };
    const req = lib.request(
      {
        protocol: u.protocol,
        hostname: u.hostname.replace(/^\[|\]$/g, ''),
        port: u.port || undefined,
        path: o.target ?? rawTarget(url),
        method,
        // A body always says its length (Node sends none for DELETE or OPTIONS otherwise).
        headers: o.body !== undefined ? { 'content-length': String(Buffer.byteLength(o.body)), ...o.headers } : o.headers,
        localAddress: o.localAddress,
        agent: false,
        ...(u.protocol === 'https:' ? clientTlsOptions(o.trust) : {}),
      },
      (res) => {
        const receivedAt = Date.now();
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          // Only the head of a body matters to a verdict; keep memory bounded.
          if (size < 64 * 1024) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          o.transcript.record({ who: 'suite', kind: 'http', direction: 'out', text: `${shown} -> ${res.statusCode}` });
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), sentAt, receivedAt });
        });
        // The head arrived: a cut body still is an answer (its status decided).
        res.on('error', () => res.emit('end'));
        res.on('aborted', () => res.emit('end'));
      },
    );
    // One overall deadline (a slow drip of bytes must not keep the request alive).
    const timer = setTimeout(() => {
      fail(new NoHttpAnswer('timeout', shown, `nothing within ${o.timeoutMs} ms`));
      req.destroy();
    }, o.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(classify(e, shown));
    });
    req.end(o.body);
  });
}

function classify(e: NodeJS.ErrnoException, shown: string): NoHttpAnswer {
  const code = e.code ?? '';
  if (code === 'ECONNREFUSED') return new NoHttpAnswer('refused', shown, code);
  // A reset and a close before any response ("socket hang up") are the same to a client: no answer.
  if (code === 'ECONNRESET' || code === 'EPIPE') return new NoHttpAnswer('reset', shown, e.message);
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return new NoHttpAnswer('other', shown, `not an HTTP answer: ${e.message}`);
  return new NoHttpAnswer('other', shown, e.message);
}
