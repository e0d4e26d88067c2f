// A small HTTP(S) listener shared by the signing service and the distribution server.
import http from 'node:http';
import https from 'node:https';
import { AddressInfo, Socket } from 'node:net';
import { TlsMaterial } from '../lib/transport/tls';

export class HttpListener {
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly handler: http.RequestListener, private readonly tls?: TlsMaterial) {}

  async start(host = '127.0.0.1', port = 0): Promise<void> {
    const server = this.tls ? https.createServer({ key: this.tls.key, cert: this.tls.cert }, this.handler) : http.createServer(this.handler);
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  origin(host = '127.0.0.1'): string {
    return `${this.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Start/stop/address of a simulator that is an HTTP listener. */
export abstract class HttpSimulator {
  protected abstract readonly listener: HttpListener;
  start(host?: string, port?: number): Promise<void> {
    return this.listener.start(host, port);
  }
  stop(): Promise<void> {
    return this.listener.stop();
  }
  get port(): number {
    return this.listener.port;
  }
  /** Base URL, e.g. http://127.0.0.1:8080 */
  origin(host?: string): string {
    return this.listener.origin(host);
  }
}
