// The distribution server: serves files, and only to requests whose signed URL verifies.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { KeyRing } from '../lib/signing/keys';
import { SIGNING_PARAMS, VerifierProfile } from '../lib/signing/verifier';
import { VerificationFault, verifyWithFaults } from './faulty-signing';
import { TlsMaterial } from '../lib/transport/tls';
import { Transcript } from '../lib/transport/transcript';
import { HttpListener, HttpSimulator } from './http-server';

/** Faults of the HTTP server around the verification (the others are verification faults). */
export const SERVER_FAULTS = ['serves-unsigned', 'head-not-allowed', 'crashes-on-even-params', 'hangs-on-long-param', 'resets-on-bad-escape', 'serves-any-method'] as const;
export type VerifierFault = VerificationFault | (typeof SERVER_FAULTS)[number];

export interface DistributionOptions {
  /** Directory whose files are served. */
  root: string;
  keys: KeyRing;
  strict: boolean;
  profile?: VerifierProfile;
  tls?: TlsMaterial;
  now?: () => number;
  faults?: Iterable<VerifierFault>;
  transcript?: Transcript;
  /** Serve a generated body for any path (a stand-in for a vendor device's media host). */
  anyPath?: boolean;
}

const TYPES: Record<string, string> = { '.mp4': 'video/mp4', '.m3u8': 'application/vnd.apple.mpegurl', '.ts': 'video/mp2t', '.jpg': 'image/jpeg', '.png': 'image/png', '.txt': 'text/plain', '.xml': 'application/xml' };

export class DistributionServer extends HttpSimulator {
  protected readonly listener: HttpListener;
  private readonly root: string;
  private readonly faults: Set<string>;
  readonly transcript: Transcript;

  constructor(private readonly opts: DistributionOptions) {
    super();
    this.root = path.resolve(opts.root);
    this.faults = new Set(opts.faults ?? []);
    this.transcript = opts.transcript ?? new Transcript();
    for (const secret of opts.keys.values()) this.transcript.addSecret(secret);
    this.listener = new HttpListener((req, res) => this.handle(req, res), opts.tls);
  }

  private finish(req: http.IncomingMessage, res: http.ServerResponse, status: number, reason: string, headers: Record<string, string> = {}): void {
    const body = `${status} ${http.STATUS_CODES[status] ?? ''}: ${reason}\n`;
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
    this.log(req, status, reason);
  }

  private log(req: http.IncomingMessage, status: number, reason: string): void {
    this.transcript.record({ who: 'distribution', kind: 'http', direction: 'in', text: `${req.method} ${this.origin()}${req.url} -> ${status} ${reason}` });
  }

  /** The server-level faults: a crash (reset), a hang, no verification for other methods. */
  private faultyAnswer(req: http.IncomingMessage, res: http.ServerResponse, rawQuery: string, rawPath: string): boolean {
    const params = rawQuery.split('&').filter((p) => p !== '');
    const drop = (what: string): true => {
      this.log(req, 0, `connection reset (${what})`);
      req.socket.resetAndDestroy();
      return true;
    };
    if (this.faults.has('crashes-on-even-params') && params.length > 0 && params.length % 2 === 0) return drop('even number of parameters');
    if (this.faults.has('resets-on-bad-escape') && (/%(?![0-9a-fA-F]{2})/.test(rawQuery) || /[^\x21-\x7e]/.test(rawQuery))) return drop('bad escape');
    if (this.faults.has('hangs-on-long-param') && params.some((p) => p.length - p.indexOf('=') - 1 > 4096)) {
      this.log(req, 0, 'no answer (long parameter)');
      return true;
    }
    if (this.faults.has('serves-any-method') && req.method !== 'GET' && req.method !== 'HEAD') {
      this.serveFile(req, res, rawPath);
      return true;
    }
    return false;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const rawPath = q < 0 ? raw : raw.slice(0, q);
    const rawQuery = q < 0 ? '' : raw.slice(q + 1);
    if (this.faults.size && this.faultyAnswer(req, res, rawQuery, rawPath)) return;
    if (req.method === 'HEAD' && this.faults.has('head-not-allowed')) return this.finish(req, res, 405, 'method HEAD not allowed', { allow: 'GET' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.finish(req, res, 405, `method ${req.method} not allowed`, { allow: 'GET, HEAD' });
    const scheme = this.opts.tls ? 'https' : 'http';
    const host = req.headers.host ?? `127.0.0.1:${this.port}`;
    const unsigned = this.faults.has('serves-unsigned') && !SIGNING_PARAMS.some((p) => rawQuery.includes(`${p}=`));
    if (!unsigned) {
      const verdict = verifyWithFaults(
        { origin: `${scheme}://${host}`, path: rawPath, rawQuery, clientIp: req.socket.remoteAddress ?? '', dateHeader: req.headers.date },
        { keys: this.opts.keys, strict: this.opts.strict, profile: this.opts.profile, now: this.opts.now },
        this.faults,
      );
      if (verdict.status !== 200) return this.finish(req, res, verdict.status, verdict.reason);
    }
    this.serveFile(req, res, rawPath);
  }

  private serveFile(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): void {
    let rel: string;
    try {
      rel = decodeURIComponent(rawPath);
    } catch {
      return this.finish(req, res, 400, 'undecodable path');
    }
    const file = path.resolve(this.root, '.' + rel);
    if (file !== this.root && !file.startsWith(this.root + path.sep)) return this.finish(req, res, 404, 'outside the served tree');
    if (this.opts.anyPath && !fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, Buffer.alloc(1024, 9));
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) return this.finish(req, res, 404, 'no such file');
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      const range = parseRange(req.headers.range, st.size);
      if (range === 'invalid') return this.finish(req, res, 416, 'range not satisfiable', { 'content-range': `bytes */${st.size}` });
      const [start, end] = range ?? [0, st.size - 1];
      const headers: Record<string, string> = { 'content-type': type, 'content-length': String(Math.max(0, end - start + 1)), 'accept-ranges': 'bytes', 'cache-control': 'no-store' };
      if (range) headers['content-range'] = `bytes ${start}-${end}/${st.size}`;
      res.writeHead(range ? 206 : 200, headers);
      this.log(req, range ? 206 : 200, 'served');
      if (req.method === 'HEAD' || st.size === 0) return void res.end();
      fs.createReadStream(file, { start, end }).on('error', () => res.destroy()).pipe(res);
    });
  }
}

function parseRange(h: string | undefined, size: number): [number, number] | undefined | 'invalid' {
  if (!h) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(h.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : [start, end];
}
