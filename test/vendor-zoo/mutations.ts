// Vendor zoo, class A ("m-" variants): listeners and diallers that apply the proposal's
// "Required URL Parameters" and "Authentication" rules only partially, and replies that are valid
// MOS but inconsistent with what the peer said. Only Node.js built-ins are used.
//
// The listener variants are a second, deliberately sloppy implementation of the upgrade checks
// (same order and status codes as the correct listener in zoo.ts): each one differs from the
// correct checks in exactly one rule. zoo.ts calls listenerVerdict() first; it returns undefined
// for every variant that is not a listener mutation, so the correct checks in zoo.ts stay the only
// code path for all other variants.

import type * as http from 'http';
import * as crypto from 'crypto';
import type { Channel, MosObject, RunningOrder } from './mos';

/** One configured extra query parameter of the listener (--listen-extra NAME=VALUE). */
export interface ListenExtra {
  name: string;
  value: string;
}

export interface MutCfg {
  variant: string;
  mosId: string;
  ncsId: string;
  user: string;
  password: string;
  listenExtra?: ListenExtra[];
}

/**
 * Percent-encodes every octet (UTF-8) except RFC 3986's unreserved characters A-Z a-z 0-9 - . _ ~,
 * so '+', '/', ' ', '&', '=', '%' ... all become %XX (upper-case hex) and no decoder (RFC 3986 or
 * application/x-www-form-urlencoded, where a literal '+' is a space) can read the text differently.
 */
export function encodeQueryComponent(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(b);
    out += b < 0x80 && /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The query of the listener's URL for its configured extra parameters ('' when there are none). */
export function extraQuery(extras: ListenExtra[]): string {
  if (extras.length === 0) return '';
  return `?${extras.map((x) => `${encodeQueryComponent(x.name)}=${encodeQueryComponent(x.value)}`).join('&')}`;
}

export type Verdict =
  | { refuse: { status: number; reason: string; headers?: Record<string, string> } }
  | { accept: { channel: Channel; passive: boolean } };

/** Listener mutations (the variant names this module decides the upgrade for). */
export const LISTENER_MUTATIONS = new Set([
  'm-mosid-trailing-space',
  'm-mosid-case-insensitive',
  'm-mosid-duplicate-first-wins',
  'm-ncsid-empty-accepted',
  'm-ncsid-double-decoded',
  'm-ids-mom-only',
  'm-ids-passive-unchecked',
  'm-channel-prefix-match',
  'm-channel-case-insensitive',
  'm-passive-any-value',
  'm-auth-mom-only',
  'm-auth-passive-unchecked',
  'm-auth-password-extended',
  'm-auth-password-truncated',
  'm-auth-empty-password',
  'm-auth-admin-any-password',
  'm-auth-user-case-insensitive',
  'm-auth-token-trailing-garbage',
  'm-auth-base64url-token',
  'm-auth-any-scheme',
  'm-ncsid-trimmed',
  'm-ncsid-case-insensitive',
  'm-ncsid-any-duplicate-matches',
  'm-ncsid-one-spelling',
  'm-query-not-percent-decoded',
  'm-duplicate-param-500',
  'm-passive-parse-throws',
  'm-channel-trimmed',
  'm-missing-param-500',
  'm-auth-scheme-case-sensitive',
  'm-auth-token-case-insensitive',
  'm-auth-decoder-throws',
  'm-auth-password-only',
  'm-auth-trims-password',
  'm-auth-duplicate-header-500',
  // third batch: configured extra parameters (--listen-extra), the passive flag, token alphabet, user name
  'm-extra-absent-accepted',
  'm-extra-empty-accepted',
  'm-extra-repeat-reset',
  'm-extra-duplicate-last-wins',
  'm-extra-name-case-insensitive',
  'm-extra-name-lowercased-lookup',
  'm-extra-value-case-insensitive',
  'm-extra-value-trimmed',
  'm-extra-value-truncated',
  'm-extra-value-extended',
  'm-extra-value-substring',
  'm-extra-value-unchecked',
  'm-extra-raw-compare',
  'm-extra-value-not-decoded',
  'm-extra-double-decoded',
  'm-extra-mom-only',
  'm-extra-passive-unchecked',
  'm-passive-absent-500',
  'm-passive-repeat-ignored',
  'm-passive-conflict-last-wins',
  'm-passive-name-exact',
  'm-passive-unexpected-500',
  'm-passive-trimmed',
  'm-auth-expects-base64url',
  'm-auth-trims-user',
  // added alone: the name of passive / of a configured extra parameter in another letter case
  'm-param-name-case-500',
]);

/** Listener mutations whose exception is caught by a generic handler that answers HTTP 500. */
const ANSWER_500 = new Set([
  'm-duplicate-param-500', 'm-missing-param-500', 'm-auth-duplicate-header-500', 'm-passive-absent-500', 'm-passive-unexpected-500',
  'm-param-name-case-500',
]);

/**
 * Listener mutations whose exception is not caught at all: zoo.ts destroys the socket without
 * any HTTP answer (the upgrade handler died).
 */
export const UNCAUGHT_LISTENER_THROWS = new Set(['m-passive-parse-throws', 'm-auth-decoder-throws', 'm-extra-repeat-reset']);

const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="MOS", charset="UTF-8"' };

function eq(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a, 'utf8').digest();
  const hb = crypto.createHash('sha256').update(b, 'utf8').digest();
  return crypto.timingSafeEqual(ha, hb);
}

