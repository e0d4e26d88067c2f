// WebSocket frames as RFC 6455 §5.2 lays them out, written and read byte by byte, with none of the
// checks a WebSocket library makes: the suite's raw client sends malformed frames on purpose and
// reads whatever comes back. Pure: no socket here (lib/transport/raw-websocket.ts has the socket).
import crypto from 'node:crypto';

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface Frame {
  fin: boolean;
  /** RSV1..RSV3 as the three bits 0b100, 0b010, 0b001 (§5.2: 0 unless an extension says otherwise). */
  rsv: number;
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

export interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  rsv?: number;
  /** A client masks every frame (§5.3); false writes it unmasked, as only a server may. Default true. */
  mask?: boolean;
}

/** One frame's bytes. The length field takes the shortest form (7 bits, 16 bits or 64 bits). */
export function encodeFrame(f: FrameSpec): Buffer {
  const payload = typeof f.payload === 'string' ? Buffer.from(f.payload, 'utf8') : (f.payload ?? Buffer.alloc(0));
  const mask = f.mask ?? true;
  const first = ((f.fin ?? true) ? 0x80 : 0) | (((f.rsv ?? 0) & 0x7) << 4) | (f.opcode & 0xf);
  const len = payload.length;
  const lenBytes = len < 126 ? 0 : len < 65536 ? 2 : 8;
  const head = Buffer.alloc(2 + lenBytes + (mask ? 4 : 0));
  head[0] = first;
  head[1] = (mask ? 0x80 : 0) | (len < 126 ? len : len < 65536 ? 126 : 127);
  if (lenBytes === 2) head.writeUInt16BE(len, 2);
  if (lenBytes === 8) head.writeBigUInt64BE(BigInt(len), 2);
  if (!mask) return Buffer.concat([head, payload]);
  const key = crypto.randomBytes(4);
  key.copy(head, 2 + lenBytes);
  // Head and body in one buffer of their own (aligned at 0, so the body can be masked a word at a time).
  const out = Buffer.allocUnsafeSlow(head.length + payload.length + ((4 - (head.length % 4)) % 4));
  const at = out.length - payload.length;
  payload.copy(out, at);
  const body = out.subarray(at);
  if (payload.length > 4096) {
    // Large frames (the oversized-message probe): 32 bits at a time, the key read in the platform's byte order.
    const words = new Uint32Array(out.buffer, at, payload.length >> 2);
    const k = new Uint32Array(new Uint8Array(key).buffer)[0]!;
    for (let w = 0; w < words.length; w++) words[w]! ^= k;
    for (let i = words.length * 4; i < body.length; i++) body[i]! ^= key[i & 3]!;
  } else for (let i = 0; i < body.length; i++) body[i]! ^= key[i & 3]!;
  return Buffer.concat([head, body]);
}

/** A Close frame's payload: the status code, then the reason (§5.5.1). */
export function closePayload(code: number, reason = ''): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(code, 0);
  return Buffer.concat([b, Buffer.from(reason, 'utf8')]);
}

/** The status code and reason of a Close frame's payload (no code: 1005, §7.1.5). */
export function readClose(payload: Buffer): { code: number; reason: string } {
  if (payload.length < 2) return { code: 1005, reason: '' };
  return { code: payload.readUInt16BE(0), reason: payload.subarray(2).toString('utf8') };
}

/**
 * Reads frames from a byte stream fed in pieces. Frames longer than `maxPayload` are not kept whole:
 * the reader stops with an error, since the suite never expects a large frame back.
 */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);
  error?: string;

  constructor(private readonly maxPayload = 16 * 1024 * 1024) {}

  /** Add bytes; returns the frames they complete. */
  push(data: Buffer): Frame[] {
    if (this.error) return [];
    this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
    const out: Frame[] = [];
    for (;;) {
      if (this.buf.length < 2) return out;
      const b0 = this.buf[0]!;
      const b1 = this.buf[1]!;
      const masked = (b1 & 0x80) !== 0;
      let len = b1 & 0x7f;
      let off = 2;
      if (len === 126) {
        if (this.buf.length < 4) return out;
        len = this.buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return out;
        const big = this.buf.readBigUInt64BE(2);
        if (big > BigInt(this.maxPayload)) {
          this.error = `a frame of ${big} bytes (more than the ${this.maxPayload} the suite reads)`;
          return out;
        }
        len = Number(big);
        off = 10;
      }
      if (len > this.maxPayload) {
        this.error = `a frame of ${len} bytes (more than the ${this.maxPayload} the suite reads)`;
        return out;
      }
      const keyLen = masked ? 4 : 0;
      if (this.buf.length < off + keyLen + len) return out;
      const payload = Buffer.from(this.buf.subarray(off + keyLen, off + keyLen + len));
      if (masked) {
        const key = this.buf.subarray(off, off + 4);
        for (let i = 0; i < payload.length; i++) payload[i]! ^= key[i & 3]!;
      }
      out.push({ fin: (b0 & 0x80) !== 0, rsv: (b0 >> 4) & 0x7, opcode: b0 & 0xf, masked, payload });
      this.buf = this.buf.subarray(off + keyLen + len);
    }
  }
}

/** The Sec-WebSocket-Accept a server must answer a key with (§4.2.2, step 5.4). */
export function acceptFor(key: string): string {
  return crypto.createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
}
