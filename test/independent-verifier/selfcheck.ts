/**
 * Self-check of the independent verifier:
 *  1. the independent signer against the public test vectors of the facts file;
 *  2. the `correct` variant in all four configurations (java/apache x strict on/off),
 *     requirement by requirement, with real HTTP requests over loopback;
 *  3. every deviation variant: at least one request on which it answers differently
 *     from `correct` in the same configuration, in the way its description says;
 *  4. --now-offset-ms against the real clock, and a clean exit on SIGTERM.
 *
 * Run: npx tsc -p tsconfig.json && node dist/test/independent-verifier/selfcheck.js
 * Exit code 0 when every check passed.
 */
import { spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodePolicy, policyJson, signatureHex, signUrl, formEncode, PolicyInput } from './sign';
import { CORRECT, VARIANTS, Flavor, variantApplies } from './variants';

// ------------------------------------------------------------- reporting

let passed = 0;
const failures: string[] = [];

function check(name: string, ok: boolean, detail = ''): void {
  if (ok) {
    passed++;
    if (process.env.SELFCHECK_VERBOSE) console.log(`  ok   ${name}${detail ? `  (${detail})` : ""}`);
  } else {
    failures.push(`${name} ${detail}`);
    console.log(`  FAIL ${name} ${detail}`);
  }
}

// -------------------------------------------------------------- fixtures

const KEY_ID = 'demoKeyOne';
const SECRET = '6EDB5EDDCF994B7432C371D7C274F';
const KEY2_ID = 'demoKeyTwo';
const SECRET2 = 'C843C21ECF59F2B38872A1BCAA774';
/** The fixed server clock used by most servers (milliseconds part 123 on purpose). */
const T0 = 1767225600123;
const HOUR = 3_600_000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'indverifier-'));
const ROOT = path.join(tmp, 'root');
const KEYS = path.join(tmp, 'keys.properties');
fs.mkdirSync(path.join(ROOT, 'series', 'ev'), { recursive: true });
fs.mkdirSync(path.join(ROOT, 'ev'), { recursive: true });
fs.mkdirSync(path.join(ROOT, 'dir'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'video.mp4'), 'VIDEO');
fs.writeFileSync(path.join(ROOT, 'other.mp4'), 'OTHER');
fs.writeFileSync(path.join(ROOT, 'poster.jpg'), 'POSTER');
fs.writeFileSync(path.join(ROOT, 'series', 'ev', 'video.mp4'), 'SERIES-EV-VIDEO');
fs.writeFileSync(path.join(ROOT, 'ev', 'video.mp4'), 'EV-VIDEO');
fs.writeFileSync(path.join(tmp, 'outside.mp4'), 'OUTSIDE');
fs.writeFileSync(KEYS, [
  '# keys for the self-check',
  `key.${KEY_ID}=${SECRET}`,
  `key.${KEY2_ID} = ${SECRET2}  `,
  'url.regex=ignored line',
  '! another comment',
  '',
].join('\n'));

// --------------------------------------------------------------- servers

interface ServerOpts { strict: boolean; flavor: Flavor; variant: string; fixedNow?: number | null; offset?: number; listen?: string }
interface Server { opts: ServerOpts; port: number; origin: string; proc: ChildProcess; stderr: string }

const SERVER_JS = path.join(__dirname, 'server.js');
const running = new Map<string, Server>();

function serverKey(o: ServerOpts): string {
  return JSON.stringify([o.strict, o.flavor, o.variant, o.fixedNow === undefined ? T0 : o.fixedNow, o.offset ?? 0, o.listen ?? '']);
}

function startServer(o: ServerOpts): Promise<Server> {
  const args = [SERVER_JS, '--root', ROOT, '--keys', KEYS, '--listen', o.listen ?? '127.0.0.1:0',
    '--strict', o.strict ? 'on' : 'off', '--flavor', o.flavor, '--variant', o.variant];
  const fixed = o.fixedNow === undefined ? T0 : o.fixedNow;
  if (fixed !== null) args.push('--fixed-now-ms', String(fixed));
  if (o.offset !== undefined) args.push('--now-offset-ms', String(o.offset));
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const srv: Server = { opts: o, port: 0, origin: '', proc, stderr: '' };
    proc.stderr?.on('data', (d: Buffer) => { srv.stderr += d.toString(); });
    const timer = setTimeout(() => reject(new Error(`server did not start: ${srv.stderr}`)), 10_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0 && srv.port === 0) {
        clearTimeout(timer);
        const line = out.slice(0, nl);
        try {
          const j = JSON.parse(line) as { ready: boolean; origin: string };
          const re = o.listen ? /^http:\/\/(127\.0\.0\.1|\[::1\]):\d+$/ : /^http:\/\/127\.0\.0\.1:\d+$/;
          check('ready line is exactly one JSON object with ready and origin', j.ready === true && re.test(j.origin) && Object.keys(j).length === 2, line);
          srv.origin = j.origin;
          srv.port = Number(j.origin.slice(j.origin.lastIndexOf(':') + 1));
          resolve(srv);
        } catch (e) {
          reject(new Error(`bad ready line ${line}`));
        }
      }
    });
    proc.on('exit', (code) => { if (srv.port === 0) reject(new Error(`server exited ${code}: ${srv.stderr}`)); });
  });
}

async function server(o: ServerOpts): Promise<Server> {
  const k = serverKey(o);
  let s = running.get(k);
  if (!s) {
    s = await startServer(o);
    running.set(k, s);
  }
  return s;
}

function stopServer(s: Server): Promise<number | null> {
  return new Promise((resolve) => {
    if (s.proc.exitCode !== null) { resolve(s.proc.exitCode); return; }
    const t = setTimeout(() => { s.proc.kill('SIGKILL'); }, 5000);
    s.proc.once('exit', (code) => { clearTimeout(t); resolve(code); });
    s.proc.kill('SIGTERM');
  });
}

// ---------------------------------------------------------------- client

type Result =
  | { kind: 'http'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'no-answer'; how: string }
  | { kind: 'timeout' };

interface Req {
  method?: string;
  target: string;
  headers?: Record<string, string>;
  localAddress?: string;
  timeoutMs?: number;
  /** A complete raw request instead of method/target/headers. */
  raw?: Buffer | string;
}

function send(port: number, r: Req): Promise<Result> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (res: Result): void => { if (!done) { done = true; sock.destroy(); resolve(res); } };
    const parse = (how: string): void => {
      const buf = Buffer.concat(chunks);
      if (buf.length === 0) { finish({ kind: 'no-answer', how }); return; }
      const text = buf.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const head = end < 0 ? text : text.slice(0, end);
      const lines = head.split('\r\n');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
      if (!m) { finish({ kind: 'no-answer', how: `garbage: ${lines[0]}` }); return; }
      const headers: Record<string, string> = {};
      for (const l of lines.slice(1)) {
        const c = l.indexOf(':');
        if (c > 0) headers[l.slice(0, c).toLowerCase()] = l.slice(c + 1).trim();
      }
      finish({ kind: 'http', status: Number(m[1]), headers, body: end < 0 ? '' : text.slice(end + 4) });
    };
    const sock = net.connect({ host: '127.0.0.1', port, localAddress: r.localAddress });
    sock.setTimeout(r.timeoutMs ?? 5000, () => finish({ kind: 'timeout' }));
    sock.on('connect', () => {
      if (r.raw !== undefined) { sock.write(r.raw); return; }
      const h: Record<string, string> = { Host: `127.0.0.1:${port}`, Connection: 'close', ...(r.headers ?? {}) };
      const head = `${r.method ?? 'GET'} ${r.target} HTTP/1.1\r\n` +
        Object.entries(h).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
      sock.write(Buffer.from(head, 'latin1'));
    });
    sock.on('data', (d) => {
      chunks.push(d);
      // finish as soon as a complete response is in (the server may keep the connection open)
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const len = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end));
      const isHead = (r.method ?? 'GET') === 'HEAD' && r.raw === undefined;
      if (isHead || (len && Buffer.byteLength(text.slice(end + 4), 'latin1') >= Number(len[1]))) parse('complete');
    });
    sock.on('end', () => parse('closed'));
    sock.on('error', (e: NodeJS.ErrnoException) => parse(e.code ?? 'error'));
    sock.on('close', () => parse('closed'));
  });
}

