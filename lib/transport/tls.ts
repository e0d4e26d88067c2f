// TLS material for wss: self-signed certificate generation and client trust options.
// 'selfsigned' (and its X.509 stack) is loaded on first use: a run that needs no certificate,
// e.g. certifying a verifier over http, starts a tenth of a second faster.

export interface TlsMaterial {
  key: string;
  cert: string;
}

/** A fresh self-signed certificate for localhost and the loopback addresses. */
export async function generateSelfSigned(commonName = 'localhost', days = 30): Promise<TlsMaterial> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  return generateCertificate({ commonName, notBeforeDate, notAfterDate: new Date(notBeforeDate.getTime() + days * 86_400_000) });
}

export interface CertificateSpec {
  commonName: string;
  notBeforeDate: Date;
  notAfterDate: Date;
  /** Names and addresses it is valid for (default: the common name, localhost and the loopback addresses). */
  hostNames?: string[];
  /** An RSA key of this many bits instead of the default EC P-256 key. */
  rsaBits?: number;
  /** Signed by this CA instead of self-signed. */
  issuer?: TlsMaterial;
}

/** A CA certificate (self-signed, cA true) to sign test certificates with. */
export async function generateCa(commonName: string, days = 30): Promise<TlsMaterial> {
  const { generate } = await import('selfsigned');
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + days * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** A self-signed certificate as specified (the simulators' TLS faults use other validity, names and keys). */
export async function generateCertificate(s: CertificateSpec): Promise<TlsMaterial> {
  const { generate } = await import('selfsigned');
  const names = s.hostNames ?? [s.commonName, 'localhost', '127.0.0.1', '::1'];
  const altNames = [...new Set(names)].map((n) => (/^[\d.]+$|:/.test(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n }));
  const pems = await generate([{ name: 'commonName', value: s.commonName }], {
    ...(s.rsaBits ? { keyType: 'rsa' as const, keySize: s.rsaBits } : { keyType: 'ec' as const, curve: 'P-256' as const }),
    algorithm: 'sha256',
    notBeforeDate: s.notBeforeDate,
    notAfterDate: s.notAfterDate,
    ...(s.issuer ? { ca: { key: s.issuer.key, cert: s.issuer.cert } } : {}),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** How a client decides whether to trust a wss server's certificate. */
export interface ClientTrust {
  /**
   * Accept untrusted (self-signed) certificates. The proposal's amendment expects devices
   * and newsrooms to accept them or offer an option; our default is true, matching it.
   */
  allowUntrusted?: boolean;
  /** Extra CA certificates (PEM) to trust, e.g. the peer's self-signed certificate. */
  ca?: string | string[];
}

export function clientTlsOptions(trust: ClientTrust = {}): { rejectUnauthorized: boolean; ca?: string | string[] } {
  return { rejectUnauthorized: !(trust.allowUntrusted ?? true), ...(trust.ca ? { ca: trust.ca } : {}) };
}
