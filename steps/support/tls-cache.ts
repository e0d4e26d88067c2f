// One self-signed certificate serves every embedded endpoint. Generating one (and loading the
// X.509 code for it) costs ~50 ms of CPU, so runs on the same machine share one for a day through
// a file in the temporary directory: a loopback test certificate, nothing to keep secret.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TlsMaterial, generateCa, generateCertificate, generateSelfSigned } from '../../lib/transport/tls';
import { advertisedHost } from '../../suite/config';

const SHARED = path.join(os.tmpdir(), `mosws-run-certificate-${process.getuid?.() ?? 'user'}.json`);
const MAX_AGE_MS = 24 * 3_600_000;

let cached: Promise<TlsMaterial> | undefined;
export function runCertificate(): Promise<TlsMaterial> {
  cached ??= sharedCertificate();
  return cached;
}

async function sharedCertificate(): Promise<TlsMaterial> {
  try {
    if (Date.now() - fs.statSync(SHARED).mtimeMs < MAX_AGE_MS) {
      const t = JSON.parse(fs.readFileSync(SHARED, 'utf8')) as TlsMaterial;
      if (typeof t.cert === 'string' && typeof t.key === 'string') return t;
    }
  } catch {
    // absent or unreadable: make one
  }
  const t = await generateSelfSigned('localhost');
  try {
    // Written whole, then renamed: a concurrent run reads either nothing or a complete file.
    const tmp = `${SHARED}.${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(t), { mode: 0o600 });
    fs.renameSync(tmp, SHARED);
  } catch {
    // a read-only temporary directory only costs the next run a new certificate
  }
  return t;
}

let caSigned: Promise<TlsMaterial> | undefined;
/**
 * The suite endpoint's certificate: the configured one; for a vendor system that verifies
 * certificates (it trusts the test CA only, SEC-CERT-4), one signed by that CA; else the run's
 * self-signed one.
 */
export async function suiteCertificate(ep: { host: string; certFile?: string; keyFile?: string; testCaFile?: string; testCaKeyFile?: string }, verifyingVendor = false): Promise<TlsMaterial> {
  if (ep.certFile || ep.keyFile) {
    if (!ep.certFile || !ep.keyFile) throw new Error('suiteEndpoint.certFile and suiteEndpoint.keyFile go together');
    return { cert: fs.readFileSync(ep.certFile, 'utf8'), key: fs.readFileSync(ep.keyFile, 'utf8') };
  }
  const ca = verifyingVendor ? await testCa(ep, false) : undefined;
  if (!ca) return runCertificate();
  // The names a system is given for the suite: the advertised host (the endpoint on every interface) and loopback.
  const now = Date.now();
  caSigned ??= generateCertificate({ commonName: 'localhost', hostNames: [advertisedHost(ep.host), 'localhost', '127.0.0.1', '::1'], notBeforeDate: new Date(now - 3_600_000), notAfterDate: new Date(now + 7 * 86_400_000), issuer: ca });
  return caSigned;
}

let embeddedCa: Promise<TlsMaterial> | undefined;
/**
 * The CA a dialling system trusts for SEC-CERT-4: the configured one (suiteEndpoint.testCaFile and
 * testCaKeyFile), a fresh one for the embedded simulators, undefined for a vendor without one.
 */
export async function testCa(ep: { testCaFile?: string; testCaKeyFile?: string }, embedded: boolean): Promise<TlsMaterial | undefined> {
  if (ep.testCaFile || ep.testCaKeyFile) {
    if (!ep.testCaFile || !ep.testCaKeyFile) throw new Error('suiteEndpoint.testCaFile and suiteEndpoint.testCaKeyFile go together');
    return { cert: fs.readFileSync(ep.testCaFile, 'utf8'), key: fs.readFileSync(ep.testCaKeyFile, 'utf8') };
  }
  if (!embedded) return undefined;
  embeddedCa ??= generateCa('MOS-WS conformance suite test CA');
  return embeddedCa;
}
