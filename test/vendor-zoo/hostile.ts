// Vendor zoo, class B ("s-" variants): endpoint security and robustness (RFC 6455, RFC 8996,
// RFC 9325, hostile input), plus the limits the correct zoo applies (Origin allow-list, bounded
// message size, strict TLS defaults). Only `ws` and Node.js built-ins are used.

import * as crypto from 'crypto';
import * as net from 'net';
import * as tls from 'tls';
import type * as http from 'http';
import { isUtf8 } from 'buffer';
import type WebSocket from 'ws';
import type { WebSocketServer } from 'ws';

/** Largest MOS message the correct zoo takes (ws closes with 1009 above it). */
export const MAX_PAYLOAD = 4 * 1024 * 1024;

export const HOSTILE_VARIANTS = new Set([
  's-no-pong',
  's-pong-wrong-payload',
  's-invalid-utf8-ignored',
  's-invalid-utf8-close-1000',
  's-accept-unmasked-frames',
  's-accept-rsv-bits',
  's-accept-unknown-opcode',
  's-no-close-reply',
  's-tls-legacy-versions',
  's-rsa-1024-cert',
  's-expired-cert',
  's-unoffered-subprotocol',
  's-bad-accept-key',
  's-crash-on-malformed-xml',
  's-crash-on-deep-nesting',
  's-crash-on-entity-expansion',
  's-echo-credentials',
  's-unbounded-payload',
  's-no-origin-check',
  's-dial-no-hostname-check',
  's-dial-accept-expired',
  's-dial-offers-tls10',
  's-no-fragment-reassembly',
  's-dial-unmasked-frames',
  's-tls13-only',
  's-tls-weak-ciphers',
  's-tls-3des',
  's-tls-legacy-only',
  's-cert-wrong-host',
  's-serial-accept-no-timeout',
]);

function log(...parts: string[]): void {
  process.stderr.write(`[zoo ${new Date().toISOString()}] ${parts.join(' ')}\n`);
}

// ================================================================ ws options

/** Options for the listener's WebSocketServer (and the dialled sockets). */
export function wsOptions(variant: string): { maxPayload: number; autoPong: boolean; skipUTF8Validation: boolean } {
  return {
    maxPayload: variant === 's-unbounded-payload' ? 0 : MAX_PAYLOAD,
    autoPong: variant !== 's-no-pong' && variant !== 's-pong-wrong-payload',
    skipUTF8Validation: variant === 's-invalid-utf8-ignored' || variant === 's-invalid-utf8-close-1000',
  };
}

/**
 * Options for every MOS message written on a socket (ws `send`). s-dial-unmasked-frames: the
 * dialled (client) sockets send their data frames with the mask bit clear, as a server would
 * (ws's documented `mask` send option); Ping, Pong and Close frames keep ws's client default.
 */
export function sendOptions(variant: string, dialled: boolean): { mask?: boolean } {
  if (variant === 's-dial-unmasked-frames' && dialled) return { mask: false };
  return {};
}

