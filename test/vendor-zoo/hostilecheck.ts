// Independent black-box checks for the zoo-hostile variants (m-*, s-*): each probe runs against
// the correct program and against the variant and prints what each did. A probe passes when the
// correct program behaves well and the variant shows its defect. Only `ws` and Node built-ins.
//
//   node dist/test/vendor-zoo/hostilecheck.js [VARIANT ...]      (default: all m-/s- variants)

import { spawn, ChildProcess, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as net from 'net';
import * as tls from 'tls';
import * as http from 'http';
import * as https from 'https';
import * as crypto from 'crypto';
import WebSocket, { WebSocketServer } from 'ws';
import { VARIANTS } from './variants';
import { selfSignedCert } from './hostile';
import * as T3 from './tls3des';

const ZOO = path.join(__dirname, 'zoo.js');
const MOS = 'ZOO.DEVICE.MOS';
const NCS = 'ZOO.NCS';
const USER = 'zoo-user';
const PASS = 's3cret-pass';
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'zoo-hostile-'));

interface Zoo {
  proc: ChildProcess;
  listenUrl: string;
  control: string;
  exited: Promise<number | null>;
  alive: () => boolean;
  stderr: () => string;
}

function startZoo(role: string, variant: string, args: string[], env: Record<string, string> = {}): Promise<Zoo> {
  const proc = spawn(process.execPath, [ZOO, '--role', role, '--variant', variant, '--mos-id', MOS, '--ncs-id', NCS, '--user', USER, ...args], {
    env: { ...process.env, ZOO_PASSWORD: PASS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let done = false;
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => {
    done = true;
    r(code);
  }));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`zoo not ready: ${err}`)), 20000);
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(t);
        const j = JSON.parse(out.slice(0, nl));
        resolve({ proc, listenUrl: j.listenUrl ?? '', control: j.control ?? '', exited, alive: () => !done, stderr: () => err });
      }
    });
    proc.on('exit', () => reject(new Error(`zoo exited: ${err}`)));
  });
}

async function stopZoo(z: Zoo): Promise<void> {
  if (z.alive()) z.proc.kill('SIGTERM');
  await Promise.race([z.exited, sleep(3000)]);
  if (z.alive()) z.proc.kill('SIGKILL');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const basic = (u: string, p: string): string => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

function q(over: Record<string, string | null> = {}, raw = ''): string {
  const base: Record<string, string | null> = { mosID: MOS, ncsID: NCS, channel: 'mom', ...over };
  const parts = Object.entries(base).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
  return `?${parts.join('&')}${raw}`;
}

/** Upgrade attempt: resolves with the HTTP status (101 when opened), body text, and the socket. */
function upgrade(url: string, headers: Record<string, string>, opts: WebSocket.ClientOptions = {}): Promise<{ status: number; body: string; ws?: WebSocket; error?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers, rejectUnauthorized: false, handshakeTimeout: 3000, ...opts });
    const t = setTimeout(() => {
      ws.terminate();
      resolve({ status: 0, body: '', error: 'timeout' });
    }, 4000);
    ws.on('open', () => {
      clearTimeout(t);
      resolve({ status: 101, body: '', ws });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        clearTimeout(t);
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    ws.on('error', (e) => {
      clearTimeout(t);
      resolve({ status: -1, body: '', error: e.message });
    });
  });
}

function nextMessage(ws: WebSocket, pred: (s: string) => boolean, ms = 2000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      ws.off('message', on);
      resolve(undefined);
    }, ms);
    const on = (d: Buffer): void => {
      const s = d.toString();
      if (pred(s)) {
        clearTimeout(t);
        ws.off('message', on);
        resolve(s);
      }
    };
    ws.on('message', on);
  });
}

let mid = 1000;
function env(body: string): string {
  return `<mos><mosID>${MOS}</mosID><ncsID>${NCS}</ncsID><messageID>${++mid}</messageID>${body}</mos>`;
}
async function request(ws: WebSocket, body: string, replyTag: string): Promise<string | undefined> {
  const id = mid + 1;
  const p = nextMessage(ws, (s) => s.includes(`<${replyTag}`) && s.includes(`<messageID>${id}</messageID>`));
  ws.send(env(body));
  return p;
}
function story(id: string): string {
  return `<story><storyID>${id}</storyID><storySlug>${id}</storySlug><item><itemID>${id}-I</itemID><objID>OBJ-1</objID><mosID>${MOS}</mosID></item></story>`;
}
function roCreate(roID: string, n: number): string {
  return `<roCreate><roID>${roID}</roID><roSlug>${roID}</roSlug>${Array.from({ length: n }, (_, i) => story(`${roID}-S${i + 1}`)).join('')}</roCreate>`;
}

// ------------------------------------------------------------------ certificates

