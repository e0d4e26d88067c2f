// What a TLS server agrees to, asked the way scanners ask it: a hand-written ClientHello
// (RFC 5246 §7.4.1.2) offering exactly one protocol version and the given cipher suites, and the
// first answer read back: a ServerHello (the version and suite the server chose) or an alert.
// The handshake goes no further. Node's TLS client cannot offer suites its OpenSSL no longer has
// (RC4, export, single DES, often 3DES and NULL), and whether a server still accepts them is the
// question; a raw ClientHello asks it without a TLS library, and without a new dependency.
import crypto from 'node:crypto';
import net from 'node:net';
import { explainConnectError } from './connect-error';

export const TLS_VERSION = { 'TLS 1.0': 0x0301, 'TLS 1.1': 0x0302, 'TLS 1.2': 0x0303 } as const;
export type TlsVersionName = keyof typeof TLS_VERSION;

/** Cipher suites of weak classes (IANA TLS Cipher Suites registry), by the class RFC 9325 / RFC 7465 name. */
export const WEAK_SUITES = {
  /** NULL encryption (RFC 9325 §4.1). */
  NULL: [0x0001, 0x0002, 0x003b, 0xc006, 0xc010, 0xc015, 0xc001, 0xc00b, 0x002c, 0x002d, 0x002e, 0x00b0, 0x00b1],
  /** Export-grade and single-DES suites: under 112 bits of security (RFC 9325 §4.1). */
  EXPORT: [0x0003, 0x0006, 0x0008, 0x000b, 0x000e, 0x0011, 0x0014, 0x0017, 0x0019, 0x0026, 0x0027, 0x0028, 0x0029, 0x002a, 0x002b, 0x0062, 0x0063, 0x0064, 0x0065, 0x0009, 0x000c, 0x000f, 0x0012, 0x0015, 0x001a],
  /** RC4 (RFC 7465 §2). */
  RC4: [0x0004, 0x0005, 0x0018, 0x0020, 0x0024, 0x008a, 0x008e, 0x0092, 0xc002, 0xc007, 0xc00c, 0xc011, 0xc016],
  /** Triple DES: 112 bits, under the 128 RFC 9325 §4.1 asks for. */
  '3DES': [0x000a, 0x000d, 0x0010, 0x0013, 0x0016, 0x001b, 0x001f, 0x0023, 0x008b, 0x008f, 0x0093, 0xc003, 0xc008, 0xc00d, 0xc012, 0xc017],
} as const;
export type WeakClass = keyof typeof WEAK_SUITES;

/** Suites any current server has, for the version probes (ECDHE/RSA with AES-GCM, AES-CBC, ChaCha20). */
export const COMMON_SUITES = [0xc02f, 0xc030, 0xc02b, 0xc02c, 0xcca8, 0xcca9, 0xc013, 0xc014, 0xc009, 0xc00a, 0x009c, 0x009d, 0x002f, 0x0035, 0x009e, 0x009f, 0x0033, 0x0039];

export type HelloAnswer =
  | { kind: 'accepted'; version: number; suite: number }
  | { kind: 'refused'; how: string }
  | { kind: 'failed'; reason: string };

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n, 0);
  return b;
}

function ext(type: number, data: Buffer): Buffer {
  return Buffer.concat([u16(type), u16(data.length), data]);
}

