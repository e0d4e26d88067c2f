// The signature: lowercase hex HMAC-SHA256 over the policy JSON text (not its base64),
// keyed with the UTF-8 bytes of the secret.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signPolicyJson(json: string, secret: string): string {
  return createHmac('sha256', secret).update(json, 'utf8').digest('hex');
}

/** Exact (case-sensitive) comparison in constant time. */
export function signaturesEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