/** Strict Basic token (RFC 7617 + RFC 4648 section 4, padding required); undefined when malformed. */
export function decodeBasicStrict(token: string): string | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(token) || token === '') return undefined;
  const buf = Buffer.from(token, 'base64');
  if (buf.toString('base64') !== token) return undefined; // non-canonical trailing bits
  return buf.toString('utf8');
}

type AuthResult = 'missing' | 'bad' | 'ok';

function checkAuthSloppy(c: MutCfg, header: string | undefined): AuthResult {
  const v = c.variant;
  if (!header) return 'missing';
  let decoded: string | undefined;
  if (v === 'm-auth-any-scheme') {
    // any scheme word (Bearer, Digest, ...) in front of a base64 user:password is taken as Basic
    const m = /^\s*([A-Za-z][A-Za-z0-9._~+/-]*)\s+(\S+)\s*$/.exec(header);
    if (!m) return 'bad';
    decoded = decodeBasicStrict(m[2]);
  } else {
    const m = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(header);
    if (!m) return 'bad';
    if (v === 'm-auth-scheme-case-sensitive' ? m[1] !== 'Basic' : m[1].toLowerCase() !== 'basic') return 'bad';
    if (v === 'm-auth-expects-base64url') {
      // the expected token is made with the URL-safe encoder (no padding) and compared as text
      const expected = Buffer.from(`${c.user}:${c.password}`, 'utf8').toString('base64url');
      return m[2] === expected ? 'ok' : 'bad';
    }
    if (v === 'm-auth-token-case-insensitive') {
      // the whole value, lower-cased, against "basic <expected token>" lower-cased
      const expected = Buffer.from(`${c.user}:${c.password}`, 'utf8').toString('base64');
      return `${m[1]} ${m[2]}`.toLowerCase() === `basic ${expected}`.toLowerCase() ? 'ok' : 'bad';
    }
    if (v === 'm-auth-decoder-throws') {
      // a strict decoder that throws instead of returning "invalid"; nobody catches it
      decoded = decodeBasicStrict(m[2]);
      if (decoded === undefined) throw new Error('base64: illegal or non-canonical input');
    } else if (v === 'm-auth-token-trailing-garbage') {
      // the decoder stops at the first '=' and ignores whatever follows it
      if (!/^[A-Za-z0-9+/]+={0,2}/.test(m[2])) return 'bad';
      decoded = Buffer.from(m[2], 'base64').toString('utf8');
    } else if (v === 'm-auth-base64url-token') {
      // a "base64" helper that also takes the URL-safe alphabet and missing padding
      if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(m[2])) return 'bad';
      decoded = Buffer.from(m[2].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    } else {
      decoded = decodeBasicStrict(m[2]);
    }
  }
  if (decoded === undefined) return 'bad';
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'bad';
  let user = decoded.slice(0, colon);
  let pass = decoded.slice(colon + 1);
  if (v === 'm-auth-trims-user') user = user.trim();
  if (v === 'm-auth-trims-password') pass = pass.trim();
  if (v === 'm-auth-admin-any-password' && user === 'admin') return 'ok'; // built-in service account
  const userOk = v === 'm-auth-password-only' ? true : v === 'm-auth-user-case-insensitive' ? user.toLowerCase() === c.user.toLowerCase() : eq(user, c.user);
  let passOk: boolean;
  switch (v) {
    case 'm-auth-password-extended': // strncmp(given, configured, strlen(configured))
      passOk = pass.slice(0, c.password.length) === c.password;
      break;
    case 'm-auth-password-truncated': // strncmp(given, configured, strlen(given)), given non-empty
      passOk = pass.length > 0 && c.password.slice(0, pass.length) === pass;
      break;
    case 'm-auth-empty-password': // "no password given" is read as "no password set"
      passOk = pass === '' || eq(pass, c.password);
      break;
    default:
      passOk = eq(pass, c.password);
  }
  return userOk && passOk ? 'ok' : 'bad';
}

