// The security checks (suite/security/) against broken peers written here by hand, for what no
// simulator fault can reach: the simulators speak WebSocket through `ws` and TLS through OpenSSL,
// which never ignore a protocol error, never skip the closing handshake and no longer have RC4 or
// triple DES. The peers below are raw: a WebSocket server on net (its frame handling written here,
// not with lib/transport/ws-frame) and a TLS "server" that answers a ClientHello with the
// ServerHello a careless configuration would.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';
import { WsTarget, checkBadInputs, checkClosingHandshake, checkFragmentation, checkPingPong } from '../suite/security/websocket-checks';
import { checkOldVersionsRefused, checkWeakSuites, checkCurrentVersionOffered } from '../suite/security/tls-checks';
import { HOSTILE_PROBES, stillAnswering } from '../suite/security/hostile-input';

interface Behaviour {
  /** Frames with reserved bits, reserved opcodes, unmasked or oversized control frames are ignored. */
  ignoreProtocolErrors?: boolean;
  /** Text is not checked for UTF-8. */
  ignoreUtf8?: boolean;
  /** A Close frame is answered by dropping the connection. */
  noCloseEcho?: boolean;
  /** Protocol errors close with 1000 instead of 1002/1007. */
  closeCode?: number;
  /** Fragmented messages are dropped. */
  noReassembly?: boolean;
  /** Pings are not answered. */
  noPong?: boolean;
  /** The process "crashes" (the server closes) on text that is not XML. */
  crashOnGarbage?: boolean;
}

/** A tiny WebSocket server: answers any text containing <heartbeat> with the same text. */
function rawWsServer(b: Behaviour): Promise<{ url: string; close: () => void }> {
  const server = net.createServer((s) => {
    s.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    let upgraded = false;
    let frag: Buffer[] | undefined;
    const frame = (opcode: number, payload: Buffer): Buffer => Buffer.concat([payload.length < 126 ? Buffer.from([0x80 | opcode, payload.length]) : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff]), payload]);
    const fail = (code: number): void => {
      const p = Buffer.alloc(2);
      p.writeUInt16BE(b.closeCode ?? code);
      s.end(frame(8, p));
    };
    s.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (!upgraded) {
        const at = buf.indexOf('\r\n\r\n');
        if (at < 0) return;
        const key = /sec-websocket-key: *(\S+)/i.exec(buf.subarray(0, at).toString())?.[1] ?? '';
        const accept = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
        s.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
        upgraded = true;
        buf = buf.subarray(at + 4);
      }
      while (buf.length >= 2) {
        const fin = (buf[0]! & 0x80) !== 0;
        const rsv = buf[0]! & 0x70;
        const op = buf[0]! & 0x0f;
        const masked = (buf[1]! & 0x80) !== 0;
        let len = buf[1]! & 0x7f;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        }
        if (buf.length < off + (masked ? 4 : 0) + len) return;
        const key = masked ? buf.subarray(off, off + 4) : Buffer.alloc(4);
        const data = Buffer.from(buf.subarray(off + (masked ? 4 : 0), off + (masked ? 4 : 0) + len)).map((x, i) => x ^ key[i % 4]!);
        buf = buf.subarray(off + (masked ? 4 : 0) + len);
        const protocolError = rsv !== 0 || ![0, 1, 2, 8, 9, 10].includes(op) || !masked || (op >= 8 && (len > 125 || !fin));
        if (protocolError && !b.ignoreProtocolErrors) return fail(1002);
        if (op === 9 && !b.noPong) s.write(frame(10, Buffer.from(data)));
        if (op === 8) {
          if (b.noCloseEcho) return void s.destroy();
          const code = data.length >= 2 ? (data[0]! << 8) | data[1]! : 1005;
          if (!b.ignoreProtocolErrors && (data.length === 1 || (data.length >= 2 && (code < 1000 || [1004, 1005, 1006, 1015].includes(code))))) return fail(1002);
          const reason = Buffer.from(data.subarray(2));
          if (!b.ignoreUtf8 && !Buffer.from(reason.toString('utf8'), 'utf8').equals(reason)) return fail(1007);
          return void s.end(frame(8, Buffer.from(data.subarray(0, 2))));
        }
        if (!b.ignoreProtocolErrors && ((op === 0 && !frag && !b.noReassembly) || (op === 1 && frag))) return fail(1002);
        let message: Buffer | undefined;
        if (op === 1 && fin) message = Buffer.from(data);
        else if (op === 1) frag = b.noReassembly ? undefined : [Buffer.from(data)];
        else if (op === 0 && frag) {
          frag.push(Buffer.from(data));
          if (fin) {
            message = Buffer.concat(frag);
            frag = undefined;
          }
        }
        if (!message) continue;
        const text = message.toString('utf8');
        if (!b.ignoreUtf8 && !Buffer.from(text, 'utf8').equals(message)) return fail(1007);
        if (b.crashOnGarbage && !text.startsWith('<')) {
          s.destroy();
          server.close();
          return;
        }
        if (text.includes('<heartbeat>')) s.write(frame(1, message));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `ws://127.0.0.1:${(server.address() as net.AddressInfo).port}/mos?mosID=A&ncsID=B&channel=mom`, close: () => server.close() })));
}

