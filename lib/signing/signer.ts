// Signing a URL: policy, keyId and signature appended, in that order, after any query it had.
import { Policy, canonicalPolicyJson } from './policy';
import { encodeBase64Url } from './base64url';
import { signPolicyJson } from './signature';

export interface SignOptions {
  keyId: string;
  secret: string;
  /** Epoch ms the URL expires at (inclusive). */
  expiresAt: number;
  validFrom?: number;
  clientIp?: string;
}

export function signUrl(url: string, o: SignOptions): string {
  const policy: Policy = { resource: url, dateLessThan: o.expiresAt, dateGreaterThan: o.validFrom, ipAddress: o.clientIp };
  const json = canonicalPolicyJson(policy);
  const encoded = encodeBase64Url(json);
  const signature = signPolicyJson(json, o.secret);
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}policy=${encodeURIComponent(encoded)}&keyId=${encodeURIComponent(o.keyId)}&signature=${signature}`;
}