type Expect = number | 'no-answer' | 'timeout' | 'any-http';

function describe(r: Result): string {
  if (r.kind === 'http') return String(r.status);
  if (r.kind === 'timeout') return 'timeout';
  return `no-answer(${r.how})`;
}

function matches(r: Result, e: Expect): boolean {
  if (e === 'timeout') return r.kind === 'timeout';
  if (e === 'no-answer') return r.kind === 'no-answer';
  if (e === 'any-http') return r.kind === 'http';
  return r.kind === 'http' && r.status === e;
}

// --------------------------------------------------------------- signing

function originOf(port: number): string { return `http://127.0.0.1:${port}`; }

/** Path and query of a URL signed by the independent signer. */
function pathQuery(url: string): string {
  const i = url.indexOf('/', url.indexOf('//') + 2);
  return url.slice(i);
}

interface P { dlt?: number; dgt?: number; ip?: string; resource?: string; keyId?: string; secret?: string }

/** A signed request target for `p` (resource defaults to the full URL of `reqPath` on this server). */
function signed(port: number, reqPath: string, p: P = {}): string {
  return pathQuery(signUrl(originOf(port) + reqPath, {
    keyId: p.keyId ?? KEY_ID,
    secret: p.secret ?? SECRET,
    dateLessThan: p.dlt ?? T0 + HOUR,
    dateGreaterThan: p.dgt,
    ipAddress: p.ip,
    resource: p.resource,
  }));
}

/** Target with an arbitrary policy JSON text, signed over that text (or with a given signature). */
function custom(reqPath: string, json: string, opts: { sig?: string; keyId?: string; secret?: string; policy?: string } = {}): string {
  const pol = opts.policy ?? encodePolicy(json);
  const sig = opts.sig ?? signatureHex(json, opts.secret ?? SECRET);
  return `${reqPath}?policy=${pol}&keyId=${formEncode(opts.keyId ?? KEY_ID)}&signature=${sig}`;
}

function input(port: number, reqPath: string, p: P = {}): PolicyInput {
  return { resource: p.resource ?? originOf(port) + reqPath, dateLessThan: p.dlt ?? T0 + HOUR, dateGreaterThan: p.dgt, ipAddress: p.ip };
}

/**
 * A valid policy for /video.mp4 whose standard base64 contains '+' and '/' and
 * needs padding (so its base64url contains '-' and '_' and is not a multiple of 4).
 */
const awkwardCache = new Map<number, string>();
function awkwardPolicy(port: number): string {
  const cached = awkwardCache.get(port);
  if (cached) return cached;
  // ASCII text only yields '+' and '/' in base64 from '~' / '>' and '?' / DEL at every third byte, so the
  // Resource carries a query with those (a Resource query is not compared); the JSON length (and so the
  // padding) changes with the number of digits of DateGreaterThan.
  for (const dgt of [undefined, 1, 12]) {
    for (let i = 0; i < 1000; i++) {
      const json = policyJson(input(port, '/video.mp4', { dlt: T0 + HOUR + i, dgt, resource: `${originOf(port)}/video.mp4?q=~~~???` }));
      const std = Buffer.from(json, 'utf8').toString('base64');
      if (std.includes('+') && std.includes('/') && std.endsWith('=')) { awkwardCache.set(port, json); return json; }
    }
  }
  throw new Error('no awkward policy found');
}

function std64(json: string): string { return Buffer.from(json, 'utf8').toString('base64'); }

// ------------------------------------------------------ 1. test vectors

function testVectors(): void {
  console.log('1. signer against the public test vectors');
  const j1 = policyJson({
    resource: 'rtmp://mh-wowza.localdomain/matterhorn-engage/mp4:engage-player/2c2c438d-bb4d-404c-a677-0ebc072d91e2/5dbfdbcd-a983-44ea-93b6-e1c457acb61f/short',
    dateLessThan: 1425768129644,
  });
  const v1 = '{"Statement":{"Condition":{"DateLessThan":1425768129644},"Resource":"rtmp:\\/\\/mh-wowza.localdomain\\/matterhorn-engage\\/mp4:engage-player\\/2c2c438d-bb4d-404c-a677-0ebc072d91e2\\/5dbfdbcd-a983-44ea-93b6-e1c457acb61f\\/short"}}';
  check('vector 1: canonical JSON text', j1 === v1, j1);
  check('vector 1: HMAC with abc123', signatureHex(v1, 'abc123') === 'bf344862e1d317b246cb4336525146a4312081925c9641efaa5ebf272b944d78');
  check('vector 1: HMAC with 123abc', signatureHex(v1, '123abc') === '5169ea7246cf084413228c5ca3590b9045e3a53a625074530ad222857c6d3b7c');
  const j2 = policyJson({ resource: 'http://mh-allinone/', dateLessThan: 1425170777000, dateGreaterThan: 1425084379000, ipAddress: '10.0.0.1' });
  check('vector 2: canonical JSON of a full policy', j2 ===
    '{"Statement":{"Condition":{"DateGreaterThan":1425084379000,"DateLessThan":1425170777000,"IpAddress":"10.0.0.1"},"Resource":"http:\\/\\/mh-allinone\\/"}}', j2);
  const url = signUrl('http://h/a.mp4?x=1', { keyId: 'k 1', secret: 's', dateLessThan: 5 });
  const q = new URL(url).searchParams;
  check('signUrl appends policy, keyId, signature after the existing query', /^http:\/\/h\/a\.mp4\?x=1&policy=[A-Za-z0-9_-]+&keyId=k\+1&signature=[0-9a-f]{64}$/.test(url), url);
  const pj = Buffer.from(q.get('policy') as string, 'base64url').toString('utf8');
  check('signUrl: existing query belongs to Resource; no padding', pj.includes('"Resource":"http:\\/\\/h\\/a.mp4?x=1"') && !url.includes('='.repeat(1) + '&keyId'), pj);
}

// --------------------------------------------- 2. correct, requirement by requirement

interface Case { name: string; req: (port: number) => Req; expect: Expect | ((s: ServerOpts) => Expect); body?: string }