let id = 1;
const targetOf = (url: string): WsTarget => ({ url, channel: 'mom', headers: {}, connectTimeoutMs: 2000, responseTimeoutMs: 700, ids: { mosID: 'A', ncsID: 'B' }, nextMessageID: () => id++ });
const closers: Array<() => void> = [];
after(() => closers.forEach((c) => c()));

async function against(b: Behaviour): Promise<WsTarget> {
  const s = await rawWsServer(b);
  closers.push(s.close);
  return targetOf(s.url);
}

test('a correct raw peer passes every RFC 6455 check', async () => {
  const t = await against({});
  assert.deepEqual(await checkPingPong(t), []);
  assert.deepEqual(await checkFragmentation(t), []);
  assert.deepEqual(await checkBadInputs(t, 'SEC-WS-4'), []);
  assert.deepEqual(await checkBadInputs(t, 'SEC-WS-5'), []);
  assert.deepEqual(await checkClosingHandshake(t), []);
});

test('each broken raw peer is caught under its requirement and level', async () => {
  const only = (s: Array<{ requirement: string }>): string[] => [...new Set(s.map((x) => x.requirement))];
  assert.deepEqual(only(await checkPingPong(await against({ noPong: true }))), ['SEC-WS-2']);
  assert.deepEqual(only(await checkFragmentation(await against({ noReassembly: true }))), ['SEC-WS-3']);
  assert.ok(only(await checkBadInputs(await against({ ignoreUtf8: true }), 'SEC-WS-4')).includes('SEC-WS-4'));
  assert.ok(only(await checkBadInputs(await against({ ignoreProtocolErrors: true }), 'SEC-WS-5')).includes('SEC-WS-5'));
  assert.deepEqual(only(await checkBadInputs(await against({ closeCode: 1000 }), 'SEC-WS-5')), ['SEC-WS-7']);
  assert.deepEqual(only(await checkClosingHandshake(await against({ noCloseEcho: true }))), ['SEC-WS-6']);
});

test('a peer that dies on garbage is seen down after the probe', async () => {
  const t = await against({ crashOnGarbage: true });
  assert.equal(await stillAnswering(t), undefined);
  await HOSTILE_PROBES.find((p) => p.name.startsWith('a text message that is not XML'))!.run(t, []);
  assert.match((await stillAnswering(t)) ?? '', /connection refused|cannot connect|closed/);
});

