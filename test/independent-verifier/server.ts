/**
 * Independent verification component (distribution server) for Opencast-style
 * signed URLs, with deliberately deviating variants.
 *
 *   node dist/test/independent-verifier/server.js --root DIR --keys FILE
 *        --listen 127.0.0.1:0 --strict on|off --flavor java|apache --variant NAME
 *        [--now-offset-ms N] [--fixed-now-ms T]
 *
 * Built from Opencast's stream security guide, the facts file read from
 * Opencast's code, and Opencast's published verifier sources as reference.
 * Node.js built-ins only. See README.md in this directory.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CORRECT, Flavor, findVariant, variantApplies } from './variants';
import { policyJson } from './sign';

// ------------------------------------------------------------------ config

export interface Config {
  root: string;
  keys: Map<string, string>;
  listenHost: string;
  listenPort: number;
  strict: boolean;
  flavor: Flavor;
  variant: string;
  nowOffsetMs: number;
  fixedNowMs?: number;
}

const SIGNING_PARAMS = ['policy', 'keyId', 'signature'] as const;
type SigningParam = (typeof SIGNING_PARAMS)[number];

/** Parse a keys file: one `key.<keyId>=<secret>` per line; other lines and `#`/`!` comments are ignored. */
export function parseKeys(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    if (!line.startsWith('key.')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const id = line.slice(4, eq).trim();
    const secret = line.slice(eq + 1).trim();
    if (id === '' || secret === '') continue; // Opencast refuses empty secrets; we skip them
    keys.set(id, secret);
  }
  return keys;
}

function usage(msg: string): never {
  process.stderr.write(`server: ${msg}\n` +
    'usage: server.js --root DIR --keys FILE [--listen HOST:PORT] [--strict on|off] [--flavor java|apache]\n' +
    '                 [--variant NAME] [--now-offset-ms N] [--fixed-now-ms EPOCH_MS]\n');
  process.exit(2);
}

function parseListen(s: string): { host: string; port: number } {
  let host: string;
  let portText: string;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0 || s[close + 1] !== ':') usage(`bad --listen ${s}`);
    host = s.slice(1, close);
    portText = s.slice(close + 2);
  } else {
    const colon = s.lastIndexOf(':');
    if (colon < 0) usage(`bad --listen ${s}`);
    host = s.slice(0, colon);
    portText = s.slice(colon + 1);
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) usage(`bad port in --listen ${s}`);
  return { host, port: Number(portText) };
}

