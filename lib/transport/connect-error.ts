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

/**
 * How `ws` names an opening handshake the server answered, but not as RFC 6455 §4.1-4.2.2 has it
 * (a wrong Sec-WebSocket-Accept, an unoffered subprotocol or extension, a 101 without Upgrade):
 * the system was reached, and the defect is its own (SEC-WS-1), not a precondition.
 */
export function isHandshakeDefect(err: { message: string }): boolean {
  return /Sec-WebSocket-Accept|subprotocol|Sec-WebSocket-Extensions|Sec-WebSocket-Protocol|extension|Upgrade header|Connection header/i.test(err.message);
}
