// The grammar of a MOS WebSocket connection request, and the probes derived from it.
//
// Every element a listening system must check (each query parameter, the Authorization header
// and its parts) is defined once, with the kind of value it carries. Mutation operators are
// applied to every element they fit; the answer a listener owes to each mutated request follows
// from the element's kind and the operator's effect (RULES), with the reason and the requirement
// that judges it. Nothing here is listed probe by probe: add an element or an operator and the
// table grows (docs/probe-table.md is generated from it). Pure data and functions: no I/O.
import { basicAuthHeader } from '../transport/basic-auth';

// ---- the request a probe sends

/** One query parameter as written on the wire: name and value already percent-encoded. */
export interface RawParam {
  name: string;
  value: string;
}

/** What a probe changes: the query (in order, encoded) and the Authorization header lines (none: no header). */
export interface ProbeRequest {
  query: RawParam[];
  authorization: string[];
}

/** What a probe is built from: the identities, the channel and kind of socket, the configured extras, the credentials. */
export interface ProbeContext {
  mosID: string;
  ncsID: string;
  /** The NCS ID parameter name the suite writes ("ncsID" or "nCSID"). */
  ncsIdParam: string;
  channel: string;
  passive: boolean;
  /** Extra parameters configured in the listening system's URL (kept in their order). */
  extras: RawParam[];
  credentials?: { username: string; password: string };
  /** A fresh random text (for random passwords); given by the caller so that this module stays pure. */
  random: string;
}

const enc = (s: string): string => encodeURIComponent(s);

/** The correct request of a context: configured extras first, then the MOS parameters (as lib/transport/url.ts writes them). */
export function correctRequest(c: ProbeContext): ProbeRequest {
  return {
    query: [...c.extras, { name: 'mosID', value: enc(c.mosID) }, { name: c.ncsIdParam, value: enc(c.ncsID) }, { name: 'channel', value: c.channel }, ...(c.passive ? [{ name: 'passive', value: 'true' }] : [])],
    authorization: c.credentials ? [basicAuthHeader(c.credentials)] : [],
  };
}

/** The query string of a request (without "?"). */
export function queryString(r: ProbeRequest): string {
  return r.query.map((p) => `${p.name}=${p.value}`).join('&');
}

// ---- elements

/**
 * The kind of value an element carries, which decides what a listener owes to a mutation of it:
 * - identity: a configured mosID/ncsID (compared with the configuration),
 * - enum: one of a few words (channel: mom, ro, aux),
 * - flag: an optional switch (passive=true),
 * - configured: an extra parameter configured in the listener's URL,
 * - added: a parameter the listener was not configured with,
 * - header / scheme / token / user / password: the Authorization header and its parts.
 */
export type ElementKind = 'identity' | 'enum' | 'flag' | 'configured' | 'added' | 'header' | 'scheme' | 'token' | 'user' | 'password';

export interface Element {
  id: string;
  kind: ElementKind;
  /** Where it travels. */
  in: 'query' | 'authorization';
  describe: string;
  /** The element exists in this context (passive only on passive sockets, extras only when configured, credentials only when configured). */
  present(c: ProbeContext): boolean;
  /** Query elements: the parameter name in this context. */
  param?: (c: ProbeContext) => string;
}