function parseArgs(argv: string[]): Config {
  const opts = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) usage(`unexpected argument ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) { opts.set(a.slice(2, eq), a.slice(eq + 1)); continue; }
    const v = argv[i + 1];
    if (v === undefined) usage(`missing value for ${a}`);
    opts.set(a.slice(2), v);
    i++;
  }
  const known = new Set(['root', 'keys', 'listen', 'strict', 'flavor', 'variant', 'now-offset-ms', 'fixed-now-ms']);
  for (const k of opts.keys()) if (!known.has(k)) usage(`unknown option --${k}`);
  const root = opts.get('root');
  const keysFile = opts.get('keys');
  if (!root) usage('--root is required');
  if (!keysFile) usage('--keys is required');
  const strictText = opts.get('strict') ?? 'on';
  if (strictText !== 'on' && strictText !== 'off') usage('--strict must be on or off');
  const flavor = opts.get('flavor') ?? 'java';
  if (flavor !== 'java' && flavor !== 'apache') usage('--flavor must be java or apache');
  const variant = opts.get('variant') ?? CORRECT;
  if (variant !== CORRECT && !findVariant(variant)) usage(`unknown --variant ${variant}`);
  const offText = opts.get('now-offset-ms') ?? '0';
  if (!/^-?\d+$/.test(offText)) usage('--now-offset-ms must be an integer');
  const fixedText = opts.get('fixed-now-ms');
  if (fixedText !== undefined && !/^-?\d+$/.test(fixedText)) usage('--fixed-now-ms must be an integer');
  const listen = parseListen(opts.get('listen') ?? '127.0.0.1:0');
  let rootReal: string;
  try {
    rootReal = fs.realpathSync(root);
    if (!fs.statSync(rootReal).isDirectory()) usage(`--root ${root} is not a directory`);
  } catch {
    usage(`--root ${root} does not exist`);
  }
  let keys: Map<string, string>;
  try {
    keys = parseKeys(fs.readFileSync(keysFile, 'utf8'));
  } catch (e) {
    usage(`cannot read --keys ${keysFile}: ${(e as Error).message}`);
  }
  return {
    root: rootReal,
    keys,
    listenHost: listen.host,
    listenPort: listen.port,
    strict: strictText === 'on',
    flavor,
    variant,
    nowOffsetMs: Number(offText),
    fixedNowMs: fixedText === undefined ? undefined : Number(fixedText),
  };
}

// ------------------------------------------------------------- decoding

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * Lenient percent-decoding: valid %XX escapes become bytes, invalid escapes
 * stay literally, '+' becomes a space only when plusAsSpace; the bytes are
 * read as UTF-8 (invalid sequences become U+FFFD). Never throws.
 */
export function percentDecode(s: string, plusAsSpace: boolean): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && i + 2 < s.length) {
      const h = hexVal(s.charCodeAt(i + 1));
      const l = hexVal(s.charCodeAt(i + 2));
      if (h >= 0 && l >= 0) { bytes.push(h * 16 + l); i += 2; continue; }
    }
    if (c === 0x2b && plusAsSpace) { bytes.push(0x20); continue; }
    if (c <= 0xff) bytes.push(c); // the HTTP parser hands us the request target byte by byte (latin1)
    else for (const b of Buffer.from(String.fromCharCode(c), 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

interface QueryParam { rawName: string; rawValue: string; name: string; value: string }

/** Split a raw query on '&' (empty segments ignored) and '=' (first one); names and values form-decoded. */
export function parseQuery(rawQuery: string): QueryParam[] {
  const out: QueryParam[] = [];
  for (const seg of rawQuery.split('&')) {
    if (seg === '') continue;
    const eq = seg.indexOf('=');
    const rawName = eq < 0 ? seg : seg.slice(0, eq);
    const rawValue = eq < 0 ? '' : seg.slice(eq + 1);
    out.push({ rawName, rawValue, name: percentDecode(rawName, true), value: percentDecode(rawValue, true) });
  }
  return out;
}

type B64Mode = 'lenient' | 'url-only' | 'padded-only' | 'std-only';

/**
 * Decode a base64 policy. Lenient mode accepts both alphabets (mixed), with or
 * without padding (at most two '='); any other character makes it invalid.
 */
export function decodeBase64(p: string, mode: B64Mode): Buffer | null {
  if (mode === 'url-only' && /[+/=]/.test(p)) return null;
  if (mode === 'std-only' && /[-_]/.test(p)) return null;
  if (mode === 'padded-only' && p.length % 4 !== 0) return null;
  let s = p;
  let pad = 0;
  while (s.endsWith('=') && pad < 2) { s = s.slice(0, -1); pad++; }
  if (s === '' || !/^[A-Za-z0-9+/_-]+$/.test(s) || s.length % 4 === 1) return null;
  s = s.replace(/-/g, '+').replace(/_/g, '/');
  while (s.length % 4 !== 0) s += '=';
  return Buffer.from(s, 'base64');
}

export interface Policy {
  text: Buffer; // the JSON text exactly as decoded: what the HMAC covers
  resource?: string;
  dateLessThan?: number;
  dateGreaterThan?: number;
  ipAddress?: string;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parse the decoded policy JSON; returns a reason string when it is not a valid policy. */
export function parsePolicy(bytes: Buffer, allowMissingDlt: boolean, allowMissingResource: boolean): Policy | string {
  let text: string;
  try { text = utf8Fatal.decode(bytes); } catch { return 'policy is not UTF-8'; }
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { return 'policy is not JSON'; }
  if (!isObject(doc) || !isObject(doc.Statement)) return 'policy has no Statement object';
  const st = doc.Statement;
  if (!isObject(st.Condition)) return 'policy has no Condition object';
  const cond = st.Condition;
  const pol: Policy = { text: bytes };
  if (typeof st.Resource === 'string') pol.resource = st.Resource;
  else if (!(st.Resource === undefined && allowMissingResource)) return 'policy has no Resource string';
  const dlt = cond.DateLessThan;
  if (typeof dlt === 'number' && Number.isSafeInteger(dlt)) pol.dateLessThan = dlt;
  else if (!(dlt === undefined && allowMissingDlt)) return 'policy has no integer DateLessThan';
  const dgt = cond.DateGreaterThan;
  if (typeof dgt === 'number' && Number.isSafeInteger(dgt)) pol.dateGreaterThan = dgt;
  else if (dgt !== undefined && dgt !== null) return 'policy DateGreaterThan is not an integer';
  const ip = cond.IpAddress;
  if (typeof ip === 'string') pol.ipAddress = ip;
  else if (ip !== undefined && ip !== null) return 'policy IpAddress is not a string';
  return pol;
}

// ------------------------------------------------------------ addresses

function expandV6(t: string): number[] | null {
  if (t.includes('%')) return null; // zone ids are never a client address match
  let s = t;
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    if (!net.isIPv4(last)) return null;
    const o = last.split('.').map(Number);
    s = s.slice(0, lastColon + 1) + ((o[0] << 8) | o[1]).toString(16) + ':' + ((o[2] << 8) | o[3]).toString(16);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const left = halves[0] === '' ? [] : halves[0].split(':');
  const right = halves.length === 2 ? (halves[1] === '' ? [] : halves[1].split(':')) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const nums: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    nums.push(parseInt(g, 16));
  }
  return nums;
}

/** Canonical text of an IP address (IPv4-mapped IPv6 becomes IPv4); null if not an IP literal. */
export function normalizeIp(input: string): string | null {
  let t = input.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  if (net.isIPv4(t)) return t.split('.').map((o) => String(Number(o))).join('.');
  if (!net.isIPv6(t)) return null;
  const g = expandV6(t);
  if (!g) return null;
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`;
  }
  return g.map((n) => n.toString(16)).join(':');
}