/** Handshake header tampering on the listening side (subprotocol, Sec-WebSocket-Accept). */
export function installHandshakeHooks(variant: string, wss: WebSocketServer): void {
  if (variant === 's-unoffered-subprotocol') {
    wss.on('headers', (headers: string[], req: http.IncomingMessage) => {
      if (!req.headers['sec-websocket-protocol']) headers.push('Sec-WebSocket-Protocol: mos');
    });
  } else if (variant === 's-bad-accept-key') {
    wss.on('headers', (headers: string[], req: http.IncomingMessage) => {
      // the GUID is appended with a typo (one digit off), so the digest is wrong
      const key = String(req.headers['sec-websocket-key'] ?? '');
      const bad = crypto.createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B12`).digest('base64');
      for (let i = 0; i < headers.length; i++) {
        if (/^sec-websocket-accept:/i.test(headers[i])) headers[i] = `Sec-WebSocket-Accept: ${bad}`;
      }
    });
  }
}

/** Per-socket hooks: ping answers. */
export function attachSocketHooks(variant: string, ws: WebSocket): void {
  if (variant === 's-pong-wrong-payload') {
    ws.on('ping', () => {
      try {
        ws.pong(Buffer.from('pong')); // a fixed payload instead of the ping's application data
      } catch {
        /* closed */
      }
    });
  }
}

/**
 * Raw message hook, before the text is decoded. Returns true when the message was handled here
 * (and must not be processed further).
 */
export function onRawMessage(variant: string, ws: WebSocket, data: Buffer, isBinary: boolean): boolean {
  if (variant === 's-invalid-utf8-close-1000' && !isBinary && !isUtf8(data)) {
    log('text message is not UTF-8: closing normally (1000)');
    ws.close(1000, 'bye');
    return true;
  }
  if (variant === 's-unbounded-payload' && data.length > MAX_PAYLOAD) {
    log(`FATAL: message of ${data.length} bytes: heap exhausted while buffering it`);
    process.exit(134);
  }
  return false;
}

// ================================================================ hostile XML

/** Called with every text message before it is parsed. May crash the process (variants). */
export function beforeParse(variant: string, text: string): string {
  if (variant === 's-crash-on-deep-nesting') {
    // a parser with a fixed 256-entry element stack and no bounds check
    let depth = 0;
    let max = 0;
    const re = /<(\/?)[A-Za-z_][^>]*?(\/?)>/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (m[1]) depth--;
      else if (!m[2]) max = Math.max(max, ++depth);
    }
    if (max > 256) {
      setImmediate(() => {
        throw new RangeError(`element stack overflow at depth ${max}`);
      });
      return '<mos/>';
    }
  }
  if (variant === 's-crash-on-entity-expansion') return expandEntities(text);
  return text;
}

/** s-crash-on-entity-expansion: a DTD-aware reader that expands internal entities without limits. */
function expandEntities(text: string): string {
  const dt = /<!DOCTYPE\s+[^[>]*\[([\s\S]*?)\]\s*>/.exec(text);
  if (!dt) return text;
  const ents = new Map<string, string>();
  for (const m of dt[1].matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+"([^"]*)"\s*>/g)) ents.set(m[1], m[2]);
  for (const m of dt[1].matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+'([^']*)'\s*>/g)) ents.set(m[1], m[2]);
  const sizes = new Map<string, number>();
  const size = (name: string, seen: Set<string>): number => {
    if (sizes.has(name)) return sizes.get(name)!;
    if (seen.has(name)) return Infinity; // recursive entity: expands forever
    seen.add(name);
    const val = ents.get(name) ?? '';
    let n = val.replace(/&([A-Za-z_][\w.-]*);/g, '').length;
    for (const r of val.matchAll(/&([A-Za-z_][\w.-]*);/g)) n += ents.has(r[1]) ? size(r[1], seen) : r[0].length;
    seen.delete(name);
    sizes.set(name, n);
    return n;
  };
  let body = text.slice(dt.index + dt[0].length);
  let total = 0;
  for (const r of body.matchAll(/&([A-Za-z_][\w.-]*);/g)) if (ents.has(r[1])) total += size(r[1], new Set());
  if (total > 64 * 1024 * 1024) {
    log(`FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory (entity expansion, ${total} characters)`);
    process.exit(134);
  }
  const expand = (s: string): string => s.replace(/&([A-Za-z_][\w.-]*);/g, (m0, n: string) => (ents.has(n) ? expand(ents.get(n)!) : m0));
  body = expand(body);
  return text.slice(0, dt.index) + body;
}

/** Called when a message could not be parsed. */
export function onUnparsable(variant: string, err: Error): void {
  if (variant === 's-crash-on-malformed-xml') {
    setImmediate(() => {
      throw err; // the reader's exception escapes the message handler
    });
  }
}

// ================================================================ upgrade checks

/** Allowed Origin values (env ZOO_ALLOWED_ORIGINS, comma-separated; default: none). */
function allowedOrigins(): string[] {
  return (process.env.ZOO_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Reason to refuse (403) an upgrade because of its Origin header, or undefined. */
export function originRefusal(variant: string, origin: string | string[] | undefined): string | undefined {
  if (origin === undefined || variant === 's-no-origin-check') return undefined;
  const o = Array.isArray(origin) ? origin.join(',') : origin;
  if (allowedOrigins().includes(o)) return undefined;
  return 'Origin not allowed';
}

/** The text of a 401; s-echo-credentials writes the received credentials into it. */
export function authFailureText(variant: string, reason: string, header: string | undefined): string {
  if (variant !== 's-echo-credentials' || !header) return reason;
  const m = /^\s*\S+\s+(\S+)/.exec(header);
  const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  return `${reason}: Authorization "${header}" (user "${decoded.slice(0, Math.max(0, colon))}", password "${decoded.slice(colon + 1)}") not accepted`;
}

// ================================================================ TLS, listening side

/** TLS server options (cert/key/protocol versions) for the listener. */
export function tlsServerOptions(variant: string, cert: string, key: string): tls.TlsOptions {
  if (variant === 's-tls-legacy-versions') return { cert, key, minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' };
  // TLS 1.0 and 1.1 only: a TLS 1.2 or 1.3 client (RFC 9325 section 3.1.1: TLS 1.2 MUST be
  // supported) gets a protocol_version alert; SECLEVEL=0 is needed on OpenSSL 3.x for TLS < 1.2
  if (variant === 's-tls-legacy-only') return { cert, key, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' };
  // TLS 1.3 only: a TLS 1.2 client (RFC 9325 section 3.1.1: TLS 1.2 MUST be supported) gets a
  // protocol_version alert
  if (variant === 's-tls13-only') return { cert, key, minVersion: 'TLSv1.3' };
  if (variant === 's-tls-weak-ciphers') return { cert, key, ciphers: weakCipherList() };
  if (variant === 's-cert-wrong-host') return factoryCertificate();
  if (variant === 's-rsa-1024-cert' || variant === 's-expired-cert') {
    const names = certNames(cert);
    const weak = variant === 's-rsa-1024-cert';
    const pair = weak ? crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }) : { privateKey: crypto.createPrivateKey(key), publicKey: crypto.createPublicKey(key) };
    const now = Date.now();
    const day = 86400000;
    const notBefore = weak ? new Date(now - day) : new Date(now - 400 * day);
    const notAfter = weak ? new Date(now + 365 * day) : new Date(now - 30 * day);
    const pem = selfSignedCert(pair.privateKey, pair.publicKey, names.cn, names.ips, names.dns, notBefore, notAfter);
    log(`${weak ? 'serving a fresh RSA-1024 certificate' : `serving an expired certificate (notAfter ${notAfter.toISOString()})`} for CN=${names.cn}`);
    const keyPem = weak ? pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() : key;
    // Node 24's OpenSSL (3.5, default security level 2) refuses to load an RSA-1024 server key
    // ("ee key too small"); the variant lowers the level to 1, which allows it (TLS 1.2+ only)
    return weak ? { cert: pem, key: keyPem, ciphers: 'DEFAULT@SECLEVEL=1' } : { cert: pem, key: keyPem };
  }
  return { cert, key };
}

/** The fixed name of the factory-default certificate (s-cert-wrong-host). */
export const FACTORY_CERT_NAME = 'mos-device.local';

/**
 * s-cert-wrong-host: the appliance's factory-default certificate, made at start as its first-boot
 * code does (a fresh RSA-2048 key, self-signed, sha256WithRSAEncryption, valid from yesterday for a
 * year, CN and subjectAltName DNS:mos-device.local only), served instead of the --cert/--key pair,
 * which is never loaded. Key size, validity, TLS versions and suites stay as in the correct
 * listener; only the names are not those of the host the listener is reached at.
 */
function factoryCertificate(): { cert: string; key: string } {
  const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const day = 86400000;
  const now = Date.now();
  const cert = selfSignedCert(pair.privateKey, pair.publicKey, FACTORY_CERT_NAME, [], [FACTORY_CERT_NAME], new Date(now - day), new Date(now + 365 * day));
  log(`serving the factory-default certificate CN=${FACTORY_CERT_NAME} (DNS:${FACTORY_CERT_NAME} only); the --cert/--key pair is not loaded`);
  return { cert, key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/**
 * s-tls-weak-ciphers: Node's default list with the NULL-encryption suites added at the end (after
 * every real cipher, so a normal client still gets an AEAD suite) and the security level lowered
 * to 0, without which OpenSSL 3 never negotiates them. Only eNULL is let back in: aNULL, EXPORT,
 * DES, RC4, MD5 stay excluded, and Node 24's OpenSSL (3.5) has no RC4, export or 3DES suites at
 * all. With an RSA certificate a TLS 1.2 client offering only NULL suites gets ECDHE-RSA-NULL-SHA
 * or NULL-SHA256 (with an ECDSA one, ECDHE-ECDSA-NULL-SHA).
 */
function weakCipherList(): string {
  const base = tls.DEFAULT_CIPHERS.split(':').filter((c) => c !== '!eNULL' && !c.startsWith('@SECLEVEL'));
  return `${base.join(':')}:eNULL:@SECLEVEL=0`;
}

function certNames(certPem: string): { cn: string; ips: string[]; dns: string[] } {
  let cn = '127.0.0.1';
  const ips: string[] = [];
  const dns: string[] = [];
  try {
    const x = new crypto.X509Certificate(certPem);
    const m = /CN=([^\n,]+)/.exec(x.subject);
    if (m) cn = m[1].trim();
    for (const part of (x.subjectAltName ?? '').split(/,\s*/)) {
      const ip = /^IP Address:(.+)$/.exec(part);
      const d = /^DNS:(.+)$/.exec(part);
      if (ip) ips.push(ip[1]);
      if (d) dns.push(d[1]);
    }
  } catch {
    /* keep defaults */
  }
  if (ips.length === 0 && dns.length === 0) {
    ips.push('127.0.0.1');
    dns.push('localhost');
  }
  return { cn, ips, dns };
}

// ---- a minimal DER writer, enough for one self-signed X.509 v3 certificate

function derLen(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLen(body.length), body]);
}
const seq = (...c: Buffer[]): Buffer => der(0x30, ...c);
function oid(s: string): Buffer {
  const p = s.split('.').map(Number);
  const out = [40 * p[0] + p[1]];
  for (const v of p.slice(2)) {
    const b: number[] = [v & 0x7f];
    let x = v >> 7;
    while (x > 0) {
      b.unshift((x & 0x7f) | 0x80);
      x >>= 7;
    }
    out.push(...b);
  }
  return der(0x06, Buffer.from(out));
}
function derInt(b: Buffer): Buffer {
  return der(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}
function utcTime(d: Date): Buffer {
  const s = d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return der(0x17, Buffer.from(s, 'ascii'));
}
function name(cn: string): Buffer {
  return seq(der(0x31, seq(oid('2.5.4.3'), der(0x0c, Buffer.from(cn, 'utf8')))));
}

/** A self-signed X.509 v3 certificate (sha256WithRSAEncryption), PEM. */
export function selfSignedCert(priv: crypto.KeyObject, pub: crypto.KeyObject, cn: string, ips: string[], dns: string[], notBefore: Date, notAfter: Date): string {
  const alg = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const sanNames = [
    ...dns.map((d) => der(0x82, Buffer.from(d, 'ascii'))),
    ...ips.filter((ip) => net.isIPv4(ip)).map((ip) => der(0x87, Buffer.from(ip.split('.').map(Number)))),
  ];
  const san = seq(oid('2.5.29.17'), der(0x04, seq(...sanNames)));
  const tbs = seq(
    der(0xa0, derInt(Buffer.from([2]))),
    derInt(crypto.randomBytes(8)),
    alg,
    name(cn),
    seq(utcTime(notBefore), utcTime(notAfter)),
    name(cn),
    pub.export({ type: 'spki', format: 'der' }),
    der(0xa3, seq(san)),
  );
  const sig = crypto.sign('sha256', tbs, priv);
  const cert = seq(tbs, alg, der(0x03, Buffer.from([0]), sig));
  const b64 = cert.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

// ================================================================ TLS, dialling side

/** Extra options for a dialled socket (ws client options). */
export function dialOptions(variant: string, allowUntrusted: boolean): Record<string, unknown> {
  if (variant === 's-dial-no-hostname-check') return { checkServerIdentity: () => undefined };
  if (variant === 's-dial-offers-tls10') return { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' };
  if (variant === 's-dial-accept-expired' && !allowUntrusted) {
    return {
      rejectUnauthorized: false,
      createConnection: (opts: tls.ConnectionOptions & { host?: string; path?: string }) => {
        const o = { ...opts, path: undefined } as tls.ConnectionOptions;
        if (!o.servername && o.servername !== '') o.servername = net.isIP(opts.host ?? '') ? '' : opts.host;
        const sock = tls.connect({ ...o, rejectUnauthorized: false });
        sock.on('secureConnect', () => {
          // only "expired" is waved through (the clock on these boxes is never right)
          if (!sock.authorized && sock.authorizationError !== ('CERT_HAS_EXPIRED' as unknown as Error)) {
            sock.destroy(new Error(`certificate rejected: ${String(sock.authorizationError)}`));
          } else if (!sock.authorized) {
            log('peer certificate has expired; accepting it anyway');
          }
        });
        return sock;
      },
    };
  }
  return {};
}

// ================================================================ raw-socket front

/** Variants served through a raw-socket front (frame-level defects ws cannot be told to have, and the serial accept loop). */
export function usesFront(variant: string): boolean {
  return ['s-accept-unmasked-frames', 's-accept-rsv-bits', 's-accept-unknown-opcode', 's-no-close-reply', 's-no-fragment-reassembly', 's-serial-accept-no-timeout'].includes(variant);
}

/**
 * Start the front on `host:port` (TLS when cert/key are given), forwarding to the plain inner
 * listener at innerPort. Client-to-server frames are "repaired" (masked, RSV cleared, unknown
 * opcodes dropped) before ws sees them, so the connection is never failed; s-no-fragment-reassembly
 * passes the first fragment of a fragmented message on as a whole message (FIN set) and drops the
 * continuation frames (so ws never reassembles anything); s-no-close-reply drops
 * every Close frame the server sends and keeps the TCP connection open.
 */
export function startFront(variant: string, host: string, port: number, innerPort: number, tlsOpts?: tls.TlsOptions): Promise<number> {
  if (variant === 's-serial-accept-no-timeout') return startSerialFront(host, port, innerPort, tlsOpts);
  const onConn = (client: net.Socket): void => {
    const inner = net.connect(innerPort, '127.0.0.1');
    client.on('error', () => inner.destroy());
    inner.on('error', () => client.destroy());
    let c2sHead = true;
    let s2cHead = true;
    let upgraded = false;
    let cbuf: Buffer = Buffer.alloc(0);
    let sbuf: Buffer = Buffer.alloc(0);
    client.on('data', (d: Buffer) => {
      if (c2sHead) {
        cbuf = Buffer.concat([cbuf, d]);
        const end = cbuf.indexOf('\r\n\r\n');
        if (end < 0) return;
        inner.write(cbuf.subarray(0, end + 4));
        cbuf = cbuf.subarray(end + 4);
        c2sHead = false;
      } else cbuf = Buffer.concat([cbuf, d]);
      cbuf = pumpFrames(cbuf, true, (f) => {
        const out = repairClientFrame(variant, f);
        if (out) inner.write(out);
      });
    });
    inner.on('data', (d: Buffer) => {
      if (s2cHead) {
        sbuf = Buffer.concat([sbuf, d]);
        const end = sbuf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = sbuf.subarray(0, end + 4);
        upgraded = / 101 /.test(head.toString('latin1').split('\r\n')[0]);
        client.write(head);
        sbuf = sbuf.subarray(end + 4);
        s2cHead = false;
        if (!upgraded) {
          client.write(sbuf);
          sbuf = Buffer.alloc(0);
          return;
        }
      } else if (!upgraded) {
        client.write(d);
        return;
      } else sbuf = Buffer.concat([sbuf, d]);
      sbuf = pumpFrames(sbuf, false, (f) => {
        if (variant === 's-no-close-reply' && (f[0] & 0x0f) === 0x8) {
          log('front: Close frame from the server swallowed');
          return;
        }
        client.write(f);
      });
    });
    client.on('end', () => inner.end());
    inner.on('end', () => {
      if (variant === 's-no-close-reply' && upgraded) {
        // the TCP connection is left open: the closing handshake never completes
        setTimeout(() => client.destroy(), 60000).unref();
        return;
      }
      client.end();
    });
    inner.on('close', () => {
      if (!(variant === 's-no-close-reply' && upgraded)) client.destroy();
    });
  };
  const server = tlsOpts ? tls.createServer(tlsOpts, onConn) : net.createServer(onConn);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    });
  });
}

/** Cut complete frames off the front of buf; returns the rest. */
function pumpFrames(buf: Buffer, masked: boolean, emit: (frame: Buffer) => void): Buffer {
  for (;;) {
    if (buf.length < 2) return buf;
    let len = buf[1] & 0x7f;
    let off = 2;
    if (len === 126) {
      if (buf.length < 4) return buf;
      len = buf.readUInt16BE(2);
      off = 4;
    } else if (len === 127) {
      if (buf.length < 10) return buf;
      len = Number(buf.readBigUInt64BE(2));
      off = 10;
    }
    if (buf[1] & 0x80) off += 4;
    void masked;
    if (len > 64 * 1024 * 1024) {
      emit(buf); // give up parsing: pass everything on
      return Buffer.alloc(0);
    }
    if (buf.length < off + len) return buf;
    emit(Buffer.from(buf.subarray(0, off + len)));
    buf = buf.subarray(off + len);
  }
}

function repairClientFrame(variant: string, f: Buffer): Buffer | undefined {
  const opcode = f[0] & 0x0f;
  if (variant === 's-no-fragment-reassembly') {
    // a one-frame-one-message reader: a text/binary frame is a whole message whatever its FIN bit,
    // continuation frames (opcode 0) are not understood and skipped; control frames pass
    if (opcode === 0) {
      log('front: continuation frame ignored');
      return undefined;
    }
    if ((opcode === 1 || opcode === 2) && !(f[0] & 0x80)) {
      log('front: first fragment of a message taken as the whole message');
      f[0] |= 0x80;
    }
    return f;
  }
  if (variant === 's-accept-unknown-opcode' && ((opcode >= 3 && opcode <= 7) || opcode >= 0xb)) {
    log(`front: frame with unknown opcode ${opcode} ignored`);
    return undefined;
  }
  if (variant === 's-accept-rsv-bits' && f[0] & 0x70) {
    f[0] &= 0x8f;
    return f;
  }
  if (variant === 's-accept-unmasked-frames' && !(f[1] & 0x80)) {
    // insert an all-zero masking key: the payload stays as it is
    const lenField = f[1] & 0x7f;
    const hdr = lenField === 126 ? 4 : lenField === 127 ? 10 : 2;
    const out = Buffer.concat([f.subarray(0, hdr), Buffer.alloc(4), f.subarray(hdr)]);
    out[1] |= 0x80;
    return out;
  }
  return f;
}


// ================================================================ s-serial-accept-no-timeout

/** Longest request head the serial front waits for (Node's default maxHeaderSize, 16 KiB). */
const MAX_HEAD = 16 * 1024;

/**
 * s-serial-accept-no-timeout: the listener is one accept loop, as in a small appliance server
 * written around blocking calls: accept() the next connection, do the TLS handshake (wss), read
 * until the request head is complete (CRLF CRLF), hand the connection to the HTTP/WebSocket code
 * (the unchanged listener behind, at innerPort), and only then accept the next one. Nothing in the
 * loop has a timeout, so one client that connects and sends nothing, stops in the TLS handshake or
 * dribbles header bytes (slowloris) holds the loop for as long as it stays connected: every other
 * client's TCP connection is taken by the kernel and then never answered. Connections wait in
 * arrival order; when the holder leaves (or its head is complete, or longer than 16 KiB, which the
 * listener behind then refuses as the correct one does) the next one is served. A client that
 * sends its request at once, as every WebSocket client does, is served exactly as by `correct`
 * (TLS: the same certificate and Node defaults).
 */
/**
 * Hand a client connection to the plain inner listener at innerPort: `head` (what was read from the
 * client so far) first, then both directions piped; an error on either side ends the other.
 */
export function spliceToInner(client: net.Socket, innerPort: number, head: Buffer): net.Socket {
  const inner = net.connect(innerPort, '127.0.0.1');
  inner.on('error', () => client.destroy());
  client.on('error', () => inner.destroy());
  inner.write(head);
  client.pipe(inner);
  inner.pipe(client);
  return inner;
}

function startSerialFront(host: string, port: number, innerPort: number, tlsOpts?: tls.TlsOptions): Promise<number> {
  const ctx = tlsOpts ? tls.createSecureContext(tlsOpts) : undefined;
  const queue: net.Socket[] = [];
  let busy = false;
  const handOver = (sock: net.Socket, head: Buffer): void => {
    const inner = spliceToInner(sock, innerPort, head);
    sock.on('close', () => inner.destroy());
    inner.on('close', () => {
      // let what the listener wrote last (a refusal, a Close frame) reach the client first
      sock.end();
      setTimeout(() => sock.destroy(), 1000).unref();
    });
  };
  const next = (): void => {
    if (busy) return;
    const raw = queue.shift();
    if (!raw) return;
    if (raw.destroyed) return next();
    busy = true;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      busy = false;
      setImmediate(next);
    };
    const sock: net.Socket = ctx ? new tls.TLSSocket(raw, { isServer: true, secureContext: ctx }) : raw;
    let buf: Buffer = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      if (buf.indexOf('\r\n\r\n') < 0 && buf.length <= MAX_HEAD) return; // blocking read, no timeout
      sock.removeListener('data', onData);
      sock.pause();
      handOver(sock, buf);
      finish();
    };
    sock.on('data', onData);
    sock.resume(); // a connection accepted with pauseOnConnect does not flow by itself
    sock.on('error', (e: Error) => {
      if (!done) log('accept loop: connection failed before its request:', e.message);
      sock.destroy();
      raw.destroy();
      finish();
    });
    sock.on('close', () => finish()); // left before its request head was complete
    if (queue.length > 0) log(`accept loop: serving one connection, ${queue.length} waiting`);
  };
  const server = net.createServer({ pauseOnConnect: true }, (raw: net.Socket) => {
    raw.on('error', () => raw.destroy());
    queue.push(raw);
    next();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    });
  });
}
