// Helpers for selfcheck.ts: start zoo programs, talk to their control endpoint,
// make a throw-away self-signed certificate, and a TCP proxy that can cut connections.
// Not a test file: run the scripts with node.

import * as child_process from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const ZOO_JS = path.join(__dirname, 'zoo.js');
export const PASSWORD = 'zoo-secret';
export const USER = 'zoo';
export const MOS_ID = 'zoo.device.mos';
export const NCS_ID = 'zoo.ncs';

export interface Running {
  proc: child_process.ChildProcess;
  listenUrl: string | null;
  control: string | null;
  stderr: string[];
  stop(): Promise<void>;
}

export function startZoo(args: string[], opts: { env?: Record<string, string>; quiet?: boolean } = {}): Promise<Running> {
  const proc = child_process.spawn(process.execPath, [ZOO_JS, ...args], {
    env: { ...process.env, NODE_TEST_CONTEXT: '', ZOO_PASSWORD: PASSWORD, ...(opts.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (d: string) => {
    stderr.push(d);
    if (process.env.ZOO_VERBOSE) process.stderr.write(d);
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`zoo did not become ready: ${stderr.join('')}`)), 10000);
    proc.stdout!.setEncoding('utf8');
    proc.stdout!.on('data', (d: string) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const ready = JSON.parse(buf.slice(0, nl)) as { ready: boolean; listenUrl: string | null; control: string | null };
      resolve({
        proc,
        listenUrl: ready.listenUrl,
        control: ready.control,
        stderr,
        stop: () =>
          new Promise<void>((res) => {
            if (proc.exitCode !== null) return res();
            proc.once('exit', () => res());
            proc.kill('SIGTERM');
          }),
      });
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`zoo exited with ${code}: ${stderr.join('')}`));
    });
  });
}

export function request(method: string, url: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(url, { method, headers: data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

export async function act(control: string, action: unknown): Promise<{ status: number; text: string }> {
  return request('POST', `${control}/action`, action);
}

export interface JournalEntry {
  t: number;
  ev: string;
  link?: number;
  channel?: string;
  dir?: string;
  passive?: boolean;
  name?: string;
  messageID?: number;
  status?: string;
  url?: string;
}

export interface ZooState {
  links: Array<{ id: number; dir: string; channel: string; passive: boolean; open: boolean }>;
  ros: Array<{ roID: string; roSlug: string; roAir?: string; stories: Array<{ storyID: string; storySlug?: string }> }>;
  objects: Array<{ objID: string; proxyUrl?: string; objRev: number }>;
  journal: JournalEntry[];
  queued: { mom: number; ro: number };
}

export async function state(control: string): Promise<ZooState> {
  const r = await request('GET', `${control}/state`);
  return JSON.parse(r.text) as ZooState;
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 5000, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A throw-away self-signed certificate for 127.0.0.1 (needs the openssl command). */
export function makeCert(): { cert: string; key: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoo-cert-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  child_process.execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ], { stdio: 'ignore' });
  return { cert, key, dir };
}

/**
 * A plain TCP proxy in front of a ws:// listener. It reads the HTTP upgrade request of each
 * connection, so connections can be cut (or refused for a while) by a predicate on the request line.
 */
export class CuttingProxy {
  private server: net.Server;
  private conns = new Set<{ client: net.Socket; upstream: net.Socket; head: string }>();
  refuse: ((head: string) => boolean) | undefined;
  readonly requests: Array<{ t: number; head: string }> = [];
  port = 0;
  constructor(private targetPort: number) {
    this.server = net.createServer((client) => {
      let head = '';
      let upstream: net.Socket | undefined;
      const onData = (d: Buffer): void => {
        head += d.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        client.off('data', onData);
        const firstLine = head.split('\r\n')[0];
        this.requests.push({ t: Date.now(), head: firstLine });
        if (this.refuse?.(firstLine)) {
          client.destroy();
          return;
        }
        upstream = net.connect(this.targetPort, '127.0.0.1');
        upstream.write(Buffer.from(head, 'latin1'));
        client.pipe(upstream);
        upstream.pipe(client);
        const entry = { client, upstream, head: firstLine };
        this.conns.add(entry);
        const end = (): void => {
          this.conns.delete(entry);
          client.destroy();
          upstream?.destroy();
        };
        client.on('close', end);
        upstream.on('close', end);
        client.on('error', end);
        upstream.on('error', end);
      };
      client.on('data', onData);
      client.on('error', () => client.destroy());
    });
  }
  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.address() as net.AddressInfo).port;
        resolve(this.port);
      }),
    );
  }
  /** cut every live connection whose request line matches */
  cut(pred: (head: string) => boolean): number {
    let n = 0;
    for (const c of [...this.conns]) {
      if (pred(c.head)) {
        c.client.destroy();
        c.upstream.destroy();
        n++;
      }
    }
    return n;
  }
  close(): void {
    for (const c of this.conns) {
      c.client.destroy();
      c.upstream.destroy();
    }
    this.server.close();
  }
}

export function baseArgs(role: 'device' | 'nrcs', variant = 'correct'): string[] {
  return ['--role', role, '--variant', variant, '--mos-id', MOS_ID, '--ncs-id', NCS_ID, '--user', USER, '--keepalive-ms', '200', '--retry-ms', '100'];
}