/**
 * The sloppy listener: same checks, order and status codes as zoo.ts, one rule broken per variant.
 * Returns undefined when the variant is not a listener mutation.
 */
export function listenerVerdict(c: MutCfg, req: http.IncomingMessage, url: URL): Verdict | undefined {
  if (!LISTENER_MUTATIONS.has(c.variant)) return undefined;
  try {
    return sloppyVerdict(c, req, url);
  } catch (e) {
    // a generic error handler answers 500; UNCAUGHT_LISTENER_THROWS propagate (zoo.ts drops the socket)
    if (ANSWER_500.has(c.variant)) return { refuse: { status: 500, reason: `Internal Server Error (${(e as Error).message})` } };
    throw e;
  }
}

/** Splits the raw query on & and = without percent-decoding anything (m-query-not-percent-decoded). */
function rawPairs(search: string): [string, string][] {
  return search.replace(/^\?/, '').split('&').filter((p) => p !== '').map((p) => {
    const i = p.indexOf('=');
    return i < 0 ? [p, ''] : [p.slice(0, i), p.slice(i + 1)];
  });
}

function sloppyVerdict(c: MutCfg, req: http.IncomingMessage, url: URL): Verdict {
  const v = c.variant;

  // raw query pairs (names case-insensitive, like the correct listener)
  const params = new Map<string, string[]>();
  for (const [k, val] of v === 'm-query-not-percent-decoded' ? rawPairs(url.search) : url.searchParams) {
    if (v === 'm-ncsid-one-spelling' && k.toLowerCase() === 'ncsid' && k !== 'ncsID') continue; // "nCSID" unknown
    const lk = k.toLowerCase();
    if (v === 'm-duplicate-param-500' && params.has(lk)) throw new Error(`duplicate query parameter "${k}"`);
    params.set(lk, [...(params.get(lk) ?? []), val]);
  }
  const rawChannel = params.get('channel')?.[0];
  const rawPassive = params.get('passive')?.[0];

  // --- credentials
  let skipAuth = false;
  if (v === 'm-auth-mom-only' && rawChannel !== undefined && rawChannel !== 'mom') skipAuth = true;
  if (v === 'm-auth-passive-unchecked' && rawPassive !== undefined && rawPassive.toLowerCase() === 'true') skipAuth = true;
  if (v === 'm-auth-duplicate-header-500' && (req.headersDistinct.authorization?.length ?? 0) > 1) {
    throw new Error('Authorization header given more than once');
  }
  if (!skipAuth) {
    const auth = checkAuthSloppy(c, req.headers.authorization);
    if (auth !== 'ok') {
      return { refuse: { status: 401, reason: auth === 'missing' ? 'Authorization required' : 'Invalid credentials', headers: CHALLENGE } };
    }
  }

  // --- parameters
  if (v === 'm-param-name-case-500') {
    // The optional and the configured parameters are collected into slots keyed by their documented
    // spelling ("passive") and their configured one ("apiKey"). "Is this one of ours or an unknown
    // parameter to ignore" was copied from the MOS-parameter code and compares lower-cased, the slot
    // lookup does not: Passive=true, PASSIVE=true or apikey= for a configured apiKey finds no slot
    // and is pushed into it anyway (TypeError), which the generic handler answers with 500. Names
    // spelled exactly as the proposal and the listenUrl spell them never get here.
    const slots = new Map<string, string[]>([['passive', []], ...(c.listenExtra ?? []).map((x): [string, string[]] => [x.name, []])]);
    const ours = new Set([...slots.keys()].map((k) => k.toLowerCase()));
    for (const [k, x] of url.searchParams) {
      if (ours.has(k.toLowerCase())) (slots.get(k) as string[]).push(x);
    }
  }
  const single = (name: string): string | undefined | null => {
    const vs = params.get(name);
    if (!vs) return undefined;
    if (v === 'm-mosid-duplicate-first-wins' && name === 'mosid') return vs[0];
    if (v === 'm-ncsid-any-duplicate-matches' && name === 'ncsid') return vs.includes(c.ncsId) ? c.ncsId : vs[0];
    if (v === 'm-passive-conflict-last-wins' && name === 'passive') return vs[vs.length - 1];
    // a query object that turns a repeated name into an array: array === 'true' is false, so a
    // repeated passive flag (same or different values) makes a normal socket
    if (v === 'm-passive-repeat-ignored' && name === 'passive' && vs.length > 1) return 'false';
    if (new Set(vs).size > 1) return null;
    return vs[0];
  };
  const mosID = single('mosid');
  const ncsID = single('ncsid');
  const channel = single('channel');
  let passiveRaw = single('passive');
  if (v === 'm-passive-name-exact') {
    // the flag is read as url.searchParams.get('passive'): PASSIVE=true or Passive=true is not seen
    const exact = url.searchParams.getAll('passive');
    passiveRaw = exact.length === 0 ? undefined : new Set(exact).size > 1 ? null : exact[0];
  }
  if (mosID === null || ncsID === null || channel === null || passiveRaw === null) {
    return { refuse: { status: 400, reason: 'Conflicting repeated MOS parameters' } };
  }
  if (v === 'm-missing-param-500') {
    // exact names, and an absent one dereferenced anyway (TypeError on null)
    const sp = url.searchParams;
    const get = (name: string): string => sp.get(name) as string;
    get('mosID').trim();
    (sp.get('ncsID') ?? get('nCSID')).trim();
    get('channel').trim();
  }
  const emptyNcsOk = v === 'm-ncsid-empty-accepted' && ncsID === '';
  const missing = [
    mosID === undefined || mosID === '' ? 'mosID' : '',
    (ncsID === undefined || ncsID === '') && !emptyNcsOk ? 'ncsID' : '',
    channel === undefined || channel === '' ? 'channel' : '',
  ].filter(Boolean);
  if (missing.length > 0) return { refuse: { status: 400, reason: `Missing URL parameter(s): ${missing.join(', ')}` } };

  // identities
  let m = mosID as string;
  let n = ncsID as string;
  if (v === 'm-mosid-trailing-space') m = m.trim();
  if (v === 'm-ncsid-trimmed') n = n.trim();
  if (v === 'm-ncsid-double-decoded') {
    try {
      n = decodeURIComponent(n);
    } catch {
      /* keep */
    }
  }
  let passive = false;
  let passiveBad = false;
  if (v === 'm-passive-absent-500' && passiveRaw === undefined) {
    // written for passive sockets only: passive.toLowerCase() on a normal request
    throw new TypeError("Cannot read properties of undefined (reading 'toLowerCase')");
  }
  if (v === 'm-passive-unexpected-500' && passiveRaw !== undefined && passiveRaw !== 'true' && passiveRaw !== 'false') {
    // switch (passive) { case 'true': ... case 'false': ... default: throw }
    throw new Error(`unexpected passive value ${JSON.stringify(passiveRaw)}`);
  }
  if (passiveRaw !== undefined) {
    const p = v === 'm-passive-trimmed' ? passiveRaw.trim().toLowerCase() : passiveRaw.toLowerCase();
    if (v === 'm-passive-any-value') passive = p !== 'false'; // "present means passive"
    else if (p === 'true') passive = true;
    else if (p !== 'false') passiveBad = true;
  }
  let checkIds = true;
  if (v === 'm-ids-mom-only' && channel !== 'mom') checkIds = false;
  if (v === 'm-ids-passive-unchecked' && passive) checkIds = false;
  if (checkIds) {
    const mosOk = v === 'm-mosid-case-insensitive' ? m.toLowerCase() === c.mosId.toLowerCase() : m === c.mosId;
    const ncsOk = emptyNcsOk || (v === 'm-ncsid-case-insensitive' ? n.toLowerCase() === c.ncsId.toLowerCase() : n === c.ncsId);
    if (!mosOk || !ncsOk) return { refuse: { status: 403, reason: `Unknown identity mosID=${mosID} ncsID=${ncsID}` } };
  }

  // channel
  let ch = channel as string;
  if (v === 'm-channel-case-insensitive') ch = ch.toLowerCase();
  if (v === 'm-channel-trimmed') ch = ch.trim();
  if (v === 'm-channel-prefix-match') {
    const known = ['mom', 'ro', 'aux'].find((k) => ch.startsWith(k));
    if (known) ch = known;
  }
  if (ch !== 'mom' && ch !== 'ro' && ch !== 'aux') return { refuse: { status: 400, reason: `Unknown channel "${channel}" (mom, ro or aux)` } };
  if (v === 'm-passive-parse-throws' && passiveRaw !== undefined) {
    const j: unknown = JSON.parse(passiveRaw); // SyntaxError for "", "TRUE", "yes", ... is not caught
    passive = j === true;
    passiveBad = j !== true && j !== false;
  }
  if (passiveBad) return { refuse: { status: 400, reason: `passive must be true or false, got "${passiveRaw}"` } };
  const extraFault = sloppyExtras(c, req, url, ch, passive);
  if (extraFault) return { refuse: extraFault };
  return { accept: { channel: ch as Channel, passive } };
}

