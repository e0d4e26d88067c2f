// The URL signing service: signs URLs with the key configured for their prefix.
import http from 'node:http';
import { SigningKey, keyForUrl } from '../lib/signing/keys';
import { SignerFault, signUrlWithFault } from './faulty-signing';
import { Transcript } from '../lib/transport/transcript';
import { HttpListener, HttpSimulator } from './http-server';

export type { SignerFault };

export interface SigningServiceOptions {
  keys: SigningKey[];
  /** Default validity when a request names none (Opencast: url.signing.expires.seconds = 7200). */
  defaultExpiresSeconds?: number;
  now?: () => number;
  fault?: SignerFault;
  transcript?: Transcript;
}

export interface SignRequest {
  url: string;
  expiresSeconds?: number;
  /** Seconds from now the URL becomes valid (DateGreaterThan). */
  validFromSeconds?: number;
  clientIp?: string;
}

export class SigningService extends HttpSimulator {
  protected readonly listener = new HttpListener((req, res) => void this.handle(req, res));
  readonly transcript: Transcript;

  constructor(private readonly opts: SigningServiceOptions) {
    super();
    this.transcript = opts.transcript ?? new Transcript();
    for (const k of opts.keys) this.transcript.addSecret(k.secret);
  }

  /** Sign in-process (the library path used by the device simulator). */
  sign(r: SignRequest): { signedUrl: string; keyId: string; expiresAt: number } {
    const key = keyForUrl(this.opts.keys, r.url);
    if (!key) throw new SignError(`no signing key is configured for ${r.url}`);
    const now = (this.opts.now ?? Date.now)();
    const seconds = r.expiresSeconds ?? this.opts.defaultExpiresSeconds ?? 7200;
    if (!Number.isFinite(seconds) || seconds <= 0) throw new SignError('expiresSeconds must be a positive number');
    const expiresAt = now + Math.round(seconds * 1000);
    const validFrom = r.validFromSeconds !== undefined ? now + Math.round(r.validFromSeconds * 1000) : undefined;
    const signedUrl = signUrlWithFault(r.url, { keyId: key.keyId, secret: key.secret, expiresAt, validFrom, clientIp: r.clientIp }, this.opts.fault);
    return { signedUrl, keyId: key.keyId, expiresAt };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }).end(text);
      this.transcript.record({ who: 'signer', kind: 'http', direction: 'in', text: `${req.method} ${req.url} -> ${status}` });
    };
    const u = new URL(req.url ?? '/', 'http://localhost');
    if (u.pathname !== '/sign') return reply(404, { error: 'POST /sign or GET /sign?url=…' });
    let r: SignRequest;
    try {
      if (req.method === 'GET') {
        const num = (k: string): number | undefined => (u.searchParams.has(k) ? Number(u.searchParams.get(k)) : undefined);
        r = { url: u.searchParams.get('url') ?? '', expiresSeconds: num('expires'), validFromSeconds: num('validFrom'), clientIp: u.searchParams.get('clientIp') ?? undefined };
      } else if (req.method === 'POST') {
        r = JSON.parse(await readBody(req, 64 * 1024)) as SignRequest;
      } else {
        return reply(405, { error: `method ${req.method} not allowed` });
      }
      if (typeof r.url !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\//i.test(r.url)) return reply(400, { error: 'url must be an absolute URL' });
      return reply(200, this.sign(r));
    } catch (e) {
      return reply(e instanceof SignError ? 422 : 400, { error: (e as Error).message });
    }
  }
}

export class SignError extends Error {
  override name = 'SignError';
}

function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new Error(`request body larger than ${max} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
