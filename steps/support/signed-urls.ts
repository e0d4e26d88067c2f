// Signed URLs as the suite builds them for a verifier under test: Opencast's canonical policy,
// written in one of the base64 spellings, signed with the key (by default over the JSON text).
// Also the policy shapes the encoding scenarios need, found by varying only what does not
// change the policy's meaning.
import { Policy, canonicalPolicyJson } from '../../lib/signing/policy';
import { encodeBase64Url } from '../../lib/signing/base64url';
import { signPolicyJson } from '../../lib/signing/signature';

/** How the policy parameter is written. Opencast's signer writes 'base64url'. */
export type Spelling = 'base64url' | 'standard, = padding' | 'standard, %3D padding' | 'standard, raw' | 'standard, percent-encoded';

export function writePolicy(json: string, spelling: Spelling): string {
  const std = Buffer.from(json, 'utf8').toString('base64');
  switch (spelling) {
    case 'base64url':
      return encodeBase64Url(json);
    case 'standard, = padding':
    case 'standard, raw':
      return std;
    case 'standard, %3D padding':
      return std.replace(/=/g, '%3D');
    case 'standard, percent-encoded':
      return encodeURIComponent(std);
  }
}

export interface Key {
  keyId: string;
  secret: string;
}

/** `target` followed by policy, keyId and signature (in that order, as Opencast's signer appends them). */
export function signedUrlFor(target: string, json: string, key: Key, spelling: Spelling = 'base64url'): string {
  const sep = target.includes('?') ? '&' : '?';
  return `${target}${sep}policy=${writePolicy(json, spelling)}&keyId=${encodeURIComponent(key.keyId)}&signature=${signPolicyJson(json, key.secret)}`;
}

export function signPolicy(target: string, p: Policy, key: Key, spelling: Spelling = 'base64url'): string {
  return signedUrlFor(target, canonicalPolicyJson(p), key, spelling);
}

/** What an encoding scenario needs of the policy's base64 form. */
export interface ShapeWanted {
  /** The standard base64 ends in padding (so base64url without padding has a length not a multiple of 4). */
  padding: boolean;
  /** Standard base64 holds "+" (base64url "-"). */
  plus: boolean;
  /** Standard base64 holds "/" (base64url "_"). */
  slash: boolean;
}

export function shapeOf(json: string): ShapeWanted {
  const std = Buffer.from(json, 'utf8').toString('base64');
  return { padding: std.endsWith('='), plus: std.includes('+'), slash: std.includes('/') };
}

/**
 * A policy for `resource` (or for `resource` with a query, when `query` is true) with exactly the
 * wanted shape. Without a query only the padding can be varied: "+" and "/" come from a '>',
 * '?', '~' or DEL at an offset of 2 (mod 3), and Opencast's canonical JSON of a URL without a
 * query holds none of them. The padding is varied with a DateGreaterThan long in the past (1,
 * 10 or 100 ms after the epoch: the policy means the same, and no clock reading of any
 * granularity puts "now" before it). With a query, the query's value places '~' and '?'.
 */
export function shapePolicy(resource: string, dateLessThan: number, wanted: ShapeWanted, query: boolean): Policy {
  const starts: Array<number | undefined> = [undefined, 1, 10, 100];
  const sep = resource.includes('?') ? '&' : '?';
  const queries = query ? queryCandidates(wanted) : [''];
  for (const q of queries) {
    for (const dateGreaterThan of starts) {
      const p: Policy = { resource: q ? `${resource}${sep}${q}` : resource, dateLessThan, ...(dateGreaterThan !== undefined ? { dateGreaterThan } : {}) };
      const got = shapeOf(canonicalPolicyJson(p));
      if (got.padding === wanted.padding && got.plus === wanted.plus && got.slash === wanted.slash) return p;
    }
  }
  throw new Error(`no policy for ${resource}${query ? ' with a query' : ''} has the shape ${JSON.stringify(wanted)}`);
}

/** Query strings v=<filler><marks><counter><tail>: the filler moves '~' (for "+") and '?' (for "/") through the offsets, the tail the length. */
function queryCandidates(wanted: ShapeWanted): string[] {
  const marks = `${wanted.plus ? '~' : ''}${wanted.slash ? '?' : ''}`;
  const out: string[] = [];
  for (let i = 0; i < 20; i++) {
    for (let filler = 0; filler < 3; filler++) {
      for (let tail = 0; tail < 3; tail++) {
        for (let gap = 0; gap < (marks.length === 2 ? 3 : 1); gap++) {
          const m = marks.length === 2 ? `${marks[0]}${'b'.repeat(gap)}${marks[1]}` : marks;
          out.push(`v=${'a'.repeat(filler)}${m}${i.toString(36)}${'c'.repeat(tail)}`);
        }
      }
    }
  }
  return out;
}
