// HTTP requests the suite makes to a verifier or signing service: bounded in time, recorded
// in the transcript with signatures redacted.
import http from 'node:http';
import https from 'node:https';
import { Transcript } from '../../lib/transport/transcript';
import { ClientTrust, clientTlsOptions } from '../../lib/transport/tls';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function httpRequest(url: string, o: { method?: string; body?: string; headers?: Record<string, string>; timeoutMs: number; trust?: ClientTrust; transcript: Transcript }): Promise<HttpAnswer> {
  const method = o.method ?? 'GET';
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const lib = u.protocol === 'https:' ? https : http;
    const req = lib.request(u, { method, headers: o.headers, timeout: o.timeoutMs, ...(u.protocol === 'https:' ? clientTlsOptions(o.trust) : {}) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        // Only the head of a body matters to a verdict; keep memory bounded.
        if (size < 64 * 1024) chunks.push(c);
        size += c.length;
      });
      res.on('end', () => {
        o.transcript.record({ who: 'suite', kind: 'http', direction: 'out', text: `${method} ${url} -> ${res.statusCode}` });
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no HTTP answer from ${u.origin} within ${o.timeoutMs} ms`)));
    req.on('error', (e) => {
      o.transcript.record({ who: 'suite', kind: 'error', text: `${method} ${url} failed: ${e.message}` });
      reject(new Error(`${method} ${u.origin}${u.pathname} failed: ${e.message}`));
    });
    req.end(o.body);
  });
}
