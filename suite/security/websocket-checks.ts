// RFC 6455 against a listening system, over the suite's raw client (lib/transport/raw-websocket.ts):
// the opening handshake, Ping/Pong, fragmentation, invalid UTF-8, protocol errors and the closing
// handshake. Each check opens its own connection with the correct MOS parameters and credentials
// and returns what fell short (an empty list: it held). The map is Autobahn|Testsuite's case
// categories; what is covered and what is left out is argued in docs/interpretations (security).
import crypto from 'node:crypto';
import { RawConnection, openRaw } from '../../lib/transport/raw-websocket';
import { OPCODE, Frame, acceptFor, closePayload } from '../../lib/transport/ws-frame';
import { ClientTrust } from '../../lib/transport/tls';
import { buildMos, parseMos } from '../../lib/mos/envelope';
import * as M from '../../lib/mos/messages';
import { CouldNotTest } from '../verdicts';

export interface Shortfall {
  requirement: string;
  message: string;
}

/** How the suite reaches the listening system: a correct request, and the waits. */
export interface WsTarget {
  /** A correct connection request URL for one channel (MOS parameters included). */
  url: string;
  channel: string;
  /** The correct Authorization header, when the system wants one. */
  headers: Record<string, string>;
  trust?: ClientTrust;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  ids: { mosID: string; ncsID: string };
  nextMessageID: () => number;
}

/** Open a connection the system must accept; anything else is a precondition that failed. */
export async function openAccepted(t: WsTarget, extraHeaders: Record<string, string> = {}): Promise<{ conn: RawConnection; key: string; headers: Record<string, string> }> {
  const r = await openRaw({ url: t.url, headers: { ...t.headers, ...extraHeaders }, trust: t.trust, timeoutMs: t.connectTimeoutMs });
  if (r.kind === 'failed') throw new CouldNotTest(undefined, `a correct ${t.channel} connection request: ${r.reason}`);
  if (r.response.status !== 101) {
    r.conn.destroy();
    throw new CouldNotTest(undefined, `a correct ${t.channel} connection request was answered HTTP ${r.response.status} ${r.response.statusText}, not 101 (the authentication and URL scenarios judge why)`);
  }
  return { conn: r.conn, key: r.key, headers: r.response.headers };
}

/** Whether a text is the MOS message `name` with `messageID` (read with the codec: any envelope order, any layout). */
export function isReplyTo(text: string, name: string, messageID: number): boolean {
  try {
    const m = parseMos(text);
    return m.name === name && m.messageID === messageID;
  } catch {
    return false;
  }
}

/** A heartbeat as one text message, and how to recognise its reply. */
function heartbeatOf(t: WsTarget): { text: string; isReply: (s: string) => boolean } {
  const id = t.nextMessageID();
  const text = buildMos({ ...t.ids, messageID: id, body: M.heartbeat() });
  return {
    text,
    isReply: (s) => isReplyTo(s, 'heartbeat', id),
  };
}

/** Wait for a heartbeat reply on a raw connection. */
async function heartbeatAnswered(conn: RawConnection, isReply: (s: string) => boolean, timeoutMs: number): Promise<boolean> {
  return (await conn.message(isReply, timeoutMs)) !== undefined;
}

/** Frames a server sent that break §5.1-5.2 (masked, reserved bits, unknown opcodes). */
function badServerFrames(frames: readonly Frame[]): string[] {
  const out: string[] = [];
  for (const f of frames) {
    if (f.masked) out.push(`a masked frame (opcode ${f.opcode}): a server MUST NOT mask (§5.1)`);
    if (f.rsv) out.push(`a frame with reserved bits ${f.rsv.toString(2).padStart(3, '0')} set without a negotiated extension (§5.2)`);
    if (![0, 1, 2, 8, 9, 10].includes(f.opcode)) out.push(`a frame with the reserved opcode ${f.opcode} (§5.2)`);
  }
  return [...new Set(out)];
}

const tokens = (v: string | undefined): string[] => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * §4.1/§4.2.2: 101 with Upgrade: websocket, Connection: Upgrade and the Sec-WebSocket-Accept of the
 * key; no subprotocol the client did not offer (none offered, then an unknown one offered), no
 * extension it did not offer. Then a heartbeat on the connection, and the server's frames judged (§5.1).
 */
