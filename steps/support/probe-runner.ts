// Sends generated probes (lib/conformance/probe-grammar.ts) as bare upgrade attempts: no MOS
// exchange, a bounded number at once, every wait bounded. A probe that was upgraded is held for
// the silence window (outside the bound) to see whether the system closes it as a refusal.
import net from 'node:net';
import tls from 'node:tls';
import { WebSocket } from 'ws';
import { ClientTrust, clientTlsOptions } from '../../lib/transport/tls';
import { Probe, ProbeAnswer, queryString } from '../../lib/conformance/probe-grammar';
import { defectField, explainConnectError } from '../../lib/transport/connect-error';
import { redactUrl } from '../../lib/transport/redact';

export interface RunOptions {
  /** The listening system's URL without query (scheme, host, port, path). */
  endpoint: string;
  trust: ClientTrust;
  timeoutMs: number;
  /** How many handshakes at once. */
  concurrency: number;
  /** Hold an upgraded socket this long to see a close before any MOS message (0: do not). */
  closeWatchMs: number;
}

export interface ProbeResult {
  probe: Probe;
  url: string;
  answer: ProbeAnswer;
}

/** The URL a probe requests. */
export function probeUrl(endpoint: string, p: Probe): string {
  return `${endpoint}?${queryString(p.request)}`;
}

/**
 * TLS connections that resume the session of the previous one (a probe is a new TCP connection
 * each time: resuming spares both sides the full handshake, which is most of a probe's cost).
 */
function resumingTls(): (options: tls.ConnectionOptions & { host?: string }) => tls.TLSSocket {
  let session: Buffer | undefined;
  return (options) => {
    const servername = options.servername || (options.host && !net.isIP(options.host) ? options.host : undefined);
    const s = tls.connect({ ...options, path: undefined, ...(servername ? { servername } : {}), ...(session ? { session } : {}) });
    s.on('session', (b: Buffer) => (session = b));
    return s;
  };
}

/** One upgrade attempt; the socket is returned when it opened. */
function attempt(url: string, authorization: string[], o: RunOptions, connect?: ReturnType<typeof resumingTls>): Promise<{ answer: ProbeAnswer; ws?: WebSocket }> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: ProbeAnswer, ws?: WebSocket): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ answer, ws });
    };
    const headers: Record<string, string | string[]> = authorization.length === 0 ? {} : { Authorization: authorization.length === 1 ? authorization[0]! : authorization };
    const ws = new WebSocket(url, { headers: headers as Record<string, string>, handshakeTimeout: o.timeoutMs, ...clientTlsOptions(o.trust), ...(connect ? { createConnection: connect as never } : {}) });
    const timer = setTimeout(() => {
      ws.terminate();
      done({ kind: 'none', reason: `no handshake answer from ${redactUrl(o.endpoint)} within ${o.timeoutMs} ms` });
    }, o.timeoutMs + 500);
    ws.on('unexpected-response', (_req, res) => {
      const challenge = [res.headers['www-authenticate'] ?? []].flat().join(', ');
      done({ kind: 'refused', status: res.statusCode ?? 0, basicChallenge: /(^|,)\s*Basic(\s|,|$)/i.test(challenge) });
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => done({ kind: 'upgraded' }, ws));
    // The endpoint, not the probe's URL: a verdict names the system, the probe is in the table.
    ws.on('error', (err: Error & { code?: string }) => done({ kind: 'none', reason: explainConnectError(err, o.endpoint), ...defectField(err) }));
  });
}

/** After an upgrade: did the system close the socket before any message within the window? */
function watchClose(ws: WebSocket, ms: number): Promise<ProbeAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const end = (a: ProbeAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(t);
      ws.terminate();
      resolve(a);
    };
    const t = setTimeout(() => end({ kind: 'upgraded' }), ms);
    ws.once('message', () => end({ kind: 'upgraded' }));
    ws.once('close', () => end({ kind: 'closed' }));
  });
}

/** Run every probe: at most `concurrency` handshakes at once; results in the order of `probes`. */
export async function runProbes(probes: readonly Probe[], o: RunOptions): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array(probes.length);
  const holding: Array<Promise<void>> = [];
  let next = 0;
  const connect = o.endpoint.startsWith('wss:') ? resumingTls() : undefined;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < probes.length; i = next++) {
      const p = probes[i]!;
      const url = probeUrl(o.endpoint, p);
      const { answer, ws } = await attempt(url, p.request.authorization, o, connect);
      results[i] = { probe: p, url, answer };
      if (ws) {
        if (o.closeWatchMs > 0) holding.push(watchClose(ws, o.closeWatchMs).then((a) => void (results[i] = { probe: p, url, answer: a })));
        else ws.terminate();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, probes.length) }, worker));
  await Promise.all(holding);
  // A probe that got no answer at all is tried again, alone: on a loaded machine a handshake among
  // many can miss its deadline, and silence is judged only when it repeats.
  const silent = results.map((r, i) => (r.answer.kind === 'none' ? i : -1)).filter((i) => i >= 0);
  if (silent.length && silent.length < probes.length) {
    const again = await runProbes(silent.map((i) => probes[i]!), { ...o, concurrency: Math.min(2, o.concurrency) });
    silent.forEach((i, k) => (results[i] = again[k]!));
  }
  return results;
}
