// How a failed TCP or TLS connection reads in a verdict: one wording for every client of the suite
// (the ws probes, the raw WebSocket client, the raw ClientHello and the certificate fetch).
import { redactUrl } from './redact';

/** Describe a TLS or socket failure the way a test engineer needs to read it. */
export function explainConnectError(err: Error & { code?: string }, url: string): string {
  const code = err.code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code) || /certificate/i.test(err.message)) {
    return `TLS: the certificate of ${redactUrl(url)} is not trusted (${code || err.message}); allow untrusted certificates or give its CA`;
  }
  if (code === 'ECONNREFUSED') return `connection refused by ${redactUrl(url)}: nothing listens there`;
  if (code === 'ECONNRESET') return `connection reset by ${redactUrl(url)} during the handshake`;
  if (/timed? ?out/i.test(err.message)) return `no handshake answer from ${redactUrl(url)} in time (${err.message})`;
  return `cannot connect to ${redactUrl(url)}: ${err.message}`;
}

export type ConnectDefect = 'SEC-WS-1' | 'SEC-TLS-2';

/**
 * A connection the system answered, but against the RFCs: the defect is its own, not a precondition,
 * and this names the requirement it breaks (undefined for anything else).
 * - `ws`'s names for an opening handshake not answered as RFC 6455 §4.1-4.2.2 has it (a wrong
 *   Sec-WebSocket-Accept, an unoffered subprotocol or extension, a 101 without Upgrade): SEC-WS-1.
 * - OpenSSL's for a server that refuses, or answers below, both TLS 1.2 and TLS 1.3 when the suite
 *   offers them (a protocol_version alert, or a ServerHello of TLS 1.0/1.1): SEC-TLS-2.
 */
export function connectDefectOf(err: { message: string; code?: string }): ConnectDefect | undefined {
  if (/Sec-WebSocket-Accept|subprotocol|Sec-WebSocket-Extensions|Sec-WebSocket-Protocol|extension|Upgrade header|Connection header/i.test(err.message)) return 'SEC-WS-1';
  return tlsVersionDefectIn(`${err.code ?? ''} ${err.message}`);
}

/** The `defect` field of a failed connection's outcome, present only when it is the system's defect. */
export function defectField(err: { message: string; code?: string }): { defect?: ConnectDefect } {
  const defect = connectDefectOf(err);
  return defect ? { defect } : {};
}

/**
 * A TLS version defect named in a reason that left the client as text (OpenSSL's words survive in
 * every client's message: ws, the raw WebSocket client, the certificate fetch, the passive dialler).
 * Used where a scenario ends "could not test" without naming a requirement: the cause is then the
 * system's SEC-TLS-2 defect, judged by its own scenario, and named so that the report ties the two.
 */
export function tlsVersionDefectIn(reason: string): 'SEC-TLS-2' | undefined {
  return /alert protocol version|unsupported protocol|ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION|ERR_SSL_UNSUPPORTED_PROTOCOL/i.test(reason) ? 'SEC-TLS-2' : undefined;
}