export async function checkOpeningHandshake(t: WsTarget): Promise<Shortfall[]> {
  const out: Shortfall[] = [];
  const req = 'SEC-WS-1';
  const { conn, key, headers } = await openAccepted(t);
  try {
    if (headers['sec-websocket-accept'] !== acceptFor(key)) out.push({ requirement: req, message: `the ${t.channel} upgrade's Sec-WebSocket-Accept is ${headers['sec-websocket-accept'] === undefined ? 'missing' : `"${headers['sec-websocket-accept']}"`}; for the key ${key} it must be "${acceptFor(key)}" (§4.2.2 step 5.4; a client MUST fail the connection otherwise, §4.1)` });
    if (!/^websocket$/i.test(headers.upgrade ?? '')) out.push({ requirement: req, message: `the ${t.channel} upgrade answered Upgrade: "${headers.upgrade ?? ''}", not "websocket" (§4.2.2)` });
    if (!tokens(headers.connection).some((x) => /^upgrade$/i.test(x))) out.push({ requirement: req, message: `the ${t.channel} upgrade answered Connection: "${headers.connection ?? ''}", without "Upgrade" (§4.2.2)` });
    if (headers['sec-websocket-protocol'] !== undefined) out.push({ requirement: req, message: `the ${t.channel} upgrade selected the subprotocol "${headers['sec-websocket-protocol']}" although the client offered none (§4.1: the client MUST fail the connection)` });
    if (headers['sec-websocket-extensions'] !== undefined) out.push({ requirement: req, message: `the ${t.channel} upgrade selected the extension "${headers['sec-websocket-extensions']}" although the client offered none (§4.1, §9.1)` });
    const hb = heartbeatOf(t);
    conn.send({ opcode: OPCODE.text, payload: hb.text });
    if (!(await heartbeatAnswered(conn, hb.isReply, t.responseTimeoutMs))) throw new CouldNotTest('MOSWS-TRANSPORT-1', `no heartbeat reply within ${t.responseTimeoutMs} ms on a raw ${t.channel} connection`);
    for (const b of badServerFrames(conn.frames)) out.push({ requirement: 'SEC-WS-5', message: `on the ${t.channel} connection the system sent ${b}` });
  } finally {
    conn.destroy();
  }
  // An unknown subprotocol offered: the answer may select none, never another.
  const offered = 'x-mosws-conformance-unknown';
  const second = await openRaw({ url: t.url, headers: { ...t.headers, 'Sec-WebSocket-Protocol': offered }, trust: t.trust, timeoutMs: t.connectTimeoutMs });
  if (second.kind === 'answered') {
    const p = second.response.headers['sec-websocket-protocol'];
    if (second.response.status === 101 && p !== undefined && p !== offered) out.push({ requirement: req, message: `offered only the subprotocol "${offered}", the ${t.channel} upgrade selected "${p}" (§4.2.2: the selected one MUST be among those offered)` });
    second.conn.destroy();
  }
  return out;
}

/** §5.5.2-5.5.3: a Ping (with an application payload) gets a Pong carrying the same payload. */
export async function checkPingPong(t: WsTarget): Promise<Shortfall[]> {
  const { conn } = await openAccepted(t);
  try {
    const payload = Buffer.from(`mosws-ping-${crypto.randomBytes(6).toString('hex')}`);
    conn.send({ opcode: OPCODE.ping, payload });
    const pong = await conn.next((f) => f.opcode === OPCODE.pong && f.payload.equals(payload), t.responseTimeoutMs);
    if (pong) return [];
    const other = conn.frames.find((f) => f.opcode === OPCODE.pong);
    if (other) return [{ requirement: 'SEC-WS-2', message: `a Ping on the ${t.channel} connection got a Pong with the payload "${other.payload.toString('latin1').slice(0, 60)}" instead of "${payload.toString()}" (§5.5.3: the same Application data)` }];
    return [{ requirement: 'SEC-WS-2', message: `a Ping on the ${t.channel} connection got no Pong within ${t.responseTimeoutMs} ms${conn.closeFrame ? ` (the system closed it with ${conn.closeFrame.code})` : conn.tcpClosed ? ' (the system closed the connection)' : ''} (§5.5.2: MUST send a Pong in response)` }];
  } finally {
    conn.destroy();
  }
}