/**
 * The configured extra parameters (--listen-extra), checked like the correct listener does (exact
 * name, exact value after one decoding; absent or conflicting repeats 400, other value 403), with
 * one rule broken per m-extra-* variant.
 */
function sloppyExtras(c: MutCfg, req: http.IncomingMessage, url: URL, channel: string, passive: boolean): { status: number; reason: string } | undefined {
  const v = c.variant;
  if (v === 'm-extra-mom-only' && channel !== 'mom') return undefined;
  if (v === 'm-extra-passive-unchecked' && passive) return undefined;
  const rawTarget = req.url ?? '';
  const rawQuery = rawTarget.includes('?') ? rawTarget.slice(rawTarget.indexOf('?') + 1) : '';
  for (const { name, value } of c.listenExtra ?? []) {
    let vs: string[];
    if (v === 'm-extra-name-case-insensitive') {
      vs = [...url.searchParams].filter(([k]) => k.toLowerCase() === name.toLowerCase()).map(([, x]) => x);
    } else if (v === 'm-extra-name-lowercased-lookup') {
      // names lower-cased into the map (as for mosID/ncsID), looked up as configured ("apiKey")
      const lower = new Map<string, string[]>();
      for (const [k, x] of url.searchParams) lower.set(k.toLowerCase(), [...(lower.get(k.toLowerCase()) ?? []), x]);
      vs = lower.get(name) ?? [];
    } else if (v === 'm-extra-raw-compare') {
      // the raw query text is compared with the text of the listener's own URL
      vs = rawPairs(rawQuery).filter(([k]) => k === encodeQueryComponent(name)).map(([, x]) => x);
    } else if (v === 'm-extra-value-not-decoded') {
      vs = rawPairs(rawQuery).filter(([k]) => k === name).map(([, x]) => x);
    } else {
      vs = url.searchParams.getAll(name);
    }
    if (v === 'm-extra-repeat-reset' && vs.length > 1) {
      // a single-value accessor meets an array; nobody catches the TypeError
      throw new TypeError(`query parameter "${name}" is an array`);
    }
    if (vs.length === 0) {
      if (v === 'm-extra-absent-accepted') continue; // "checked when present"
      return { status: 400, reason: `Missing configured URL parameter "${name}"` };
    }
    let given: string;
    if (v === 'm-extra-duplicate-last-wins') given = vs[vs.length - 1];
    else if (new Set(vs).size > 1) return { status: 400, reason: `Configured URL parameter "${name}" given more than once with different values` };
    else given = vs[0];
    if (v === 'm-extra-value-trimmed') given = given.trim();
    if (v === 'm-extra-double-decoded') {
      try {
        given = decodeURIComponent(given);
      } catch {
        /* keep */
      }
    }
    let ok: boolean;
    switch (v) {
      case 'm-extra-empty-accepted': // an empty value read as "no key required"
        ok = given === '' || eq(given, value);
        break;
      case 'm-extra-value-case-insensitive':
        ok = given.toLowerCase() === value.toLowerCase();
        break;
      case 'm-extra-value-truncated': // strncmp(given, configured, strlen(given)), given non-empty
        ok = given.length > 0 && value.startsWith(given);
        break;
      case 'm-extra-value-extended': // strncmp(given, configured, strlen(configured))
        ok = given.startsWith(value);
        break;
      case 'm-extra-value-substring': // an unanchored pattern: new RegExp(escaped configured value).test(given)
        ok = given.includes(value);
        break;
      case 'm-extra-value-unchecked': // presence is checked, the value never
        ok = true;
        break;
      case 'm-extra-raw-compare':
        ok = given === encodeQueryComponent(value);
        break;
      default: // m-extra-value-not-decoded compares the undecoded text here
        ok = eq(given, value);
    }
    if (!ok) return { status: 403, reason: `Wrong value for configured URL parameter "${name}"` };
  }
  return undefined;
}