/** The bytes of one ClientHello record. */
export function clientHello(version: number, suites: readonly number[], serverName?: string): Buffer {
  const exts = [
    // supported_groups: x25519, secp256r1, secp384r1, secp521r1, ffdhe2048
    ext(0x000a, Buffer.concat([u16(10), u16(0x001d), u16(0x0017), u16(0x0018), u16(0x0019), u16(0x0100)])),
    // ec_point_formats: uncompressed
    ext(0x000b, Buffer.from([1, 0])),
    // renegotiation_info (RFC 5746), empty
    ext(0xff01, Buffer.from([0])),
  ];
  if (version >= 0x0303) {
    const algs = [0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0203];
    exts.push(ext(0x000d, Buffer.concat([u16(algs.length * 2), ...algs.map(u16)])));
  }
  if (serverName && !net.isIP(serverName)) {
    const name = Buffer.from(serverName, 'ascii');
    const entry = Buffer.concat([Buffer.from([0]), u16(name.length), name]);
    exts.unshift(ext(0x0000, Buffer.concat([u16(entry.length), entry])));
  }
  const extensions = Buffer.concat(exts);
  // TLS_EMPTY_RENEGOTIATION_INFO_SCSV is not needed: the extension is sent.
  const body = Buffer.concat([u16(version), crypto.randomBytes(32), Buffer.from([0]), u16(suites.length * 2), ...suites.map(u16), Buffer.from([1, 0]), u16(extensions.length), extensions]);
  const hs = Buffer.concat([Buffer.from([0x01, (body.length >> 16) & 0xff, (body.length >> 8) & 0xff, body.length & 0xff]), body]);
  // The record layer's version: 0x0301 for every ClientHello, as clients write it for compatibility.
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01]), u16(hs.length), hs]);
}

const ALERTS: Record<number, string> = { 40: 'handshake_failure', 47: 'illegal_parameter', 70: 'protocol_version', 71: 'insufficient_security', 80: 'internal_error', 86: 'inappropriate_fallback', 112: 'unrecognized_name' };

/** Read the first answer to a ClientHello from the bytes received so far; undefined while incomplete. */
export function readAnswer(buf: Buffer): HelloAnswer | undefined {
  if (buf.length < 5) return undefined;
  const type = buf[0]!;
  const len = buf.readUInt16BE(3);
  if (type === 0x15) {
    if (buf.length < 7) return undefined;
    return { kind: 'refused', how: `alert ${ALERTS[buf[6]!] ?? buf[6]}` };
  }
  if (type !== 0x16) return { kind: 'refused', how: `a record of type ${type}, not a handshake (is this TLS?)` };
  if (buf.length < 5 + Math.min(len, 4 + 2 + 32 + 1)) return undefined;
  const hs = buf.subarray(5);
  if (hs[0] !== 0x02) return { kind: 'refused', how: `handshake message ${hs[0]} instead of a ServerHello` };
  if (hs.length < 4 + 2 + 32 + 1) return undefined;
  const version = hs.readUInt16BE(4);
  const sidLen = hs[4 + 2 + 32]!;
  const at = 4 + 2 + 32 + 1 + sidLen;
  if (hs.length < at + 2) return undefined;
  return { kind: 'accepted', version, suite: hs.readUInt16BE(at) };
}

/** Send one ClientHello to host:port and read the first answer (a closed socket is a refusal). */
export function helloProbe(o: { host: string; port: number; version: number; suites: readonly number[]; serverName?: string; timeoutMs: number; url?: string }): Promise<HelloAnswer> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    let done = false;
    const s = net.connect({ host: o.host, port: o.port });
    const finish = (a: HelloAnswer): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve(a);
    };
    const timer = setTimeout(() => finish({ kind: 'failed', reason: `no answer to a ClientHello within ${o.timeoutMs} ms` }), o.timeoutMs);
    s.on('connect', () => s.write(clientHello(o.version, o.suites, o.serverName)));
    s.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const a = readAnswer(buf);
      if (a) finish(a);
    });
    s.on('error', (e: Error & { code?: string }) => finish(e.code === 'ECONNRESET' ? { kind: 'refused', how: 'connection reset' } : { kind: 'failed', reason: explainConnectError(e, o.url ?? `tls://${o.host}:${o.port}`) }));
    s.on('close', () => finish({ kind: 'refused', how: 'connection closed without an answer' }));
  });
}

/** A suite number as IANA writes it, e.g. 0x000A. */
export function suiteName(n: number): string {
  return `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;
}