function opensslCert(name: string, subj: string, san: string, bits = 2048): { cert: string; key: string } {
  const c = path.join(TMP, `${name}.pem`);
  const k = path.join(TMP, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', `rsa:${bits}`, '-nodes', '-keyout', k, '-out', c, '-days', '2', '-subj', subj, '-addext', `subjectAltName=${san}`], { stdio: 'ignore' });
  return { cert: c, key: k };
}
let good: { cert: string; key: string } | undefined;
function goodCert(): { cert: string; key: string } {
  return (good ??= opensslCert('good', '/CN=127.0.0.1', 'IP:127.0.0.1,DNS:localhost'));
}

// ------------------------------------------------------------------ probes

type Probe = (variant: string, role: string) => Promise<string>;

/** A listener probe: one upgrade with a mutated element. Broken = 101. */
function listenProbe(query: string, headers: Record<string, string>): Probe {
  return async (variant, role) => {
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0']);
    try {
      const r = await upgrade(z.listenUrl + query, headers);
      r.ws?.terminate();
      return `HTTP ${r.status}${r.error ? ` (${r.error})` : ''}`;
    } finally {
      await stopZoo(z);
    }
  };
}
const AUTH = { Authorization: basic(USER, PASS) };

/** Open a good socket and run fn on it. */
function socketProbe(fn: (ws: WebSocket, z: Zoo) => Promise<string>, channel = 'mom', zooArgs: string[] = [], tlsListen = false): Probe {
  return async (variant, role) => {
    const extra = tlsListen ? ['--cert', goodCert().cert, '--key', goodCert().key] : [];
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0', ...extra, ...zooArgs]);
    try {
      const r = await upgrade(z.listenUrl + q({ channel }), AUTH);
      if (!r.ws) return `could not open (${r.status} ${r.error ?? ''})`;
      const out = await fn(r.ws, z);
      r.ws.terminate();
      return out;
    } finally {
      await stopZoo(z);
    }
  };
}

/** Raw upgrade over net, then write bytes; reports whether the server closed (and the close code). */
function rawFrameProbe(frame: Buffer): Probe {
  return async (variant, role) => {
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0']);
    try {
      const u = new URL(z.listenUrl + q());
      const sock = net.connect(Number(u.port), u.hostname);
      let buf = Buffer.alloc(0);
      let closedAt = -1;
      sock.on('data', (d) => (buf = Buffer.concat([buf, d])));
      sock.on('close', () => (closedAt = Date.now()));
      sock.on('error', () => undefined);
      await new Promise((r) => sock.once('connect', r));
      const key = crypto.randomBytes(16).toString('base64');
      sock.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: ${AUTH.Authorization}\r\n\r\n`);
      for (let i = 0; i < 50 && buf.indexOf('\r\n\r\n') < 0; i++) await sleep(100);
      const head = buf.indexOf('\r\n\r\n');
      if (!buf.subarray(0, 20).toString().includes(' 101 ')) return `no 101: ${buf.subarray(0, 40).toString()}`;
      buf = buf.subarray(head + 4);
      const t0 = Date.now();
      sock.write(frame);
      await sleep(1500);
      // find a close frame from the server
      let code: number | undefined;
      let i = 0;
      while (i + 2 <= buf.length) {
        const op = buf[i] & 0x0f;
        let len = buf[i + 1] & 0x7f;
        let off = i + 2;
        if (len === 126) {
          len = buf.readUInt16BE(i + 2);
          off += 2;
        }
        if (op === 8 && len >= 2) code = buf.readUInt16BE(off);
        i = off + len;
      }
      sock.destroy();
      return code !== undefined ? `closed with ${code}` : closedAt > 0 ? `TCP closed after ${closedAt - t0} ms, no close frame` : 'connection kept open, no close frame';
    } finally {
      await stopZoo(z);
    }
  };
}
function frame(byte0: number, payload: Buffer, masked: boolean): Buffer {
  const key = crypto.randomBytes(4);
  const p = Buffer.from(payload);
  if (masked) for (let i = 0; i < p.length; i++) p[i] ^= key[i % 4];
  return Buffer.concat([Buffer.from([byte0, (masked ? 0x80 : 0) | p.length]), masked ? key : Buffer.alloc(0), p]);
}

/** The zoo dials a plain ws server of ours; report the request URLs per socket. */
function dialUrlProbe(): Probe {
  return async (variant, role) => {
    const seen: string[] = [];
    const srv = http.createServer();
    srv.on('clientError', (_e, sock) => sock.destroy());
    const wss = new WebSocketServer({ server: srv });
    wss.on('connection', (_ws, req) => seen.push(req.url ?? ''));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    const z = await startZoo(role, variant, ['--connect', `ws://127.0.0.1:${port}/mos/suite?parameter1=12345&tenant=newsroom-a&desk=~news`]);
    await sleep(800);
    await stopZoo(z);
    for (const c of wss.clients) c.terminate();
    wss.close();
    srv.close();
    return seen.sort().map((u) => u.replace('/mos/suite?', '')).join(' | ');
  };
}

/**
 * The zoo dials (passive) a server that accepts for 700 ms, then drops every socket and refuses
 * every upgrade with 503 for `outageMs`, then accepts again; reports the attempts per socket during
 * the outage and how long after the end of the outage each socket was open again.
 */
function redialProbe(outageMs: number): Probe {
  return async (variant, role) => {
    const counts = new Map<string, number>();
    const back = new Map<string, number>();
    let refusing = false;
    let outageEnd = 0;
    const srv = http.createServer((_q, res) => res.end());
    srv.on('clientError', (_e, sock) => sock.destroy());
    const wss = new WebSocketServer({ noServer: true });
    srv.on('upgrade', (req, socket, head) => {
      socket.on('error', () => undefined);
      const u = new URL(req.url ?? '/', 'http://x');
      const k = `${u.searchParams.get('channel')}${u.searchParams.get('passive') ? '+p' : ''}`;
      if (refusing) {
        counts.set(k, (counts.get(k) ?? 0) + 1);
        socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      if (outageEnd > 0 && !back.has(k)) back.set(k, Date.now() - outageEnd);
      wss.handleUpgrade(req, socket, head, () => undefined);
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    const z = await startZoo(role, variant, ['--connect', `ws://127.0.0.1:${port}/mos`, '--passive', '--retry-ms', '50']);
    await sleep(700);
    refusing = true;
    for (const c of wss.clients) c.terminate();
    await sleep(outageMs);
    refusing = false;
    outageEnd = Date.now();
    await sleep(3000);
    await stopZoo(z);
    for (const c of wss.clients) c.terminate();
    srv.close();
    const keys = [...new Set([...counts.keys(), ...back.keys()])].sort();
    return `${outageMs} ms outage: ` + keys.map((k) => `${k}: ${counts.get(k) ?? 0} refused, ${back.has(k) ? `back after ${back.get(k)} ms` : 'NOT back within 3 s'}`).join('; ');
  };
}

/** The zoo dials a wss server of ours with the given TLS options; report whether a socket opened. */
function dialTlsProbe(serverOpts: () => tls.TlsOptions, zooArgs: () => string[]): Probe {
  return async (variant, role) => {
    let opened = 0;
    const srv = https.createServer(serverOpts());
    const wss = new WebSocketServer({ server: srv });
    wss.on('connection', () => opened++);
    let tlsErr = '';
    srv.on('tlsClientError', (e) => (tlsErr = e.message));
    srv.on('clientError', (_e, sock) => sock.destroy());
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    const z = await startZoo(role, variant, ['--connect', `wss://127.0.0.1:${port}/mos`, ...zooArgs()]);
    await sleep(1200);
    const errLine = (z.stderr().match(/dial mom failed: ([^\n]*)/) ?? [])[1] ?? '';
    await stopZoo(z);
    for (const c of wss.clients) c.terminate();
    wss.close();
    srv.close();
    return opened > 0 ? `${opened} socket(s) opened` : `no socket (${(errLine || tlsErr).slice(0, 70)})`;
  };
}

/**
 * One raw HTTP upgrade (net, so repeated headers and any query text go out byte for byte): "HTTP
 * <status>" or "socket destroyed, no answer" when the server closed without a byte.
 */
function rawUpgrade(listenUrl: string, query: string, headerLines: string[]): Promise<string> {
  return new Promise((resolve) => {
    const u = new URL(listenUrl);
    const sock = net.connect(Number(u.port), u.hostname);
    let buf = '';
    const done = (s: string): void => {
      clearTimeout(t);
      sock.destroy();
      resolve(s);
    };
    const t = setTimeout(() => done('no answer within 3 s'), 3000);
    sock.on('error', () => undefined);
    sock.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(buf);
      if (m && buf.includes('\r\n\r\n')) done(`HTTP ${m[1]}`);
    });
    sock.on('close', () => done(buf === '' ? 'socket destroyed, no answer' : `closed after ${JSON.stringify(buf.slice(0, 30))}`));
    sock.on('connect', () => {
      const key = crypto.randomBytes(16).toString('base64');
      sock.write([`GET ${u.pathname}${query} HTTP/1.1`, `Host: ${u.host}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${key}`, 'Sec-WebSocket-Version: 13', ...headerLines, '', ''].join('\r\n'));
    });
  });
}
/** Several raw upgrades against one listener: "label: result; label: result". */
function rawCasesProbe(cases: [label: string, query: string, headerLines: string[]][], zooArgs: string[] = []): Probe {
  return async (variant, role) => {
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0', ...zooArgs]);
    try {
      const out: string[] = [];
      for (const [label, query, headers] of cases) out.push(`${label}: ${await rawUpgrade(z.listenUrl, query, headers)}`);
      return out.join('; ');
    } finally {
      await stopZoo(z);
    }
  };
}
const AUTH_LINE = `Authorization: ${basic(USER, PASS)}`;
const TOKEN = Buffer.from(`${USER}:${PASS}`).toString('base64');
const swapCase = (x: string): string => [...x].map((ch) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase())).join('');

// ---- configured extra parameters (--listen-extra): apiKey (a capital letter in the name) and sig
// (a value that needs percent-encoding). Every extra probe also sends the exact form, and first
// reports whether the listenUrl carries both, strictly percent-encoded.
const XN = 'apiKey';
const XV = 'Zoo-Key_7';
const SN = 'sig';
const SV = 'a+b/c d&e=f~';
const EXTRA_ARGS = ['--listen-extra', `${XN}=${XV}`, '--listen-extra', `${SN}=${SV}`];
/** RFC 3986 strict: everything but unreserved characters percent-encoded (upper-case hex). */
const enc = (x: string): string => [...Buffer.from(x)].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
/** Every octet percent-encoded. */
const pctAll = (x: string): string => [...Buffer.from(x)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const SIG = `${SN}=${enc(SV)}`;
const EXTRA_QUERY = `?${XN}=${enc(XV)}&${SIG}`;
/** A MOS query with the given extra-parameter text (raw) and MOS parameter overrides. */
const xq = (extras: string, over: Record<string, string | null> = {}): string => q(over, extras === '' ? '' : `&${extras}`);
const GOOD_X = `${XN}=${enc(XV)}&${SIG}`;
/** Raw upgrades against a listener started with EXTRA_ARGS; the exact request comes first. */
function extraCasesProbe(cases: [label: string, query: string, headerLines: string[]][]): Probe {
  return async (variant, role) => {
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0', ...EXTRA_ARGS]);
    try {
      const search = new URL(z.listenUrl).search;
      const out = [`listenUrl query ${search === EXTRA_QUERY ? 'as configured' : `WRONG (${search})`}`];
      for (const [label, query, headers] of [['exact extras', xq(GOOD_X), [AUTH_LINE]] as [string, string, string[]], ...cases]) {
        out.push(`${label}: ${await rawUpgrade(z.listenUrl, query, headers)}`);
      }
      return out.join('; ');
    } finally {
      await stopZoo(z);
    }
  };
}
/**
 * A passive-listener probe: the listener (with --control) gets mom and ro sockets whose query ends
 * with `passiveText`; then an operator heartbeat on mom. Reports the upgrade status and whether the
 * heartbeat came over our mom socket (a listener that took it as passive originates over it).
 */
function passiveOriginateProbe(passiveText: string): Probe {
  return async (variant, role) => {
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0', '--control', '127.0.0.1:0']);
    const socks: WebSocket[] = [];
    try {
      const mom = await upgrade(z.listenUrl + q({ channel: 'mom' }, passiveText), AUTH);
      const ro = await upgrade(z.listenUrl + q({ channel: 'ro' }, passiveText), AUTH);
      for (const r of [mom, ro]) if (r.ws) socks.push(r.ws);
      if (!mom.ws) return `mom: HTTP ${mom.status}, ro: HTTP ${ro.status}`;
      const got = nextMessage(mom.ws, (x) => x.includes('<heartbeat>'), 1500);
      await new Promise<void>((resolve) => {
        const body = JSON.stringify({ kind: 'originate', message: 'heartbeat', channel: 'mom' });
        const rq = http.request(`${z.control}/action`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        rq.on('error', () => resolve());
        rq.end(body);
      });
      const hb = await got;
      return `mom: HTTP ${mom.status}, ro: HTTP ${ro.status}; operator heartbeat ${hb ? 'sent over this mom socket (taken as passive)' : 'NOT sent over it within 1.5 s (taken as a normal socket)'}`;
    } finally {
      for (const w of socks) w.terminate();
      await stopZoo(z);
    }
  };
}

const PW_FIRST = PASS.slice(0, 1);
const PROBES: Record<string, Probe> = {
  'm-mosid-trailing-space': listenProbe(q({ mosID: `${MOS} ` }), AUTH),
  'm-mosid-case-insensitive': listenProbe(q({ mosID: MOS.toLowerCase() }), AUTH),
  'm-mosid-duplicate-first-wins': listenProbe(q({}, '&mosID=OTHER.MOS'), AUTH),
  'm-ncsid-double-decoded': listenProbe(`?mosID=${MOS}&ncsID=ZOO%252ENCS&channel=mom`, AUTH),
  'm-ids-mom-only': listenProbe(q({ channel: 'ro', mosID: 'OTHER.MOS' }), AUTH),
  'm-ids-passive-unchecked': listenProbe(q({ passive: 'true', mosID: 'OTHER.MOS' }), AUTH),
  'm-ncsid-empty-accepted': listenProbe(q({ ncsID: '' }), AUTH),
  'm-channel-prefix-match': listenProbe(q({ channel: 'ro2' }), AUTH),
  'm-channel-case-insensitive': listenProbe(q({ channel: 'RO' }), AUTH),
  'm-passive-any-value': listenProbe(q({ passive: 'yes' }), AUTH),
  'm-auth-mom-only': listenProbe(q({ channel: 'ro' }), {}),
  'm-auth-passive-unchecked': listenProbe(q({ passive: 'true' }), { Authorization: basic(USER, 'wrong') }),
  'm-auth-password-extended': listenProbe(q(), { Authorization: basic(USER, `${PASS}x`) }),
  'm-auth-password-truncated': listenProbe(q(), { Authorization: basic(USER, PW_FIRST) }),
  'm-auth-empty-password': listenProbe(q(), { Authorization: basic(USER, '') }),
  'm-auth-admin-any-password': listenProbe(q(), { Authorization: basic('admin', 'admin') }),
  'm-auth-user-case-insensitive': listenProbe(q(), { Authorization: basic(USER.toUpperCase(), PASS) }),
  'm-auth-token-trailing-garbage': listenProbe(q(), { Authorization: `${basic(USER, PASS)}AAAA` }),
  'm-auth-base64url-token': listenProbe(q(), { Authorization: basic(USER, PASS).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_') }),
  'm-auth-any-scheme': listenProbe(q(), { Authorization: basic(USER, PASS).replace('Basic', 'Bearer') }),
  'm-ncsid-trimmed': rawCasesProbe([['ncsID=%20NCS%20', q({ ncsID: ` ${NCS} ` }), [AUTH_LINE]]]),
  'm-ncsid-case-insensitive': rawCasesProbe([['ncsID lower-cased', q({ ncsID: NCS.toLowerCase() }), [AUTH_LINE]]]),
  'm-ncsid-any-duplicate-matches': rawCasesProbe([
    ['ncsID=OTHER&ncsID=right', `?mosID=${MOS}&ncsID=OTHER.NCS&ncsID=${NCS}&channel=mom`, [AUTH_LINE]],
    ['ncsID=right&ncsID=OTHER', `?mosID=${MOS}&ncsID=${NCS}&ncsID=OTHER.NCS&channel=mom`, [AUTH_LINE]],
  ]),
  'm-ncsid-one-spelling': rawCasesProbe([
    ['nCSID=', `?mosID=${MOS}&nCSID=${NCS}&channel=mom`, [AUTH_LINE]],
    ['ncsID=', `?mosID=${MOS}&ncsID=${NCS}&channel=mom`, [AUTH_LINE]],
  ]),
  'm-query-not-percent-decoded': rawCasesProbe([
    ['channel=%6D%6F%6D', `?mosID=${MOS}&ncsID=${NCS}&channel=%6D%6F%6D`, [AUTH_LINE]],
    ['mosID fully %-encoded', `?mosID=${[...Buffer.from(MOS)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')}&ncsID=${NCS}&channel=mom`, [AUTH_LINE]],
    ['plain', q(), [AUTH_LINE]],
  ]),
  'm-duplicate-param-500': rawCasesProbe([
    ['channel=mom twice', q({}, '&channel=mom'), [AUTH_LINE]],
    ['extra parameter1 twice', `?parameter1=1&parameter1=1&mosID=${MOS}&ncsID=${NCS}&channel=mom`, [AUTH_LINE]],
    ['channel=mom&channel=ro', q({}, '&channel=ro'), [AUTH_LINE]],
  ]),
  'm-passive-parse-throws': rawCasesProbe([
    ['passive=TRUE', q({ passive: 'TRUE' }), [AUTH_LINE]],
    ['passive=yes', q({ passive: 'yes' }), [AUTH_LINE]],
    ['passive=', q({ passive: '' }), [AUTH_LINE]],
    ['passive=truex', q({ passive: 'truex' }), [AUTH_LINE]],
    ['passive=true', q({ passive: 'true' }), [AUTH_LINE]],
    ['passive=false', q({ passive: 'false' }), [AUTH_LINE]],
  ]),
  'm-channel-trimmed': rawCasesProbe([['channel=%20ro%20', q({ channel: ' ro ' }), [AUTH_LINE]]]),
  'm-missing-param-500': rawCasesProbe([
    ['no mosID', q({ mosID: null }), [AUTH_LINE]],
    ['no channel', q({ channel: null }), [AUTH_LINE]],
    ['MOSID=', `?MOSID=${MOS}&ncsID=${NCS}&channel=mom`, [AUTH_LINE]],
    ['nCSID=', `?mosID=${MOS}&nCSID=${NCS}&channel=mom`, [AUTH_LINE]],
    ['plain', q(), [AUTH_LINE]],
  ]),
  'm-auth-scheme-case-sensitive': rawCasesProbe([
    ['basic', q(), [`Authorization: basic ${TOKEN}`]],
    ['BASIC', q(), [`Authorization: BASIC ${TOKEN}`]],
    ['Basic', q(), [AUTH_LINE]],
  ]),
  'm-auth-token-case-insensitive': rawCasesProbe([
    ['token case-swapped', q(), [`Authorization: Basic ${swapCase(TOKEN)}`]],
    ['token lower-cased', q(), [`Authorization: Basic ${TOKEN.toLowerCase()}`]],
  ]),
  'm-auth-decoder-throws': rawCasesProbe([
    ['no padding', q(), [`Authorization: Basic ${basic(USER, 'wrong').slice(6).replace(/=+$/, '')}`]],
    ['URL-safe', q(), [`Authorization: Basic ${Buffer.from(`${USER}:pa??>>ss`).toString('base64url')}`]],
    ['%3D for =', q(), [`Authorization: Basic ${TOKEN.replace(/=/g, '%3D')}`]],
    ['trailing x', q(), [`Authorization: Basic ${TOKEN}x`]],
    ['leading x', q(), [`Authorization: Basic x${TOKEN}`]],
    ['plain user:pass', q(), [`Authorization: Basic ${USER}:${PASS}`]],
    ['valid token, wrong password', q(), [`Authorization: ${basic(USER, 'wrong')}`]],
  ]),
  'm-auth-password-only': rawCasesProbe([
    ['":password"', q(), [`Authorization: ${basic('', PASS)}`]],
    ['"someone:password"', q(), [`Authorization: ${basic('someone', PASS)}`]],
  ]),
  'm-auth-trims-password': rawCasesProbe([
    ['" password "', q(), [`Authorization: ${basic(USER, ` ${PASS} `)}`]],
    ['"password\\t"', q(), [`Authorization: ${basic(USER, `${PASS}\t`)}`]],
  ]),
  'm-auth-duplicate-header-500': rawCasesProbe([
    ['Authorization twice (same, correct)', q(), [AUTH_LINE, AUTH_LINE]],
    ['correct then wrong', q(), [AUTH_LINE, `Authorization: ${basic(USER, 'wrong')}`]],
    ['once', q(), [AUTH_LINE]],
  ]),
  // ---- third batch: configured extra parameters (listener started with EXTRA_ARGS)
  'm-extra-absent-accepted': extraCasesProbe([
    ['apiKey absent', xq(SIG), [AUTH_LINE]],
    ['sig absent', xq(`${XN}=${XV}`), [AUTH_LINE]],
  ]),
  'm-extra-empty-accepted': extraCasesProbe([
    ['apiKey=', xq(`${XN}=&${SIG}`), [AUTH_LINE]],
    ['sig=', xq(`${XN}=${XV}&${SN}=`), [AUTH_LINE]],
  ]),
  'm-extra-repeat-reset': extraCasesProbe([
    ['apiKey twice, same value', xq(`${GOOD_X}&${XN}=${XV}`), [AUTH_LINE]],
    ['apiKey twice, conflicting', xq(`${GOOD_X}&${XN}=OTHER`), [AUTH_LINE]],
  ]),
  'm-extra-duplicate-last-wins': extraCasesProbe([
    ['apiKey=WRONG&apiKey=right', xq(`${XN}=WRONG&${GOOD_X}`), [AUTH_LINE]],
    ['apiKey=right&apiKey=WRONG', xq(`${GOOD_X}&${XN}=WRONG`), [AUTH_LINE]],
    ['apiKey twice, same value', xq(`${GOOD_X}&${XN}=${XV}`), [AUTH_LINE]],
  ]),
  'm-extra-name-case-insensitive': extraCasesProbe([
    ['APIKEY=', xq(`${XN.toUpperCase()}=${XV}&${SIG}`), [AUTH_LINE]],
    ['apikey=', xq(`${XN.toLowerCase()}=${XV}&${SIG}`), [AUTH_LINE]],
  ]),
  'm-extra-name-lowercased-lookup': extraCasesProbe([
    ['apikey=', xq(`${XN.toLowerCase()}=${XV}&${SIG}`), [AUTH_LINE]],
    ['exact extras on ro', xq(GOOD_X, { channel: 'ro' }), [AUTH_LINE]],
  ]),
  'm-extra-value-case-insensitive': extraCasesProbe([
    ['apiKey upper-cased', xq(`${XN}=${XV.toUpperCase()}&${SIG}`), [AUTH_LINE]],
    ['apiKey case-swapped', xq(`${XN}=${swapCase(XV)}&${SIG}`), [AUTH_LINE]],
  ]),
  'm-extra-value-trimmed': extraCasesProbe([
    ['apiKey=%20key%20', xq(`${XN}=%20${XV}%20&${SIG}`), [AUTH_LINE]],
    ['apiKey=key%09', xq(`${XN}=${XV}%09&${SIG}`), [AUTH_LINE]],
  ]),
  'm-extra-value-truncated': extraCasesProbe([
    ['apiKey first character', xq(`${XN}=${XV.slice(0, 1)}&${SIG}`), [AUTH_LINE]],
    ['apiKey without last character', xq(`${XN}=${XV.slice(0, -1)}&${SIG}`), [AUTH_LINE]],
  ]),
  'm-extra-value-extended': extraCasesProbe([
    ['apiKey suffixed', xq(`${XN}=${XV}X&${SIG}`), [AUTH_LINE]],
    ['apiKey prefixed', xq(`${XN}=X${XV}&${SIG}`), [AUTH_LINE]],
  ]),
  'm-extra-value-substring': extraCasesProbe([
    ['apiKey prefixed', xq(`${XN}=X${XV}&${SIG}`), [AUTH_LINE]],
    ['apiKey suffixed', xq(`${XN}=${XV}X&${SIG}`), [AUTH_LINE]],
  ]),
  'm-extra-value-unchecked': extraCasesProbe([
    ['apiKey foreign', xq(`${XN}=Other-Key_8&${SIG}`), [AUTH_LINE]],
    ['sig foreign', xq(`${XN}=${XV}&${SN}=x`), [AUTH_LINE]],
  ]),
  'm-extra-raw-compare': extraCasesProbe([
    ['apiKey every character %-encoded', xq(`${XN}=${pctAll(XV)}&${SIG}`), [AUTH_LINE]],
    ['sig with lower-case hex', xq(`${XN}=${XV}&${SN}=${enc(SV).toLowerCase()}`), [AUTH_LINE]],
    ['apiKey twice-encoded', xq(`${XN}=${pctAll(pctAll(XV))}&${SIG}`), [AUTH_LINE]],
  ]),
  'm-extra-value-not-decoded': extraCasesProbe([
    ['apiKey every character %-encoded', xq(`${XN}=${pctAll(XV)}&${SIG}`), [AUTH_LINE]],
    ['apiKey twice-encoded', xq(`${XN}=${pctAll(pctAll(XV))}&${SIG}`), [AUTH_LINE]],
  ]),
  'm-extra-double-decoded': extraCasesProbe([
    ['apiKey twice-encoded', xq(`${XN}=${pctAll(pctAll(XV))}&${SIG}`), [AUTH_LINE]],
    ['apiKey every character %-encoded', xq(`${XN}=${pctAll(XV)}&${SIG}`), [AUTH_LINE]],
  ]),
  'm-extra-mom-only': extraCasesProbe([
    ['ro without apiKey', xq(SIG, { channel: 'ro' }), [AUTH_LINE]],
    ['aux with a foreign apiKey', xq(`${XN}=Other&${SIG}`, { channel: 'aux' }), [AUTH_LINE]],
    ['mom without apiKey', xq(SIG), [AUTH_LINE]],
  ]),
  'm-extra-passive-unchecked': extraCasesProbe([
    ['passive without apiKey', xq(SIG, { passive: 'true' }), [AUTH_LINE]],
    ['passive with a foreign sig', xq(`${XN}=${XV}&${SN}=x`, { passive: 'true' }), [AUTH_LINE]],
    ['exact extras, passive', xq(GOOD_X, { passive: 'true' }), [AUTH_LINE]],
  ]),
  // ---- third batch: the passive flag
  'm-passive-absent-500': rawCasesProbe([
    ['no passive', q(), [AUTH_LINE]],
    ['no passive, ro', q({ channel: 'ro' }), [AUTH_LINE]],
    ['passive=true', q({ passive: 'true' }), [AUTH_LINE]],
  ]),
  'm-passive-repeat-ignored': async (variant, role) => {
    const same = await passiveOriginateProbe('&passive=true&passive=true')(variant, role);
    const conflict = await rawCasesProbe([['passive=true&passive=false', q({}, '&passive=true&passive=false'), [AUTH_LINE]]])(variant, role);
    return `passive=true twice: ${same} | ${conflict}`;
  },
  'm-passive-conflict-last-wins': rawCasesProbe([
    ['passive=false&passive=true', q({}, '&passive=false&passive=true'), [AUTH_LINE]],
    ['passive=true&passive=false', q({}, '&passive=true&passive=false'), [AUTH_LINE]],
    ['passive=true twice', q({}, '&passive=true&passive=true'), [AUTH_LINE]],
  ]),
  'm-passive-name-exact': async (variant, role) => {
    const upper = await passiveOriginateProbe('&PASSIVE=true')(variant, role);
    const mixed = await passiveOriginateProbe('&Passive=true')(variant, role);
    return `PASSIVE=true: ${upper} | Passive=true: ${mixed}`;
  },
  'm-passive-unexpected-500': rawCasesProbe([
    ['passive=%20true%20', q({ passive: ' true ' }), [AUTH_LINE]],
    ['passive=TRUE', q({ passive: 'TRUE' }), [AUTH_LINE]],
    ['passive=yes', q({ passive: 'yes' }), [AUTH_LINE]],
    ['passive=', q({ passive: '' }), [AUTH_LINE]],
    ['passive=true', q({ passive: 'true' }), [AUTH_LINE]],
  ]),
  'm-passive-trimmed': rawCasesProbe([
    ['passive=%20true%20', q({ passive: ' true ' }), [AUTH_LINE]],
    ['passive=%09false', q({ passive: '\tfalse' }), [AUTH_LINE]],
    ['passive=true', q({ passive: 'true' }), [AUTH_LINE]],
  ]),
  // ---- third batch: token alphabet, user name
  'm-auth-expects-base64url': rawCasesProbe([
    ['base64url token, no padding', q(), [`Authorization: Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64url')}`]],
    ['standard token', q(), [AUTH_LINE]],
    ['base64url of a wrong password', q(), [`Authorization: Basic ${Buffer.from(`${USER}:wrong`).toString('base64url')}`]],
  ]),
  'm-auth-trims-user': rawCasesProbe([
    ['" user "', q(), [`Authorization: ${basic(` ${USER} `, PASS)}`]],
    ['"user\\t"', q(), [`Authorization: ${basic(`${USER}\t`, PASS)}`]],
  ]),
  // ---- parameter names in another letter case (listener started with EXTRA_ARGS): exact spellings
  // first (101 from both), then passive and the configured extras with their names case-changed
  'm-param-name-case-500': extraCasesProbe([
    ['exact extras, passive=true', xq(GOOD_X, { passive: 'true' }), [AUTH_LINE]],
    ['exact extras, ro', xq(GOOD_X, { channel: 'ro' }), [AUTH_LINE]],
    ['exact extras, mosid/nCSID spellings, aux', `?mosid=${MOS}&nCSID=${NCS}&channel=aux&${GOOD_X}`, [AUTH_LINE]],
    ['exact extras, unknown tenant=x', xq(`${GOOD_X}&tenant=x`), [AUTH_LINE]],
    ['Passive=true', xq(GOOD_X, { Passive: 'true' }), [AUTH_LINE]],
    ['PASSIVE=true, ro', xq(GOOD_X, { channel: 'ro', PASSIVE: 'true' }), [AUTH_LINE]],
    ['apikey= (case-changed name)', xq(`${XN.toLowerCase()}=${XV}&${SIG}`), [AUTH_LINE]],
    ['SIG= (case-changed name)', xq(`${XN}=${XV}&${SN.toUpperCase()}=${enc(SV)}`), [AUTH_LINE]],
    ['exact extras plus APIKEY=', xq(`${GOOD_X}&${XN.toUpperCase()}=${XV}`), [AUTH_LINE]],
  ]),
  'm-dial-extra-param-twice': dialUrlProbe(),
  'm-dial-drop-last-extra-param': dialUrlProbe(),
  'm-dial-extra-value-uppercase': dialUrlProbe(),
  'm-dial-ro-foreign-mosid': dialUrlProbe(),
  'm-dial-mosid-trailing-space': dialUrlProbe(),
  'm-envelope-ids-differ-ro': socketProbe(async (ws) => {
    const r = await request(ws, '<heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat>', 'heartbeat');
    return `heartbeat reply envelope ${/<mosID>[^<]*<\/mosID>/.exec(r ?? '')?.[0] ?? 'none'}`;
  }, 'ro'),
  'm-rolist-omits-last-story': socketProbe(async (ws) => {
    await request(ws, roCreate('RO-A', 3), 'roAck');
    const l = await request(ws, '<roReq><roID>RO-A</roID></roReq>', 'roList');
    return `roList after a 3-story roCreate has ${(l ?? '').split('<story>').length - 1} stories`;
  }, 'ro'),
  'm-rolist-ignores-element-action': socketProbe(async (ws) => {
    await request(ws, roCreate('RO-A', 3), 'roAck');
    const a = await request(ws, '<roElementAction operation="DELETE"><roID>RO-A</roID><element_source><storyID>RO-A-S3</storyID></element_source></roElementAction>', 'roAck');
    const l = await request(ws, '<roReq><roID>RO-A</roID></roReq>', 'roList');
    return `DELETE acked ${/<roStatus>([^<]*)/.exec(a ?? '')?.[1]}; roList then has ${(l ?? '').split('<story>').length - 1} stories`;
  }, 'ro'),
  'm-mosobj-wrong-object': socketProbe(async (ws) => {
    const r = await request(ws, '<mosReqObj><objID>OBJ-2</objID></mosReqObj>', 'mosObj');
    return `mosReqObj OBJ-2 -> mosObj ${/<objID>([^<]*)/.exec(r ?? '')?.[1]}`;
  }),
  'm-roack-stale-roid': socketProbe(async (ws) => {
    await request(ws, roCreate('RO-A', 2), 'roAck');
    await request(ws, roCreate('RO-B', 2), 'roAck');
    const r = await request(ws, '<roReadyToAir><roID>RO-A</roID><roAir>READY</roAir></roReadyToAir>', 'roAck');
    return `roReadyToAir RO-A -> roAck ${/<roID>([^<]*)/.exec(r ?? '')?.[1]}`;
  }, 'ro'),
  'm-keepalive-once-on-ro': socketProbe(async (ws) => {
    let n = 0;
    ws.on('message', (d: Buffer) => d.toString().includes('<keepAlive/>') && n++);
    await sleep(1300);
    return `${n} keepAlive(s) on ro in 1.3 s (interval 200 ms)`;
  }, 'ro', ['--keepalive-ms', '200']),
  'm-redial-doubling-uncapped': redialProbe(8000),
  'm-redial-gives-up': redialProbe(1500),

  's-no-pong': socketProbe(pingProbe),
  's-pong-wrong-payload': socketProbe(pingProbe),
  's-invalid-utf8-ignored': socketProbe(utf8Probe),
  's-invalid-utf8-close-1000': socketProbe(utf8Probe),
  's-accept-unmasked-frames': rawFrameProbe(frame(0x81, Buffer.from('<mos/>'), false)),
  's-accept-rsv-bits': rawFrameProbe(frame(0x81 | 0x20, Buffer.from('<mos/>'), true)),
  's-accept-unknown-opcode': rawFrameProbe(frame(0x83, Buffer.from('xyz'), true)),
  's-no-close-reply': socketProbe(async (ws) => {
    const t0 = Date.now();
    const closed = new Promise<string>((r) => ws.on('close', (code) => r(`close ${code} after ${Date.now() - t0} ms`)));
    ws.close(1000, 'bye');
    return Promise.race([closed, sleep(2500).then(() => 'no Close frame back within 2.5 s')]);
  }),
  's-tls-legacy-versions': tlsListenProbe(async (port) => {
    const res: string[] = [];
    for (const v of ['TLSv1', 'TLSv1.1'] as const) {
      res.push(`${v}: ${await tlsHandshake(port, { minVersion: v, maxVersion: v, ciphers: 'DEFAULT@SECLEVEL=0' })}`);
    }
    return res.join(', ');
  }),
  's-rsa-1024-cert': tlsListenProbe(async (port) => {
    const c = await peerCert(port);
    return `key ${c?.bits} bits`;
  }),
  's-expired-cert': tlsListenProbe(async (port) => {
    const c = await peerCert(port);
    return `valid_to ${c?.valid_to} (${c && new Date(c.valid_to) < new Date() ? 'EXPIRED' : 'valid'})`;
  }),
  's-unoffered-subprotocol': handshakeProbe(),
  's-bad-accept-key': handshakeProbe(),
  's-crash-on-malformed-xml': crashProbe(() => `<mos><mosID>${MOS}</mosID><ncsID>${NCS}</ncsID><messageID>7</messageID><heartbeat><time>x</heartbeat></mos`),
  's-crash-on-deep-nesting': crashProbe(() => `<mos>${'<a>'.repeat(2000)}${'</a>'.repeat(2000)}</mos>`),
  's-crash-on-entity-expansion': crashProbe(() => {
    const ents = ['<!ENTITY l0 "lollollollollollollollollollol">'];
    for (let i = 1; i <= 9; i++) ents.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
    return `<?xml version="1.0"?><!DOCTYPE mos [${ents.join('')}]><mos><mosID>${MOS}</mosID><ncsID>${NCS}</ncsID><messageID>8</messageID><heartbeat><time>&l9;</time></heartbeat></mos>`;
  }),
  's-unbounded-payload': crashProbe(() => `<mos><mosID>${MOS}</mosID><ncsID>${NCS}</ncsID><messageID>9</messageID><heartbeat><time>${'x'.repeat(5 * 1024 * 1024)}</time></heartbeat></mos>`),
  's-echo-credentials': async (variant, role) => {
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0']);
    try {
      const r = await upgrade(z.listenUrl + q(), { Authorization: basic(USER, 'Hunter2-guess') });
      return `HTTP ${r.status}, body ${r.body.includes('Hunter2-guess') ? 'ECHOES the password' : 'does not echo the password'}: ${JSON.stringify(r.body.slice(0, 60))}`;
    } finally {
      await stopZoo(z);
    }
  },
  's-no-origin-check': listenProbe(q(), { ...AUTH, Origin: 'https://evil.example' }),
  's-dial-no-hostname-check': dialTlsProbe(
    () => {
      const c = opensslCert('wronghost', '/CN=wrong.example', 'DNS:wrong.example');
      return { cert: fs.readFileSync(c.cert), key: fs.readFileSync(c.key) };
    },
    () => ['--ca', path.join(TMP, 'wronghost.pem')],
  ),
  's-dial-accept-expired': dialTlsProbe(
    () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      const cert = selfSignedCert(privateKey, publicKey, '127.0.0.1', ['127.0.0.1'], ['localhost'], new Date(Date.now() - 100 * 86400000), new Date(Date.now() - 10 * 86400000));
      fs.writeFileSync(path.join(TMP, 'expired.pem'), cert);
      return { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }) };
    },
    () => ['--ca', path.join(TMP, 'expired.pem')],
  ),
  's-no-fragment-reassembly': fragmentProbe(),
  's-dial-unmasked-frames': dialMaskProbe(),
  's-tls13-only': tlsListenProbe(async (port) => {
    const v12 = await tlsHandshake(port, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    const dflt = await tlsHandshake(port, {});
    return `TLS 1.2-only client: ${v12}; default client: ${dflt}`;
  }),
  's-tls-weak-ciphers': tlsListenProbe(async (port) => {
    // a TLS 1.2 client offering nothing but NULL-encryption suites (RSA and ECDSA certificates)
    const nul = await tlsHandshake(port, { maxVersion: 'TLSv1.2', ciphers: 'NULL-SHA256:ECDHE-RSA-NULL-SHA:ECDHE-ECDSA-NULL-SHA:NULL-SHA:@SECLEVEL=0' }, true);
    const dflt = await tlsHandshake(port, { maxVersion: 'TLSv1.2' }, true);
    return `NULL-only TLS 1.2 client: ${nul}; default TLS 1.2 client: ${dflt}`;
  }),
  's-tls-3des': tls3desProbe(),
  's-tls-legacy-only': tlsListenProbe(async (port) => {
    const dflt = await tlsHandshake(port, {});
    const v12 = await tlsHandshake(port, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    const v11 = await tlsHandshake(port, { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' }, true);
    return `default (TLS 1.2+) client: ${dflt}; TLS 1.2-only client: ${v12}; TLS 1.1 client (SECLEVEL=0): ${v11}`;
  }),
  's-dial-offers-tls10': dialTlsProbe(
    () => ({ cert: fs.readFileSync(goodCert().cert), key: fs.readFileSync(goodCert().key), minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }),
    () => ['--allow-untrusted'],
  ),
  's-cert-wrong-host': certIdentityProbe(),
  's-serial-accept-no-timeout': blockedAcceptProbe(),
};

/**
 * s-cert-wrong-host: the certificate served at wss://127.0.0.1:PORT (names, key size, validity),
 * the RFC 6125 section 6 check of the reference identity 127.0.0.1 against it (Node's
 * tls.checkServerIdentity, an IP-ID matched against subjectAltName IP addresses only), a verifying
 * TLS client that trusts exactly the served certificate (so only the name can fail), and a wss client
 * that allows untrusted certificates (the proposal's option): 101 and a heartbeat answer.
 */
function certIdentityProbe(): Probe {
  return tlsListenProbe(async (port) => {
    const c = await peerCert(port);
    if (!c || !c.raw) return 'no certificate';
    const names = c.subjectaltname ?? '';
    const namesHost = names.split(/,\s*/).includes('IP Address:127.0.0.1');
    const now = Date.now();
    const valid = new Date(c.valid_from).getTime() <= now && now < new Date(c.valid_to).getTime();
    const idErr = tls.checkServerIdentity('127.0.0.1', c);
    const pem = `-----BEGIN CERTIFICATE-----\n${c.raw.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
    const verifying = await tlsHandshake(port, { ca: pem, rejectUnauthorized: true });
    const r = await upgrade(`wss://127.0.0.1:${port}/mos${q()}`, AUTH);
    const hb = r.ws ? await request(r.ws, '<heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat>', 'heartbeat') : undefined;
    r.ws?.terminate();
    return [
      `certificate CN=${c.subject?.CN}, subjectAltName "${names}" ${namesHost ? 'names' : 'does NOT name'} 127.0.0.1, RSA ${c.bits} bits, ${valid ? 'within its validity' : 'NOT within its validity'}`,
      `RFC 6125 check of 127.0.0.1: ${idErr ? `FAILS (${idErr.message.slice(0, 60)})` : 'matches'}`,
      `verifying client trusting this certificate: ${verifying}`,
      `wss client allowing untrusted certificates: ${r.ws ? `101, heartbeat ${hb ? 'answered' : 'NOT answered'}` : `failed ${r.error ?? r.status}`}`,
    ].join('; ');
  });
}

/**
 * s-serial-accept-no-timeout: one normal upgrade with correct credentials (then a heartbeat) alone,
 * while a silent TCP client is connected, after it left, while a slowloris client (request line,
 * then one header line every 500 ms) is connected; then over wss while a silent TCP client is
 * connected. Each attempt is bounded (upgrade: 3 s handshake timeout, 4 s in all).
 */
function blockedAcceptProbe(): Probe {
  const served = async (url: string): Promise<string> => {
    const t0 = Date.now();
    const r = await upgrade(url + q(), AUTH);
    if (!r.ws) return `NOT answered (${r.error ?? `HTTP ${r.status}`} after ${Math.round((Date.now() - t0) / 1000)} s)`;
    const hb = await request(r.ws, '<heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat>', 'heartbeat');
    r.ws.terminate();
    return `101, heartbeat ${hb ? 'answered' : 'NOT answered'}`;
  };
  const hold = async (port: number): Promise<net.Socket> => {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => undefined);
    await Promise.race([new Promise((r) => s.once('connect', r)), sleep(2000)]);
    return s;
  };
  return async (variant, role) => {
    const out: string[] = [];
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0']);
    const held: net.Socket[] = [];
    let drip: NodeJS.Timeout | undefined;
    try {
      const port = Number(new URL(z.listenUrl).port);
      out.push(`alone: ${await served(z.listenUrl)}`);
      const silent = await hold(port);
      held.push(silent);
      out.push(`silent TCP client connected: ${await served(z.listenUrl)}`);
      silent.destroy();
      await sleep(300);
      out.push(`after it left: ${await served(z.listenUrl)}`);
      const slow = await hold(port);
      held.push(slow);
      slow.write(`GET /mos${q()} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
      let n = 0;
      drip = setInterval(() => slow.write(`X-Slow-${++n}: x\r\n`), 500);
      out.push(`slowloris client connected: ${await served(z.listenUrl)}`);
      clearInterval(drip);
      slow.destroy();
      await sleep(300);
      out.push(`after it left: ${await served(z.listenUrl)}`);
      out.push(`process ${z.alive() ? 'running' : 'EXITED'}`);
    } finally {
      if (drip) clearInterval(drip);
      for (const s of held) s.destroy();
      await stopZoo(z);
    }
    const zt = await startZoo(role, variant, ['--listen', '127.0.0.1:0', '--cert', goodCert().cert, '--key', goodCert().key]);
    try {
      const port = Number(new URL(zt.listenUrl).port);
      out.push(`wss alone: ${await served(zt.listenUrl)}`);
      const silent = await hold(port);
      held.push(silent);
      out.push(`wss, silent TCP client connected: ${await served(zt.listenUrl)}`);
      silent.destroy();
      await sleep(300);
      out.push(`wss, after it left: ${await served(zt.listenUrl)}`);
    } finally {
      for (const s of held) s.destroy();
      await stopZoo(zt);
    }
    return out.join('; ');
  };
}

async function pingProbe(ws: WebSocket): Promise<string> {
  const got = new Promise<string>((r) => ws.once('pong', (d: Buffer) => r(`pong "${d.toString()}"`)));
  ws.ping(Buffer.from('probe-123'));
  return Promise.race([got, sleep(1500).then(() => 'no pong in 1.5 s')]);
}
async function utf8Probe(ws: WebSocket): Promise<string> {
  const closed = new Promise<string>((r) => ws.on('close', (code) => r(`closed with ${code}`)));
  ws.send(Buffer.from([0x3c, 0x6d, 0x6f, 0x73, 0x3e, 0xc3, 0x28, 0xff, 0x3c, 0x2f, 0x6d, 0x6f, 0x73, 0x3e]), { binary: false });
  return Promise.race([closed, sleep(1500).then(() => 'still open after 1.5 s')]);
}
function tlsListenProbe(fn: (port: number) => Promise<string>): Probe {
  return async (variant, role) => {
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0', '--cert', goodCert().cert, '--key', goodCert().key]);
    try {
      return await fn(Number(new URL(z.listenUrl).port));
    } finally {
      await stopZoo(z);
    }
  };
}
function tlsHandshake(port: number, o: tls.ConnectionOptions, withCipher = false): Promise<string> {
  return new Promise((resolve) => {
    const s = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false, ...o }, () => {
      resolve(`handshake OK (${s.getProtocol()}${withCipher ? ` ${s.getCipher().name}` : ''})`);
      s.destroy();
    });
    s.on('error', (e) => resolve(`refused (${e.message.slice(0, 40)})`));
  });
}
function peerCert(port: number): Promise<tls.PeerCertificate | undefined> {
  return new Promise((resolve) => {
    const s = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false }, () => {
      resolve(s.getPeerCertificate());
      s.destroy();
    });
    s.on('error', () => resolve(undefined));
  });
}
/** Server frames (unmasked) in buf: opcode, FIN, payload. */
function serverFrames(buf: Buffer): { op: number; fin: boolean; payload: Buffer }[] {
  const out: { op: number; fin: boolean; payload: Buffer }[] = [];
  let i = 0;
  while (i + 2 <= buf.length) {
    let len = buf[i + 1] & 0x7f;
    let off = i + 2;
    if (len === 126) {
      if (off + 2 > buf.length) break;
      len = buf.readUInt16BE(off);
      off += 2;
    } else if (len === 127) {
      if (off + 8 > buf.length) break;
      len = Number(buf.readBigUInt64BE(off));
      off += 8;
    }
    if (buf[i + 1] & 0x80) off += 4;
    if (off + len > buf.length) break;
    out.push({ op: buf[i] & 0x0f, fin: !!(buf[i] & 0x80), payload: buf.subarray(off, off + len) });
    i = off + len;
  }
  return out;
}

/**
 * RFC 6455 section 5.4: a heartbeat request sent as one text message in three frames (text with FIN
 * clear, continuation, continuation with FIN set), with a masked Ping between the first two
 * fragments. A reassembling endpoint answers the heartbeat (and the Ping).
 */
function fragmentProbe(): Probe {
  return async (variant, role) => {
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0']);
    try {
      const u = new URL(z.listenUrl + q());
      const sock = net.connect(Number(u.port), u.hostname);
      let buf = Buffer.alloc(0);
      let closed = false;
      sock.on('data', (d) => (buf = Buffer.concat([buf, d])));
      sock.on('close', () => (closed = true));
      sock.on('error', () => undefined);
      await new Promise((r) => sock.once('connect', r));
      const key = crypto.randomBytes(16).toString('base64');
      sock.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: ${AUTH.Authorization}\r\n\r\n`);
      for (let i = 0; i < 50 && buf.indexOf('\r\n\r\n') < 0; i++) await sleep(100);
      if (!buf.subarray(0, 20).toString().includes(' 101 ')) return `no 101: ${buf.subarray(0, 40).toString()}`;
      buf = buf.subarray(buf.indexOf('\r\n\r\n') + 4);
      const id = 4242;
      const msg = Buffer.from(`<mos><mosID>${MOS}</mosID><ncsID>${NCS}</ncsID><messageID>${id}</messageID><heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat></mos>`);
      const third = Math.ceil(msg.length / 3);
      sock.write(frame(0x01, msg.subarray(0, third), true)); // text, FIN clear
      sock.write(frame(0x89, Buffer.from('frag-ping'), true)); // Ping between fragments
      sock.write(frame(0x00, msg.subarray(third, 2 * third), true)); // continuation, FIN clear
      sock.write(frame(0x80, msg.subarray(2 * third), true)); // continuation, FIN set
      let frames = serverFrames(buf);
      const answered = (): boolean => frames.some((f) => f.op === 1 && f.payload.toString().includes('<heartbeat') && f.payload.toString().includes(`<messageID>${id}</messageID>`));
      for (let i = 0; i < 20 && !answered(); i++) {
        await sleep(100);
        frames = serverFrames(buf);
      }
      sock.destroy();
      const pong = frames.some((f) => f.op === 0xa && f.payload.toString() === 'frag-ping');
      const close = frames.find((f) => f.op === 8);
      const state = close ? `closed with ${close.payload.length >= 2 ? close.payload.readUInt16BE(0) : 'no code'}` : closed ? 'TCP closed' : 'connection open';
      return `fragmented heartbeat ${answered() ? 'answered' : 'NOT answered within 2 s'}, Ping between fragments ${pong ? 'ponged' : 'not ponged'}, ${state}`;
    } finally {
      await stopZoo(z);
    }
  };
}

/**
 * RFC 6455 section 5.1: the zoo dials (1) a raw server of ours that completes the opening handshake
 * itself and reports the mask bit of every client frame, then (2) a ws server, which fails the
 * connection (1002) on an unmasked client frame.
 */
function dialMaskProbe(): Probe {
  return async (variant, role) => {
    // (1) raw server
    const seen = new Map<string, { masked: number; unmasked: number; first: string }>();
    const conns = new Set<net.Socket>();
    const raw = net.createServer((c) => {
      conns.add(c);
      c.on('error', () => undefined);
      let buf = Buffer.alloc(0);
      let channel = '';
      c.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        if (!channel) {
          const end = buf.indexOf('\r\n\r\n');
          if (end < 0) return;
          const head = buf.subarray(0, end).toString('latin1');
          buf = buf.subarray(end + 4);
          const url = new URL(head.split(' ')[1] ?? '/', 'http://x');
          channel = `${url.searchParams.get('channel')}${url.searchParams.get('passive') ? '+p' : ''}`;
          const key = /^sec-websocket-key:\s*(\S+)/im.exec(head)?.[1] ?? '';
          const accept = crypto.createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
          c.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
          seen.set(channel, { masked: 0, unmasked: 0, first: '' });
        }
        // client frames: count the mask bits
        for (;;) {
          if (buf.length < 2) return;
          const m = !!(buf[1] & 0x80);
          let len = buf[1] & 0x7f;
          let off = 2;
          if (len === 126) {
            if (buf.length < 4) return;
            len = buf.readUInt16BE(2);
            off = 4;
          } else if (len === 127) {
            if (buf.length < 10) return;
            len = Number(buf.readBigUInt64BE(2));
            off = 10;
          }
          const keyAt = off;
          if (m) off += 4;
          if (buf.length < off + len) return;
          const p = Buffer.from(buf.subarray(off, off + len));
          if (m) for (let i = 0; i < p.length; i++) p[i] ^= buf[keyAt + (i % 4)];
          const s = seen.get(channel)!;
          if (m) s.masked++;
          else s.unmasked++;
          if (!s.first) s.first = `${['cont', 'text', 'binary'][buf[0] & 0x0f] ?? `op${buf[0] & 0x0f}`} ${m ? 'masked' : 'UNMASKED'}${p.toString().includes('<keepAlive') ? ' keepAlive' : ''}`;
          buf = buf.subarray(off + len);
        }
      });
    });
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    const z1 = await startZoo(role, variant, ['--connect', `ws://127.0.0.1:${(raw.address() as net.AddressInfo).port}/mos`, '--keepalive-ms', '200']);
    await sleep(900);
    await stopZoo(z1);
    for (const c of conns) c.destroy();
    raw.close();
    const rawReport = [...seen.keys()].sort().map((k) => {
      const s = seen.get(k)!;
      return `${k}: first frame ${s.first || 'none'} (${s.masked} masked, ${s.unmasked} unmasked)`;
    }).join('; ');
    // (2) an RFC 6455 server (ws): unmasked client frames fail the connection with 1002
    const codes: string[] = [];
    const srv = http.createServer();
    srv.on('clientError', (_e, sock) => sock.destroy());
    const wss = new WebSocketServer({ server: srv });
    wss.on('connection', (ws) => {
      // ws fails the connection (sends Close 1002) and reports why
      ws.on('error', (e: Error & { code?: string }) => codes.push(`${e.code ?? ''} "${e.message}"`));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const z2 = await startZoo(role, variant, ['--connect', `ws://127.0.0.1:${(srv.address() as net.AddressInfo).port}/mos`, '--keepalive-ms', '200', '--retry-ms', '300']);
    await sleep(900);
    const during = codes.length;
    const first = codes[0];
    await stopZoo(z2);
    for (const c of wss.clients) c.terminate();
    wss.close();
    srv.close();
    return `${rawReport} | ws server: ${during === 0 ? 'no socket failed in 0.9 s' : `${during} socket(s) failed by the server (${first}, Close 1002)`}`;
  };
}

function handshakeProbe(): Probe {
  return async (variant, role) => {
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0']);
    try {
      const r = await upgrade(z.listenUrl + q(), AUTH);
      r.ws?.terminate();
      return r.status === 101 ? 'client accepted the handshake' : `client refused the handshake: ${r.error ?? r.status}`;
    } finally {
      await stopZoo(z);
    }
  };
}
function crashProbe(msg: () => string): Probe {
  return async (variant, role) => {
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0']);
    try {
      const r = await upgrade(z.listenUrl + q(), AUTH);
      if (!r.ws) return 'could not open';
      const closed = new Promise<number>((res) => r.ws!.on('close', (c) => res(c)));
      r.ws.send(msg());
      const code = await Promise.race([closed, z.exited.then(() => 0), sleep(5000).then(() => 0)]);
      await sleep(300);
      if (!z.alive()) return `PROCESS EXITED (code ${z.proc.exitCode})`;
      const r2 = await upgrade(z.listenUrl + q(), AUTH);
      const hb = r2.ws ? await request(r2.ws, '<heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat>', 'heartbeat') : undefined;
      r2.ws?.terminate();
      r.ws.terminate();
      return `alive${code ? ` (socket closed ${code})` : ''}, heartbeat ${hb ? 'answered' : 'NOT answered'}`;
    } finally {
      await stopZoo(z);
    }
  };
}

// ------------------------------------------------------------------ s-tls-3des: raw TLS 1.2 client

/** A raw ClientHello record (RFC 5246 section 7.4.1.2) with the given suites and extensions. */
function clientHello(suites: number[], o: { versions?: number[]; keyShare?: Buffer; random?: Buffer } = {}): { record: Buffer; msg: Buffer; random: Buffer } {
  const u16 = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);
  const vec16 = (b: Buffer): Buffer => Buffer.concat([u16(b.length), b]);
  const ext = (type: number, data: Buffer): Buffer => Buffer.concat([u16(type), vec16(data)]);
  const random = o.random ?? crypto.randomBytes(32);
  const exts = [
    ext(10, vec16(Buffer.concat([29, 23, 24].map(u16)))), // supported_groups
    ext(11, Buffer.from([1, 0])), // ec_point_formats: uncompressed
    ext(13, vec16(Buffer.concat([0x0804, 0x0401, 0x0403, 0x0501, 0x0201].map(u16)))), // signature_algorithms
    ext(0xff01, Buffer.from([0])), // renegotiation_info (initial)
  ];
  if (o.versions) exts.push(ext(43, Buffer.concat([Buffer.from([o.versions.length * 2]), ...o.versions.map(u16)])));
  if (o.keyShare) exts.push(ext(51, vec16(Buffer.concat([u16(29), vec16(o.keyShare)]))));
  const body = Buffer.concat([u16(0x0303), random, Buffer.from([0]), vec16(Buffer.concat(suites.map(u16))), Buffer.from([1, 0]), vec16(Buffer.concat(exts))]);
  const msg = T3.handshake(1, body);
  return { record: T3.record(22, msg), msg, random };
}

/** Reads TLS records from a raw socket. */
class RawTls {
  buf: Buffer = Buffer.alloc(0);
  closed = false;
  private wake: (() => void) | undefined;
  constructor(readonly sock: net.Socket) {
    sock.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake?.();
    });
    sock.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    sock.on('error', () => undefined);
  }
  /** Next record, or undefined on close/timeout. */
  async next(ms = 3000): Promise<{ type: number; version: number; frag: Buffer } | undefined> {
    const end = Date.now() + ms;
    for (;;) {
      if (this.buf.length >= 5 && this.buf.length >= 5 + this.buf.readUInt16BE(3)) {
        const len = this.buf.readUInt16BE(3);
        const r = { type: this.buf[0], version: this.buf.readUInt16BE(1), frag: Buffer.from(this.buf.subarray(5, 5 + len)) };
        this.buf = this.buf.subarray(5 + len);
        return r;
      }
      if (this.closed || Date.now() >= end) return undefined;
      await new Promise<void>((r) => {
        this.wake = r;
        setTimeout(r, Math.max(1, end - Date.now()));
      });
      this.wake = undefined;
    }
  }
}

function connectRaw(port: number): Promise<RawTls> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(raw));
    const raw = new RawTls(s);
  });
}

