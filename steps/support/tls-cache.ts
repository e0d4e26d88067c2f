// One self-signed certificate per run serves every embedded endpoint (generation costs ~10 ms+).
import { TlsMaterial, generateSelfSigned } from '../../lib/transport/tls';

let cached: Promise<TlsMaterial> | undefined;
export function runCertificate(): Promise<TlsMaterial> {
  cached ??= generateSelfSigned('localhost');
  return cached;
}
