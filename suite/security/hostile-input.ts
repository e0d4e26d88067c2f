// Hostile input at the MOS layer, before authentication and after it: each probe is sent on a
// connection of its own, and after each the system must still be up and answering (a heartbeat
// on a fresh connection), having closed at most the offending socket. Whatever came back is kept,
// so the suite can see that no secret was echoed. Probes that may crash a fragile system are
// `destructive`: against a vendor's system they run only when the user opts in.
import net from 'node:net';
import { connectSocket, openRaw } from '../../lib/transport/raw-websocket';
import { OPCODE } from '../../lib/transport/ws-frame';
import { buildMos } from '../../lib/mos/envelope';
import * as M from '../../lib/mos/messages';
import { WsTarget, isReplyTo, openAccepted } from './websocket-checks';

export interface HostileProbe {
  name: string;
  /** Before the upgrade is authenticated, or over an authenticated connection. */
  phase: 'before-auth' | 'after-auth';
  /** May crash a fragile system: runs against a vendor's system only with --include-destructive. */
  destructive: boolean;
  /**
   * Sends the probe; returns the bytes that came back (for the secret check). Bounded in time and
   * count. A probe whose hostile client must stay connected while the system is checked (a silent
   * or trickling socket) pushes its release onto `held`; the caller releases it after the check.
   */
  run: (t: WsTarget, held: Release[]) => Promise<string[]>;
}

export type Release = () => void;

/** The longest a held hostile socket stays open should its caller never release it. */
const HOLD_BOUND_MS = 120_000;