/** A TLS "server" that answers the ClientHello with a ServerHello naming the first offered suite it allows. */
function fakeTls(o: { minVersion: number; allow: (suite: number) => boolean }): Promise<{ host: string; port: number; timeoutMs: number }> {
  const server = net.createServer((s) => {
    s.on('error', () => undefined);
    s.once('data', (d: Buffer) => {
      const version = d.readUInt16BE(9);
      const sid = d[43]!;
      let at = 44 + sid;
      const n = d.readUInt16BE(at) / 2;
      const suites = Array.from({ length: n }, (_, i) => d.readUInt16BE(at + 2 + i * 2));
      const pick = suites.find(o.allow);
      if (version < o.minVersion || pick === undefined) return void s.end(Buffer.from([0x15, 0x03, 0x03, 0, 2, 2, version < o.minVersion ? 70 : 40]));
      const body = Buffer.concat([Buffer.from([version >> 8, version & 0xff]), crypto.randomBytes(32), Buffer.from([0, pick >> 8, pick & 0xff, 0])]);
      const hs = Buffer.concat([Buffer.from([2, 0, 0, body.length]), body]);
      s.end(Buffer.concat([Buffer.from([0x16, 0x03, 0x03, 0, hs.length]), hs]));
      at = 0;
    });
  });
  closers.push(() => server.close());
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ host: '127.0.0.1', port: (server.address() as net.AddressInfo).port, timeoutMs: 2000 })));
}

test('TLS: weak suites and old versions are caught with their levels; a careful server passes', async () => {
  const modern = new Set([0xc02f, 0xc030, 0xc02b, 0xc02c]);
  const good = await fakeTls({ minVersion: 0x0303, allow: (s) => modern.has(s) });
  assert.deepEqual(await checkOldVersionsRefused(good), []);
  assert.deepEqual(await checkCurrentVersionOffered(good), []);
  assert.deepEqual(await checkWeakSuites(good, ['NULL', 'EXPORT', 'RC4', '3DES']), []);
  const tripleDes = await fakeTls({ minVersion: 0x0303, allow: (s) => modern.has(s) || s === 0x000a });
  assert.deepEqual((await checkWeakSuites(tripleDes, ['NULL', 'EXPORT', 'RC4', '3DES'])).map((x) => x.requirement), ['SEC-TLS-4']);
  const rc4 = await fakeTls({ minVersion: 0x0303, allow: (s) => s === 0x0005 || modern.has(s) });
  assert.deepEqual((await checkWeakSuites(rc4, ['RC4'])).map((x) => x.requirement), ['SEC-TLS-3']);
  const nullSuite = await fakeTls({ minVersion: 0x0303, allow: (s) => s === 0x003b });
  assert.deepEqual((await checkWeakSuites(nullSuite, ['NULL'])).map((x) => x.requirement), ['SEC-TLS-3']);
  const old = await fakeTls({ minVersion: 0x0301, allow: (s) => modern.has(s) });
  assert.deepEqual((await checkOldVersionsRefused(old)).map((x) => x.requirement), ['SEC-TLS-1', 'SEC-TLS-1']);
});

test('ws-frame: frames of every length form round-trip through the reader, masked and not', async () => {
  const { encodeFrame, FrameReader } = await import('../lib/transport/ws-frame');
  for (const len of [0, 1, 125, 126, 65535, 65536, 70_001]) {
    for (const mask of [true, false]) {
      const payload = crypto.randomBytes(len);
      const bytes = encodeFrame({ opcode: 0x2, payload, mask, rsv: 0b010, fin: len % 2 === 0 });
      const reader = new FrameReader();
      // Fed in uneven pieces, as a socket delivers them.
      const frames = [bytes.subarray(0, 3), bytes.subarray(3, 11), bytes.subarray(11)].flatMap((b) => reader.push(Buffer.from(b)));
      assert.equal(frames.length, 1);
      assert.ok(frames[0]!.payload.equals(payload), `payload of ${len} bytes, mask ${mask}`);
      assert.deepEqual([frames[0]!.masked, frames[0]!.rsv, frames[0]!.fin, frames[0]!.opcode], [mask, 0b010, len % 2 === 0, 0x2]);
    }
  }
});