export const ELEMENTS: readonly Element[] = [
  { id: 'mosID', kind: 'identity', in: 'query', describe: 'the mosID parameter', present: () => true, param: () => 'mosID' },
  { id: 'ncsID', kind: 'identity', in: 'query', describe: 'the NCS ID parameter (ncsID or nCSID)', present: () => true, param: (c) => c.ncsIdParam },
  { id: 'channel', kind: 'enum', in: 'query', describe: 'the channel parameter', present: () => true, param: () => 'channel' },
  { id: 'passive', kind: 'flag', in: 'query', describe: 'the passive=true flag (passive sockets)', present: (c) => c.passive, param: () => 'passive' },
  { id: 'extra', kind: 'configured', in: 'query', describe: "the first extra parameter configured in the listener's URL", present: (c) => c.extras.length > 0, param: (c) => c.extras[0]!.name },
  { id: 'added', kind: 'added', in: 'query', describe: 'a query parameter the listener was not configured with', present: () => true },
  { id: 'Authorization', kind: 'header', in: 'authorization', describe: 'the Authorization header', present: (c) => !!c.credentials },
  { id: 'scheme', kind: 'scheme', in: 'authorization', describe: 'the scheme word "Basic"', present: (c) => !!c.credentials },
  { id: 'token', kind: 'token', in: 'authorization', describe: 'the base64 token', present: (c) => !!c.credentials },
  { id: 'user', kind: 'user', in: 'authorization', describe: 'the user name', present: (c) => !!c.credentials },
  { id: 'password', kind: 'password', in: 'authorization', describe: 'the password', present: (c) => !!c.credentials },
];

// ---- operators

/**
 * What an operator does to the value, which (with the element's kind) decides the expected answer:
 * - removes / empties: the element is absent or empty,
 * - same: the value is unchanged in meaning (a repetition, or another encoding of the same text),
 * - neighbour: a near-miss a lenient comparison would let through (letter case, whitespace, a truncation),
 * - foreign: another value (prefixed, suffixed, unrelated),
 * - ambiguous: two values at once,
 * - rename: the parameter name changes (its letter case),
 * - alias: the parameter under another name the text gives it (nCSID for ncsID),
 * - adds: a parameter is added.
 */
export type Effect = 'removes' | 'empties' | 'same' | 'encoded' | 'neighbour' | 'foreign' | 'ambiguous' | 'rename' | 'alias' | 'adds';

export interface Operator {
  id: string;
  effect: Effect;
  describe: string;
  /** The element kinds it applies to. */
  kinds: readonly ElementKind[];
  /** Only these elements (by id), when narrower than the kinds. */
  only?: readonly string[];
  /** The mutated request, or undefined when the operator changes nothing here (e.g. a value without letters). */
  apply(r: ProbeRequest, e: Element, c: ProbeContext): ProbeRequest | undefined;
}

const QUERY_KINDS: readonly ElementKind[] = ['identity', 'enum', 'flag', 'configured'];

/** The request with the (first) parameter of an element changed by `f` (undefined: removed; an array: several). */
function onParam(r: ProbeRequest, e: Element, c: ProbeContext, f: (p: RawParam) => RawParam | RawParam[] | undefined): ProbeRequest | undefined {
  const name = e.param!(c);
  const i = r.query.findIndex((p) => p.name === name);
  if (i < 0) return undefined;
  const out = f(r.query[i]!);
  const list = out === undefined ? [] : Array.isArray(out) ? out : [out];
  return { ...r, query: [...r.query.slice(0, i), ...list, ...r.query.slice(i + 1)] };
}

