// The HTTP exchange of a WebSocket upgrade (request and response head, as text), kept beside the
// socket so a transcript can show it. Authorization and Cookie values are redacted before they are kept.
import type { ClientRequest, IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { redactHeaders, redactUrl } from './redact';

export interface UpgradeExchange {
  request: string;
  response: string;
}

const exchanges = new WeakMap<object, UpgradeExchange>();

export function keepExchange(ws: object, x: UpgradeExchange): void {
  exchanges.set(ws, x);
}

export function exchangeOf(ws: object): UpgradeExchange | undefined {
  return exchanges.get(ws);
}

type Headers = IncomingHttpHeaders | OutgoingHttpHeaders;

function headerLines(headers: Headers): string[] {
  const flat: Record<string, string | string[] | undefined> = {};
  for (const [k, v] of Object.entries(headers)) flat[k] = typeof v === 'number' ? String(v) : v;
  return Object.entries(redactHeaders(flat)).map(([k, v]) => `${k}: ${v}`);
}

export function formatRequest(method: string, target: string, headers: Headers, httpVersion = '1.1'): string {
  return [`${method} ${redactUrl(target.startsWith('/') ? `http://x${target}` : target).replace(/^http:\/\/x/, '')} HTTP/${httpVersion}`, ...headerLines(headers)].join('\n');
}

export function formatResponse(status: number, statusMessage: string, headers: Headers, body = ''): string {
  return [`HTTP/1.1 ${status} ${statusMessage}`.trim(), ...headerLines(headers), ...(body ? ['', body.trim()] : [])].join('\n');
}

/** For ws's finishRequest option: keep the request exactly as sent, then send it. */
export function captureRequest(sink: (request: string) => void): (req: ClientRequest) => void {
  return (req) => {
    sink(formatRequest(req.method, req.path, req.getHeaders()));
    req.end();
  };
}