function correctCases(): Case[] {
  const v = '/video.mp4';
  const ok = (p: number): string => signed(p, v);
  const strictOr = (a: Expect, b: Expect) => (s: ServerOpts): Expect => (s.strict ? a : b);
  const byFlavor = (java: Expect, apache: Expect) => (s: ServerOpts): Expect => (s.flavor === 'java' ? java : apache);
  const parts = (p: number): { pol: string; key: string; sig: string } => {
    const q = new URLSearchParams(ok(p).split('?')[1]);
    return { pol: q.get('policy') as string, key: q.get('keyId') as string, sig: q.get('signature') as string };
  };
  const cases: Case[] = [
    // SS-VERIFY-1
    { name: 'SS-VERIFY-1 GET of a correctly signed, valid URL is served', req: (p) => ({ target: ok(p) }), expect: 200, body: 'VIDEO' },
    { name: 'SS-VERIFY-1 HEAD of a correctly signed, valid URL is served', req: (p) => ({ method: 'HEAD', target: ok(p) }), expect: 200, body: '' },
    { name: 'SS-VERIFY-1 signed with the second key', req: (p) => ({ target: signed(p, v, { keyId: KEY2_ID, secret: SECRET2 }) }), expect: 200 },
    { name: 'granted but missing file -> 404', req: (p) => ({ target: signed(p, '/nothing.mp4') }), expect: 404 },
    { name: 'granted directory -> 404', req: (p) => ({ target: signed(p, '/dir') }), expect: 404 },
    { name: 'granted ../ path does not leave the root -> 404', req: (p) => ({ target: signed(p, '/../outside.mp4') }), expect: 404 },
    { name: 'GET with an Upgrade header is handled as a plain GET', req: (p) => ({ target: ok(p), headers: { Upgrade: 'websocket', Connection: 'Upgrade' } }), expect: 200 },
    { name: 'other methods -> 405', req: (p) => ({ method: 'POST', target: ok(p) }), expect: 405 },
    { name: 'DELETE -> 405', req: (p) => ({ method: 'DELETE', target: ok(p) }), expect: 405 },
    // SS-VERIFY-2
    ...(['policy', 'keyId', 'signature'] as const).flatMap((name): Case[] => [
      { name: `SS-VERIFY-2 missing ${name} -> 400`, req: (p) => ({ target: v + '?' + ok(p).split('?')[1].split('&').filter((s) => !s.startsWith(name + '=')).join('&') }), expect: 400 },
      { name: `SS-VERIFY-2 blank ${name} -> 400`, req: (p) => ({ target: ok(p).replace(new RegExp(`${name}=[^&]*`), `${name}=`) }), expect: 400 },
      { name: `SS-VERIFY-2 whitespace ${name} -> 400`, req: (p) => ({ target: ok(p).replace(new RegExp(`${name}=[^&]*`), `${name}=%20+`) }), expect: 400 },
      { name: `SS-VERIFY-2 ${name} without = -> 400`, req: (p) => ({ target: ok(p).replace(new RegExp(`${name}=[^&]*`), name) }), expect: 400 },
      { name: `SS-VERIFY-2 duplicated ${name} (same value) -> 400`, req: (p) => ({ target: ok(p) + '&' + (ok(p).match(new RegExp(`${name}=[^&]*`)) as RegExpMatchArray)[0] }), expect: 400 },
      { name: `SS-VERIFY-2 duplicated ${name} (blank second) -> 400`, req: (p) => ({ target: ok(p) + `&${name}=` }), expect: 400 },
    ]),
    { name: 'SS-VERIFY-2 parameter names are case-sensitive (Policy) -> 400', req: (p) => ({ target: ok(p).replace('policy=', 'Policy=') }), expect: 400 },
    // SS-VERIFY-3
    { name: 'SS-VERIFY-3 altered policy (later DateLessThan, old signature) -> 403', req: (p) => {
      const { sig } = parts(p);
      return { target: custom(v, policyJson(input(p, v, { dlt: T0 + 2 * HOUR })), { sig }) };
    }, expect: 403 },
    { name: 'SS-VERIFY-3 altered policy (other Resource, old signature) -> 403', req: (p) => {
      const { sig } = parts(p);
      return { target: custom('/other.mp4', policyJson(input(p, '/other.mp4')), { sig }) };
    }, expect: 403 },
    { name: 'SS-VERIFY-3 altered policy (whitespace added to the JSON) -> 403', req: (p) => {
      const { sig } = parts(p);
      return { target: custom(v, policyJson(input(p, v)).replace('{"Condition"', '{ "Condition"'), { sig }) };
    }, expect: 403 },
    { name: 'SS-VERIFY-3 altered signature (one hex digit) -> 403', req: (p) => {
      const { pol, sig } = parts(p);
      const flipped = (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1);
      return { target: `${v}?policy=${pol}&keyId=${KEY_ID}&signature=${flipped}` };
    }, expect: 403 },
    { name: 'SS-VERIFY-3 upper-cased signature -> 403', req: (p) => {
      const { pol, sig } = parts(p);
      return { target: `${v}?policy=${pol}&keyId=${KEY_ID}&signature=${sig.toUpperCase()}` };
    }, expect: 403 },
    { name: 'SS-VERIFY-3 truncated signature -> 403', req: (p) => {
      const { pol, sig } = parts(p);
      return { target: `${v}?policy=${pol}&keyId=${KEY_ID}&signature=${sig.slice(0, 10)}` };
    }, expect: 403 },
    { name: 'SS-VERIFY-3 signature over the base64 text (guide) -> 403', req: (p) => {
      const { pol } = parts(p);
      return { target: `${v}?policy=${pol}&keyId=${KEY_ID}&signature=${signatureHex(pol, SECRET)}` };
    }, expect: 403 },
    { name: 'policy that is not base64 -> 403 java / 400 apache', req: () => ({ target: `${v}?policy=*notbase64*&keyId=${KEY_ID}&signature=${'0'.repeat(64)}` }), expect: byFlavor(403, 400) },
    { name: 'policy that is not JSON (signed) -> 403 java / 400 apache', req: () => ({ target: custom(v, 'not json') }), expect: byFlavor(403, 400) },
    { name: 'policy without DateLessThan (signed) -> 403 java / 400 apache', req: (p) => ({ target: custom(v, `{"Statement":{"Condition":{},"Resource":"${originOf(p).replace(/\//g, '\\/')}\\/video.mp4"}}`) }), expect: byFlavor(403, 400) },
    { name: 'policy without Resource (signed) -> 403 java / 400 apache', req: () => ({ target: custom(v, `{"Statement":{"Condition":{"DateLessThan":${T0 + HOUR}}}}`) }), expect: byFlavor(403, 400) },
    { name: 'policy with DateLessThan as a string (signed) -> 403 java / 400 apache', req: (p) => ({ target: custom(v, policyJson(input(p, v)).replace(`${T0 + HOUR}`, `"${T0 + HOUR}"`)) }), expect: byFlavor(403, 400) },
    { name: 'non-canonical JSON signed over its own text (unescaped /, other order) is served', req: (p) => ({ target: custom(v, JSON.stringify({ Statement: { Resource: `${originOf(p)}${v}`, Condition: { DateLessThan: T0 + HOUR } } })) }), expect: 200 },
    // SS-VERIFY-4
    { name: 'SS-VERIFY-4 unknown keyId -> 403 java / 400 apache', req: (p) => ({ target: signed(p, v, { keyId: 'unknownKey', secret: 'whatever' }) }), expect: byFlavor(403, 400) },
    { name: 'SS-VERIFY-4 unknown keyId signed with a configured secret -> 403 java / 400 apache', req: (p) => ({ target: signed(p, v, { keyId: 'unknownKey', secret: SECRET }) }), expect: byFlavor(403, 400) },
    { name: 'SS-VERIFY-4 keyId is case-sensitive -> 403 java / 400 apache', req: (p) => ({ target: signed(p, v, { keyId: KEY_ID.toLowerCase() }) }), expect: byFlavor(403, 400) },
    { name: 'keyId of key 2 with the secret of key 1 -> 403', req: (p) => ({ target: signed(p, v, { keyId: KEY2_ID, secret: SECRET }) }), expect: 403 },
    // SS-VERIFY-5
    { name: 'SS-VERIFY-5 IpAddress of the client is served', req: (p) => ({ target: signed(p, v, { ip: '127.0.0.1' }) }), expect: 200 },
    { name: 'SS-VERIFY-5 IPv4-mapped IpAddress of the client is served', req: (p) => ({ target: signed(p, v, { ip: '::ffff:127.0.0.1' }) }), expect: 200 },
    { name: 'SS-VERIFY-5 another client (127.0.0.2) -> 403', req: (p) => ({ target: signed(p, v, { ip: '127.0.0.1' }), localAddress: '127.0.0.2' }), expect: 403 },
    { name: 'SS-VERIFY-5 prefix-sharing client (127.0.0.12) -> 403', req: (p) => ({ target: signed(p, v, { ip: '127.0.0.1' }), localAddress: '127.0.0.12' }), expect: 403 },
    { name: 'SS-VERIFY-5 X-Forwarded-For is not trusted -> 403', req: (p) => ({ target: signed(p, v, { ip: '10.1.2.3' }), headers: { 'X-Forwarded-For': '10.1.2.3' } }), expect: 403 },
    { name: 'SS-VERIFY-5 IpAddress that is not an address -> 403', req: (p) => ({ target: signed(p, v, { ip: 'localhost' }) }), expect: 403 },
    { name: 'SS-VERIFY-5 blank IpAddress -> 403', req: (p) => ({ target: signed(p, v, { ip: '' }) }), expect: 403 },
    // SS-VERIFY-6 (server clock fixed at T0)
    { name: 'SS-VERIFY-6 at exactly DateLessThan is served', req: (p) => ({ target: signed(p, v, { dlt: T0 }) }), expect: 200 },
    { name: 'SS-VERIFY-6 1 ms after DateLessThan -> 410', req: (p) => ({ target: signed(p, v, { dlt: T0 - 1 }) }), expect: 410 },
    { name: 'SS-VERIFY-6 100 ms after DateLessThan, same second -> 410', req: (p) => ({ target: signed(p, v, { dlt: T0 - 100 }) }), expect: 410 },
    { name: 'SS-VERIFY-6 10 s after DateLessThan -> 410', req: (p) => ({ target: signed(p, v, { dlt: T0 - 10_000 }) }), expect: 410 },
    { name: 'SS-VERIFY-6 client Date header is ignored -> 410', req: (p) => ({ target: signed(p, v, { dlt: T0 - 60_000 }), headers: { Date: new Date(T0 - HOUR).toUTCString() } }), expect: 410 },
    // SS-VERIFY-7
    { name: 'SS-VERIFY-7 at exactly DateGreaterThan is served', req: (p) => ({ target: signed(p, v, { dgt: T0 }) }), expect: 200 },
    { name: 'SS-VERIFY-7 1 ms before DateGreaterThan -> 410', req: (p) => ({ target: signed(p, v, { dgt: T0 + 1 }) }), expect: 410 },
    { name: 'SS-VERIFY-7 an hour before DateGreaterThan -> 410', req: (p) => ({ target: signed(p, v, { dgt: T0 + HOUR, dlt: T0 + 2 * HOUR }) }), expect: 410 },
    { name: 'forged + expired -> 403 (signature before time)', req: (p) => {
      const { sig } = parts(p);
      return { target: custom(v, policyJson(input(p, v, { dlt: T0 - HOUR })), { sig }) };
    }, expect: 403 },
    // SS-VERIFY-8
    { name: 'SS-VERIFY-8 policy for /other.mp4 does not open /video.mp4 -> 403', req: (p) => ({ target: signed(p, v, { resource: originOf(p) + '/other.mp4' }) }), expect: 403 },
    { name: 'SS-VERIFY-8 policy for /vid does not open /video.mp4 (no prefix match) -> 403', req: (p) => ({ target: signed(p, v, { resource: originOf(p) + '/vid' }) }), expect: 403 },
    { name: 'SS-VERIFY-8 policy for /VIDEO.MP4 does not open /video.mp4 -> 403', req: (p) => ({ target: signed(p, v, { resource: originOf(p) + '/VIDEO.MP4' }) }), expect: 403 },
    { name: 'SS-VERIFY-8 policy for /video.mp4 does not open /ev/video.mp4 -> 403', req: (p) => ({ target: signed(p, '/ev/video.mp4', { resource: originOf(p) + v }) }), expect: 403 },
    // SS-VERIFY-9 / SS-VERIFY-10
    { name: 'SS-VERIFY-9/10 other host: 403 strict, 200 non-strict', req: (p) => ({ target: signed(p, v, { resource: `http://localhost:${p}${v}` }) }), expect: strictOr(403, 200) },
    { name: 'SS-VERIFY-9/10 other port: 403 strict, 200 non-strict', req: (p) => ({ target: signed(p, v, { resource: `http://127.0.0.1:${p === 1 ? 2 : 1}${v}` }) }), expect: strictOr(403, 200) },
    { name: 'SS-VERIFY-9/10 no port (80): 403 strict, 200 non-strict', req: (p) => ({ target: signed(p, v, { resource: `http://127.0.0.1${v}` }) }), expect: strictOr(403, 200) },
    { name: 'SS-VERIFY-9/10 https scheme: 403 strict, 200 non-strict', req: (p) => ({ target: signed(p, v, { resource: `https://127.0.0.1:${p}${v}` }) }), expect: strictOr(403, 200) },
    { name: 'SS-VERIFY-9/10 upper-case scheme and host are the same URL', req: (p) => ({ target: signed(p, v, { resource: `HTTP://LOCALHOST:${p}${v}` }), headers: { Host: `localhost:${p}` } }), expect: 200 },
    { name: 'SS-VERIFY-9/10 Host header decides the requested host', req: (p) => ({ target: signed(p, v, { resource: `http://media.example.org:${p}${v}` }), headers: { Host: `media.example.org:${p}` } }), expect: 200 },
    { name: 'SS-VERIFY-9/10 path-only Resource: 403 strict, 200 non-strict', req: (p) => ({ target: signed(p, v, { resource: v }) }), expect: strictOr(403, 200) },
    { name: 'SS-VERIFY-9 query of the signed URL is not compared; extra parameter accepted', req: (p) => ({ target: ok(p) + '&cachebust=1' }), expect: 200 },
    { name: 'SS-VERIFY-9 URL signed with an existing query is served', req: (p) => ({ target: pathQuery(signUrl(`${originOf(p)}${v}?start=10`, { keyId: KEY_ID, secret: SECRET, dateLessThan: T0 + HOUR })) }), expect: 200 },
    { name: 'SS-VERIFY-9 percent-encoded request path equals the decoded policy path', req: (p) => ({ target: signed(p, v).replace(v, '/vide%6F.mp4') }), expect: 200 },
    { name: 'SS-VERIFY-10 suffix: policy /series/ev/video.mp4 opens /ev/video.mp4: 403 strict, java 200, apache 403',
      req: (p) => ({ target: signed(p, '/ev/video.mp4', { resource: `http://x.example/series/ev/video.mp4` }) }),
      expect: (s) => (s.strict ? 403 : s.flavor === 'java' ? 200 : 403) },
    { name: 'SS-VERIFY-10 reversed suffix: policy /video.mp4 does not open /ev/video.mp4 -> 403',
      req: (p) => ({ target: signed(p, '/ev/video.mp4', { resource: `http://x.example/video.mp4` }) }), expect: 403 },
    // SS-VERIFY-11
    { name: 'SS-VERIFY-11 unsigned request -> 400', req: () => ({ target: v }), expect: 400 },
    { name: 'SS-VERIFY-11 unsigned request with empty query -> 400', req: () => ({ target: v + '?' }), expect: 400 },
    { name: 'SS-VERIFY-11 unsigned request for a non-media file -> 400', req: () => ({ target: '/poster.jpg' }), expect: 400 },
    { name: 'SS-VERIFY-11 unsigned request for a missing file -> 400 (no existence oracle)', req: () => ({ target: '/nothing.mp4' }), expect: 400 },
    { name: 'SS-VERIFY-11 unsigned HEAD -> 400', req: () => ({ method: 'HEAD', target: v }), expect: 400 },
    // SS-ENCODING
    { name: 'SS-ENCODING-1 base64url without padding (as the signer writes it)', req: (p) => ({ target: custom(v, awkwardPolicy(p)) }), expect: 200 },
    { name: 'SS-ENCODING-2 base64url with padding', req: (p) => ({ target: custom(v, awkwardPolicy(p), { policy: Buffer.from(awkwardPolicy(p)).toString('base64url') + '=' }) }), expect: 200 },
    { name: 'SS-ENCODING-2 standard alphabet, raw + / =', req: (p) => ({ target: custom(v, awkwardPolicy(p), { policy: std64(awkwardPolicy(p)) }) }), expect: 200 },
    { name: 'SS-ENCODING-2 standard alphabet, %2B %2F %3D', req: (p) => ({ target: custom(v, awkwardPolicy(p), { policy: encodeURIComponent(std64(awkwardPolicy(p))) }) }), expect: 200 },
    { name: 'SS-ENCODING-2 standard alphabet, lower-case %2b %2f %3d', req: (p) => ({ target: custom(v, awkwardPolicy(p), { policy: encodeURIComponent(std64(awkwardPolicy(p))).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()) }) }), expect: 200 },
    { name: 'SS-ENCODING-2 standard alphabet without padding', req: (p) => ({ target: custom(v, awkwardPolicy(p), { policy: std64(awkwardPolicy(p)).replace(/=+$/, '') }) }), expect: 200 },
    { name: 'SS-ENCODING-2 policy fully percent-encoded (every character)', req: (p) => ({ target: custom(v, awkwardPolicy(p), { policy: [...encodePolicy(awkwardPolicy(p))].map((c) => '%' + c.charCodeAt(0).toString(16)).join('') }) }), expect: 200 },
    { name: 'policy with three = of padding -> 403 java / 400 apache', req: (p) => ({ target: custom(v, awkwardPolicy(p), { policy: std64(awkwardPolicy(p)).replace(/=+$/, '') + '===' }) }), expect: byFlavor(403, 400) },
  ];
  return cases;
}

