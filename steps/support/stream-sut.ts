// The stream-security systems under test: a verifier (distribution server) and a signing
// service, embedded by default or a vendor's, reached over HTTP.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DistributionServer, VerifierFault } from '../../simulators/distribution-server';
import { SigningService, SignRequest, SignerFault } from '../../simulators/signing-service';
import { VerifierProfile, profileNamed } from '../../lib/signing/verifier';
import { Transcript } from '../../lib/transport/transcript';
import { ClientTrust } from '../../lib/transport/tls';
import { EMBEDDED_STREAM_KEY, SuiteConfig } from '../../suite/config';
import { httpRequest } from './http-probe';

/** A clock the embedded servers read; the suite can stop it at an instant. Vendors use real time. */
export class ScenarioClock {
  private frozenAt?: number;
  now = (): number => this.frozenAt ?? Date.now();
  /** Stop the clock at t (epoch ms), so a boundary can be hit exactly. */
  setTo(t: number): void {
    this.frozenAt = t;
  }
}


export { EMBEDDED_STREAM_KEY };

export interface VerifierUnderTest {
  readonly embedded: boolean;
  readonly strict: boolean;
  readonly profile: VerifierProfile;
  readonly keyId: string;
  readonly secret: string;
  readonly trust: ClientTrust;
  /** URL of an existing protected file, and of another one. */
  readonly resourceUrl: string;
  readonly otherResourceUrl: string;
  readonly publicResourceUrl: string;
  /** Address the verifier sees the suite's requests come from. */
  readonly clientIp: string;
  /** The instant a vendor's verifier is frozen at (its clock does not run). */
  readonly fixedNowMs?: number;
  stop(): Promise<void>;
}

export interface SignerUnderTest {
  readonly embedded: boolean;
  readonly keyId: string;
  readonly secret: string;
  readonly resourceUrl: string;
  sign(r: SignRequest, timeoutMs: number, transcript: Transcript): Promise<string>;
  stop(): Promise<void>;
}

export function makeMediaTree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mosws-media-'));
  for (const d of ['media', 'public']) fs.mkdirSync(path.join(dir, d));
  fs.writeFileSync(path.join(dir, 'media', 'clip.mp4'), Buffer.alloc(4096, 1));
  fs.writeFileSync(path.join(dir, 'media', 'other.mp4'), Buffer.alloc(2048, 2));
  fs.writeFileSync(path.join(dir, 'public', 'poster.jpg'), Buffer.alloc(512, 3));
  return dir;
}

export class EmbeddedVerifier implements VerifierUnderTest {
  readonly embedded = true;
  readonly profile: VerifierProfile;
  readonly keyId: string;
  readonly secret: string;
  readonly trust = {};
  readonly clientIp = '127.0.0.1';
  server!: DistributionServer;
  private dir = '';

  constructor(readonly strict: boolean, private readonly clock: ScenarioClock, private readonly transcript: Transcript, private readonly faults: VerifierFault[], profileName = 'opencast-java', key = EMBEDDED_STREAM_KEY, private readonly host?: { host: string; port: number; anyPath: boolean }) {
    this.profile = profileNamed(profileName);
    this.keyId = key.keyId;
    this.secret = key.secret;
  }

  async start(): Promise<void> {
    this.dir = makeMediaTree();
    this.server = new DistributionServer({ root: this.dir, keys: new Map([[this.keyId, this.secret]]), strict: this.strict, profile: this.profile, now: this.clock.now, faults: this.faults, transcript: this.transcript, anyPath: this.host?.anyPath });
    await this.server.start(this.host?.host, this.host?.port);
  }

  /** Put a file into the served tree (e.g. a proxy for a MOS object). */
  addFile(relative: string, size = 1024): void {
    const file = path.join(this.dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.alloc(size, 9));
  }