// ================================================================ dialling side

export const DIAL_MUTATIONS = new Set([
  'm-dial-extra-param-twice',
  'm-dial-drop-last-extra-param',
  'm-dial-extra-value-uppercase',
  'm-dial-ro-foreign-mosid',
  'm-dial-mosid-trailing-space',
  'm-envelope-ids-differ-ro',
]);

/** The configured query (already stripped of '#', as zoo.ts keeps it) as sent by a sloppy dialler. */
export function dialExtraQuery(variant: string, query: string): string {
  if (query === '') return query;
  const parts = query.split('&').filter((p) => p !== '');
  switch (variant) {
    case 'm-dial-extra-param-twice': // the first configured parameter is appended once more
      return [...parts, parts[0]].join('&');
    case 'm-dial-drop-last-extra-param': // an off-by-one loop over the configured parameters
      return parts.slice(0, -1).join('&');
    case 'm-dial-extra-value-uppercase': // values normalised to upper case (names kept)
      return parts
        .map((p) => {
          const eqAt = p.indexOf('=');
          return eqAt < 0 ? p : `${p.slice(0, eqAt + 1)}${p.slice(eqAt + 1).toUpperCase()}`;
        })
        .join('&');
    default:
      return query;
  }
}

/** The mosID/ncsID values a sloppy dialler puts into the URL of one socket. */
export function dialIds(variant: string, channel: Channel, mosId: string, ncsId: string): { mosId: string; ncsId: string } {
  if (variant === 'm-dial-ro-foreign-mosid' && channel === 'ro') return { mosId: foreignId(mosId), ncsId };
  if (variant === 'm-dial-mosid-trailing-space') return { mosId: `${mosId} `, ncsId };
  return { mosId, ncsId };
}