/** Malformed requests: each must get an HTTP answer (SS-ROBUST-1). */
function robustCases(): Case[] {
  const v = '/video.mp4';
  const cases: Case[] = [];
  const names = ['policy', 'keyId', 'signature', 'x', 'policy', '', 'keyId', 'signature'];
  for (let n = 0; n <= 8; n++) {
    cases.push({ name: `SS-ROBUST-1 ${n} parameters (missing or duplicated unless 3 or 4)`, req: (p) => {
      const good = new URLSearchParams(signed(p, v).split('?')[1]);
      const segs = names.slice(0, n).map((k) => `${k}=${good.get(k) ?? 'y'}`);
      return { target: `${v}?${segs.join('&')}` };
    }, expect: n < 3 || n > 4 ? 400 : 200 });
    cases.push({ name: `SS-ROBUST-1 valid URL plus ${n} extra parameters is served`, req: (p) => ({ target: signed(p, v) + '&a=1'.repeat(n) }), expect: 200 });
  }
  const odd: [string, string][] = [
    ['blank everything', `${v}?policy=&keyId=&signature=`],
    ['only separators', `${v}?&&&=&=&`],
    ['bare names', `${v}?policy&keyId&signature`],
    ['repeated names x50', `${v}?` + 'policy=a&'.repeat(50)],
    ['invalid percent-escapes', `${v}?policy=%zz%4&keyId=%&signature=%%%`],
    ['percent-escaped invalid UTF-8', `${v}?policy=%ff%fe&keyId=%c3%28&signature=%80`],
    ['encoded NUL', `${v}?policy=%00&keyId=%00&signature=%00`],
    ['very long policy (200 000 chars)', `${v}?policy=${'A'.repeat(200_000)}&keyId=${KEY_ID}&signature=${'0'.repeat(64)}`],
    ['very long keyId (100 000 chars)', `${v}?policy=eyJ9&keyId=${'k'.repeat(100_000)}&signature=0`],
    ['very long signature', `${v}?policy=eyJ9&keyId=${KEY_ID}&signature=${'f'.repeat(100_000)}`],
    ['huge query beyond the header limit (2 MB)', `${v}?policy=${'A'.repeat(2_000_000)}`],
    ['invalid percent-escape in the path', `/vid%zzeo.mp4?policy=a&keyId=b&signature=c`],
    ['encoded ../ in the path', `/%2e%2e/%2e%2e/etc/passwd?policy=a&keyId=b&signature=c`],
    ['deeply nested JSON policy', `${v}?policy=${Buffer.from('['.repeat(100_000)).toString('base64url')}&keyId=${KEY_ID}&signature=0`],
    ['asterisk target', '*'],
    ['absolute-form target', 'http://127.0.0.1/video.mp4?policy=a&keyId=b&signature=c'],
    ['relative target', 'video.mp4'],
  ];
  for (const [name, target] of odd) cases.push({ name: `SS-ROBUST-1 ${name}`, req: () => ({ target, timeoutMs: 8000 }), expect: 'any-http' });
  const raws: [string, (p: number) => Buffer | string][] = [
    ['raw non-ASCII bytes in the query', (p) => Buffer.concat([Buffer.from(`GET ${v}?policy=`), Buffer.from('é☃', 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from(`&keyId=x&signature=y HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nConnection: close\r\n\r\n`)])],
    ['raw non-ASCII bytes in the path', (p) => Buffer.concat([Buffer.from('GET /vidé'), Buffer.from([0xff]), Buffer.from(`.mp4 HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nConnection: close\r\n\r\n`)])],
    ['unknown method FOO', (p) => `FOO ${v} HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nConnection: close\r\n\r\n`],
    ['lower-case method get', (p) => `get ${v} HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nConnection: close\r\n\r\n`],
    ['PROPFIND', (p) => `PROPFIND ${v} HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nConnection: close\r\n\r\n`],
    ['OPTIONS *', (p) => `OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nConnection: close\r\n\r\n`],
    ['CONNECT', (p) => `CONNECT 127.0.0.1:${p} HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nConnection: close\r\n\r\n`],
    ['TRACE', (p) => `TRACE ${v} HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nConnection: close\r\n\r\n`],
    ['HTTP/1.0 without Host', () => `GET ${v}?policy=a&keyId=b&signature=c HTTP/1.0\r\n\r\n`],
    ['HTTP/1.1 without Host', () => `GET ${v} HTTP/1.1\r\nConnection: close\r\n\r\n`],
    ['garbage request line', () => 'HELLO\r\n\r\n'],
    ['space in target', (p) => `GET /vi deo.mp4 HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\n\r\n`],
    ['POST with a body', (p) => `POST ${v} HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello`],
    ['bad Host header', () => `GET ${v}?policy=a&keyId=b&signature=c HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n`],
  ];
  for (const [name, mk] of raws) cases.push({ name: `SS-ROBUST-1 ${name}`, req: (p) => ({ target: '', raw: mk(p) }), expect: 'any-http' });
  return cases;
}

const CONFIGS: ServerOpts[] = [
  { strict: true, flavor: 'java', variant: CORRECT },
  { strict: false, flavor: 'java', variant: CORRECT },
  { strict: true, flavor: 'apache', variant: CORRECT },
  { strict: false, flavor: 'apache', variant: CORRECT },
];

function cfgName(o: ServerOpts): string {
  return `${o.variant}/${o.flavor}/strict=${o.strict ? 'on' : 'off'}`;
}

async function runCase(s: Server, c: Case): Promise<void> {
  const exp = typeof c.expect === 'function' ? c.expect(s.opts) : c.expect;
  const r = await send(s.port, c.req(s.port));
  let ok = matches(r, exp);
  if (ok && c.body !== undefined && r.kind === 'http') ok = r.body === c.body;
  if (ok && exp === 'any-http' && r.kind === 'http') ok = r.status >= 400 && r.status < 500;
  check(`[${cfgName(s.opts)}] ${c.name}`, ok, `expected ${exp}${c.body !== undefined ? ` body ${JSON.stringify(c.body)}` : ''}, got ${describe(r)}${r.kind === 'http' && c.body !== undefined ? ` body ${JSON.stringify(r.body.slice(0, 40))}` : ''}`);
}

async function correctSuite(): Promise<void> {
  console.log('2. correct variant, four configurations');
  for (const o of CONFIGS) {
    const s = await server(o);
    for (const c of correctCases()) await runCase(s, c);
    for (const c of robustCases()) await runCase(s, c);
    const r = await send(s.port, { target: signed(s.port, '/video.mp4') });
    check(`[${cfgName(o)}] server still serves after the robustness battery`, matches(r, 200), describe(r));
  }
}

// ---------------------------------------------------------- 3. variants

interface Probe { what: string; req: (port: number) => Req; correct: Expect; variant: Expect }

function probes(name: string): Probe[] {
  const v = '/video.mp4';
  const ok = (p: number): string => signed(p, v);
  const q = (p: number): URLSearchParams => new URLSearchParams(ok(p).split('?')[1]);
  const t = (target: string): Req => ({ target });
  const aw = (p: number): string => awkwardPolicy(p);
  switch (name) {
    case 'partial-percent-decoding':
      return [{ what: 'standard base64 written %2B %2F %3D', req: (p) => t(custom(v, aw(p), { policy: encodeURIComponent(std64(aw(p))) })), correct: 200, variant: 403 },
        { what: 'trailing %3D alone still works', req: (p) => t(custom(v, aw(p), { policy: Buffer.from(aw(p)).toString('base64url') + '%3D' })), correct: 200, variant: 200 }];
    case 'no-percent-decoding':
      return [{ what: 'padding written %3D', req: (p) => t(custom(v, aw(p), { policy: Buffer.from(aw(p)).toString('base64url') + '%3D' })), correct: 200, variant: 403 }];
    case 'plus-decoded-as-space':
      return [{ what: 'standard base64 with a literal +', req: (p) => t(custom(v, aw(p), { policy: std64(aw(p)) })), correct: 200, variant: 403 }];
    case 'only-base64url':
      return [{ what: 'standard base64 with + / =', req: (p) => t(custom(v, aw(p), { policy: std64(aw(p)) })), correct: 200, variant: 403 }];
    case 'only-padded-base64':
      return [{ what: 'unpadded base64url as Opencast writes it', req: (p) => t(custom(v, aw(p))), correct: 200, variant: 403 }];
    case 'standard-alphabet-only':
      return [{ what: 'base64url containing - and _', req: (p) => t(custom(v, aw(p))), correct: 200, variant: 403 }];
    case 'crash-even-params':
      return [{ what: 'valid URL plus one parameter (4 parameters)', req: (p) => t(ok(p) + '&x=1'), correct: 200, variant: 'no-answer' },
        { what: 'valid URL (3 parameters)', req: (p) => t(ok(p)), correct: 200, variant: 200 }];
    case 'reset-on-invalid-percent-escape':
      return [{ what: 'valid URL plus x=%zz', req: (p) => t(ok(p) + '&x=%zz'), correct: 200, variant: 'no-answer' }];
    case 'hang-on-long-param':
      return [{ what: 'valid URL plus a 5000-character parameter', req: (p) => ({ target: ok(p) + '&x=' + 'a'.repeat(5000), timeoutMs: 1500 }), correct: 200, variant: 'timeout' }];
    case 'blank-signature-accepted':
      return [{ what: 'forged policy with blank signature', req: (p) => t(custom(v, policyJson(input(p, v, { dlt: T0 + 999 * HOUR })), { sig: '' })), correct: 400, variant: 200 }];
    case 'duplicates-tolerated':
      return [{ what: 'good signature followed by a bad one', req: (p) => t(ok(p) + '&signature=' + '0'.repeat(64)), correct: 400, variant: 200 }];
    case 'duplicates-last-wins':
      return [{ what: 'bad signature followed by the good one', req: (p) => t(`${v}?policy=${q(p).get('policy')}&keyId=${KEY_ID}&signature=${'0'.repeat(64)}&signature=${q(p).get('signature')}`), correct: 400, variant: 200 }];
    case 'missing-param-403':
      return [{ what: 'missing signature', req: (p) => t(`${v}?policy=${q(p).get('policy')}&keyId=${KEY_ID}`), correct: 400, variant: 403 }];
    case 'signature-ignored':
      return [{ what: 'wrong signature', req: (p) => t(custom(v, policyJson(input(p, v)), { sig: '0'.repeat(64) })), correct: 403, variant: 200 }];
    case 'case-insensitive-signature':
      return [{ what: 'upper-cased signature', req: (p) => t(ok(p).replace(/signature=(\w+)/, (_m, s: string) => `signature=${s.toUpperCase()}`)), correct: 403, variant: 200 }];
    case 'signature-prefix-accepted':
      return [{ what: 'first two hex digits of the signature', req: (p) => t(ok(p).replace(/signature=(\w+)/, (_m, s: string) => `signature=${s.slice(0, 2)}`)), correct: 403, variant: 200 }];
    case 'signature-over-reserialized-json':
      return [{ what: 'canonical signature, whitespace added to the JSON', req: (p) => t(custom(v, policyJson(input(p, v)).replace('{"Condition"', '{ "Condition"'), { sig: q(p).get('signature') as string })), correct: 403, variant: 200 },
        { what: 'non-canonical JSON signed over its own text', req: (p) => t(custom(v, JSON.stringify({ Statement: { Condition: { DateLessThan: T0 + HOUR }, Resource: `${originOf(p)}${v}` } }))), correct: 200, variant: 403 }];
    case 'malformed-policy-500':
      return [{ what: 'signed policy that is not JSON', req: () => t(custom(v, 'not json')), correct: 403, variant: 500 }];
    case 'time-checked-first':
      return [{ what: 'forged policy with a past DateLessThan', req: (p) => t(custom(v, policyJson(input(p, v, { dlt: T0 - HOUR })), { sig: q(p).get('signature') as string })), correct: 403, variant: 410 }];
    case 'signature-mismatch-401':
      return [{ what: 'wrong signature', req: (p) => t(custom(v, policyJson(input(p, v)), { sig: '0'.repeat(64) })), correct: 403, variant: 401 }];
    case 'soft-deny-200':
      return [{ what: 'unsigned request', req: () => t(v), correct: 400, variant: 200 }];
    case 'hmac-over-base64':
      return [{ what: 'genuine Opencast URL', req: (p) => t(ok(p)), correct: 200, variant: 403 },
        { what: 'URL signed over the base64 text', req: (p) => t(`${v}?policy=${q(p).get('policy')}&keyId=${KEY_ID}&signature=${signatureHex(q(p).get('policy') as string, SECRET)}`), correct: 403, variant: 200 }];
    case 'head-not-allowed':
      return [{ what: 'HEAD of a valid URL', req: (p) => ({ method: 'HEAD', target: ok(p) }), correct: 200, variant: 405 }];
    case 'unknown-key-default':
      return [{ what: 'unknown keyId, signed with the first key', req: (p) => t(signed(p, v, { keyId: 'retiredKey', secret: SECRET })), correct: 403, variant: 200 }];
    case 'unknown-key-tries-all-keys':
      return [{ what: 'unknown keyId, signed with the second key', req: (p) => t(signed(p, v, { keyId: 'retiredKey', secret: SECRET2 })), correct: 403, variant: 200 }];
    case 'unknown-key-400':
      return [{ what: 'unknown keyId', req: (p) => t(signed(p, v, { keyId: 'retiredKey', secret: 'x' })), correct: 403, variant: 400 }];
    case 'ignores-ip':
      return [{ what: 'policy bound to 10.9.9.9', req: (p) => t(signed(p, v, { ip: '10.9.9.9' })), correct: 403, variant: 200 }];
    case 'trusts-x-forwarded-for':
      return [{ what: 'policy bound to 10.9.9.9, X-Forwarded-For: 10.9.9.9', req: (p) => ({ target: signed(p, v, { ip: '10.9.9.9' }), headers: { 'X-Forwarded-For': '10.9.9.9' } }), correct: 403, variant: 200 }];
    case 'ip-prefix-match':
      return [{ what: 'policy bound to 127.0.0.1, client 127.0.0.12', req: (p) => ({ target: signed(p, v, { ip: '127.0.0.1' }), localAddress: '127.0.0.12' }), correct: 403, variant: 200 }];
    case 'ip-mismatch-401':
      return [{ what: 'policy bound to 10.9.9.9', req: (p) => t(signed(p, v, { ip: '10.9.9.9' })), correct: 403, variant: 401 }];
    case 'ignores-expiry':
      return [{ what: 'an hour after DateLessThan', req: (p) => t(signed(p, v, { dlt: T0 - HOUR })), correct: 410, variant: 200 }];
    case 'exclusive-expiry-boundary':
      return [{ what: 'exactly at DateLessThan', req: (p) => t(signed(p, v, { dlt: T0 })), correct: 200, variant: 410 }];
    case 'whole-second-clock':
      return [{ what: '100 ms after DateLessThan within the same second', req: (p) => t(signed(p, v, { dlt: T0 - 100 })), correct: 410, variant: 200 },
        { what: '1 s after DateLessThan', req: (p) => t(signed(p, v, { dlt: T0 - 1000 })), correct: 410, variant: 410 }];
    case 'expiry-leeway-30s':
      return [{ what: '10 s after DateLessThan', req: (p) => t(signed(p, v, { dlt: T0 - 10_000 })), correct: 410, variant: 200 }];
    case 'dates-as-seconds':
      return [{ what: 'an hour after DateLessThan', req: (p) => t(signed(p, v, { dlt: T0 - HOUR })), correct: 410, variant: 200 },
        { what: 'valid URL with a past DateGreaterThan', req: (p) => t(signed(p, v, { dgt: T0 - HOUR })), correct: 200, variant: 410 }];
    case 'trusts-client-date-header':
      return [{ what: 'expired URL with a Date header before expiry', req: (p) => ({ target: signed(p, v, { dlt: T0 - 60_000 }), headers: { Date: new Date(T0 - HOUR).toUTCString() } }), correct: 410, variant: 200 }];
    case 'missing-expiry-accepted':
      return [{ what: 'signed policy without DateLessThan', req: (p) => t(custom(v, `{"Statement":{"Condition":{},"Resource":"${originOf(p).replace(/\//g, '\\/')}\\/video.mp4"}}`)), correct: 403, variant: 200 }];
    case 'expired-as-403':
      return [{ what: '1 ms after DateLessThan', req: (p) => t(signed(p, v, { dlt: T0 - 1 })), correct: 410, variant: 403 }];
    case 'ignores-not-before':
      return [{ what: 'an hour before DateGreaterThan', req: (p) => t(signed(p, v, { dgt: T0 + HOUR, dlt: T0 + 2 * HOUR })), correct: 410, variant: 200 }];
    case 'exclusive-not-before-boundary':
      return [{ what: 'exactly at DateGreaterThan', req: (p) => t(signed(p, v, { dgt: T0 })), correct: 200, variant: 410 }];
    case 'not-yet-valid-as-403':
      return [{ what: '1 ms before DateGreaterThan', req: (p) => t(signed(p, v, { dgt: T0 + 1 })), correct: 410, variant: 403 }];
    case 'resource-prefix-match':
      return [{ what: 'policy for /vid on /video.mp4', req: (p) => t(signed(p, v, { resource: originOf(p) + '/vid' })), correct: 403, variant: 200 }];
    case 'resource-case-insensitive':
      return [{ what: 'policy for /VIDEO.MP4 on /video.mp4', req: (p) => t(signed(p, v, { resource: originOf(p) + '/VIDEO.MP4' })), correct: 403, variant: 200 }];
    case 'missing-resource-accepted':
      return [{ what: 'signed policy without Resource', req: () => t(custom(v, `{"Statement":{"Condition":{"DateLessThan":${T0 + HOUR}}}}`)), correct: 403, variant: 200 }];
    case 'resource-mismatch-404':
      return [{ what: 'policy for /other.mp4 on /video.mp4', req: (p) => t(signed(p, v, { resource: originOf(p) + '/other.mp4' })), correct: 403, variant: 404 }];
    case 'strict-drops-port':
      return [{ what: 'policy for port 1', req: (p) => t(signed(p, v, { resource: `http://127.0.0.1:1${v}` })), correct: 403, variant: 200 },
        { what: 'policy without port (80)', req: (p) => t(signed(p, v, { resource: `http://127.0.0.1${v}` })), correct: 403, variant: 200 }];
    case 'strict-ignores-scheme':
      return [{ what: 'policy for https', req: (p) => t(signed(p, v, { resource: `https://127.0.0.1:${p}${v}` })), correct: 403, variant: 200 }];
    case 'strict-ignores-host':
      return [{ what: 'policy for another host', req: (p) => t(signed(p, v, { resource: `http://evil.example:${p}${v}` })), correct: 403, variant: 200 }];
    case 'strict-compares-query':
      return [{ what: 'valid URL plus cachebust=1', req: (p) => t(ok(p) + '&cachebust=1'), correct: 200, variant: 403 }];
    case 'strict-ignored':
      return [{ what: 'policy for another host', req: (p) => t(signed(p, v, { resource: `http://evil.example:${p}${v}` })), correct: 403, variant: 200 }];
    case 'nonstrict-ignores-path':
      return [{ what: 'policy for /other.mp4 on /video.mp4', req: (p) => t(signed(p, v, { resource: originOf(p) + '/other.mp4' })), correct: 403, variant: 200 }];
    case 'nonstrict-is-strict':
      return [{ what: 'policy for another host', req: (p) => t(signed(p, v, { resource: `http://lb.example${v}` })), correct: 200, variant: 403 }];
    case 'nonstrict-equal-paths':
      return [{ what: 'policy /series/ev/video.mp4 on /ev/video.mp4', req: (p) => t(signed(p, '/ev/video.mp4', { resource: 'http://x.example/series/ev/video.mp4' })), correct: 200, variant: 403 }];
    case 'nonstrict-suffix-match':
      return [{ what: 'policy /series/ev/video.mp4 on /ev/video.mp4', req: (p) => t(signed(p, '/ev/video.mp4', { resource: 'http://x.example/series/ev/video.mp4' })), correct: 403, variant: 200 }];
    case 'nonstrict-reversed-suffix':
      return [{ what: 'policy /video.mp4 on /ev/video.mp4', req: (p) => t(signed(p, '/ev/video.mp4', { resource: 'http://x.example/video.mp4' })), correct: 403, variant: 200 },
        { what: 'policy /series/ev/video.mp4 on /ev/video.mp4', req: (p) => t(signed(p, '/ev/video.mp4', { resource: 'http://x.example/series/ev/video.mp4' })), correct: 200, variant: 403 }];
    case 'unsigned-passthrough':
      return [{ what: 'unsigned GET', req: () => t(v), correct: 400, variant: 200 }];
    case 'only-media-extensions-protected':
      return [{ what: 'unsigned GET of /poster.jpg', req: () => t('/poster.jpg'), correct: 400, variant: 200 },
        { what: 'unsigned GET of /video.mp4', req: () => t(v), correct: 400, variant: 400 }];
    case 'non-get-methods-unverified':
      return [{ what: 'unsigned POST', req: () => ({ method: 'POST', target: v }), correct: 405, variant: 200 }];
    default:
      return [];
  }
}

async function variantSuite(): Promise<void> {
  console.log('3. deviation variants');
  const names = new Set<string>();
  for (const vr of VARIANTS) {
    check(`variant name ${vr.name} is unique`, !names.has(vr.name));
    names.add(vr.name);
    check(`variant ${vr.name} is well-formed`, /^SS-(VERIFY-(1[01]?|[2-9])|ENCODING-[12]|ROBUST-1)$/.test(vr.deviates) &&
      (vr.level === 'fail' || vr.level === 'warn') && vr.what.length > 10 && vr.securityImpact.length > 3);
    const ps = probes(vr.name);
    check(`variant ${vr.name} has a probe`, ps.length > 0);
    const o: ServerOpts = {
      strict: vr.appliesTo.strict ?? true,
      flavor: vr.appliesTo.flavor ?? 'java',
      variant: vr.name,
    };
    check(`variant ${vr.name} applies to its probe configuration`, variantApplies(vr, o.strict, o.flavor));
    const sv = await server(o);
    const sc = await server({ ...o, variant: CORRECT });
    let differs = false;
    for (const pr of ps) {
      const rc = await send(sc.port, pr.req(sc.port));
      const rv = await send(sv.port, pr.req(sv.port));
      check(`[${cfgName(o)}] ${pr.what}: correct ${pr.correct}, variant ${pr.variant}`,
        matches(rc, pr.correct) && matches(rv, pr.variant), `got correct ${describe(rc)}, variant ${describe(rv)}`);
      if (describe(rc) !== describe(rv)) differs = true;
    }
    check(`variant ${vr.name} deviates observably`, differs);
    // every variant other than the robustness ones still answers (and serves a valid URL unless that is its deviation)
    if (vr.deviates !== 'SS-ROBUST-1' && vr.name !== 'hmac-over-base64' && vr.name !== 'only-padded-base64' && vr.name !== 'standard-alphabet-only') {
      const r = await send(sv.port, { target: signed(sv.port, '/video.mp4') });
      check(`[${cfgName(o)}] otherwise correct: a valid URL is served`, matches(r, 200), describe(r));
    }
    // the other servers of this variant are stopped as we go to keep the process count low
    await stopServer(sv);
    running.delete(serverKey(o));
  }
  // warn levels: wrong status only (the probes' variant answers are 4xx/5xx refusals where the correct one refuses)
  for (const vr of VARIANTS.filter((x) => x.level === 'warn')) {
    const ok = probes(vr.name).every((p) => (typeof p.correct === 'number' && p.correct >= 400 && typeof p.variant === 'number' && p.variant >= 400) ||
      vr.deviates === 'SS-ENCODING-2');
    check(`warn-level variant ${vr.name} only changes refusal statuses (or breaks a SHOULD)`, ok);
  }
}

// -------------------------------------------------- 4. clock and shutdown

async function clockAndShutdown(): Promise<void> {
  console.log('4. real clock, --now-offset-ms, SIGTERM');
  const real = await server({ strict: true, flavor: 'java', variant: CORRECT, fixedNow: null });
  let r = await send(real.port, { target: signed(real.port, '/video.mp4', { dlt: Date.now() + 60_000 }) });
  check('real clock: valid for another minute -> 200', matches(r, 200), describe(r));
  r = await send(real.port, { target: signed(real.port, '/video.mp4', { dlt: Date.now() - 1000 }) });
  check('real clock: expired a second ago -> 410', matches(r, 410), describe(r));
  const ahead = await server({ strict: true, flavor: 'java', variant: CORRECT, fixedNow: null, offset: 120_000 });
  r = await send(ahead.port, { target: signed(ahead.port, '/video.mp4', { dlt: Date.now() + 60_000 }) });
  check('--now-offset-ms 120000: a URL valid for another minute is already gone -> 410', matches(r, 410), describe(r));
  const behind = await server({ strict: true, flavor: 'java', variant: CORRECT, fixedNow: null, offset: -120_000 });
  r = await send(behind.port, { target: signed(behind.port, '/video.mp4', { dlt: Date.now() - 60_000 }) });
  check('--now-offset-ms -120000: a URL expired a minute ago is still valid -> 200', matches(r, 200), describe(r));
  r = await send(behind.port, { target: signed(behind.port, '/video.mp4', { dgt: Date.now() - 60_000 }) });
  check('--now-offset-ms -120000: a URL valid since a minute ago is not yet valid -> 410', matches(r, 410), describe(r));
  // dual-stack listener: the IPv4 peer arrives as ::ffff:127.0.0.1 and must be normalised
  let dual: Server | undefined;
  try { dual = await server({ strict: true, flavor: 'java', variant: CORRECT, listen: '[::]:0' }); } catch { dual = undefined; }
  if (dual) {
    r = await send(dual.port, { target: signed(dual.port, '/video.mp4', { ip: '127.0.0.1' }) });
    check('dual-stack listener: IPv4-mapped peer matches IpAddress 127.0.0.1 -> 200', matches(r, 200), describe(r));
    r = await send(dual.port, { target: signed(dual.port, '/video.mp4', { ip: '127.0.0.1' }), localAddress: '127.0.0.2' });
    check('dual-stack listener: peer 127.0.0.2 does not match 127.0.0.1 -> 403', matches(r, 403), describe(r));
  } else {
    console.log('  (no IPv6 on this host: dual-stack check skipped)');
  }
  // a hanging connection must not keep the server from exiting on SIGTERM
  const hang = await server({ strict: true, flavor: 'java', variant: 'hang-on-long-param' });
  const pending = send(hang.port, { target: '/video.mp4?x=' + 'a'.repeat(5000), timeoutMs: 10_000 });
  await new Promise((res) => setTimeout(res, 200));
  const t0 = Date.now();
  const code = await stopServer(hang);
  running.delete(serverKey(hang.opts));
  check('SIGTERM with a hanging connection: exit code 0 within 3 s', code === 0 && Date.now() - t0 < 3000, `code ${code}`);
  await pending;
}

async function main(): Promise<void> {
  testVectors();
  try {
    await correctSuite();
    await variantSuite();
    await clockAndShutdown();
  } finally {
    for (const s of running.values()) {
      const code = await stopServer(s);
      check(`[${cfgName(s.opts)}] exits with 0 on SIGTERM`, code === 0, `code ${code}`);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const table = VARIANTS.map((x) => `${x.name} -> ${x.deviates} ${x.level}`).length;
  console.log(`\n${passed} checks passed, ${failures.length} failed (${table} deviation variants).`);
  if (failures.length > 0) {
    for (const f of failures) console.log(`FAIL ${f}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