const SUITE_NAMES = new Map<number, string>([...T3.ALL_3DES_SUITE_IDS, [0x1301, 'TLS_AES_128_GCM_SHA256'], [0x1302, 'TLS_AES_256_GCM_SHA384'], [0x1303, 'TLS_CHACHA20_POLY1305_SHA256'], [0xc02f, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256']]);
const HS_NAMES: Record<number, string> = { 2: 'ServerHello', 11: 'Certificate', 12: 'ServerKeyExchange', 13: 'CertificateRequest', 14: 'ServerHelloDone', 20: 'Finished' };

/** Send a hello and describe the server's first flight (up to ServerHelloDone, an alert or close). */
async function helloFlight(port: number, hello: Buffer, split = false): Promise<{ text: string; msgs: Buffer[]; raw: RawTls; serverRandom?: Buffer; suite?: number }> {
  const raw = await connectRaw(port);
  if (split) {
    // the hello in two records, each written in two TCP segments (partial reads)
    const msg = hello.subarray(5);
    const cut = Math.floor(msg.length / 2);
    for (const part of [T3.record(22, msg.subarray(0, cut)), T3.record(22, msg.subarray(cut))]) {
      raw.sock.write(part.subarray(0, 3));
      await sleep(30);
      raw.sock.write(part.subarray(3));
      await sleep(30);
    }
  } else raw.sock.write(hello);
  const msgs: Buffer[] = [];
  const parts: string[] = [];
  let hs: Buffer = Buffer.alloc(0);
  let serverRandom: Buffer | undefined;
  let suite: number | undefined;
  for (;;) {
    const r = await raw.next();
    if (!r) {
      parts.push(raw.closed ? 'connection closed' : 'nothing more within 3 s');
      break;
    }
    if (r.type === 21) {
      parts.push(`alert ${r.frag[0] === 2 ? 'fatal' : 'warning'} ${T3.alertName(r.frag[1])}`);
      break;
    }
    if (r.type !== 22) {
      parts.push(`record type ${r.type}`);
      break;
    }
    hs = Buffer.concat([hs, r.frag]);
    let done = false;
    while (hs.length >= 4 && hs.length >= 4 + hs.readUIntBE(1, 3)) {
      const m = Buffer.from(hs.subarray(0, 4 + hs.readUIntBE(1, 3)));
      hs = hs.subarray(m.length);
      msgs.push(m);
      if (m[0] === 2) {
        const b = m.subarray(4);
        serverRandom = Buffer.from(b.subarray(2, 34));
        const sidLen = b[34];
        suite = b.readUInt16BE(35 + sidLen);
        let ver = b.readUInt16BE(0);
        // supported_versions in the ServerHello (TLS 1.3)
        let o = 35 + sidLen + 3;
        if (o + 2 <= b.length) {
          const end = o + 2 + b.readUInt16BE(o);
          o += 2;
          while (o + 4 <= end) {
            const t = b.readUInt16BE(o);
            const l = b.readUInt16BE(o + 2);
            if (t === 43 && l === 2) ver = b.readUInt16BE(o + 4);
            o += 4 + l;
          }
        }
        const vname = ver === 0x0304 ? 'TLS 1.3' : ver === 0x0303 ? 'TLS 1.2' : `0x${ver.toString(16)}`;
        parts.push(`ServerHello ${vname} ${SUITE_NAMES.get(suite) ?? `0x${suite.toString(16)}`}`);
        if (ver === 0x0304) done = true; // the rest is encrypted
      } else if (m[0] === 11) {
        parts.push(`Certificate (${m.readUIntBE(4, 3) > 0 ? 'chain' : 'empty'})`);
      } else parts.push(HS_NAMES[m[0]] ?? `handshake ${m[0]}`);
      if (m[0] === 14) done = true;
    }
    if (done) break;
  }
  return { text: parts.join(', '), msgs, raw, serverRandom, suite };
}

/** A masked WebSocket text frame (client to server). */
function maskedText(s: string): Buffer {
  const p = Buffer.from(s);
  const key = crypto.randomBytes(4);
  for (let i = 0; i < p.length; i++) p[i] ^= key[i % 4];
  const hdr = p.length < 126 ? Buffer.from([0x81, 0x80 | p.length]) : Buffer.from([0x81, 0x80 | 126, p.length >> 8, p.length & 0xff]);
  return Buffer.concat([hdr, key, p]);
}

/**
 * Complete a TLS_RSA_WITH_3DES_EDE_CBC_SHA handshake as the client (RSA key transport, RFC 5246
 * sections 7.4.7.1, 8.1, 7.4.9), then upgrade to a MOS WebSocket over the 3DES records and send a
 * heartbeat. The record layer is the zoo's (tls3des.ts), checked against OpenSSL with AES.
 */
async function rsa3desSession(port: number): Promise<string> {
  const h = clientHello([0x000a]);
  const f = await helloFlight(port, h.record);
  const raw = f.raw;
  try {
    if (f.suite !== 0x000a || !f.msgs.some((m) => m[0] === 14)) return `no RSA 3DES handshake: ${f.text}`;
    const certMsg = f.msgs.find((m) => m[0] === 11)!;
    const first = certMsg.subarray(7 + 3, 7 + 3 + certMsg.readUIntBE(7, 3));
    const pub = new crypto.X509Certificate(first).publicKey;
    const pms = Buffer.concat([Buffer.from([3, 3]), crypto.randomBytes(46)]);
    const enc = crypto.publicEncrypt({ key: pub, padding: crypto.constants.RSA_PKCS1_PADDING }, pms);
    const cke = T3.handshake(16, Buffer.concat([Buffer.from([enc.length >> 8, enc.length & 0xff]), enc]));
    const transcript = [h.msg, ...f.msgs, cke];
    const master = T3.prf(pms, 'master secret', Buffer.concat([h.random, f.serverRandom!]), 48);
    const suite = T3.TDES_SUITES.find((x) => x.id === 0x000a)!;
    const kb = T3.keyBlock(master, h.random, f.serverRandom!, suite);
    const w = new T3.CbcState(suite, kb.cMac, kb.cKey);
    const r = new T3.CbcState(suite, kb.sMac, kb.sKey);
    const fin = T3.handshake(20, T3.prf(master, 'client finished', crypto.createHash('sha256').update(Buffer.concat(transcript)).digest(), 12));
    transcript.push(fin);
    raw.sock.write(Buffer.concat([T3.record(22, cke), T3.record(20, Buffer.from([1])), T3.record(22, w.seal(22, fin))]));
    const ccs = await raw.next();
    if (!ccs || ccs.type !== 20) return `no ChangeCipherSpec from the server (${ccs ? `record ${ccs.type} ${ccs.type === 21 ? T3.alertName(ccs.frag[1]) : ''}` : 'closed'})`;
    const sfRec = await raw.next();
    const sf = sfRec && r.open(22, sfRec.frag);
    const want = T3.handshake(20, T3.prf(master, 'server finished', crypto.createHash('sha256').update(Buffer.concat(transcript)).digest(), 12));
    if (!sf || !sf.equals(want)) return 'server Finished does not verify';
    const u = new URL(`wss://127.0.0.1:${port}/mos${q()}`);
    const key = crypto.randomBytes(16).toString('base64');
    const req = `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: ${AUTH.Authorization}\r\n\r\n`;
    raw.sock.write(T3.record(23, w.seal(23, Buffer.from(req))));
    let plain: Buffer = Buffer.alloc(0);
    const id = ++mid;
    let sentHb = false;
    const end = Date.now() + 4000;
    while (Date.now() < end) {
      const rec = await raw.next(Math.max(1, end - Date.now()));
      if (!rec) break;
      const c = r.open(rec.type, rec.frag);
      if (!c) return 'server record does not verify';
      if (rec.type === 21) return `server alert ${T3.alertName(c[1])}`;
      plain = Buffer.concat([plain, c]);
      const text = plain.toString('latin1');
      if (!sentHb && text.includes('\r\n\r\n')) {
        if (!/^HTTP\/1\.1 101 /.test(text)) return `upgrade refused: ${text.split('\r\n')[0]}`;
        raw.sock.write(T3.record(23, w.seal(23, maskedText(`<mos><mosID>${MOS}</mosID><ncsID>${NCS}</ncsID><messageID>${id}</messageID><heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat></mos>`))));
        sentHb = true;
      }
      if (sentHb && text.includes(`<messageID>${id}</messageID><heartbeat>`)) return 'full TLS_RSA_WITH_3DES_EDE_CBC_SHA handshake (server Finished verified), 101, heartbeat answered over 3DES';
    }
    return sentHb ? 'handshake and 101 over 3DES, heartbeat NOT answered' : 'no upgrade answer over 3DES';
  } finally {
    raw.sock.destroy();
  }
}

/** The zoo's own TLS 1.2 engine with AES-128-CBC suites against Node's (OpenSSL's) TLS 1.2 client. */
async function engineCrossCheck(innerPort: number): Promise<string> {
  const cert = fs.readFileSync(goodCert().cert, 'utf8');
  const key = fs.readFileSync(goodCert().key, 'utf8');
  const front = await T3.startTls3desFront('127.0.0.1', 0, innerPort, cert, key, T3.AES_CBC_SUITES, () => undefined);
  const out: string[] = [];
  for (const c of ['AES128-SHA', 'ECDHE-RSA-AES128-SHA', 'DHE-RSA-AES128-SHA']) {
    const r = await upgrade(`wss://127.0.0.1:${front}/mos${q()}`, AUTH, { ciphers: c, maxVersion: 'TLSv1.2' });
    const hb = r.ws ? await request(r.ws, '<heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat>', 'heartbeat') : undefined;
    r.ws?.terminate();
    out.push(`${c} ${r.ws ? (hb ? 'ok' : 'no heartbeat') : `FAILED ${r.error ?? r.status}`}`);
  }
  return out.join(', ');
}

function tls3desProbe(): Probe {
  return async (variant, role) => {
    const z = await startZoo(role, variant, ['--listen', '127.0.0.1:0', '--cert', goodCert().cert, '--key', goodCert().key]);
    try {
      const port = Number(new URL(z.listenUrl).port);
      const all3des = [0xc012, 0x0016, 0x000a, 0xc008, 0x00ff];
      const a = await helloFlight(port, clientHello(all3des).record);
      a.raw.sock.destroy();
      const sentinel = (f: { serverRandom?: Buffer }): string => (f.serverRandom?.subarray(24).toString('latin1') === 'DOWNGRD\x01' ? ' (server random ends in the RFC 8446 DOWNGRD\\x01 sentinel)' : '');
      const b = await helloFlight(port, clientHello([0x000a, 0xc012, 0xc02f]).record, true);
      b.raw.sock.destroy();
      const full = await rsa3desSession(port);
      const { publicKey } = crypto.generateKeyPairSync('x25519');
      const ks = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
      const c13 = await helloFlight(port, clientHello([0x1301, 0xc012, 0x000a], { versions: [0x0304, 0x0303], keyShare: ks }).record);
      c13.raw.sock.destroy();
      const v12 = await tlsHandshake(port, { maxVersion: 'TLSv1.2' }, true);
      const r = await upgrade(z.listenUrl + q(), AUTH);
      const hb = r.ws ? await request(r.ws, '<heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat>', 'heartbeat') : undefined;
      r.ws?.terminate();
      const parts = [
        `3DES-only TLS 1.2 hello: ${a.text}${sentinel(a)}`,
        `hello with TLS_RSA_WITH_3DES + ECDHE-RSA-3DES + ECDHE-RSA-AES128-GCM in 2 records/4 segments: ${b.text}${sentinel(b)}`,
        `RSA-3DES client: ${full}`,
        `TLS 1.3 hello also offering 3DES: ${c13.text}`,
        `default TLS 1.2 client: ${v12}`,
        `default wss client: ${r.ws ? `101, heartbeat ${hb ? 'answered' : 'NOT answered'}` : `failed ${r.error ?? r.status}`}`,
      ];
      if (variant !== 'correct') parts.push(`engine vs OpenSSL client (AES-CBC suites): ${await engineCrossCheck(port)}`);
      return parts.join('; ');
    } finally {
      await stopZoo(z);
    }
  };
}

process.on('uncaughtException', (e) => console.log(`(probe side error ignored: ${e.message})`));

async function main(): Promise<void> {
  if (process.argv.length <= 2 && process.env.NODE_TEST_CONTEXT) return;
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(PROBES);
  for (const n of names) {
    const v = VARIANTS.find((x) => x.name === n);
    const probe = PROBES[n];
    if (!v || !probe) {
      console.log(`${n}: no probe`);
      continue;
    }
    const role = v.roles[0];
    try {
      const [c, b] = [await probe('correct', role), await probe(n, role)];
      console.log(`${n} (${role})\n    correct: ${c}\n    variant: ${b}${c === b ? '   <-- SAME' : ''}`);
    } catch (e) {
      console.log(`${n}: probe error ${(e as Error).message.slice(0, 300)}`);
    }
  }
  fs.rmSync(TMP, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
