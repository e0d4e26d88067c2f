// HTTP Basic authentication (RFC 7617) as the proposal requires for the WebSocket upgrade.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface Credentials {
  username: string;
  password: string;
}

export function basicAuthHeader(c: Credentials): string {
  if (c.username.includes(':')) throw new Error('a Basic auth username cannot contain a colon');
  return 'Basic ' + Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64');
}

export type AuthResult = { ok: true; username: string } | { ok: false; reason: string };

/** Check an Authorization header value against the expected credentials, in constant time. */
export function checkBasicAuth(header: string | undefined, expected: Credentials, normalise: (what: 'user' | 'password', v: string) => string = (_w, v) => v): AuthResult {
  if (header === undefined || header === '') return { ok: false, reason: 'no Authorization header' };
  const m = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!m) return { ok: false, reason: 'Authorization header is not a well-formed Basic credential' };
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { ok: false, reason: 'Basic credential has no colon between user and password' };
  const user = decoded.slice(0, colon);
  const pass = decoded.slice(colon + 1);
  // Compare digests so lengths never leak; check both before deciding.
  const userOk = safeEqual(normalise('user', user), normalise('user', expected.username));
  const passOk = safeEqual(normalise('password', pass), normalise('password', expected.password));
  if (userOk && passOk) return { ok: true, username: user };
  return { ok: false, reason: 'wrong username or password' };
}

function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}