  get resourceUrl(): string {
    return `${this.server.origin()}/media/clip.mp4`;
  }
  get otherResourceUrl(): string {
    return `${this.server.origin()}/media/other.mp4`;
  }
  get publicResourceUrl(): string {
    return `${this.server.origin()}/public/poster.jpg`;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export class EmbeddedSigner implements SignerUnderTest {
  readonly embedded = true;
  readonly keyId = EMBEDDED_STREAM_KEY.keyId;
  readonly secret = EMBEDDED_STREAM_KEY.secret;
  readonly resourceUrl = 'http://media.example:8080/media/clip.mp4';
  service!: SigningService;

  constructor(private readonly clock: ScenarioClock, private readonly transcript: Transcript, private readonly fault?: SignerFault) {}

  async start(): Promise<void> {
    this.service = new SigningService({ keys: [{ ...EMBEDDED_STREAM_KEY, urlPrefix: 'http://media.example:8080/' }], now: this.clock.now, fault: this.fault, transcript: this.transcript });
    await this.service.start();
  }

  sign(r: SignRequest, timeoutMs: number, transcript: Transcript): Promise<string> {
    return signOverHttp(`${this.service.origin()}/sign`, r, timeoutMs, transcript, {});
  }

  async stop(): Promise<void> {
    await this.service?.stop();
  }
}

async function signOverHttp(endpoint: string, r: SignRequest, timeoutMs: number, transcript: Transcript, trust: ClientTrust): Promise<string> {
  const a = await httpRequest(endpoint, { method: 'POST', body: JSON.stringify(r), headers: { 'content-type': 'application/json' }, timeoutMs, trust, transcript });
  if (a.status !== 200) throw new Error(`the signing service answered HTTP ${a.status}: ${a.body.slice(0, 200)}`);
  let parsed: { signedUrl?: unknown };
  try {
    parsed = JSON.parse(a.body) as { signedUrl?: unknown };
  } catch {
    throw new Error(`the signing service answered something that is not JSON: ${a.body.slice(0, 100)}`);
  }
  if (typeof parsed.signedUrl !== 'string') throw new Error('the signing service answer has no signedUrl');
  return parsed.signedUrl;
}

export function secretFromEnv(name: string | undefined, what: string): string {
  if (!name) throw new Error(`${what}.secretEnv is not configured`);
  const v = process.env[name];
  if (v === undefined) throw new Error(`environment variable ${name} (${what}.secretEnv) is not set`);
  return v;
}

export class VendorVerifier implements VerifierUnderTest {
  readonly embedded = false;
  constructor(private readonly c: NonNullable<SuiteConfig['stream']['verifier']>) {}
  get strict() { return this.c.strict; }
  get profile() { return profileNamed(this.c.profile); }
  get fixedNowMs() { return this.c.fixedNowMs; }
  get keyId() { return this.c.keyId; }
  get secret() { return secretFromEnv(this.c.secretEnv, 'stream.verifier'); }
  get trust() { return { allowUntrusted: this.c.allowUntrusted ?? false }; }
  get resourceUrl() { return this.c.resourceUrl; }
  get otherResourceUrl() { return this.c.otherResourceUrl; }
  get publicResourceUrl() { return this.c.publicResourceUrl ?? this.c.otherResourceUrl; }
  get clientIp() { return this.c.clientIp ?? '127.0.0.1'; }
  async stop(): Promise<void> {}
}

export class VendorSigner implements SignerUnderTest {
  readonly embedded = false;
  constructor(private readonly c: NonNullable<SuiteConfig['stream']['signer']>) {}
  get keyId() { return this.c.keyId; }
  get secret() { return secretFromEnv(this.c.secretEnv, 'stream.signer'); }
  get resourceUrl() { return this.c.resourceUrl; }
  sign(r: SignRequest, timeoutMs: number, transcript: Transcript): Promise<string> {
    return signOverHttp(this.c.url, r, timeoutMs, transcript, { allowUntrusted: this.c.allowUntrusted ?? false });
  }
  async stop(): Promise<void> {}
}
