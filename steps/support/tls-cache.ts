// One self-signed certificate per run serves every embedded endpoint (generation costs ~10 ms+).
import fs from 'node:fs';
import { TlsMaterial, generateSelfSigned } from '../../lib/transport/tls';

let cached: Promise<TlsMaterial> | undefined;
export function runCertificate(): Promise<TlsMaterial> {
  cached ??= generateSelfSigned('localhost');
  return cached;
}

/** The suite endpoint's certificate: the configured one, or the run's self-signed one. */
export async function suiteCertificate(ep: { certFile?: string; keyFile?: string }): Promise<TlsMaterial> {
  if (ep.certFile || ep.keyFile) {
    if (!ep.certFile || !ep.keyFile) throw new Error('suiteEndpoint.certFile and suiteEndpoint.keyFile go together');
    return { cert: fs.readFileSync(ep.certFile, 'utf8'), key: fs.readFileSync(ep.keyFile, 'utf8') };
  }
  return runCertificate();
}