/** Keeps a hostile socket open until released (or HOLD_BOUND_MS), doing `tick` every `everyMs` meanwhile. */
function hold(s: net.Socket, held: Release[], tick?: () => void, everyMs = 250): void {
  s.on('error', () => undefined);
  const timer = tick ? setInterval(() => (s.destroyed ? clearInterval(timer) : tick()), everyMs) : undefined;
  const release = (): void => {
    clearInterval(timer);
    clearTimeout(bound);
    s.destroy();
  };
  const bound = setTimeout(release, HOLD_BOUND_MS);
  bound.unref();
  held.push(release);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Send MOS text over a fresh authenticated connection, then a heartbeat there: its reply (or the
 * system closing the socket) marks the end of what the system had to say; collect all of it.
 */
async function sendAfterAuth(t: WsTarget, messages: Array<string | Buffer>): Promise<string[]> {
  const { conn } = await openAccepted(t);
  try {
    for (const m of messages) conn.send({ opcode: OPCODE.text, payload: m });
    const id = t.nextMessageID();
    conn.send({ opcode: OPCODE.text, payload: buildMos({ ...t.ids, messageID: id, body: M.heartbeat() }) });
    await conn.message((m) => isReplyTo(m, 'heartbeat', id), t.responseTimeoutMs);
    return [...conn.textMessages(), conn.closeFrame?.reason ?? ''];
  } finally {
    conn.destroy();
  }
}

/** Raw bytes on a fresh TCP/TLS connection; whatever comes back within `linger`. */
async function sendRawBytes(t: WsTarget, chunks: Array<string | Buffer>, linger = Math.min(1000, t.responseTimeoutMs)): Promise<string[]> {
  const s = await connectSocket(new URL(t.url), t.trust, t.connectTimeoutMs);
  if (!(s instanceof net.Socket)) return [];
  let got = '';
  s.on('data', (d: Buffer) => (got = (got + d.toString('latin1')).slice(0, 64 * 1024)));
  s.on('error', () => undefined);
  try {
    for (const c of chunks) {
      if (s.destroyed) break;
      s.write(c);
    }
    const end = Date.now() + linger;
    while (!s.destroyed && s.readyState !== 'closed' && Date.now() < end) await sleep(20);
    return [got];
  } finally {
    s.destroy();
  }
}

function upgradeHead(t: WsTarget, headers: Record<string, string>): string {
  const u = new URL(t.url);
  return [`GET ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n') + '\r\n\r\n';
}

const heartbeat = (t: WsTarget): string => buildMos({ ...t.ids, messageID: t.nextMessageID(), body: M.heartbeat() });
const withBody = (t: WsTarget, body: string): string => `<mos><mosID>${t.ids.mosID}</mosID><ncsID>${t.ids.ncsID}</ncsID><messageID>${t.nextMessageID()}</messageID>${body}</mos>`;

/** Ten levels of ten references: a billion-laughs document, 10^10 expansions when a parser expands them. */
function entityExpansion(t: WsTarget): string {
  const ents = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)];
  return `<?xml version="1.0"?><!DOCTYPE mos [${ents.join('')}]>${withBody(t, '<heartbeat><time>&l9;</time></heartbeat>')}`;
}

export const HOSTILE_PROBES: readonly HostileProbe[] = [
  // ---- after authentication
  { name: 'malformed XML (an unclosed element)', phase: 'after-auth', destructive: false, run: (t) => sendAfterAuth(t, [heartbeat(t).replace(/<\/mos>$/, '')]) },
  { name: 'a text message that is not XML', phase: 'after-auth', destructive: false, run: (t) => sendAfterAuth(t, ['{"mos": "not xml"} <<>> &&']) },
  { name: 'an empty text message', phase: 'after-auth', destructive: false, run: (t) => sendAfterAuth(t, ['']) },
  { name: 'a MOS message the system does not know', phase: 'after-auth', destructive: false, run: (t) => sendAfterAuth(t, [withBody(t, '<mosConformanceUnknownProbe><x>1</x></mosConformanceUnknownProbe>')]) },
  { name: 'an external entity reference (XXE)', phase: 'after-auth', destructive: false, run: (t) => sendAfterAuth(t, [`<?xml version="1.0"?><!DOCTYPE mos [<!ENTITY x SYSTEM "file:///etc/passwd">]>${withBody(t, '<heartbeat><time>&x;</time></heartbeat>')}`]) },
  { name: 'entity expansion (billion laughs)', phase: 'after-auth', destructive: true, run: (t) => sendAfterAuth(t, [entityExpansion(t)]) },
  { name: 'elements nested 20 000 deep', phase: 'after-auth', destructive: true, run: (t) => sendAfterAuth(t, [withBody(t, `${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}`)]) },
  { name: 'an oversized message (16 MiB)', phase: 'after-auth', destructive: true, run: (t) => sendAfterAuth(t, [withBody(t, `<heartbeat><time>${'9'.repeat(16 * 1024 * 1024)}</time></heartbeat>`)]) },
  { name: 'a flood of 2 000 heartbeats in one burst', phase: 'after-auth', destructive: true, run: (t) => sendAfterAuth(t, Array.from({ length: 2000 }, () => heartbeat(t))).then((r) => r.slice(-5)) },
  // ---- before authentication
  { name: 'bytes that are not HTTP', phase: 'before-auth', destructive: false, run: (t) => sendRawBytes(t, [Buffer.from([0x16, 0x03, 0x01, 0xff, 0xff, 0x00, 0x01, 0x02, 0x0d, 0x0a, 0x0d, 0x0a])]) },
  { name: 'an upgrade request without Sec-WebSocket-Key and with version 99', phase: 'before-auth', destructive: false, run: (t) => sendRawBytes(t, [upgradeHead(t, { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Version': '99', ...t.headers })]) },
  { name: 'an upgrade without credentials, with WebSocket frames sent at once', phase: 'before-auth', destructive: false, run: (t) => sendRawBytes(t, [upgradeHead(t, { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13' }), Buffer.from([0x81, 0x85, 1, 2, 3, 4, 0x69, 0x67, 0x6f, 0x68, 0x6e])]) },
  { name: 'a request line of 64 KiB', phase: 'before-auth', destructive: false, run: (t) => sendRawBytes(t, [`GET /${'a'.repeat(64 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`]) },
  {
    name: 'a slow handshake (one header line every 250 ms, never finished) while a fresh connection is served',
    phase: 'before-auth',
    destructive: false,
    run: async (t, held) => {
      const head = upgradeHead(t, { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13', ...t.headers }).split('\r\n').map((l) => `${l}\r\n`);
      const s = await connectSocket(new URL(t.url), t.trust, t.connectTimeoutMs);
      if (!(s instanceof net.Socket)) return [];
      // The head without its final empty line, then one more header line at a time (slowloris),
      // still trickling while the fresh connection is tried: a server that serves one handshake at
      // a time, without a timeout, is blocked for as long as this client likes.
      let i = 0;
      const lines = head.slice(0, -2);
      hold(s, held, () => s.write(i < lines.length ? lines[i++]! : `X-Slow-${i++}: ${i}\r\n`));
      await sleep(300);
      return [];
    },
  },
  {
    name: 'a half-open socket (connected, then silent, held open while a fresh connection is served)',
    phase: 'before-auth',
    destructive: false,
    run: async (t, held) => {
      const s = await connectSocket(new URL(t.url), t.trust, t.connectTimeoutMs);
      if (s instanceof net.Socket) hold(s, held);
      return [];
    },
  },
  {
    name: 'a flood of 100 connections opened at once and left silent',
    phase: 'before-auth',
    destructive: true,
    run: async (t) => {
      const sockets = await Promise.all(Array.from({ length: 100 }, () => connectSocket(new URL(t.url), t.trust, t.connectTimeoutMs)));
      setTimeout(() => sockets.forEach((s) => s instanceof net.Socket && s.destroy()), 2 * t.responseTimeoutMs).unref();
      return [];
    },
  },
  {
    name: 'a flood of 50 upgrades with wrong credentials',
    phase: 'before-auth',
    destructive: true,
    run: async (t) => {
      const answers = await Promise.all(Array.from({ length: 50 }, () => openRaw({ url: t.url, headers: { Authorization: 'Basic d3Jvbmc6d3Jvbmc=' }, trust: t.trust, timeoutMs: t.connectTimeoutMs })));
      const out: string[] = [];
      for (const a of answers) if (a.kind === 'answered') {
        out.push(a.response.head);
        a.conn.destroy();
      }
      return out.slice(0, 3);
    },
  },
];

/**
 * Whether the system still answers: a heartbeat on a fresh authenticated connection; the reason
 * when it does not. Tried twice, a moment apart: a system that closes a flood's sockets may need one.
 */
export async function stillAnswering(t: WsTarget): Promise<string | undefined> {
  let why = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt) await sleep(Math.min(1000, t.responseTimeoutMs));
    const r = await openRaw({ url: t.url, headers: t.headers, trust: t.trust, timeoutMs: t.connectTimeoutMs });
    if (r.kind === 'failed') {
      why = r.reason;
      continue;
    }
    if (r.response.status !== 101) {
      why = `a correct connection request was answered HTTP ${r.response.status}`;
      r.conn.destroy();
      continue;
    }
    const id = t.nextMessageID();
    r.conn.send({ opcode: OPCODE.text, payload: buildMos({ ...t.ids, messageID: id, body: M.heartbeat() }) });
    const ok = (await r.conn.message((m) => isReplyTo(m, 'heartbeat', id), t.responseTimeoutMs)) !== undefined;
    r.conn.destroy();
    if (ok) return undefined;
    why = `a heartbeat on a fresh connection got no reply within ${t.responseTimeoutMs} ms`;
  }
  return why;
}

