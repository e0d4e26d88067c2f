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
  const notAfterDate = new Date(notBeforeDate.getTime() + days * 86_400_000);
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: commonName }, { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
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
