// The simulators' WebSocket frame faults (simulators/faults.ts): what an endpoint with a careless
// frame layer does, made out of `ws` (which does it right) by rewriting the bytes between the
// socket and ws. Incoming frames are parsed and re-encoded (lib/transport/ws-frame); outgoing Close
// frames can be swallowed. The correct simulators use none of this.
import type { Duplex } from 'node:stream';
import { Frame, FrameReader, encodeFrame } from '../lib/transport/ws-frame';
import type { FaultName } from './faults';

const KNOWN_OPCODES = [0x0, 0x1, 0x2, 0x8, 0x9, 0xa];

/** A frame a careful endpoint would fail the connection for (RFC 6455 §5.1-5.2, §5.5). */
function malformed(f: Frame, inMessage: boolean): boolean {
  const control = f.opcode >= 0x8;
  return f.rsv !== 0 || !KNOWN_OPCODES.includes(f.opcode) || !f.masked || (control && (f.payload.length > 125 || !f.fin)) || (f.opcode === 0x0 && !inMessage) || (f.opcode === 0x1 && inMessage) || (f.opcode === 0x8 && (f.payload.length === 1 || [1004, 1005, 1006, 1015].includes(f.payload.length >= 2 ? f.payload.readUInt16BE(0) : 0)));
}

/** Rewrite the frames arriving on a socket before ws reads them; `keep` decides per frame. */
function filterIncoming(socket: Duplex, keep: (f: Frame, state: { inMessage: boolean }) => boolean): void {
  const reader = new FrameReader(2 * 1024 * 1024);
  const state = { inMessage: false };
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  (socket as { emit: typeof emit }).emit = (event, ...args) => {
    if (event !== 'data' || reader.error) return emit(event, ...args);
    const out: Buffer[] = [];
    for (const f of reader.push(args[0] as Buffer)) {
      const kept = keep(f, state);
      if (kept && (f.opcode === 0x1 || f.opcode === 0x0)) state.inMessage = (f.opcode === 0x1 || state.inMessage) && !f.fin;
      if (kept) out.push(encodeFrame({ opcode: f.opcode, fin: f.fin, rsv: f.rsv, payload: f.payload, mask: true }));
    }
    // A frame too large to rewrite passes as it came (the rest of the stream with it).
    if (reader.error) return emit('data', Buffer.concat(out));
    return out.length ? emit('data', Buffer.concat(out)) : true;
  };
}

/** Swallow the Close frames this side writes (header and payload are two writes in ws). */
function swallowCloseFrames(socket: Duplex): void {
  const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean;
  let skipNext = false;
  (socket as { write: typeof write }).write = (chunk, ...rest) => {
    const b = Buffer.isBuffer(chunk) ? chunk : undefined;
    if (skipNext) {
      skipNext = false;
      const cb = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }
    if (b && b[0] === 0x88) {
      const len = b[1]! & 0x7f;
      // The header alone (payload to follow in the next write), or a whole frame.
      if (b.length === 2 && len > 0) skipNext = true;
      const cb = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }
    return write(chunk, ...rest);
  };
}

/** The socket fault of a simulator, if any. */
export function faultySocket(faults: ReadonlySet<FaultName>): ((socket: Duplex) => void) | undefined {
  if (faults.has('drops-fragments')) return (s) => filterIncoming(s, (f, st) => !(f.opcode === 0x0 || (f.opcode === 0x1 && !f.fin) || (st.inMessage && f.opcode < 0x8)));
  if (faults.has('ignores-protocol-errors')) return (s) => filterIncoming(s, (f, st) => !malformed(f, st.inMessage));
  if (faults.has('no-close-echo')) return swallowCloseFrames;
  return undefined;
}
