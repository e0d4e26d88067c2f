// Vendor zoo, s-tls-3des: a small TLS 1.2 server of its own (RFC 5246) for the 3DES cipher suites,
// which Node's OpenSSL (3.5) no longer negotiates. A TCP front on the listening port reads the
// first TLS record(s); a ClientHello that can do TLS 1.2 and offers a 3DES suite the certificate
// can serve is answered here (ServerHello, Certificate, [ServerKeyExchange,] ServerHelloDone, then
// the client's key exchange, ChangeCipherSpec and Finished, the server's ChangeCipherSpec and
// Finished, and application data protected with des-ede3-cbc + HMAC-SHA1). The decrypted stream is
// handed to the variant's normal wss listener through a loopback TLS connection. Every other
// connection is passed through to the normal listener byte for byte (spliceToInner, shared with
// hostile.ts). Only Node.js built-ins and the zoo's own modules.

import * as crypto from 'crypto';
import * as net from 'net';
import * as tls from 'tls';
import { spliceToInner } from './hostile';

let log = (...parts: string[]): void => {
  process.stderr.write(`[zoo ${new Date().toISOString()}] ${parts.join(' ')}\n`);
};

// ================================================================ cipher suites

export type Kx = 'RSA' | 'ECDHE_RSA' | 'DHE_RSA' | 'ECDHE_ECDSA';

/** A TLS 1.2 CBC suite with HMAC-SHA1 that this server can run. */
export interface CbcSuite {
  id: number;
  name: string;
  kx: Kx;
  cipher: string; // Node cipher name
  keyLen: number;
  blockLen: number;
}

/**
 * The 3DES suites this server can serve, in its order of preference: forward-secret key exchanges
 * first (RFC 9325 section 4.1: implementations "MUST support and prefer to negotiate cipher suites
 * offering forward secrecy"), so that the variant breaks only the 3DES rule when the client offers
 * a choice; TLS_RSA_WITH_3DES_EDE_CBC_SHA when it is the only one offered.
 */
