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
  /** Fault injection for the self-check: how a broken signer goes wrong. */
  fault?: SignerFault;
}

export type SignerFault = 'sign-base64-text' | 'pad-base64' | 'drops-query-from-resource' | 'ignores-start-time';

export function signUrl(url: string, o: SignOptions): string {
  const resource = o.fault === 'drops-query-from-resource' ? url.split('?')[0]! : url;
  const validFrom = o.fault === 'ignores-start-time' ? undefined : o.validFrom;
  const policy: Policy = { resource, dateLessThan: o.expiresAt, dateGreaterThan: validFrom, ipAddress: o.clientIp };
  const json = canonicalPolicyJson(policy);
  let encoded = encodeBase64Url(json);
  if (o.fault === 'pad-base64') encoded = Buffer.from(json, 'utf8').toString('base64');
  const signature = signPolicyJson(o.fault === 'sign-base64-text' ? encoded : json, o.secret);
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}policy=${encodeURIComponent(encoded)}&keyId=${encodeURIComponent(o.keyId)}&signature=${signature}`;
}
