// The certificate a TLS server presents, fetched without judging it (the suite judges it), and
// the facts a judgement needs: validity period, key type and size, whether it names the host.
import net from 'node:net';
import tls from 'node:tls';
import { explainConnectError } from './connect-error';

export interface CertificateFacts {
  subject: string;
  validFrom: Date;
  validTo: Date;
  /** 'RSA', 'EC' or what else the key is (Ed25519 shows as neither modulus nor curve). */
  keyType: 'RSA' | 'EC' | 'other';
  bits?: number;
  curve?: string;
  selfSigned: boolean;
  /** Why the certificate does not name the host, when it does not (Node's RFC 6125 check). */
  hostMismatch?: string;
  /** Node's verdict with the given trust, e.g. DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED. */
  authorizationError?: string;
}

export function peerCertificate(o: { host: string; port: number; ca?: string | string[]; timeoutMs: number; url?: string }): Promise<CertificateFacts | { failed: string }> {
  return new Promise((resolve) => {
    const servername = net.isIP(o.host) ? undefined : o.host;
    const s = tls.connect({ host: o.host, port: o.port, servername, rejectUnauthorized: false, ...(o.ca ? { ca: o.ca } : {}) });
    const timer = setTimeout(() => {
      s.destroy();
      resolve({ failed: `no TLS handshake with ${o.host}:${o.port} within ${o.timeoutMs} ms` });
    }, o.timeoutMs);
    s.once('secureConnect', () => {
      clearTimeout(timer);
      const c = s.getPeerCertificate();
      s.destroy();
      if (!c || !c.raw) return resolve({ failed: 'the server presented no certificate' });
      const x = c as tls.PeerCertificate & { asn1Curve?: string; nistCurve?: string; bits?: number; modulus?: string };
      const mismatch = tls.checkServerIdentity(o.host, c);
      resolve({
        subject: Object.entries(c.subject ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', '),
        validFrom: new Date(c.valid_from),
        validTo: new Date(c.valid_to),
        keyType: x.modulus ? 'RSA' : x.asn1Curve || x.nistCurve ? 'EC' : 'other',
        bits: x.bits,
        curve: x.nistCurve ?? x.asn1Curve,
        selfSigned: JSON.stringify(c.subject) === JSON.stringify(c.issuer),
        hostMismatch: mismatch?.message,
        authorizationError: s.authorizationError ? String(s.authorizationError) : undefined,
      });
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      resolve({ failed: explainConnectError(e, o.url ?? `tls://${o.host}:${o.port}`) });
    });
  });
}
