/**
 * Independent signer for Opencast-style signed URLs.
 *
 * Written from /work/shared/stream-security-facts.md only:
 *  - policy JSON {"Statement":{"Condition":{...},"Resource":"..."}} with Condition
 *    before Resource, conditions in the order DateGreaterThan, DateLessThan,
 *    IpAddress, '/' escaped as '\/', no whitespace; dates in epoch milliseconds;
 *  - policy parameter = base64url of the JSON without padding;
 *  - signature = lowercase hex HMAC-SHA256 over the JSON text, key = UTF-8 secret;
 *  - parameters appended as policy, keyId, signature after any existing query
 *    (which then belongs to Resource).
 */
import { createHmac } from 'node:crypto';

export interface PolicyInput {
  resource: string;
  /** Epoch milliseconds; the last valid instant. */
  dateLessThan: number;
  /** Epoch milliseconds; the first valid instant. */
  dateGreaterThan?: number;
  ipAddress?: string;
}

export interface SignOptions {
  keyId: string;
  secret: string;
  dateLessThan: number;
  dateGreaterThan?: number;
  ipAddress?: string;
  /** Resource to put into the policy; defaults to the URL being signed (without fragment). */
  resource?: string;
}

/**
 * JSON string literal in the style of the signer's JSON writer: quote,
 * backslash and '/' escaped, the usual short escapes, and \uXXXX (upper-case
 * hex) for control characters and the ranges U+007F-U+009F and U+2000-U+20FF.
 */
export function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '/': out += '\\/'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      default:
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x2000 && c <= 0x20ff)) {
          out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
        } else {
          out += ch;
        }
    }
  }
  return out + '"';
}

function integer(n: number, what: string): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer number of epoch milliseconds`);
  return String(n);
}

/** The canonical policy JSON text, exactly as Opencast's signer writes it. */
export function policyJson(p: PolicyInput): string {
  const cond: string[] = [];
  if (p.dateGreaterThan !== undefined) cond.push(`"DateGreaterThan":${integer(p.dateGreaterThan, 'DateGreaterThan')}`);
  cond.push(`"DateLessThan":${integer(p.dateLessThan, 'DateLessThan')}`);
  if (p.ipAddress !== undefined) cond.push(`"IpAddress":${jsonString(p.ipAddress)}`);
  return `{"Statement":{"Condition":{${cond.join(',')}},"Resource":${jsonString(p.resource)}}}`;
}

/** base64url without padding of the UTF-8 bytes of the JSON text. */
export function encodePolicy(json: string): string {
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Lowercase hex HMAC-SHA256 of the JSON text, keyed with the UTF-8 bytes of the secret. */
export function signatureHex(json: string, secret: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(json, 'utf8')).digest('hex');
}

/** application/x-www-form-urlencoded encoding of one name or value (space as '+'). */
export function formEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
}

/** The query string `policy=..&keyId=..&signature=..` for a policy JSON text. */
export function signingQuery(json: string, keyId: string, secret: string): string {
  return `policy=${formEncode(encodePolicy(json))}&keyId=${formEncode(keyId)}&signature=${signatureHex(json, secret)}`;
}

/**
 * Sign a URL as Opencast's signer does. The policy's Resource is the URL as
 * given (including any existing query, without a fragment) unless
 * opts.resource is set; the signing parameters are appended after the
 * existing query; a fragment stays at the end.
 */
export function signUrl(url: string, opts: SignOptions): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const fragment = hash >= 0 ? url.slice(hash) : '';
  const json = policyJson({
    resource: opts.resource ?? base,
    dateLessThan: opts.dateLessThan,
    dateGreaterThan: opts.dateGreaterThan,
    ipAddress: opts.ipAddress,
  });
  const sep = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return base + sep + signingQuery(json, opts.keyId, opts.secret) + fragment;
}
