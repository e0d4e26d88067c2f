// What the run is waiting for, announced as it happens, for a live console to show.
// The console (cli/) subscribes; with nobody listening an announcement costs nothing.
import { EventEmitter } from 'node:events';

export type LiveEvent = { kind: 'wait-start'; id: number; what: string; timeoutMs: number } | { kind: 'wait-end'; id: number };

export const live = new EventEmitter();
let waitCounter = 0;

/** Announce a wait; returns the function that ends it. */
export function announceWait(what: string, timeoutMs: number): () => void {
  const id = ++waitCounter;
  live.emit('event', { kind: 'wait-start', id, what, timeoutMs } satisfies LiveEvent);
  return () => live.emit('event', { kind: 'wait-end', id } satisfies LiveEvent);
}
