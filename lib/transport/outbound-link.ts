// A channel's outbound direction: the socket a side originates its messages over.
// Messages sent while no socket is attached wait in order and are delivered once each
// when a socket is attached again (a re-opened passive socket, say).
import { WebSocket } from 'ws';

export interface Pending {
  text: string;
  confirmed: boolean;
}

export class OutboundLink {
  protected socket?: WebSocket;
  /** Messages waiting for a socket, in order. */
  protected queue: Pending[] = [];
  private inflight: Pending[] = [];
  private waiters: Array<() => void> = [];

  constructor(
    readonly channel: string,
    private readonly onWrite: (ws: WebSocket, text: string) => void = () => undefined,
  ) {}

  /** The attached socket, if open. */
  get current(): WebSocket | undefined {
    return this.attached ? this.socket : undefined;
  }

  get attached(): boolean {
    return this.socket !== undefined && this.socket.readyState === WebSocket.OPEN;
  }

  attach(ws: WebSocket): void {
    this.socket = ws;
    ws.once('close', () => this.detach(ws));
    for (const w of this.waiters.splice(0)) w();
    this.pump();
  }

  detach(ws: WebSocket): void {
    if (this.socket !== ws) return;
    this.socket = undefined;
    // Unconfirmed writes go back to the head of the queue, in their original order.
    const back = this.inflight.filter((p) => !p.confirmed);
    this.inflight = [];
    this.queue = [...back, ...this.queue];
  }

  send(text: string): void {
    this.queue.push({ text, confirmed: false });
    this.pump();
  }

  /** Resolves when a socket is attached, rejects after timeoutMs. */
  whenAttached(timeoutMs: number): Promise<void> {
    if (this.attached) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new Error(`no ${this.channel} socket attached within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(done);
    });
  }

  private pump(): void {
    const ws = this.socket;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    while (this.queue.length) {
      const p = this.queue.shift()!;
      this.inflight.push(p);
      this.onWrite(ws, p.text);
      ws.send(p.text, (err) => {
        if (err) return;
        p.confirmed = true;
        this.inflight = this.inflight.filter((q) => q !== p);
        this.queue = this.queue.filter((q) => q !== p);
      });
    }
  }
}
