// The simulators' TLS and handshake faults (simulators/faults.ts): the certificate, protocol limits
// and 101 response a careless endpoint has. The correct simulators use none of this.
import { TlsMaterial, generateCertificate } from '../lib/transport/tls';
import type { FaultName } from './faults';

const DAY = 86_400_000;

/** The certificate a certificate fault serves instead of the configured one, if any. */
export async function faultyCertificate(faults: ReadonlySet<FaultName>): Promise<TlsMaterial | undefined> {
  const now = Date.now();
  if (faults.has('expired-certificate')) return generateCertificate({ commonName: 'localhost', notBeforeDate: new Date(now - 30 * DAY), notAfterDate: new Date(now - DAY) });
  if (faults.has('wrong-host-certificate')) return generateCertificate({ commonName: 'wrong-host.invalid', hostNames: ['wrong-host.invalid'], notBeforeDate: new Date(now - DAY), notAfterDate: new Date(now + 30 * DAY) });
  if (faults.has('rsa-1024-certificate')) return generateCertificate({ commonName: 'localhost', rsaBits: 1024, notBeforeDate: new Date(now - DAY), notAfterDate: new Date(now + 30 * DAY) });
  return undefined;
}

/** Protocol limits of a TLS fault. OpenSSL's security level 0 lets TLS 1.0/1.1 and small keys through. */
export function faultyTlsLimits(faults: ReadonlySet<FaultName>): { minVersion?: 'TLSv1'; maxVersion?: 'TLSv1.1' | 'TLSv1.2'; ciphers?: string } | undefined {
  if (faults.has('accepts-tls10')) return { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' };
  if (faults.has('max-tls11')) return { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' };
  if (faults.has('rsa-1024-certificate')) return { ciphers: 'DEFAULT@SECLEVEL=0' };
  if (faults.has('offers-null-cipher')) return { maxVersion: 'TLSv1.2', ciphers: 'ALL:eNULL:@SECLEVEL=0' };
  return undefined;
}

/** A rewrite of the 101 response head for a handshake fault. */
export function faultyHandshake(faults: ReadonlySet<FaultName>): ((lines: string[]) => void) | undefined {
  if (faults.has('wrong-accept')) {
    return (lines) => {
      const i = lines.findIndex((l) => /^sec-websocket-accept:/i.test(l));
      if (i >= 0) lines[i] = 'Sec-WebSocket-Accept: c29tZXRoaW5nIGVsc2UgZW50aXJlbHk=';
    };
  }
  if (faults.has('unoffered-subprotocol')) return (lines) => void (lines.some((l) => /^sec-websocket-protocol:/i.test(l)) || lines.push('Sec-WebSocket-Protocol: mos'));
  return undefined;
}
