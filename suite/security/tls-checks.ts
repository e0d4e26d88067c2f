// TLS hygiene of a listening system (RFC 8996, RFC 9325 / BCP 195, RFC 7465): which protocol
// versions and cipher-suite classes it agrees to, asked with raw ClientHellos
// (lib/transport/tls-hello.ts), and the certificate it presents (lib/transport/peer-certificate.ts).
import net from 'node:net';
import tls from 'node:tls';
import { COMMON_SUITES, TLS_VERSION, TlsVersionName, WEAK_SUITES, WeakClass, helloProbe, suiteName } from '../../lib/transport/tls-hello';
import { CertificateFacts, peerCertificate } from '../../lib/transport/peer-certificate';
import { CouldNotTest } from '../verdicts';
import type { Shortfall } from './websocket-checks';

export interface TlsTarget {
  host: string;
  port: number;
  timeoutMs: number;
  /** The endpoint URL, for messages. */
  url?: string;
}

export function tlsTargetOf(url: string, timeoutMs: number): TlsTarget {
  const u = new URL(url);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 443), timeoutMs, url };
}

const serverName = (t: TlsTarget): string | undefined => (net.isIP(t.host) ? undefined : t.host);

/** RFC 8996 §2-3: TLS 1.0 and TLS 1.1 are refused. */
export async function checkOldVersionsRefused(t: TlsTarget): Promise<Shortfall[]> {
  const out: Shortfall[] = [];
  for (const v of ['TLS 1.0', 'TLS 1.1'] as TlsVersionName[]) {
    const a = await helloProbe({ ...t, serverName: serverName(t), version: TLS_VERSION[v], suites: COMMON_SUITES });
    if (a.kind === 'failed') throw new CouldNotTest(undefined, `${v} probe: ${a.reason}`);
    if (a.kind === 'accepted' && a.version <= TLS_VERSION[v]) out.push({ requirement: 'SEC-TLS-1', message: `the endpoint negotiated ${v} (ServerHello version 0x0${a.version.toString(16)}, suite ${suiteName(a.suite)}) with a client offering ${v} at most (RFC 8996: ${v} MUST NOT be used)` });
  }
  return out;
}

/** Whether a TLS 1.3 handshake (Node's client, TLS 1.3 only) completes. */
function speaksTls13(t: TlsTarget): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tls.connect({ host: t.host, port: t.port, servername: serverName(t), minVersion: 'TLSv1.3', rejectUnauthorized: false });
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      s.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), t.timeoutMs);
    s.once('secureConnect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** RFC 9325 §3.1.1: TLS 1.2 is supported; an endpoint that speaks only TLS 1.3 passes too (docs/interpretations, security). */
export async function checkCurrentVersionOffered(t: TlsTarget): Promise<Shortfall[]> {
  const a = await helloProbe({ ...t, serverName: serverName(t), version: TLS_VERSION['TLS 1.2'], suites: COMMON_SUITES });
  if (a.kind === 'failed') throw new CouldNotTest(undefined, `TLS 1.2 probe: ${a.reason}`);
  if (a.kind === 'accepted' && a.version === TLS_VERSION['TLS 1.2']) return [];
  if (await speaksTls13(t)) return [];
  return [{ requirement: 'SEC-TLS-2', message: a.kind === 'accepted' ? `a client offering TLS 1.2 was answered with protocol version 0x0${a.version.toString(16)}` : `a client offering TLS 1.2 with the common ECDHE/RSA AES-GCM, AES-CBC and ChaCha20 suites was refused (${a.how}) (RFC 9325 §3.1.1: implementations MUST support TLS 1.2)` }];
}

/** Where each class of weak suites is ruled out, and how strongly (the level is the requirement's). */
const WEAK_RULES: Record<WeakClass, { requirement: string; source: string }> = {
  NULL: { requirement: 'SEC-TLS-3', source: 'RFC 9325 §4.1: MUST NOT negotiate cipher suites with NULL encryption' },
  EXPORT: { requirement: 'SEC-TLS-3', source: 'RFC 9325 §4.1: MUST NOT negotiate cipher suites offering less than 112 bits of security (export-level, single DES)' },
  RC4: { requirement: 'SEC-TLS-3', source: 'RFC 7465 §2: TLS servers MUST NOT select an RC4 cipher suite' },
  '3DES': { requirement: 'SEC-TLS-4', source: 'RFC 9325 §4.1: SHOULD NOT negotiate cipher suites offering less than 128 bits of security' },
};

/** Each weak class offered alone, at TLS 1.2: the server must refuse rather than pick one. */
export async function checkWeakSuites(t: TlsTarget, classes: readonly WeakClass[]): Promise<Shortfall[]> {
  const out: Shortfall[] = [];
  for (const c of classes) {
    const a = await helloProbe({ ...t, serverName: serverName(t), version: TLS_VERSION['TLS 1.2'], suites: WEAK_SUITES[c] });
    if (a.kind === 'failed') throw new CouldNotTest(undefined, `${c} suites probe: ${a.reason}`);
    if (a.kind === 'accepted') out.push({ requirement: WEAK_RULES[c].requirement, message: `offered only ${c} cipher suites, the endpoint chose ${suiteName(a.suite)} (${WEAK_RULES[c].source})` });
  }
  return out;
}

/** The certificate, or a precondition that failed. */
export async function certificateOf(t: TlsTarget, ca?: string | string[]): Promise<CertificateFacts> {
  const c = await peerCertificate({ ...t, ca });
  if ('failed' in c) throw new CouldNotTest(undefined, c.failed);
  return c;
}

/** RFC 5280 §4.1.2.5, §6.1.3: the certificate is within its validity period now. */
export function judgeValidity(c: CertificateFacts, now = Date.now()): Shortfall[] {
  if (c.validTo.getTime() < now) return [{ requirement: 'SEC-CERT-1', message: `the certificate (${c.subject}) expired ${c.validTo.toISOString()}` }];
  if (c.validFrom.getTime() > now) return [{ requirement: 'SEC-CERT-1', message: `the certificate (${c.subject}) is not valid before ${c.validFrom.toISOString()}` }];
  return [];
}

/** RFC 9325 §4.3 (and §4.2.1 for curves): RSA keys of 2048 bits or more; EC keys on a curve of 224 bits or more. */
export function judgeKey(c: CertificateFacts): Shortfall[] {
  if (c.keyType === 'RSA' && (c.bits ?? 0) < 2048) return [{ requirement: 'SEC-CERT-3', message: `the certificate's RSA key has ${c.bits} bits (RFC 9325 §4.3: servers MUST authenticate with at least a 2048-bit modulus)` }];
  if (c.keyType === 'EC' && (c.bits ?? 256) < 224) return [{ requirement: 'SEC-CERT-3', message: `the certificate's EC key is on a ${c.bits}-bit curve (${c.curve ?? 'unknown'}) (RFC 9325 §4.3: curves of less than 224 bits MUST NOT be used)` }];
  return [];
}

/** RFC 9110 §4.3.4 / RFC 6125 §6: the certificate names the host the client asked for. */
export function judgeHost(c: CertificateFacts, host: string): Shortfall[] {
  return c.hostMismatch ? [{ requirement: 'SEC-CERT-2', message: `the certificate does not name ${host}: ${c.hostMismatch}` }] : [];
}