/** "The ID of another connection": the configured ID with a .BACKUP suffix (a second, stale profile). */
export function foreignId(id: string): string {
  return `${id}.BACKUP`;
}

/** Rewrites an outgoing message's envelope IDs (m-envelope-ids-differ-ro: ro sockets only). */
export function outgoingXml(variant: string, channel: Channel, xml: string): string {
  if (variant !== 'm-envelope-ids-differ-ro' || channel !== 'ro') return xml;
  return xml.replace(/<mosID>([^<]*)<\/mosID>/, (_m, id: string) => `<mosID>${foreignId(id)}</mosID>`);
}

// ================================================================ stateful replies

export const STATE_MUTATIONS = new Set([
  'm-rolist-omits-last-story',
  'm-rolist-ignores-element-action',
  'm-mosobj-wrong-object',
  'm-roack-stale-roid',
  'm-keepalive-once-on-ro',
  'm-redial-doubling-uncapped',
  'm-redial-gives-up',
]);

/** The running order as a sloppy roReq handler lists it. */
export function roForList(variant: string, ro: RunningOrder): RunningOrder {
  if (variant !== 'm-rolist-omits-last-story' || ro.stories.length === 0) return ro;
  // for (i = 0; i < count - 1; i++): the last story is lost
  return { ...ro, stories: ro.stories.slice(0, -1) };
}