/** §5.4: a heartbeat in three fragments, a Ping between two of them, is one message and answered. */
export async function checkFragmentation(t: WsTarget): Promise<Shortfall[]> {
  const { conn } = await openAccepted(t);
  try {
    const hb = heartbeatOf(t);
    const bytes = Buffer.from(hb.text, 'utf8');
    const a = Math.floor(bytes.length / 3);
    conn.send({ opcode: OPCODE.text, fin: false, payload: bytes.subarray(0, a) });
    conn.send({ opcode: OPCODE.continuation, fin: false, payload: bytes.subarray(a, 2 * a) });
    conn.send({ opcode: OPCODE.ping, payload: 'between fragments' });
    conn.send({ opcode: OPCODE.continuation, fin: true, payload: bytes.subarray(2 * a) });
    if (await heartbeatAnswered(conn, hb.isReply, t.responseTimeoutMs)) return [];
    const why = conn.closeFrame ? `the system closed the connection with ${conn.closeFrame.code}${conn.closeFrame.reason ? ` "${conn.closeFrame.reason}"` : ''}` : conn.tcpClosed ? 'the system closed the connection' : `no reply within ${t.responseTimeoutMs} ms`;
    return [{ requirement: 'SEC-WS-3', message: `a heartbeat sent on the ${t.channel} connection in three fragments (text, continuation, a Ping, continuation) was not answered: ${why} (§5.4: fragments MUST be reassembled, control frames MAY be injected between them)` }];
  } finally {
    conn.destroy();
  }
}

/** One malformed input, how it is sent, and the status code §7.4.1 gives it. */
interface BadInput {
  what: string;
  requirement: 'SEC-WS-4' | 'SEC-WS-5';
  code: number;
  send: (conn: RawConnection, t: WsTarget) => void;
}