export const TDES_SUITES: CbcSuite[] = [
  { id: 0xc012, name: 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', kx: 'ECDHE_RSA', cipher: 'des-ede3-cbc', keyLen: 24, blockLen: 8 },
  { id: 0xc008, name: 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA', kx: 'ECDHE_ECDSA', cipher: 'des-ede3-cbc', keyLen: 24, blockLen: 8 },
  { id: 0x0016, name: 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA', kx: 'DHE_RSA', cipher: 'des-ede3-cbc', keyLen: 24, blockLen: 8 },
  { id: 0x000a, name: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', kx: 'RSA', cipher: 'des-ede3-cbc', keyLen: 24, blockLen: 8 },
];

/**
 * The same key exchanges with AES-128-CBC: not used by the variant; hostilecheck runs the engine
 * with them against Node's own TLS 1.2 client (OpenSSL), which has no 3DES, to show that the
 * handshake and record layer are right.
 */
export const AES_CBC_SUITES: CbcSuite[] = [
  { id: 0xc013, name: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', kx: 'ECDHE_RSA', cipher: 'aes-128-cbc', keyLen: 16, blockLen: 16 },
  { id: 0xc009, name: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', kx: 'ECDHE_ECDSA', cipher: 'aes-128-cbc', keyLen: 16, blockLen: 16 },
  { id: 0x0033, name: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA', kx: 'DHE_RSA', cipher: 'aes-128-cbc', keyLen: 16, blockLen: 16 },
  { id: 0x002f, name: 'TLS_RSA_WITH_AES_128_CBC_SHA', kx: 'RSA', cipher: 'aes-128-cbc', keyLen: 16, blockLen: 16 },
];

/** Every registered suite with 3DES (TLS cipher suite registry), servable here or not. */
export const ALL_3DES_SUITE_IDS = new Map<number, string>([
  [0x000a, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0x000d, 'TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA'],
  [0x0010, 'TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0x0013, 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA'],
  [0x0016, 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0x001b, 'TLS_DH_anon_WITH_3DES_EDE_CBC_SHA'],
  [0x001f, 'TLS_KRB5_WITH_3DES_EDE_CBC_SHA'],
  [0x0023, 'TLS_KRB5_WITH_3DES_EDE_CBC_MD5'],
  [0x008b, 'TLS_PSK_WITH_3DES_EDE_CBC_SHA'],
  [0x008f, 'TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA'],
  [0x0093, 'TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA'],
  [0xc003, 'TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA'],
  [0xc008, 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA'],
  [0xc00d, 'TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0xc012, 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0xc017, 'TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA'],
  [0xc01a, 'TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA'],
  [0xc01b, 'TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0xc01c, 'TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA'],
  [0xc034, 'TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA'],
]);

/** TLS 1.3 suites Node's listener serves (a client offering TLS 1.3 and one of them gets TLS 1.3). */
const TLS13_SUITES = new Set([0x1301, 0x1302, 0x1303]);

// ================================================================ ClientHello (RFC 5246 section 7.4.1.2)

export interface ClientHello {
  version: number;
  random: Buffer;
  sessionId: Buffer;
  suites: number[];
  compression: number[];
  extensions: Map<number, Buffer>;
}

/** Parse a ClientHello body (after the 4-byte handshake header); undefined if malformed. */
export function parseClientHello(b: Buffer): ClientHello | undefined {
  let o = 0;
  const need = (n: number): boolean => o + n <= b.length;
  if (!need(35)) return undefined;
  const version = b.readUInt16BE(0);
  const random = Buffer.from(b.subarray(2, 34));
  o = 34;
  const sidLen = b[o++];
  if (sidLen > 32 || !need(sidLen + 2)) return undefined;
  const sessionId = Buffer.from(b.subarray(o, o + sidLen));
  o += sidLen;
  const csLen = b.readUInt16BE(o);
  o += 2;
  if (csLen < 2 || csLen % 2 !== 0 || !need(csLen + 1)) return undefined;
  const suites: number[] = [];
  for (let i = 0; i < csLen; i += 2) suites.push(b.readUInt16BE(o + i));
  o += csLen;
  const cmLen = b[o++];
  if (cmLen < 1 || !need(cmLen)) return undefined;
  const compression = [...b.subarray(o, o + cmLen)];
  o += cmLen;
  const extensions = new Map<number, Buffer>();
  if (o < b.length) {
    if (!need(2)) return undefined;
    const extLen = b.readUInt16BE(o);
    o += 2;
    if (o + extLen !== b.length) return undefined;
    while (o < b.length) {
      if (!need(4)) return undefined;
      const type = b.readUInt16BE(o);
      const len = b.readUInt16BE(o + 2);
      o += 4;
      if (!need(len) || extensions.has(type)) return undefined;
      extensions.set(type, Buffer.from(b.subarray(o, o + len)));
      o += len;
    }
  }
  return { version, random, sessionId, suites, compression, extensions };
}

function u16list(data: Buffer | undefined, lenBytes: 1 | 2): number[] | undefined {
  if (!data || data.length < lenBytes) return undefined;
  const n = lenBytes === 1 ? data[0] : data.readUInt16BE(0);
  if (n + lenBytes !== data.length || n % 2) return undefined;
  const out: number[] = [];
  for (let i = lenBytes; i < data.length; i += 2) out.push(data.readUInt16BE(i));
  return out;
}

// ================================================================ server key material

const CURVES: Record<number, { name: string; node: string | 'x25519' }> = {
  29: { name: 'x25519', node: 'x25519' },
  23: { name: 'secp256r1', node: 'prime256v1' },
  24: { name: 'secp384r1', node: 'secp384r1' },
};

interface ServerKey {
  chain: Buffer[];
  key: crypto.KeyObject;
  type: 'rsa' | 'ec';
  ecCurve?: string;
}

function loadServerKey(certPem: string, keyPem: string): ServerKey {
  const chain = [...certPem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
  const key = crypto.createPrivateKey(keyPem);
  const type = key.asymmetricKeyType === 'ec' ? 'ec' : 'rsa';
  return { chain, key, type, ecCurve: key.asymmetricKeyDetails?.namedCurve };
}

/** Signature algorithm (RFC 5246 section 7.4.1.4.1 codes) for ServerKeyExchange, or undefined. */
function pickSigAlg(hello: ClientHello, sk: ServerKey): number | undefined {
  const offered = u16list(hello.extensions.get(13), 2) ?? (sk.type === 'rsa' ? [0x0201] : [0x0203]); // absent: {sha1, rsa|ecdsa}
  const mine = sk.type === 'rsa' ? [0x0401, 0x0804, 0x0501, 0x0601, 0x0201] : sk.ecCurve === 'secp384r1' ? [0x0503, 0x0403, 0x0203] : [0x0403, 0x0503, 0x0203];
  return mine.find((a) => offered.includes(a));
}

function pickCurve(hello: ClientHello): number | undefined {
  const offered = u16list(hello.extensions.get(10), 2) ?? [23];
  return [29, 23, 24].find((c) => offered.includes(c));
}

/** The suite this server chooses, with its curve and signature algorithm, or undefined. */
export function chooseSuite(hello: ClientHello, sk: { type: 'rsa' | 'ec' }, suites: CbcSuite[]): { suite: CbcSuite; curve?: number; sigAlg?: number } | undefined {
  for (const s of suites) {
    if (!hello.suites.includes(s.id)) continue;
    if ((s.kx === 'ECDHE_ECDSA') !== (sk.type === 'ec')) continue;
    if (s.kx === 'RSA') return { suite: s };
    const sigAlg = pickSigAlg(hello, sk as ServerKey);
    if (sigAlg === undefined) continue;
    if (s.kx === 'DHE_RSA') return { suite: s, sigAlg };
    const curve = pickCurve(hello);
    if (curve !== undefined) return { suite: s, curve, sigAlg };
  }
  return undefined;
}

/** Would this server take the hello (TLS 1.2 possible, not TLS 1.3, a servable suite)? */
export function takesHello(hello: ClientHello, sk: { type: 'rsa' | 'ec' }, suites: CbcSuite[]): boolean {
  const sv = u16list(hello.extensions.get(43), 1);
  const can12 = sv ? sv.includes(0x0303) : hello.version >= 0x0303;
  const can13 = sv ? sv.includes(0x0304) : false;
  if (!can12) return false; // TLS 1.0/1.1 or TLS 1.3-only hellos: the normal listener answers
  if (can13 && hello.suites.some((s) => TLS13_SUITES.has(s))) return false; // version first: TLS 1.3
  if (!hello.compression.includes(0)) return false;
  return chooseSuite(hello, sk, suites) !== undefined;
}

// ================================================================ PRF and record protection (RFC 5246 sections 5, 6.2.3.2)

export function prf(secret: Buffer, label: string, seed: Buffer, n: number): Buffer {
  const s = Buffer.concat([Buffer.from(label, 'latin1'), seed]);
  const out: Buffer[] = [];
  let a = s;
  let got = 0;
  while (got < n) {
    a = crypto.createHmac('sha256', secret).update(a).digest();
    const p = crypto.createHmac('sha256', secret).update(Buffer.concat([a, s])).digest();
    out.push(p);
    got += p.length;
  }
  return Buffer.concat(out).subarray(0, n);
}

export class CbcState {
  seq = 0n;
  constructor(
    private readonly suite: CbcSuite,
    private readonly macKey: Buffer,
    private readonly key: Buffer,
  ) {}

  private mac(type: number, content: Buffer): Buffer {
    const hdr = Buffer.alloc(13);
    hdr.writeBigUInt64BE(this.seq, 0);
    hdr[8] = type;
    hdr.writeUInt16BE(0x0303, 9);
    hdr.writeUInt16BE(content.length, 11);
    return crypto.createHmac('sha1', this.macKey).update(hdr).update(content).digest();
  }

  /** GenericBlockCipher fragment: IV || E(content || MAC || padding || padding_length). */
  seal(type: number, content: Buffer): Buffer {
    const mac = this.mac(type, content);
    this.seq++;
    const bl = this.suite.blockLen;
    const pad = (bl - ((content.length + mac.length + 1) % bl)) % bl;
    const iv = crypto.randomBytes(bl);
    const c = crypto.createCipheriv(this.suite.cipher, this.key, iv);
    c.setAutoPadding(false);
    const body = Buffer.concat([content, mac, Buffer.alloc(pad + 1, pad)]);
    return Buffer.concat([iv, c.update(body), c.final()]);
  }

  /** The content of a protected fragment, or undefined (bad_record_mac). */
  open(type: number, frag: Buffer): Buffer | undefined {
    const bl = this.suite.blockLen;
    if (frag.length < 2 * bl || frag.length % bl !== 0) return undefined;
    const d = crypto.createDecipheriv(this.suite.cipher, this.key, frag.subarray(0, bl));
    d.setAutoPadding(false);
    const p = Buffer.concat([d.update(frag.subarray(bl)), d.final()]);
    const pad = p[p.length - 1];
    let ok = pad + 1 + 20 <= p.length;
    const n = ok ? p.length - pad - 1 - 20 : 0;
    if (ok) for (let i = p.length - pad - 1; i < p.length; i++) if (p[i] !== pad) ok = false;
    const content = p.subarray(0, n);
    const want = this.mac(type, content);
    this.seq++;
    if (!ok || !crypto.timingSafeEqual(want, p.subarray(n, n + 20))) return undefined;
    return Buffer.from(content);
  }
}

export function keyBlock(master: Buffer, clientRandom: Buffer, serverRandom: Buffer, suite: CbcSuite): { cMac: Buffer; sMac: Buffer; cKey: Buffer; sKey: Buffer } {
  const k = prf(master, 'key expansion', Buffer.concat([serverRandom, clientRandom]), 40 + 2 * suite.keyLen);
  return { cMac: k.subarray(0, 20), sMac: k.subarray(20, 40), cKey: k.subarray(40, 40 + suite.keyLen), sKey: k.subarray(40 + suite.keyLen) };
}

export function record(type: number, body: Buffer): Buffer {
  const out: Buffer[] = [];
  for (let o = 0; o < body.length || (o === 0 && body.length === 0); o += 16384) {
    const frag = body.subarray(o, o + 16384);
    const h = Buffer.from([type, 3, 3, 0, 0]);
    h.writeUInt16BE(frag.length, 3);
    out.push(h, frag);
    if (body.length === 0) break;
  }
  return Buffer.concat(out);
}

export function handshake(type: number, body: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h[0] = type;
  h.writeUIntBE(body.length, 1, 3);
  return Buffer.concat([h, body]);
}

const u8len = (b: Buffer): Buffer => Buffer.concat([Buffer.from([b.length]), b]);
const u16len = (b: Buffer): Buffer => {
  const h = Buffer.alloc(2);
  h.writeUInt16BE(b.length);
  return Buffer.concat([h, b]);
};
const u24len = (b: Buffer): Buffer => {
  const h = Buffer.alloc(3);
  h.writeUIntBE(b.length, 0, 3);
  return Buffer.concat([h, b]);
};
const u16 = (n: number): Buffer => {
  const h = Buffer.alloc(2);
  h.writeUInt16BE(n);
  return h;
};

const ALERTS: Record<number, string> = { 0: 'close_notify', 10: 'unexpected_message', 20: 'bad_record_mac', 40: 'handshake_failure', 42: 'bad_certificate', 46: 'certificate_unknown', 47: 'illegal_parameter', 48: 'unknown_ca', 50: 'decode_error', 51: 'decrypt_error', 70: 'protocol_version', 80: 'internal_error', 90: 'user_canceled', 100: 'no_renegotiation' };
export const alertName = (d: number): string => ALERTS[d] ?? `alert ${d}`;

// ================================================================ the server side of one connection

/** Ephemeral key agreement for ECDHE/DHE. */
interface Ephemeral {
  params: Buffer; // ServerECDHParams or ServerDHParams as sent
  secret: (clientPublic: Buffer) => Buffer;
}

function ephemeral(kx: Kx, curve: number | undefined): Ephemeral {
  if (kx === 'DHE_RSA') {
    const dh = crypto.getDiffieHellman('modp14'); // RFC 3526 group 14, 2048 bits
    dh.generateKeys();
    return {
      params: Buffer.concat([u16len(dh.getPrime()), u16len(dh.getGenerator()), u16len(dh.getPublicKey())]),
      secret: (yc) => {
        const z = dh.computeSecret(yc);
        let i = 0;
        while (i < z.length - 1 && z[i] === 0) i++; // RFC 5246 section 8.1.2: leading zero bytes stripped
        return z.subarray(i);
      },
    };
  }
  const c = CURVES[curve ?? 23];
  const head = Buffer.concat([Buffer.from([3]), u16(curve ?? 23)]);
  if (c.node === 'x25519') {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('x25519');
    const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    return {
      params: Buffer.concat([head, u8len(pub)]),
      secret: (pt) => crypto.diffieHellman({ privateKey, publicKey: crypto.createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: pt.toString('base64url') }, format: 'jwk' }) }),
    };
  }
  const ecdh = crypto.createECDH(c.node);
  ecdh.generateKeys();
  return { params: Buffer.concat([head, u8len(ecdh.getPublicKey())]), secret: (pt) => ecdh.computeSecret(pt) };
}

function sign(sigAlg: number, key: crypto.KeyObject, data: Buffer): Buffer {
  const hash = { 2: 'sha1', 4: 'sha256', 5: 'sha384', 6: 'sha512', 8: 'sha256' }[sigAlg >> 8] ?? 'sha256';
  if (sigAlg === 0x0804) return crypto.sign('sha256', data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  return crypto.sign(hash, data, key);
}

/**
 * Serve one connection whose ClientHello (full handshake message bytes) was taken. `rest` holds
 * bytes that followed it. The decrypted application data goes to connectInner() (and back).
 */
function serveConnection(client: net.Socket, helloMsg: Buffer, hello: ClientHello, rest: Buffer, sk: ServerKey, suites: CbcSuite[], connectInner: () => net.Socket): void {
  const choice = chooseSuite(hello, sk, suites)!;
  const suite = choice.suite;
  const transcript: Buffer[] = [helloMsg];
  const serverRandom = crypto.randomBytes(32);
  // this listener also speaks TLS 1.3 (to other clients): RFC 8446 section 4.1.3 downgrade sentinel
  Buffer.from('444f574e47524401', 'hex').copy(serverRandom, 24);
  const exts: Buffer[] = [];
  if (hello.extensions.has(0xff01) || hello.suites.includes(0x00ff)) exts.push(u16(0xff01), u16len(Buffer.from([0]))); // RFC 5746
  if (suite.kx.startsWith('ECDHE') && hello.extensions.has(11)) exts.push(u16(11), u16len(u8len(Buffer.from([0])))); // RFC 8422, uncompressed
  const sh = Buffer.concat([u16(0x0303), serverRandom, Buffer.from([0]), u16(suite.id), Buffer.from([0]), ...(exts.length ? [u16len(Buffer.concat(exts))] : [])]);
  const flight: Buffer[] = [handshake(2, sh), handshake(11, u24len(Buffer.concat(sk.chain.map(u24len))))];
  let eph: Ephemeral | undefined;
  if (suite.kx !== 'RSA') {
    eph = ephemeral(suite.kx, choice.curve);
    const sig = sign(choice.sigAlg!, sk.key, Buffer.concat([hello.random, serverRandom, eph.params]));
    flight.push(handshake(12, Buffer.concat([eph.params, u16(choice.sigAlg!), u16len(sig)])));
  }
  flight.push(handshake(14, Buffer.alloc(0)));
  transcript.push(...flight);
  client.write(record(22, Buffer.concat(flight)));
  log(`3DES front: ServerHello TLS 1.2 ${suite.name} (0x${suite.id.toString(16).padStart(4, '0')}), Certificate (${sk.chain.length}), ${eph ? 'ServerKeyExchange, ' : ''}ServerHelloDone`);

  let buf: Buffer = rest;
  let hs: Buffer = Buffer.alloc(0);
  let readState: CbcState | undefined;
  let writeState: CbcState | undefined;
  let master: Buffer | undefined;
  let keys: ReturnType<typeof keyBlock> | undefined;
  let phase: 'cke' | 'ccs' | 'fin' | 'app' | 'closed' = 'cke';
  let inner: net.Socket | undefined;
  const pending: Buffer[] = [];

  const send = (type: number, content: Buffer): void => {
    if (client.destroyed) return;
    if (!writeState) {
      client.write(record(type, content));
      return;
    }
    for (let o = 0; o < content.length || o === 0; o += 16384) {
      client.write(record(type, writeState.seal(type, content.subarray(o, o + 16384))));
      if (content.length === 0) break;
    }
  };
  const fatal = (desc: number, why: string): void => {
    if (phase === 'closed') return;
    log(`3DES front: ${why}; alert ${alertName(desc)}`);
    send(21, Buffer.from([2, desc]));
    phase = 'closed';
    client.end();
    inner?.destroy();
  };

  const onHandshake = (msg: Buffer): void => {
    const type = msg[0];
    const body = msg.subarray(4);
    if (phase === 'cke' && type === 16) {
      let pms: Buffer;
      try {
        if (suite.kx === 'RSA') {
          // RFC 5246 section 7.4.7.1: on any failure continue with a random premaster secret
          const fallback = Buffer.concat([u16(hello.version), crypto.randomBytes(46)]);
          let got: Buffer | undefined;
          try {
            const enc = body.subarray(2, 2 + body.readUInt16BE(0));
            got = crypto.privateDecrypt({ key: sk.key, padding: crypto.constants.RSA_PKCS1_PADDING }, enc);
          } catch {
            got = undefined;
          }
          pms = got && got.length === 48 && got.readUInt16BE(0) === hello.version ? got : fallback;
        } else if (suite.kx === 'DHE_RSA') {
          pms = eph!.secret(body.subarray(2, 2 + body.readUInt16BE(0)));
        } else {
          pms = eph!.secret(body.subarray(1, 1 + body[0]));
        }
      } catch (e) {
        return fatal(47, `bad ClientKeyExchange (${(e as Error).message})`);
      }
      transcript.push(msg);
      master = prf(pms, 'master secret', Buffer.concat([hello.random, serverRandom]), 48);
      keys = keyBlock(master, hello.random, serverRandom, suite);
      phase = 'ccs';
      return;
    }
    if (phase === 'fin' && type === 20) {
      const want = prf(master!, 'client finished', crypto.createHash('sha256').update(Buffer.concat(transcript)).digest(), 12);
      if (body.length !== 12 || !crypto.timingSafeEqual(want, body)) return fatal(51, 'client Finished does not verify');
      transcript.push(msg);
      client.write(record(20, Buffer.from([1])));
      writeState = new CbcState(suite, keys!.sMac, keys!.sKey);
      const sv = prf(master!, 'server finished', crypto.createHash('sha256').update(Buffer.concat(transcript)).digest(), 12);
      send(22, handshake(20, sv));
      phase = 'app';
      log(`3DES front: handshake complete (${suite.name}); application data relayed to the listener`);
      inner = connectInner();
      inner.on('data', (d: Buffer) => send(23, d));
      inner.on('end', () => {
        if (phase === 'app') send(21, Buffer.from([1, 0]));
        phase = 'closed';
        client.end();
      });
      inner.on('error', () => client.destroy());
      inner.on('close', () => client.destroy());
      for (const p of pending) inner.write(p);
      pending.length = 0;
      return;
    }
    if (phase === 'app' && type === 1) {
      send(21, Buffer.from([1, 100])); // warning no_renegotiation
      return;
    }
    fatal(10, `unexpected handshake message ${type} in phase ${phase}`);
  };

  const onRecord = (type: number, frag: Buffer): void => {
    let content = frag;
    if (readState) {
      const c = readState.open(type, frag);
      if (!c) return fatal(20, 'record MAC or padding does not verify');
      content = c;
    }
    if (type === 20) {
      if (phase !== 'ccs' || content.length !== 1 || content[0] !== 1 || hs.length) return fatal(10, 'unexpected ChangeCipherSpec');
      readState = new CbcState(suite, keys!.cMac, keys!.cKey);
      phase = 'fin';
      return;
    }
    if (type === 21) {
      const [level, desc] = content;
      log(`3DES front: client alert ${level === 2 ? 'fatal' : 'warning'} ${alertName(desc)}`);
      if (desc === 0 || level === 2) {
        if (phase === 'app' && desc === 0) send(21, Buffer.from([1, 0]));
        phase = 'closed';
        inner?.end();
        client.end();
      }
      return;
    }
    if (type === 22) {
      hs = Buffer.concat([hs, content]);
      while (hs.length >= 4 && hs.length >= 4 + hs.readUIntBE(1, 3)) {
        const n = 4 + hs.readUIntBE(1, 3);
        const msg = Buffer.from(hs.subarray(0, n));
        hs = hs.subarray(n);
        onHandshake(msg);
        if (phase === 'closed') return;
      }
      return;
    }
    if (type === 23 && phase === 'app') {
      if (inner) inner.write(content);
      else pending.push(content);
      return;
    }
    fatal(10, `unexpected record type ${type} in phase ${phase}`);
  };

  const pump = (): void => {
    while (phase !== 'closed' && buf.length >= 5) {
      const len = buf.readUInt16BE(3);
      if (len > 16384 + 2048) return fatal(22, 'record overflow');
      if (buf.length < 5 + len) return;
      const type = buf[0];
      const frag = Buffer.from(buf.subarray(5, 5 + len));
      buf = buf.subarray(5 + len);
      try {
        onRecord(type, frag);
      } catch (e) {
        fatal(80, `error: ${(e as Error).message}`);
      }
    }
  };
  // like Node's listener (handshakeTimeout 120 s): a handshake that never completes is dropped
  setTimeout(() => {
    if (phase !== 'app' && phase !== 'closed') {
      log('3DES front: handshake not completed within 120 s');
      client.destroy();
    }
  }, 120000).unref();
  client.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    pump();
  });
  client.on('end', () => {
    if (phase !== 'closed') log(`3DES front: client closed the connection in phase ${phase}`);
    phase = 'closed';
    inner?.end();
    client.end();
  });
  client.on('close', () => inner?.destroy());
  pump();
}

// ================================================================ the front

/**
 * Start the front on host:port. A ClientHello that takesHello() accepts is served here (suites:
 * TDES_SUITES for the variant); everything else is piped to the normal TLS listener at innerPort.
 */
export function startTls3desFront(host: string, port: number, innerPort: number, certPem: string, keyPem: string, suites: CbcSuite[] = TDES_SUITES, logger?: (...parts: string[]) => void): Promise<number> {
  if (logger) log = logger;
  const sk = loadServerKey(certPem, keyPem);
  const connectInner = (): net.Socket => tls.connect({ host: '127.0.0.1', port: innerPort, rejectUnauthorized: false });
  const onConn = (client: net.Socket): void => {
    let buf: Buffer = Buffer.alloc(0);
    let decided = false;
    client.on('error', () => client.destroy());
    const passThrough = (): void => {
      decided = true;
      client.removeListener('data', onData);
      spliceToInner(client, innerPort, buf);
    };
    // RFC 5246 section 6.2.1: a handshake message may span several records (and TCP segments)
    const decide = (): void => {
      let o = 0;
      let hs: Buffer = Buffer.alloc(0);
      for (;;) {
        if (buf.length < o + 1) return;
        if (buf[o] !== 22) return passThrough(); // not a handshake record (SSLv2 hello, HTTP, ...)
        if (buf.length < o + 5) return;
        const len = buf.readUInt16BE(o + 3);
        if (buf[o + 1] !== 3 || len === 0 || len > 16384) return passThrough();
        if (buf.length < o + 5 + len) return;
        hs = Buffer.concat([hs, buf.subarray(o + 5, o + 5 + len)]);
        o += 5 + len;
        if (hs[0] !== 1) return passThrough();
        if (hs.length >= 4) {
          const n = 4 + hs.readUIntBE(1, 3);
          if (n > 65536 + 4) return passThrough();
          if (hs.length > n) return passThrough(); // another message in the hello's record: not ours
          if (hs.length === n) {
            const hello = parseClientHello(hs.subarray(4));
            if (!hello || !takesHello(hello, sk, suites)) return passThrough();
            decided = true;
            client.removeListener('data', onData);
            serveConnection(client, Buffer.from(hs), hello, Buffer.from(buf.subarray(o)), sk, suites, connectInner);
            return;
          }
        }
      }
    };
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      if (!decided) decide();
    };
    client.on('data', onData);
    client.on('end', () => {
      if (!decided) client.end();
    });
    // a client that sends no complete first record within 10 s is handed to the normal listener
    setTimeout(() => {
      if (!decided && !client.destroyed) passThrough();
    }, 10000).unref();
  };
  const server = net.createServer(onConn);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    });
  });
}