/** Does this variant acknowledge roElementAction without applying it? */
export function skipElementAction(variant: string): boolean {
  return variant === 'm-rolist-ignores-element-action';
}

/** mosReqObj lookup; m-mosobj-wrong-object answers objects after the first with their predecessor. */
export function lookupObject(variant: string, objects: Map<string, MosObject>, objID: string | undefined): MosObject | undefined {
  if (objID === undefined) return undefined;
  const o = objects.get(objID);
  if (!o || variant !== 'm-mosobj-wrong-object') return o;
  const list = [...objects.values()];
  const i = list.indexOf(o);
  return i > 0 ? list[i - 1] : o; // index - 1 in a 1-based lookup
}

/** roAck roID: m-roack-stale-roid names the running order created or replaced last. */
export class RoAckState {
  current?: string;
  constructor(readonly variant: () => string) {}
  /** Called with the roID of every roCreate/roReplace this side accepts. */
  created(roID: string): void {
    this.current = roID;
  }
  ackRoID(roID: string): string {
    if (this.variant() !== 'm-roack-stale-roid' || this.current === undefined) return roID;
    return this.current;
  }
}

/** m-keepalive-once-on-ro: ro sockets get a single keepAlive (a one-shot timer instead of an interval). */
export function keepAliveOnce(variant: string, channel: Channel): boolean {
  return variant === 'm-keepalive-once-on-ro' && channel === 'ro';
}

const failures = new WeakMap<object, number>();

/**
 * Re-dial delay for a dial slot whose socket closed (wasOpen: it had been open). Returns undefined
 * to keep the correct delay, null to give up on this socket for good. Both variants only touch the
 * re-connect logic (a socket that was open and dropped); the initial connection loop is correct.
 */
export function redialDelay(variant: string, retryMs: number, slot: object, wasOpen: boolean): number | null | undefined {
  if (variant !== 'm-redial-doubling-uncapped' && variant !== 'm-redial-gives-up') return undefined;
  if (wasOpen) {
    failures.set(slot, 0);
    return undefined;
  }
  const before = failures.get(slot);
  if (before === undefined) return undefined; // never open yet: the initial connection loop
  const n = before + 1;
  failures.set(slot, n);
  if (variant === 'm-redial-doubling-uncapped') return retryMs * 2 ** (n - 1); // 1x, 2x, 4x, 8x ... no cap
  return n >= 3 ? null : undefined;
}
