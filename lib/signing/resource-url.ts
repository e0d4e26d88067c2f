// scheme://host[:port]/path of a URL normalised by WHATWG URL rules, as the resource checks
// compare them. Most URLs a distribution server sees are already in normal form; those are
// recognised by one regular expression instead of a full URL parse (a third of a decision's
// cost). Anything unusual (uppercase, percent-escapes, dot segments, default or odd ports,
// numeric or punycode hosts) takes the full parse, so the result is always WHATWG's.

export interface ResourceUrl {
  /** scheme://host[:port]/path, without query or fragment. */
  base: string;
  pathname: string;
}

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const LABEL = '[a-z0-9-]+';
/** A last label starting with a letter can never be read as a number; "xn--" labels go to the IDNA code. */
const LAST_LABEL = '(?!xn--)[a-z][a-z0-9-]*';
const HOST = `(?:${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}|(?:(?!xn--)${LABEL}\\.)*${LAST_LABEL})`;
/** Characters the URL parser leaves alone in a path; segments "." and ".." are refused by the lookahead. */
const SEGMENT = "(?!\\.\\.?(?:/|$))[A-Za-z0-9\\-._~!$&'()*+,;=:@]*";
const NORMAL = new RegExp(`^(https?)://${HOST}(?::([1-9]\\d{0,4}))?((?:/${SEGMENT})+)$`);
const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443 };

/** The URL's parts if it is already in WHATWG normal form, else undefined. */
export function alreadyNormal(url: string): ResourceUrl | undefined {
  let end = url.length;
  const q = url.indexOf('?');
  const h = url.indexOf('#');
  if (q >= 0) end = q;
  if (h >= 0 && h < end) end = h;
  const head = end === url.length ? url : url.slice(0, end);
  const m = NORMAL.exec(head);
  if (!m) return undefined;
  if (m[2] !== undefined) {
    const port = Number(m[2]);
    if (port > 65535 || port === DEFAULT_PORT[m[1]!]) return undefined;
  }
  return { base: head, pathname: m[3]! };
}

/** Full parses, cached: a server sees the same few unusual URLs again and again. */
const parsed = new Map<string, ResourceUrl | null>();

/** The normalised parts of a URL, or null when it is not a URL. */
export function normalizeResourceUrl(url: string): ResourceUrl | null {
  const fast = alreadyNormal(url);
  if (fast) return fast;
  let n = parsed.get(url);
  if (n !== undefined) return n;
  try {
    const u = new URL(url);
    n = { base: `${u.protocol}//${u.host}${u.pathname}`, pathname: u.pathname };
  } catch {
    n = null;
  }
  if (parsed.size >= 4096) parsed.clear();
  parsed.set(url, n);
  return n;
}
