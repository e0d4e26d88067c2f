// The signature: lowercase hex HMAC-SHA256 over the policy JSON text (not its base64),
// keyed with the UTF-8 bytes of the secret.
import { KeyObject, createHmac, createSecretKey } from 'node:crypto';

/** Secrets as KeyObjects, made once: importing the key is a tenth of an HMAC's cost. */
const keyObjects = new Map<string, KeyObject>();
function keyObject(secret: string): KeyObject {
  let k = keyObjects.get(secret);
  if (!k) {
    if (keyObjects.size >= 256) keyObjects.clear();
    k = createSecretKey(Buffer.from(secret, 'utf8'));
    keyObjects.set(secret, k);
  }
  return k;
}

export function signPolicyJson(json: string, secret: string): string {
  return createHmac('sha256', keyObject(secret)).update(json, 'utf8').digest('hex');
}

/**
 * Whether `signature` is exactly (case-sensitively, as Opencast's string compare) the
 * signature of `json`. Every character is compared, whatever differs first.
 */
export function signatureMatches(json: string, secret: string, signature: string): boolean {
  const want = signPolicyJson(json, secret);
  if (signature.length !== want.length) return false;
  let diff = 0;
  for (let i = 0; i < want.length; i++) diff |= want.charCodeAt(i) ^ signature.charCodeAt(i);
  return diff === 0;
}