// ------------------------------------------------------------ resources

interface HostPort { host: string; port?: number }

/** host[:port] or [v6][:port]; host lower-cased; null if malformed. */
function parseHostPort(auth: string): HostPort | null {
  let host: string;
  let portText = '';
  if (auth.startsWith('[')) {
    const close = auth.indexOf(']');
    if (close < 0) return null;
    host = auth.slice(1, close);
    const rest = auth.slice(close + 1);
    if (rest !== '') { if (!rest.startsWith(':')) return null; portText = rest.slice(1); }
  } else {
    const colon = auth.lastIndexOf(':');
    host = colon < 0 ? auth : auth.slice(0, colon);
    portText = colon < 0 ? '' : auth.slice(colon + 1);
  }
  if (host === '' || /[\s@/?#]/.test(host)) return null;
  if (portText !== '' && (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535)) return null;
  return { host: host.toLowerCase(), port: portText === '' ? undefined : Number(portText) };
}

function defaultPort(scheme: string): number | undefined {
  const s = scheme.toLowerCase();
  if (s === 'http') return 80;
  if (s === 'https') return 443;
  return undefined;
}

interface ResourceParts {
  scheme?: string;
  authority?: HostPort | null; // null: present but malformed (or with userinfo)
  path: string;
  query?: string;
}

/** Split the policy's Resource into scheme, authority, path and query. */
export function parseResource(r: string): ResourceParts | null {
  const full = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(r);
  if (full) {
    return {
      scheme: full[1].toLowerCase(),
      authority: full[2].includes('@') ? null : parseHostPort(full[2]),
      path: full[3] === '' ? '/' : full[3],
      query: full[4],
    };
  }
  const netPath = /^\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(r);
  if (netPath) {
    return { authority: netPath[1].includes('@') ? null : parseHostPort(netPath[1]), path: netPath[2] === '' ? '/' : netPath[2], query: netPath[3] };
  }
  const schemeOnly = /^([A-Za-z][A-Za-z0-9+.-]*):([^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(r);
  if (schemeOnly) {
    if (!schemeOnly[2].startsWith('/')) return null; // opaque URI: has no path
    return { scheme: schemeOnly[1].toLowerCase(), path: schemeOnly[2], query: schemeOnly[3] };
  }
  const rel = /^([^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(r);
  if (!rel || rel[1] === '') return null;
  return { path: rel[1], query: rel[2] };
}

/** Path comparison form: percent-escapes decoded ('+' stays '+'). */
function normPath(p: string): string {
  const d = percentDecode(p, false);
  return d === '' ? '/' : d;
}

// ----------------------------------------------------------- verification

export interface RequestFacts {
  method: string;
  rawPath: string;
  rawQuery: string;
  authority: HostPort | null; // from the absolute-form target or the Host header
  clientIp: string;
  dateHeader?: string;
}

export interface Outcome { status: number; reason: string }

const GRANTED: Outcome = { status: 200, reason: 'granted' };

export class Verifier {
  private readonly v: string;
  constructor(private readonly cfg: Config) { this.v = cfg.variant; }

  private is(name: string): boolean { return this.v === name; }

  now(dateHeader?: string): number {
    if (this.is('trusts-client-date-header') && dateHeader !== undefined) {
      const t = Date.parse(dateHeader);
      if (Number.isFinite(t)) return t;
    }
    if (this.cfg.fixedNowMs !== undefined) return this.cfg.fixedNowMs + this.cfg.nowOffsetMs;
    return Date.now() + this.cfg.nowOffsetMs;
  }

  /** The policy value as base64 text, according to the variant's percent-decoding. */
  private policyText(p: QueryParam): string {
    if (this.is('no-percent-decoding')) return p.rawValue;
    if (this.is('partial-percent-decoding')) {
      return p.rawValue.replace(/(?:%3[dD])+$/, (m) => '='.repeat(m.length / 3));
    }
    if (this.is('plus-decoded-as-space')) return p.value;
    // Base64 never contains spaces: a space here is a form-decoded '+'.
    return p.value.replace(/ /g, '+');
  }

  private decodePolicy(p: QueryParam): Policy | string {
    const mode: B64Mode = this.is('only-base64url') ? 'url-only'
      : this.is('only-padded-base64') ? 'padded-only'
        : this.is('standard-alphabet-only') ? 'std-only' : 'lenient';
    const bytes = decodeBase64(this.policyText(p), mode);
    if (!bytes) return 'policy is not base64';
    return parsePolicy(bytes, this.is('missing-expiry-accepted'), this.is('missing-resource-accepted'));
  }

  private timeCheck(pol: Policy, now: number): Outcome | null {
    let t = now;
    let dlt = pol.dateLessThan;
    let dgt = pol.dateGreaterThan;
    if (this.is('whole-second-clock')) {
      t = Math.floor(t / 1000);
      if (dlt !== undefined) dlt = Math.floor(dlt / 1000);
      if (dgt !== undefined) dgt = Math.floor(dgt / 1000);
    }
    if (this.is('dates-as-seconds')) t = Math.floor(t / 1000);
    if (dlt !== undefined && !this.is('ignores-expiry')) {
      const limit = this.is('expiry-leeway-30s') ? dlt + 30_000 : dlt;
      const expired = this.is('exclusive-expiry-boundary') ? t >= limit : t > limit;
      if (expired) return { status: this.is('expired-as-403') ? 403 : 410, reason: 'after DateLessThan' };
    }
    if (dgt !== undefined && !this.is('ignores-not-before')) {
      const early = this.is('exclusive-not-before-boundary') ? t <= dgt : t < dgt;
      if (early) return { status: this.is('not-yet-valid-as-403') ? 403 : 410, reason: 'before DateGreaterThan' };
    }
    return null;
  }

  private signatureOk(pol: Policy, policyParam: QueryParam, provided: string, secret: string): boolean {
    if (this.is('signature-ignored')) return true;
    if (this.is('blank-signature-accepted') && provided.trim() === '') return true;
    let covered: Buffer = pol.text;
    if (this.is('hmac-over-base64')) covered = Buffer.from(this.policyText(policyParam), 'utf8');
    if (this.is('signature-over-reserialized-json')) {
      if (pol.resource === undefined || pol.dateLessThan === undefined) return false;
      covered = Buffer.from(policyJson({
        resource: pol.resource, dateLessThan: pol.dateLessThan,
        dateGreaterThan: pol.dateGreaterThan, ipAddress: pol.ipAddress,
      }), 'utf8');
    }
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(covered).digest('hex');
    if (this.is('case-insensitive-signature')) return provided.toLowerCase() === expected;
    if (this.is('signature-prefix-accepted')) return provided.length > 0 && expected.startsWith(provided);
    const a = Buffer.from(provided, 'utf8');
    const b = Buffer.from(expected, 'utf8');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private ipOk(policyIp: string | undefined, clientIp: string): boolean {
    if (policyIp === undefined || this.is('ignores-ip')) return true;
    const p = normalizeIp(policyIp);
    const c = normalizeIp(clientIp);
    if (p === null || c === null) return false;
    if (this.is('ip-prefix-match')) return c.startsWith(p);
    return p === c;
  }

  private pathOk(policyPath: string, requestPath: string, rule: 'equal' | 'suffix'): boolean {
    let p = normPath(policyPath);
    let r = normPath(requestPath);
    if (this.is('resource-case-insensitive')) { p = p.toLowerCase(); r = r.toLowerCase(); }
    if (this.is('resource-prefix-match') && r.startsWith(p)) return true;
    if (this.is('nonstrict-reversed-suffix') && rule === 'suffix') return r.endsWith(p);
    return rule === 'equal' ? p === r : p.endsWith(r);
  }

  private strictMatch(res: ResourceParts, req: RequestFacts): boolean {
    if (!this.is('strict-ignores-scheme') && res.scheme !== 'http') return false; // this server speaks http only
    if (res.authority === undefined || res.authority === null || req.authority === null) return false;
    if (!this.is('strict-ignores-host') && res.authority.host !== req.authority.host) return false; // both lower-cased
    if (!this.is('strict-drops-port')) {
      const pp = res.authority.port ?? (res.scheme !== undefined ? defaultPort(res.scheme) : undefined);
      const rp = req.authority.port ?? 80;
      if (pp !== rp) return false;
    }
    if (this.is('strict-compares-query')) {
      const rest = req.rawQuery.split('&')
        .filter((seg) => seg !== '' && !(SIGNING_PARAMS as readonly string[]).includes(percentDecode(seg.split('=')[0], true)))
        .join('&');
      if ((res.query ?? '') !== rest) return false;
    }
    return this.pathOk(res.path, req.rawPath, 'equal');
  }

  private resourceOk(resource: string | undefined, req: RequestFacts): boolean {
    if (resource === undefined) return this.is('missing-resource-accepted');
    const res = parseResource(resource);
    if (!res) return false;
    let strict = this.cfg.strict;
    if (strict && this.is('strict-ignored')) strict = false;
    else if (!strict && this.is('nonstrict-is-strict')) strict = true;
    if (strict) return this.strictMatch(res, req);
    if (this.is('nonstrict-ignores-path')) return true;
    let rule: 'equal' | 'suffix' = this.cfg.flavor === 'java' ? 'suffix' : 'equal';
    if (this.is('nonstrict-equal-paths')) rule = 'equal';
    if (this.is('nonstrict-suffix-match')) rule = 'suffix';
    return this.pathOk(res.path, req.rawPath, rule);
  }

  private refuse(status: number, reason: string): Outcome {
    return { status, reason };
  }

  verify(req: RequestFacts): Outcome {
    const java = this.cfg.flavor === 'java';
    const params = parseQuery(req.rawQuery);
    const found = new Map<SigningParam, QueryParam[]>();
    for (const name of SIGNING_PARAMS) found.set(name, params.filter((p) => p.name === name));

    if (this.is('unsigned-passthrough') && SIGNING_PARAMS.every((n) => (found.get(n) as QueryParam[]).length === 0)) {
      return GRANTED;
    }

    // 1. mandatory parameters: missing, blank or duplicated -> 400
    const paramStatus = this.is('missing-param-403') ? 403 : 400;
    const chosen = new Map<SigningParam, QueryParam>();
    for (const name of SIGNING_PARAMS) {
      const all = found.get(name) as QueryParam[];
      if (all.length === 0) return this.refuse(paramStatus, `missing ${name}`);
      if (all.length > 1) {
        if (this.is('duplicates-tolerated')) { chosen.set(name, all[0]); continue; }
        if (this.is('duplicates-last-wins')) { chosen.set(name, all[all.length - 1]); continue; }
        return this.refuse(paramStatus, `duplicated ${name}`);
      }
      chosen.set(name, all[0]);
    }
    for (const name of SIGNING_PARAMS) {
      const blank = (chosen.get(name) as QueryParam).value.trim() === '';
      if (blank && !(name === 'signature' && this.is('blank-signature-accepted'))) {
        return this.refuse(paramStatus, `blank ${name}`);
      }
    }
    const policyParam = chosen.get('policy') as QueryParam;
    const keyId = (chosen.get('keyId') as QueryParam).value;
    const signature = (chosen.get('signature') as QueryParam).value;
    const now = this.now(req.dateHeader);

    let policy: Policy | string | undefined;
    const malformedStatus = this.is('malformed-policy-500') ? 500 : java ? 403 : 400;

    if (this.is('time-checked-first')) {
      policy = this.decodePolicy(policyParam);
      if (typeof policy !== 'string') {
        const t = this.timeCheck(policy, now);
        if (t) return t;
      }
    }

    // 2. Apache module: the policy is decoded while reading the parameters (400 when malformed)
    if (!java) {
      policy ??= this.decodePolicy(policyParam);
      if (typeof policy === 'string') return this.refuse(malformedStatus, policy);
    }

    // 3. key lookup: unknown keyId -> 403 (Java) / 400 (Apache)
    let secrets: string[];
    const secret = this.cfg.keys.get(keyId);
    if (secret !== undefined) {
      secrets = [secret];
    } else if (this.is('unknown-key-default') && this.cfg.keys.size > 0) {
      secrets = [this.cfg.keys.values().next().value as string];
    } else if (this.is('unknown-key-tries-all-keys') && this.cfg.keys.size > 0) {
      secrets = [...this.cfg.keys.values()];
    } else {
      return this.refuse(java ? (this.is('unknown-key-400') ? 400 : 403) : 400, 'unknown keyId');
    }

    // 4. Java verifier: the policy is decoded after the key lookup (malformed -> 403 here)
    policy ??= this.decodePolicy(policyParam);
    if (typeof policy === 'string') return this.refuse(malformedStatus, policy);
    const pol = policy;

    // 5. signature over the JSON text
    if (!secrets.some((s) => this.signatureOk(pol, policyParam, signature, s))) {
      return this.refuse(this.is('signature-mismatch-401') ? 401 : 403, 'signature does not match policy');
    }

    // 6. client address and resource (Java: address first; Apache: resource first)
    const ipCheck = (): Outcome | null => (this.ipOk(pol.ipAddress, req.clientIp) ? null
      : this.refuse(this.is('ip-mismatch-401') ? 401 : 403, 'client address does not match IpAddress'));
    const resCheck = (): Outcome | null => (this.resourceOk(pol.resource, req) ? null
      : this.refuse(this.is('resource-mismatch-404') ? 404 : 403, 'resource does not match policy'));
    const checks = java ? [ipCheck, resCheck] : [resCheck, ipCheck];
    for (const c of checks) {
      const o = c();
      if (o) return o;
    }

    // 7. validity window -> 410
    const t = this.timeCheck(pol, now);
    if (t) return t;
    return GRANTED;
  }
}

// ------------------------------------------------------------------ HTTP

const MIME: Record<string, string> = {
  '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.m4a': 'audio/mp4', '.webm': 'video/webm', '.mkv': 'video/x-matroska',
  '.mov': 'video/quicktime', '.flv': 'video/x-flv', '.mp3': 'audio/mpeg', '.aac': 'audio/aac', '.ogg': 'audio/ogg',
  '.m3u8': 'application/vnd.apple.mpegurl', '.ts': 'video/mp2t', '.mpd': 'application/dash+xml', '.m4s': 'video/iso.segment',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.vtt': 'text/vtt',
  '.xml': 'application/xml', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.html': 'text/html; charset=utf-8',
};
const MEDIA_EXT = new Set(['.mp4', '.m4v', '.m4a', '.webm', '.mkv', '.mov', '.flv', '.mp3', '.aac', '.ogg', '.m3u8', '.ts', '.mpd', '.m4s']);

function logLine(msg: string): void {
  process.stderr.write(`${new Date().toISOString()} ${msg}\n`);
}

function clip(s: string, n = 160): string {
  const t = s.replace(/[^\x20-\x7e]/g, '?');
  return t.length > n ? `${t.slice(0, n)}...(${s.length} chars)` : t;
}

function sendText(res: http.ServerResponse, isHead: boolean, status: number, reason: string, extra: Record<string, string> = {}): void {
  const body = `${status} ${http.STATUS_CODES[status] ?? ''}: ${reason}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    'X-Verifier-Reason': reason.replace(/[^\x20-\x7e]/g, '?'),
    ...extra,
  });
  res.end(isHead ? undefined : body);
}

interface Target { rawPath: string; rawQuery: string; authority?: string }

/** Origin-form or absolute-form request target; null if neither. */
function splitTarget(url: string): Target | null {
  const hash = url.indexOf('#');
  const u = hash >= 0 ? url.slice(0, hash) : url;
  let rest = u;
  let authority: string | undefined;
  const abs = /^https?:\/\/([^/?]*)(.*)$/i.exec(u);
  if (abs) {
    authority = abs[1];
    rest = abs[2] === '' ? '/' : abs[2];
    if (rest.startsWith('?')) rest = '/' + rest;
  }
  if (!rest.startsWith('/')) return null;
  const q = rest.indexOf('?');
  return { rawPath: q < 0 ? rest : rest.slice(0, q), rawQuery: q < 0 ? '' : rest.slice(q + 1), authority };
}

async function serveFile(cfg: Config, res: http.ServerResponse, rawPath: string, isHead: boolean): Promise<number> {
  const decoded = percentDecode(rawPath, false);
  const segs = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (decoded.includes('\0') || segs.includes('..')) { sendText(res, isHead, 404, 'not found'); return 404; }
  const candidate = path.join(cfg.root, ...segs);
  let real: string;
  let st: fs.Stats;
  try {
    real = await fs.promises.realpath(candidate);
    if (real !== cfg.root && !real.startsWith(cfg.root + path.sep)) throw new Error('outside root');
    st = await fs.promises.stat(real);
    if (!st.isFile()) throw new Error('not a file');
  } catch {
    sendText(res, isHead, 404, 'not found');
    return 404;
  }
  res.writeHead(200, {
    'Content-Type': MIME[path.extname(real).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(st.size),
    'Last-Modified': st.mtime.toUTCString(),
    'Cache-Control': 'private',
  });
  if (isHead) { res.end(); return 200; }
  const stream = fs.createReadStream(real);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
  return 200;
}

function resetSocket(sock: net.Socket): void {
  const s = sock as net.Socket & { resetAndDestroy?: () => void };
  if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
  else s.destroy();
}

function peerAddress(req: http.IncomingMessage, cfg: Config): string {
  const peer = normalizeIp(req.socket.remoteAddress ?? '') ?? (req.socket.remoteAddress ?? '');
  if (cfg.variant === 'trusts-x-forwarded-for') {
    const xff = req.headers['x-forwarded-for'];
    const first = (Array.isArray(xff) ? xff[0] : xff)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return peer;
}

export function createVerifierServer(cfg: Config): http.Server {
  const verifier = new Verifier(cfg);
  const variant = cfg.variant;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = req.method ?? '';
    const url = req.url ?? '';
    const isHead = method === 'HEAD';
    const clientIp = peerAddress(req, cfg);
    const log = (status: number | string, reason: string): void =>
      logLine(`${clientIp} ${method} ${clip(url)} -> ${status} ${reason}`);
    req.resume(); // discard any request body

    const qIndex = url.indexOf('?');
    const rawQueryForWorker = qIndex < 0 ? '' : url.slice(qIndex + 1).split('#')[0];
    const segments = rawQueryForWorker.split('&').filter((s) => s !== '');
    if (variant === 'crash-even-params' && segments.length > 0 && segments.length % 2 === 0) {
      log('RESET', 'even number of parameters (crash-even-params)');
      resetSocket(req.socket);
      return;
    }
    if (variant === 'reset-on-invalid-percent-escape') {
      try {
        for (const s of segments) for (const part of s.split('=')) decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        log('RESET', 'invalid percent-escape (reset-on-invalid-percent-escape)');
        resetSocket(req.socket);
        return;
      }
    }
    if (variant === 'hang-on-long-param' && segments.some((s) => s.length - Math.max(0, s.indexOf('=') + 1) > 4096)) {
      log('HANG', 'long parameter (hang-on-long-param)');
      return; // never answer
    }

    const target = splitTarget(url);
    if (method !== 'GET' && method !== 'HEAD') {
      if (variant === 'non-get-methods-unverified' && target) {
        const st = await serveFile(cfg, res, target.rawPath, false);
        log(st, 'unverified method (non-get-methods-unverified)');
        return;
      }
      sendText(res, false, 405, 'only GET and HEAD are supported', { Allow: 'GET, HEAD' });
      log(405, 'method not allowed');
      return;
    }
    if (isHead && variant === 'head-not-allowed') {
      sendText(res, true, 405, 'HEAD not supported', { Allow: 'GET' });
      log(405, 'HEAD not supported (head-not-allowed)');
      return;
    }
    if (!target) {
      sendText(res, isHead, 400, 'bad request target');
      log(400, 'bad request target');
      return;
    }

    if (variant === 'only-media-extensions-protected') {
      const ext = path.extname(percentDecode(target.rawPath, false)).toLowerCase();
      if (!MEDIA_EXT.has(ext)) {
        const st = await serveFile(cfg, res, target.rawPath, isHead);
        log(st, 'unprotected extension (only-media-extensions-protected)');
        return;
      }
    }

    let authorityText = target.authority ?? req.headers.host;
    if (authorityText === undefined) {
      const la = req.socket.localAddress ?? '127.0.0.1';
      authorityText = `${net.isIPv6(la) ? `[${la}]` : la}:${req.socket.localPort ?? 80}`;
    }
    const dh = req.headers.date;
    const outcome = verifier.verify({
      method,
      rawPath: target.rawPath,
      rawQuery: target.rawQuery,
      authority: parseHostPort(authorityText),
      clientIp,
      dateHeader: typeof dh === 'string' ? dh : undefined,
    });
    if (outcome.status !== 200) {
      if (variant === 'soft-deny-200') {
        sendText(res, isHead, 200, `access denied: ${outcome.reason}`);
        log(200, `soft-denied (${outcome.status} ${outcome.reason})`);
        return;
      }
      sendText(res, isHead, outcome.status, outcome.reason);
      log(outcome.status, outcome.reason);
      return;
    }
    const st = await serveFile(cfg, res, target.rawPath, isHead);
    log(st, st === 200 ? 'served' : 'granted, file not found');
  };

  const server = http.createServer({ maxHeaderSize: 1024 * 1024 }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      logLine(`internal error: ${(e as Error)?.stack ?? String(e)}`);
      if (!res.headersSent) {
        try { sendText(res, req.method === 'HEAD', 500, 'internal error'); } catch { res.destroy(); }
      } else {
        res.destroy();
      }
    });
  });

  /**
   * Answer on a socket the HTTP parser has given up on (or that asked for
   * CONNECT). The rest of the request is drained, not left unread,
   * so that closing does not turn into a TCP reset that could destroy the
   * answer before the client reads it.
   */
  const rawAnswer = (socket: net.Socket, status: number, why: string, extra: string[] = []): void => {
    const body = `${status} ${http.STATUS_CODES[status]}: ${why}\n`;
    logLine(`${normalizeIp(socket.remoteAddress ?? '') ?? '?'} ${why} -> ${status}`);
    socket.on('error', () => socket.destroy());
    socket.on('data', () => { /* drain */ });
    socket.resume();
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n${extra.map((h) => h + '\r\n').join('')}` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n\r\n${body}`);
    setTimeout(() => socket.destroy(), 5000).unref();
  };

  server.on('clientError', (err: NodeJS.ErrnoException, socket: net.Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) { socket.destroy(); return; }
    let status = 400;
    const extra: string[] = [];
    if (err.code === 'HPE_HEADER_OVERFLOW') status = 431;
    else if (err.code === 'HPE_INVALID_METHOD') { status = 405; extra.push('Allow: GET, HEAD'); }
    else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') status = 408;
    rawAnswer(socket, status, `client error ${err.code ?? err.message}`, extra);
  });
  server.on('connect', (_req: http.IncomingMessage, socket: net.Socket) => {
    rawAnswer(socket, 405, 'CONNECT not supported', ['Allow: GET, HEAD']);
  });
  // No 'upgrade' listener: Node then handles an Upgrade request as an ordinary request (the header is ignored).
  return server;
}

function main(): void {
  const cfg = parseArgs(process.argv.slice(2));
  const v = findVariant(cfg.variant);
  if (v) logLine(`variant ${v.name} deviates from ${v.deviates} (${v.level}): ${v.what}`);
  if (v && !variantApplies(v, cfg.strict, cfg.flavor)) {
    logLine(`warning: variant ${v.name} applies to ${JSON.stringify(v.appliesTo)}; in this configuration it behaves like correct`);
  }
  if (cfg.keys.size === 0) logLine('warning: no keys configured; every signed request will be refused');
  process.on('uncaughtException', (e) => logLine(`uncaught: ${e.stack ?? e.message}`));
  const server = createVerifierServer(cfg);
  const sockets = new Set<net.Socket>();
  server.on('connection', (sock: net.Socket) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
  });
  server.on('error', (e) => { logLine(`listen error: ${e.message}`); process.exit(1); });
  server.listen(cfg.listenPort, cfg.listenHost, () => {
    const addr = server.address() as net.AddressInfo;
    // a wildcard address is not something to connect to: report the loopback address of its family
    const a = addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address === '::' ? '::1' : addr.address;
    const host = net.isIPv6(a) ? `[${a}]` : a;
    process.stdout.write(JSON.stringify({ ready: true, origin: `http://${host}:${addr.port}` }) + '\n');
    logLine(`listening on ${host}:${addr.port} root=${cfg.root} keys=${cfg.keys.size} strict=${cfg.strict ? 'on' : 'off'} ` +
      `flavor=${cfg.flavor} variant=${cfg.variant} nowOffsetMs=${cfg.nowOffsetMs}` +
      (cfg.fixedNowMs !== undefined ? ` fixedNowMs=${cfg.fixedNowMs}` : ''));
  });
  let stopping = false;
  const stop = (sig: string): void => {
    if (stopping) return;
    stopping = true;
    logLine(`${sig}: shutting down`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
    for (const sock of sockets) sock.destroy(); // also those taken over from the HTTP parser (CONNECT, client errors)
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (require.main === module) main();