/** A heartbeat whose text carries bytes that are not UTF-8. */
function invalidUtf8Heartbeat(t: WsTarget): Buffer {
  const text = heartbeatOf(t).text;
  const at = text.indexOf('</mosID>');
  return Buffer.concat([Buffer.from(text.slice(0, at), 'utf8'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(text.slice(at), 'utf8')]);
}

export const BAD_INPUTS: readonly BadInput[] = [
  { what: 'a text message that is not valid UTF-8', requirement: 'SEC-WS-4', code: 1007, send: (c, t) => c.send({ opcode: OPCODE.text, payload: invalidUtf8Heartbeat(t) }) },
  { what: 'invalid UTF-8 split across two fragments', requirement: 'SEC-WS-4', code: 1007, send: (c, t) => {
    const b = invalidUtf8Heartbeat(t);
    c.send({ opcode: OPCODE.text, fin: false, payload: b.subarray(0, 20) });
    c.send({ opcode: OPCODE.continuation, payload: b.subarray(20) });
  } },
  { what: 'a Close frame whose reason is not UTF-8', requirement: 'SEC-WS-4', code: 1007, send: (c) => c.send({ opcode: OPCODE.close, payload: Buffer.concat([closePayload(1000), Buffer.from([0xff, 0xfe])]) }) },
  { what: 'a frame with the reserved bit RSV1 set (no extension negotiated)', requirement: 'SEC-WS-5', code: 1002, send: (c) => c.send({ opcode: OPCODE.ping, rsv: 0b100, payload: 'rsv1' }) },
  { what: 'a frame with the reserved bits RSV2 and RSV3 set', requirement: 'SEC-WS-5', code: 1002, send: (c, t) => c.send({ opcode: OPCODE.text, rsv: 0b011, payload: heartbeatOf(t).text }) },
  { what: 'a frame with the reserved non-control opcode 0x3', requirement: 'SEC-WS-5', code: 1002, send: (c) => c.send({ opcode: 0x3, payload: 'reserved' }) },
  { what: 'a frame with the reserved control opcode 0xB', requirement: 'SEC-WS-5', code: 1002, send: (c) => c.send({ opcode: 0xb, payload: 'reserved' }) },
  { what: 'an unmasked text frame from the client', requirement: 'SEC-WS-5', code: 1002, send: (c, t) => c.send({ opcode: OPCODE.text, mask: false, payload: heartbeatOf(t).text }) },
  { what: 'a Ping with a payload of 126 bytes (control frames carry 125 at most)', requirement: 'SEC-WS-5', code: 1002, send: (c) => c.send({ opcode: OPCODE.ping, payload: Buffer.alloc(126, 0x61) }) },
  { what: 'a fragmented Ping (control frames are never fragmented)', requirement: 'SEC-WS-5', code: 1002, send: (c) => c.send({ opcode: OPCODE.ping, fin: false, payload: 'half' }) },
  { what: 'a continuation frame with no message to continue', requirement: 'SEC-WS-5', code: 1002, send: (c) => c.send({ opcode: OPCODE.continuation, payload: 'orphan' }) },
  { what: 'a new text message while another is still fragmented', requirement: 'SEC-WS-5', code: 1002, send: (c) => {
    c.send({ opcode: OPCODE.text, fin: false, payload: '<mos>' });
    c.send({ opcode: OPCODE.text, payload: '<mos>' });
  } },
  { what: 'a Close frame with a one-byte payload', requirement: 'SEC-WS-5', code: 1002, send: (c) => c.send({ opcode: OPCODE.close, payload: Buffer.from([0x03]) }) },
  { what: 'a Close frame with the reserved status code 1005', requirement: 'SEC-WS-5', code: 1002, send: (c) => c.send({ opcode: OPCODE.close, payload: closePayload(1005) }) },
];

/**
 * §5.1-5.2, §5.5, §8.1 and §7.1.7: each malformed input on a fresh connection must fail the
 * connection (MUST: the system closes it and answers nothing more there); the Close frame SHOULD
 * carry the status §7.4.1 gives the defect (1007 invalid data, 1002 protocol error).
 */
export async function checkBadInputs(t: WsTarget, which: 'SEC-WS-4' | 'SEC-WS-5'): Promise<Shortfall[]> {
  const out: Shortfall[] = [];
  for (const bad of BAD_INPUTS.filter((b) => b.requirement === which)) {
    const { conn } = await openAccepted(t);
    try {
      bad.send(conn, t);
      // After the defect, a heartbeat: an endpoint that failed the connection cannot answer it.
      const hb = heartbeatOf(t);
      conn.send({ opcode: OPCODE.text, payload: hb.text });
      const end = await conn.ended(t.responseTimeoutMs);
      const answered = conn.textMessages().some(hb.isReply);
      if (!end.closeFrame && !end.tcpClosed) {
        out.push({ requirement: which, message: `after ${bad.what} on the ${t.channel} connection the system kept the connection open${answered ? ' and answered a heartbeat on it' : ''} (${which === 'SEC-WS-4' ? '§8.1' : '§5.1-5.2, §5.5'}: the endpoint MUST Fail the WebSocket Connection)` });
        continue;
      }
      if (answered) out.push({ requirement: which, message: `after ${bad.what} on the ${t.channel} connection the system still answered a heartbeat before closing (the endpoint MUST Fail the WebSocket Connection, not process further data)` });
      if (!end.closeFrame) out.push({ requirement: 'SEC-WS-7', message: `after ${bad.what} the system dropped the ${t.channel} connection without a Close frame (§7.1.7: SHOULD send a Close frame with the status ${bad.code})` });
      else if (end.closeFrame.code !== bad.code) out.push({ requirement: 'SEC-WS-7', message: `after ${bad.what} the system closed the ${t.channel} connection with ${end.closeFrame.code}${end.closeFrame.reason ? ` "${end.closeFrame.reason.slice(0, 80)}"` : ''}; §7.4.1 gives this defect ${bad.code}` });
    } finally {
      conn.destroy();
    }
  }
  return out;
}

/** §5.5.1, §7.1.2: a Close frame is answered with a Close frame, then the connection ends. */
export async function checkClosingHandshake(t: WsTarget): Promise<Shortfall[]> {
  const { conn } = await openAccepted(t);
  try {
    conn.send({ opcode: OPCODE.close, payload: closePayload(1000, 'conformance suite leaving') });
    const end = await conn.ended(t.responseTimeoutMs);
    if (end.closeFrame) {
      // After the Close frame the server closes the TCP connection (§7.1.1 SHOULD); not judged, only reported.
      return [];
    }
    return [{ requirement: 'SEC-WS-6', message: `a Close frame (1000) on the ${t.channel} connection ${end.tcpClosed ? 'was answered by dropping the connection without a Close frame' : `got no Close frame within ${t.responseTimeoutMs} ms`} (§5.5.1: the endpoint MUST send a Close frame in response)` }];
  } finally {
    conn.destroy();
  }
}

/** A browser's cross-site upgrade: correct credentials and parameters, an Origin the system cannot expect. */
export const FOREIGN_ORIGIN = 'https://mosws-conformance-foreign-origin.invalid';

/**
 * RFC 6455 §10.2: a server not meant for any web page SHOULD check the Origin of upgrades that
 * carry one and refuse one it does not expect (403). A MOS endpoint behind Basic auth is reachable
 * from a browser that cached the credentials; the refusal is what keeps a web page out.
 */
export async function checkForeignOrigin(t: WsTarget): Promise<Shortfall[]> {
  const r = await openRaw({ url: t.url, headers: { ...t.headers, Origin: FOREIGN_ORIGIN }, trust: t.trust, timeoutMs: t.connectTimeoutMs });
  if (r.kind === 'failed') throw new CouldNotTest(undefined, `an upgrade with a foreign Origin: ${r.reason}`);
  r.conn.destroy();
  if (r.response.status !== 101) return [];
  return [{ requirement: 'SEC-ORIGIN-1', message: `an upgrade carrying Origin: ${FOREIGN_ORIGIN} (with the correct credentials, as a browser that cached them would send) was accepted (101); RFC 6455 §10.2: a server not meant for web pages SHOULD verify the Origin and refuse an unexpected one with 403` }];
}