const dec = (v: string): string => decodeURIComponent(v);
/** Swap the letter case of a text; undefined when it has no letters. */
function swapCase(s: string): string | undefined {
  const t = [...s].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join('');
  return t === s ? undefined : t;
}
/** Every character percent-encoded (%XX of its UTF-8 bytes), also the unreserved ones. */
function percentAll(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
/** A value of the element's kind that is not the configured one. */
function foreignValue(e: Element): string {
  return e.kind === 'enum' ? 'video' : e.kind === 'flag' ? 'yes' : 'NOT.CONFIGURED';
}

// Authorization: read and rebuild the parts of the (first) Basic header.
interface BasicParts {
  scheme: string;
  token: string;
  user: string;
  password: string;
}
function parts(c: ProbeContext): BasicParts {
  const { username, password } = c.credentials!;
  return { scheme: 'Basic', token: b64(`${username}:${password}`), user: username, password };
}
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const header = (p: { scheme: string; token: string }): string => (p.scheme === '' ? p.token : `${p.scheme} ${p.token}`);
function withCredentials(r: ProbeRequest, user: string, password: string): ProbeRequest {
  return { ...r, authorization: [`Basic ${b64(`${user}:${password}`)}`] };
}

/** A change to one part of the Basic credentials (user or password), or to the header text. */
function onAuth(r: ProbeRequest, e: Element, c: ProbeContext, f: (value: string) => string | undefined): ProbeRequest | undefined {
  const p = parts(c);
  switch (e.kind) {
    case 'user': {
      const v = f(p.user);
      return v === undefined ? undefined : withCredentials(r, v, p.password);
    }
    case 'password': {
      const v = f(p.password);
      return v === undefined ? undefined : withCredentials(r, p.user, v);
    }
    case 'scheme': {
      const v = f(p.scheme);
      return v === undefined ? undefined : { ...r, authorization: [header({ scheme: v, token: p.token })] };
    }
    case 'token': {
      const v = f(p.token);
      return v === undefined ? undefined : { ...r, authorization: [header({ scheme: p.scheme, token: v })] };
    }
    default:
      return undefined;
  }
}


export const OPERATORS: readonly Operator[] = [
  {
    id: 'absent', effect: 'removes', describe: 'left out', kinds: [...QUERY_KINDS, 'header', 'scheme', 'user'],
    apply: (r, e, c) => {
      if (e.in === 'query') return onParam(r, e, c, () => undefined);
      if (e.kind === 'header') return { ...r, authorization: [] };
      if (e.kind === 'scheme') return { ...r, authorization: [parts(c).token] };
      return withCredentials(r, '', parts(c).password);
    },
  },
  {
    id: 'empty', effect: 'empties', describe: 'empty', kinds: [...QUERY_KINDS, 'token', 'password'],
    apply: (r, e, c) => (e.in === 'query' ? onParam(r, e, c, (p) => ({ ...p, value: '' })) : onAuth(r, e, c, () => '')),
  },
  {
    id: 'duplicated', effect: 'same', describe: 'given twice with the same value', kinds: [...QUERY_KINDS, 'header'],
    apply: (r, e, c) => (e.in === 'query' ? onParam(r, e, c, (p) => [p, p]) : { ...r, authorization: [r.authorization[0]!, r.authorization[0]!] }),
  },
  {
    id: 'duplicated-conflicting', effect: 'ambiguous', describe: 'given twice, once with a foreign value', kinds: [...QUERY_KINDS, 'header'],
    apply: (r, e, c) => {
      if (e.in === 'query') return onParam(r, e, c, (p) => [p, { ...p, value: foreignValue(e) }]);
      const wrong = `Basic ${b64(`${parts(c).user}:${c.random}`)}`;
      return { ...r, authorization: [wrong, r.authorization[0]!] };
    },
  },
  {
    // The same pair in the other order: a parser that keeps the first value and one that keeps the
    // last each answer one order right by accident. Not for the Authorization header: the correct
    // credentials first and wrong ones after let no one in who lacks them (#96 item 8).
    id: 'duplicated-conflicting-reversed', effect: 'ambiguous', describe: 'given twice, once with a foreign value, in the other order', kinds: QUERY_KINDS,
    apply: (r, e, c) => onParam(r, e, c, (p) => [{ ...p, value: foreignValue(e) }, p]),
  },
  {
    id: 'other-spelling', effect: 'alias', describe: 'under the other spelling the proposal uses (ncsID / nCSID)', kinds: ['identity'], only: ['ncsID'],
    apply: (r, e, c) => (e.id === 'ncsID' ? onParam(r, e, c, (p) => ({ ...p, name: p.name === 'ncsID' ? 'nCSID' : 'ncsID' })) : undefined),
  },
  {
    id: 'name-case-changed', effect: 'rename', describe: 'its name in other letter case', kinds: QUERY_KINDS,
    apply: (r, e, c) => onParam(r, e, c, (p) => ({ ...p, name: swapCase(p.name) ?? p.name })),
  },
  {
    id: 'case-changed', effect: 'neighbour', describe: 'its value in other letter case', kinds: [...QUERY_KINDS, 'scheme', 'token', 'user', 'password'],
    apply: (r, e, c) => {
      if (e.in === 'query') {
        const name = e.param!(c);
        const v = r.query.find((p) => p.name === name);
        const swapped = v ? swapCase(dec(v.value)) : undefined;
        return swapped === undefined ? undefined : onParam(r, e, c, (p) => ({ ...p, value: enc(swapped) }));
      }
      return onAuth(r, e, c, swapCase);
    },
  },
  {
    id: 'padded', effect: 'neighbour', describe: 'padded with a space on each side', kinds: [...QUERY_KINDS, 'user', 'password'],
    apply: (r, e, c) => (e.in === 'query' ? onParam(r, e, c, (p) => ({ ...p, value: `%20${p.value}%20` })) : onAuth(r, e, c, (v) => ` ${v} `)),
  },
  {
    id: 'truncated', effect: 'neighbour', describe: 'its last character cut off', kinds: ['identity', 'configured', 'user', 'password'],
    apply: (r, e, c) => {
      if (e.in === 'authorization') return onAuth(r, e, c, (v) => (v.length > 1 ? v.slice(0, -1) : undefined));
      return onParam(r, e, c, (p) => {
        const v = dec(p.value);
        return v.length > 1 ? { ...p, value: enc(v.slice(0, -1)) } : p;
      });
    },
  },
  {
    id: 'prefixed', effect: 'foreign', describe: 'with a character before it', kinds: [...QUERY_KINDS, 'scheme', 'token', 'user', 'password'],
    apply: (r, e, c) => (e.in === 'query' ? onParam(r, e, c, (p) => ({ ...p, value: `X${p.value}` })) : onAuth(r, e, c, (v) => `X${v}`)),
  },
  {
    id: 'suffixed', effect: 'foreign', describe: 'extended by a character', kinds: [...QUERY_KINDS, 'scheme', 'token', 'user', 'password'],
    apply: (r, e, c) => (e.in === 'query' ? onParam(r, e, c, (p) => ({ ...p, value: `${p.value}X` })) : onAuth(r, e, c, (v) => `${v}X`)),
  },
  {
    id: 'foreign', effect: 'foreign', describe: 'another value', kinds: [...QUERY_KINDS, 'scheme', 'password'],
    apply: (r, e, c) => {
      if (e.in === 'query') return onParam(r, e, c, (p) => ({ ...p, value: foreignValue(e) }));
      if (e.kind === 'scheme') return onAuth(r, e, c, () => 'Bearer');
      return onAuth(r, e, c, () => c.random);
    },
  },
  {
    id: 'common-account', effect: 'foreign', describe: 'a common account name (admin, root, mos, ...) with a random password', kinds: ['user'],
    apply: (r, _e, c) => {
      const others = COMMON_ACCOUNTS.filter((a) => a !== c.credentials!.username);
      return withCredentials(r, others[c.random.length % others.length]!, c.random);
    },
  },
  {
    id: 'percent-encoded', effect: 'encoded', describe: 'every character percent-encoded', kinds: QUERY_KINDS,
    apply: (r, e, c) => onParam(r, e, c, (p) => ({ ...p, value: percentAll(dec(p.value)) })),
  },
  {
    // Decoded once (RFC 3986 §2.4), the value is "%XX..." — not the configured one: a listener that
    // decodes twice takes it for the configured value.
    id: 'percent-encoded-twice', effect: 'foreign', describe: 'every character percent-encoded twice (%25%XX%XX)', kinds: ['identity', 'enum', 'configured'],
    apply: (r, e, c) => onParam(r, e, c, (p) => ({ ...p, value: percentAll(percentAll(dec(p.value))) })),
  },
  {
    id: 'base64-unpadded', effect: 'encoded', describe: 'base64 without its "=" padding', kinds: ['token'],
    apply: (r, e, c) => onAuth(r, e, c, (v) => (v.endsWith('=') ? v.replace(/=+$/, '') : undefined)),
  },
  {
    id: 'base64url', effect: 'encoded', describe: 'in the base64url alphabet ("-" and "_" for "+" and "/")', kinds: ['token'],
    apply: (r, e, c) => onAuth(r, e, c, (v) => (/[+/]/.test(v) ? v.replace(/\+/g, '-').replace(/\//g, '_') : undefined)),
  },
  {
    id: 'base64-percent-encoded', effect: 'encoded', describe: 'with its "=" padding percent-encoded (%3D)', kinds: ['token'],
    apply: (r, e, c) => onAuth(r, e, c, (v) => (v.endsWith('=') ? v.replace(/=/g, '%3D') : undefined)),
  },
  {
    id: 'not-base64', effect: 'foreign', describe: 'not base64 at all', kinds: ['token'],
    apply: (r, e, c) => onAuth(r, e, c, () => '%%not-base64%%'),
  },
  {
    id: 'added', effect: 'adds', describe: 'a parameter the listener does not know, added', kinds: ['added'],
    apply: (r) => ({ ...r, query: [...r.query, { name: 'vendorOption', value: 'x%20y' }] }),
  },
];

/** Account names a careless system might have left open; probed with a random password. */
export const COMMON_ACCOUNTS: readonly string[] = ['admin', 'root', 'mos', 'user', 'guest', 'test'];

// ---- expected answers

/**
 * What a listener owes a probe:
 * - accept: the upgrade (101),
 * - refuse: an HTTP 4xx refusal, no upgrade (the proposal fixes no status for a bad parameter),
 * - refuse-401: HTTP 401 with a Basic challenge (RFC 7235 for missing or wrong credentials),
 * - either: the text allows both; only a definite answer (101 or 4xx) is owed.
 */
export type Expected = 'accept' | 'refuse' | 'refuse-401' | 'either';

export interface Expectation {
  expected: Expected;
  /** The requirement that judges the answer (its level decides Fail or Warning). */
  requirement: string;
  reason: string;
}

const MUST_PARAMS = 'proposal, Required URL Parameters: mosID, nCSID and channel "MUST be provided for each web socket connection request"';
const IDS_AUTHENTICATE = 'proposal, Technical Details: the parameters are provided "to authenticate the connection"; an identity the listener is not configured for is refused';
const CHANNELS_ARE = 'proposal, Required URL Parameters: channel takes the values "ro", "mom" and "aux"';
const SILENT = 'the proposal is silent (docs/interpretations.md #96): a SHOULD';
const RFC3986 = 'RFC 3986 §2.3/§6.2.2.2: a percent-encoded unreserved character is that character; URLs are read after decoding';
const ONCE = 'RFC 3986 §2.4: a string is not decoded more than once, and decoded once this value is not the configured one';
const BASIC = 'proposal, Authentication: a username/password on the HTTP Authorization header with the "Basic" schema; RFC 7235 §3.1: missing or wrong credentials get 401 with a challenge';
const EITHER = 'the text allows both answers (docs/interpretations.md #96); only a definite one (the upgrade or a 4xx) is owed';

/** The answer owed to `op` applied to an element of `kind`; undefined: the pair is not probed. */
export function expectationFor(kind: ElementKind, op: Operator, element?: Element): Expectation | undefined {
  const e = op.effect;
  const either: Expectation = { expected: 'either', requirement: 'MOSWS-TRANSPORT-3', reason: EITHER };
  switch (kind) {
    case 'identity':
      if (e === 'removes' || e === 'empties') return { expected: 'refuse', requirement: 'MOSWS-URL-1', reason: MUST_PARAMS };
      if (op.id === 'percent-encoded-twice') return { expected: 'refuse', requirement: 'MOSWS-URL-2', reason: `${IDS_AUTHENTICATE}; ${ONCE}` };
      if (e === 'foreign' || op.id === 'truncated') return { expected: 'refuse', requirement: 'MOSWS-URL-2', reason: IDS_AUTHENTICATE };
      if (e === 'alias') return { expected: 'accept', requirement: 'MOSWS-URL-6', reason: 'the proposal spells the NCS ID parameter ncsID (its example URLs) and nCSID (its parameter list)' };
      if (e === 'neighbour') return { expected: 'refuse', requirement: 'MOSWS-URL-8', reason: `a near-miss of the configured identity (${op.describe}): whether identities compare exactly is not written; ${SILENT}` };
      if (e === 'ambiguous') return { expected: 'refuse', requirement: 'MOSWS-URL-8', reason: `two identities at once, one foreign; ${SILENT}` };
      if (e === 'encoded') return { expected: 'accept', requirement: 'MOSWS-URL-8', reason: RFC3986 };
      if (e === 'same') return { ...either, reason: `a repetition of the same value: ${EITHER}` };
      if (e === 'rename') return element?.id === 'ncsID'
        ? { ...either, reason: `the proposal spells the NCS ID parameter both ncsID and nCSID and fixes no letter case for parameter names: ${EITHER}` }
        : { ...either, reason: `the letter case of parameter names is not fixed: ${EITHER}` };
      return undefined;
    case 'enum':
      if (e === 'removes' || e === 'empties' || e === 'foreign') return { expected: 'refuse', requirement: 'MOSWS-URL-1', reason: `${MUST_PARAMS}; ${CHANNELS_ARE}` };
      if (e === 'neighbour') return { expected: 'refuse', requirement: 'MOSWS-URL-8', reason: `${CHANNELS_ARE} in lower case; whether "${op.describe}" is the same channel is not written; ${SILENT}` };
      if (e === 'ambiguous') return { expected: 'refuse', requirement: 'MOSWS-URL-8', reason: `two channels at once; ${SILENT}` };
      if (e === 'encoded') return { expected: 'accept', requirement: 'MOSWS-URL-8', reason: RFC3986 };
      if (e === 'same' || e === 'rename') return either;
      return undefined;
    case 'flag':
      if (e === 'encoded') return { expected: 'accept', requirement: 'MOSWS-URL-8', reason: RFC3986 };
      // Without passive=true the request is a normal one: the normal-kind control judges it where the
      // system declares normal sockets, and one that serves only passive sockets may refuse it.
      if (e === 'removes') return { ...either, reason: `without passive=true the request is a normal connection request, judged by the normal-kind control where the system accepts normal sockets; a listener serving only passive sockets may refuse it: ${EITHER}` };
      // The proposal names only passive=true: what another value means is not written.
      return { ...either, reason: `the proposal names only "passive=true"; what passive ${op.describe} means is not written: ${EITHER}` };
    case 'configured':
      if (e === 'removes' || e === 'empties' || e === 'foreign' || e === 'neighbour' || e === 'ambiguous') {
        return { expected: 'refuse', requirement: 'MOSWS-URL-8', reason: `proposal, Required URL Parameters: "any other parameters configured in the URL" (API key, user name, ...) are provided with each request; that the listener then checks them is not written; ${SILENT}` };
      }
      if (e === 'encoded') return { expected: 'accept', requirement: 'MOSWS-URL-8', reason: RFC3986 };
      if (e === 'same' || e === 'rename') return either;
      return undefined;
    case 'added':
      return { expected: 'accept', requirement: 'MOSWS-URL-3', reason: 'proposal, Technical Details: "you should pass along any additional query parameters" — a listener accepts parameters beyond the MOS ones' };
    case 'header':
      if (e === 'removes') return { expected: 'refuse-401', requirement: 'MOSWS-AUTH-2', reason: BASIC };
      if (e === 'same') return either;
      if (e === 'ambiguous') return { expected: 'refuse', requirement: 'MOSWS-AUTH-4', reason: `two Authorization headers, the first wrong (RFC 9110 §5.3: not a list header, so not to be combined); ${SILENT}` };
      return undefined;
    case 'scheme':
      if (e === 'removes' || e === 'empties' || e === 'foreign') return { expected: 'refuse-401', requirement: 'MOSWS-AUTH-2', reason: BASIC };
      if (e === 'neighbour') return { expected: 'accept', requirement: 'MOSWS-AUTH-4', reason: 'RFC 7235 §2.1: the authentication scheme is a case-insensitive token; the proposal only names "Basic", so a SHOULD' };
      return undefined;
    case 'token':
      // A character after the token leaves the decoded credentials as they were for a lenient decoder (trailing bits are dropped).
      if (op.id === 'suffixed') return { ...either, reason: `a lenient base64 decoder drops the trailing character and reads the same credentials; the proposal quotes "a variant of Base64": ${EITHER}` };
      if (e === 'empties' || e === 'foreign') return { expected: 'refuse-401', requirement: 'MOSWS-AUTH-2', reason: BASIC };
      if (e === 'neighbour') return { expected: 'refuse-401', requirement: 'MOSWS-AUTH-2', reason: `${BASIC}; base64 is case-sensitive, so the token decodes to other credentials` };
      if (e === 'encoded') return { ...either, reason: `the proposal quotes "a variant of Base64"; which variants a listener reads is not written: ${EITHER}` };
      return undefined;
    case 'user':
      if (e === 'removes' || e === 'foreign') return { expected: 'refuse-401', requirement: 'MOSWS-AUTH-2', reason: BASIC };
      if (op.id === 'truncated') return { expected: 'refuse-401', requirement: 'MOSWS-AUTH-2', reason: `${BASIC}: a prefix of the user name is another user` };
      if (e === 'neighbour') return { expected: 'refuse', requirement: 'MOSWS-AUTH-4', reason: `whether user names compare in letter case or trimmed is not written (RFC 7617 leaves it to the server); ${SILENT}` };
      return undefined;
    case 'password':
      if (e === 'empties' || e === 'foreign') return { expected: 'refuse-401', requirement: 'MOSWS-AUTH-2', reason: `${BASIC}: the configured user with another password` };
      if (op.id === 'truncated' || op.id === 'case-changed') return { expected: 'refuse-401', requirement: 'MOSWS-AUTH-2', reason: `${BASIC}: the configured user with another password (${op.describe})` };
      if (op.id === 'padded') return { expected: 'refuse', requirement: 'MOSWS-AUTH-4', reason: `a password with surrounding spaces; whether a listener trims passwords is not written; ${SILENT}` };
      return undefined;
  }
}

// ---- the table

export interface ProbeRow extends Expectation {
  /** element/operator, stable: the id a zoo variant or a report refers to. */
  id: string;
  element: Element;
  operator: Operator;
}

/** Every element × operator pair that is probed, with its expected answer (independent of the context). */
export function probeRows(): ProbeRow[] {
  const rows: ProbeRow[] = [];
  for (const element of ELEMENTS) {
    for (const operator of OPERATORS) {
      if (!operator.kinds.includes(element.kind) || (operator.only && !operator.only.includes(element.id))) continue;
      const x = expectationFor(element.kind, operator, element);
      if (x) rows.push({ id: `${element.id}/${operator.id}`, element, operator, ...x });
    }
  }
  return rows;
}

/** The baseline: the correct request, which must be accepted for any refusal to count. */
export const CONTROL_ID = 'control/correct';

export interface Probe {
  row: ProbeRow;
  channel: string;
  passive: boolean;
  request: ProbeRequest;
}

/** The probes of a context: every row whose element exists there and whose operator changes something. */
export function probesFor(c: ProbeContext, rows: readonly ProbeRow[] = probeRows()): Probe[] {
  const base = correctRequest(c);
  const out: Probe[] = [];
  for (const row of rows) {
    if (!row.element.present(c)) continue;
    const request = row.operator.apply(base, row.element, c);
    if (!request || sameRequest(request, base)) continue;
    out.push({ row, channel: c.channel, passive: c.passive, request });
  }
  return out;
}

function sameRequest(a: ProbeRequest, b: ProbeRequest): boolean {
  return queryString(a) === queryString(b) && a.authorization.join('\n') === b.authorization.join('\n');
}

/** How an answer compares with what was owed: 'ok', or what is wrong (`badParamStatus`: the status a configuration fixes for a refused URL). */
export type ProbeAnswer =
  | { kind: 'upgraded' }
  | { kind: 'refused'; status: number; basicChallenge: boolean }
  /** Upgraded, then closed by the system before any MOS message (counted as a refusal where the configuration allows it). */
  | { kind: 'closed' }
  /** `defect`: the system answered, but against the RFCs (SEC-WS-1, SEC-TLS-2: lib/transport/connect-error.ts). */
  | { kind: 'none'; reason: string; defect?: 'SEC-WS-1' | 'SEC-TLS-2' };

/**
 * How an answer compares with what was owed. `ok` judges the row's own requirement; `indefinite`
 * says when the answer was neither the upgrade nor a 4xx refusal (a 5xx, a reset, silence), which
 * MOSWS-TRANSPORT-3 judges for every row (no upgrade still refuses the request).
 * `badParamStatus`: the status a configuration fixes for a refused URL.
 */
export function judgeAnswer(expected: Expected, answer: ProbeAnswer, badParamStatus?: number): { ok: boolean; why?: string; indefinite?: string } {
  const indefinite = answer.kind === 'none' ? `no answer: ${answer.reason}` : answer.kind === 'refused' && (answer.status < 400 || answer.status > 499) ? `answered HTTP ${answer.status}, neither the upgrade nor a 4xx refusal` : undefined;
  const r = (ok: boolean, why?: string) => ({ ok, ...(why ? { why } : {}), ...(indefinite ? { indefinite } : {}) });
  switch (expected) {
    case 'either':
      return r(true);
    case 'accept':
      if (answer.kind === 'upgraded') return r(true);
      if (answer.kind === 'closed') return r(false, 'upgraded, then closed by the system before any MOS message (a refusal), expected the upgrade');
      return r(false, answer.kind === 'none' ? `expected the upgrade, got ${indefinite}` : `refused with HTTP ${answer.status}, expected the upgrade`);
    case 'refuse':
      if (answer.kind === 'upgraded') return r(false, 'accepted (the upgrade succeeded), expected a 4xx refusal');
      if (answer.kind === 'refused' && !indefinite && badParamStatus !== undefined && answer.status !== badParamStatus) return r(false, `refused with HTTP ${answer.status}, the configuration expects ${badParamStatus}`);
      return r(true);
    case 'refuse-401':
      if (answer.kind === 'upgraded') return r(false, 'accepted (the upgrade succeeded), expected 401');
      if (answer.kind === 'closed') return r(false, 'upgraded, then closed before any MOS message; missing or wrong credentials get 401 before the upgrade');
      if (answer.kind === 'none') return r(false, `expected 401, got ${indefinite}`);
      if (answer.status !== 401) return r(false, `refused with HTTP ${answer.status}, expected 401`);
      if (!answer.basicChallenge) return r(false, 'refused with 401 but without a WWW-Authenticate: Basic challenge (RFC 7235 §3.1)');
      return r(true);
  }
}

/** One line per row, for docs and tests: element × operator → expected (requirement). */
export function describeRow(r: ProbeRow): string {
  return `${r.element.id} ${r.operator.describe} → ${r.expected} (${r.requirement})`;
}

/** The scenario that sends the probes of each requirement (features/mos-ws/probes-listening.feature). */
export const PROBE_SCENARIOS: Readonly<Record<string, string>> = {
  'MOSWS-URL-1': 'Probes: required parameters left out, empty or garbled are refused on every channel and socket kind',
  'MOSWS-URL-2': 'Probes: identities the listener is not configured for are refused on every channel and socket kind',
  'MOSWS-URL-3': 'Probes: parameters the listener does not know are accepted on every channel and socket kind',
  'MOSWS-URL-6': 'Probes: the NCS ID is accepted under both spellings on every channel and socket kind',
  'MOSWS-URL-8': 'Probes: near-misses of identities, channel and configured parameters are refused, other encodings of them accepted',
  'MOSWS-AUTH-2': 'Probes: missing or wrong credentials are refused with 401 on every channel and socket kind',
  'MOSWS-AUTH-4': 'Probes: near-misses of the credentials are refused, the scheme word in any letter case accepted',
  'MOSWS-TRANSPORT-3': 'Probes: requests the proposal lets a listener accept or refuse get a definite answer',
};
