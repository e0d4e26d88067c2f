// Pre-flight for a listening system under test, before any scenario: TCP, TLS, the HTTP upgrade
// with the configured credentials, then reqMachInfo over that connection. For a verifier or a
// signing service: TCP, TLS and one HTTP request (any HTTP answer will do). A system that cannot be
// reached is one clear reason and a "could not test" run, not a page of identical failures.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { WebSocket } from 'ws';
import { buildMos, parseMos } from '../lib/mos/envelope';
import * as M from '../lib/mos/messages';
import { basicAuthHeader } from '../lib/transport/basic-auth';
import { clientTlsOptions } from '../lib/transport/tls';
import { buildClientUrl } from '../lib/transport/url';
import { redactUrl } from '../lib/transport/redact';
import { connectDefectOf } from '../lib/transport/connect-error';
import { servesPassiveSocketsOnly, type TargetConfig, type TimingProfile } from '../suite/config';
import type { MachineFacts, PreflightRecord, PreflightStage } from '../reports/run-record';

/** A stage's failure: why, in the test engineer's terms, with the flag (or key) to look at. */
class StageFailure extends Error {}

/**
 * The system was reached but answered against the RFCs: its defect, judged once in the run under the
 * requirement named (SEC-TLS-2, SEC-WS-1), not a reason to call the whole run "could not test".
 */
class SystemDefect extends StageFailure {}

export async function preflight(t: TargetConfig & { url: string }, timing: TimingProfile, nameOf: (key: string) => string, ca?: string): Promise<PreflightRecord> {
  const started = Date.now();
  const u = new URL(t.url);
  const secure = u.protocol === 'wss:';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port || (secure ? 443 : 80));
  const stages: PreflightRecord['stages'] = [];
  let machineInfo: MachineFacts = { reported: false, reason: 'the pre-flight did not get that far' };
  const stage = stageRecorder(stages);
  try {
    await stage('tcp', () => tcp(host, port, timing.connectTimeoutMs, nameOf, 'target.url', 'the system'));
    if (secure) await stage('tls', () => tlsHandshake(host, port, t.allowUntrusted ?? false, timing.connectTimeoutMs, nameOf, ca, { url: 'target.url', trust: 'target.allowUntrusted', ca: 'target.caFile' }));
    const ws = await upgrade(t, timing.connectTimeoutMs, nameOf, ca, stages);
    if ('defect' in ws) throw new SystemDefect(ws.defect);
    try {
      // Over a passive socket the listener originates and the suite only answers: no reqMachInfo.
      machineInfo = servesPassiveSocketsOnly(t) ? { reported: false, reason: 'the system serves passive sockets only (no listens declared): the suite does not originate over them' } : await askMachineInfo(ws, t, timing.responseTimeoutMs);
      stages.push({ stage: 'listMachInfo', ok: true, detail: machineInfo.reported ? describeMachine(machineInfo) : `not reported (${machineInfo.reason})` });
    } finally {
      ws.close(1000, 'pre-flight done');
    }
    return { target: redactUrl(t.url), ok: true, stages, machineInfo, ms: Date.now() - started };
  } catch (e) {
    if (e instanceof SystemDefect) return { target: redactUrl(t.url), ok: true, stages, machineInfo: { reported: false, reason: e.message }, ms: Date.now() - started };
    if (!(e instanceof StageFailure)) throw e;
    return { target: redactUrl(t.url), ok: false, stages, reason: e.message, machineInfo, ms: Date.now() - started };
  }
}

export function describeMachine(m: MachineFacts): string {
  if (!m.reported) return `not reported (${m.reason})`;
  return [m.manufacturer, m.model, m.swRev ? `software ${m.swRev}` : undefined, m.supportedProfiles.length ? `profiles ${m.supportedProfiles.join(',')}` : undefined].filter(Boolean).join(', ');
}

const TCP_ERRORS: Record<string, (where: string) => string> = {
  ECONNREFUSED: (w) => `nothing listens at ${w} (connection refused)`,
  ENOTFOUND: (w) => `the host name of ${w} is not known (DNS)`,
  EAI_AGAIN: (w) => `the host name of ${w} could not be resolved (DNS)`,
  EHOSTUNREACH: (w) => `${w} is unreachable (no route to host)`,
  ENETUNREACH: (w) => `${w} is unreachable (network unreachable)`,
  ECONNRESET: (w) => `${w} reset the connection`,
};

function tcp(host: string, port: number, timeoutMs: number, nameOf: (k: string) => string, urlKey: string, what: string): Promise<string> {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new StageFailure(`no TCP answer from ${where} within ${timeoutMs} ms — is ${what} running, and is ${nameOf(urlKey)} right?`));
    }, timeoutMs);
    s.once('connect', () => {
      clearTimeout(timer);
      s.destroy();
      resolve(`TCP ${where} ok`);
    });
    s.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const explain = TCP_ERRORS[e.code ?? ''];
      reject(new StageFailure(`${explain ? explain(where) : `cannot connect to ${where}: ${e.message}`} — is ${what} running, and is ${nameOf(urlKey)} right?`));
    });
  });
}

function tlsHandshake(host: string, port: number, allowUntrusted: boolean, timeoutMs: number, nameOf: (k: string) => string, ca: string | undefined, keys: { url: string; trust: string; ca?: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: false, ...(ca ? { ca } : {}) });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new StageFailure(`no TLS handshake from ${host}:${port} within ${timeoutMs} ms — does the endpoint speak ${keys.url === 'target.url' ? 'wss, or is it ws://' : 'https, or is it http://'}?`));
    }, timeoutMs);
    s.once('secureConnect', () => {
      clearTimeout(timer);
      const why = s.authorizationError ? String(s.authorizationError) : undefined;
      s.destroy();
      if (!why) return resolve('TLS ok (certificate trusted)');
      if (allowUntrusted) return resolve(`TLS ok (certificate not trusted: ${why}; allowed by ${nameOf(keys.trust)})`);
      reject(new StageFailure(`the system's TLS certificate is not trusted (${why}) — pass ${nameOf(keys.trust)} for a self-signed certificate${keys.ca ? `, or ${nameOf(keys.ca)} FILE` : ''}`));
    });
    s.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const plain = /wrong version number|packet length too long|unknown protocol/i.test(e.message);
      // OpenSSL's message is a library trace; its code says the same in one word.
      const what = e.code ?? e.message.split('\n')[0]!.slice(0, 120);
      if (keys.url === 'target.url' && connectDefectOf(e) === 'SEC-TLS-2') return reject(new SystemDefect(`the system refused TLS 1.2 and TLS 1.3 (${what}); the run judges it under SEC-TLS-2`));
      reject(new StageFailure(`TLS handshake with ${host}:${port} failed (${what})${plain ? ` — the endpoint seems to speak plain ${keys.url === 'target.url' ? 'ws' : 'http'}; check the scheme of ${nameOf(keys.url)}` : ''}`));
    });
  });
}

/** Each refusal status, explained with what to check. */
const REFUSALS: Record<number, (t: TargetConfig, n: (k: string) => string, path: string, body: string) => string> = {
  401: (t, n) =>
    t.username
      ? `the system refused the configured credentials (HTTP 401) — check ${n('target.username')}/${n('target.passwordEnv')}`
      : `the system requires credentials (HTTP 401) — give ${n('target.username')} and ${n('target.passwordEnv')}`,
  403: (_t, n, _p, body) => `the system refused the connection request (HTTP 403${body ? `: ${body}` : ''}) — check ${n('target.mosID')} and ${n('target.ncsID')} against the system's configuration`,
  404: (_t, n, path) => `the system has no MOS endpoint at ${path} (HTTP 404) — check the path of ${n('target.url')}`,
  400: (_t, n, path, body) =>
    `the system refused the connection request (HTTP 400${body ? `: ${body}` : ''}) — check the path ${path} of ${n('target.url')} and the parameter spelling the system expects (the suite sends mosID, ncsID and channel; some systems expect nCSID: docs/interpretations.md #1)`,
};

function upgrade(t: TargetConfig & { url: string }, timeoutMs: number, nameOf: (k: string) => string, ca: string | undefined, stages: PreflightRecord['stages']): Promise<WebSocket | { defect: string }> {
  const url = buildClientUrl({ baseUrl: t.url, mosID: t.mosID, ncsID: t.ncsID, channel: 'mom', passive: servesPassiveSocketsOnly(t) });
  const headers: Record<string, string> = t.username !== undefined ? { Authorization: basicAuthHeader({ username: t.username, password: t.password ?? '' }) } : {};
  const path = new URL(t.url).pathname;
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err?: string, ws?: WebSocket): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stages.push({ stage: 'upgrade', ok: !err, detail: err ?? `upgrade ok (HTTP 101${t.username ? `, user ${t.username}` : ', no credentials'}${servesPassiveSocketsOnly(t) ? ', passive=true' : ''})` });
      if (err) reject(new StageFailure(err));
      else resolve(ws!);
    };
    const ws = new WebSocket(url, { headers, handshakeTimeout: timeoutMs, ...clientTlsOptions({ allowUntrusted: t.allowUntrusted ?? false, ca }) });
    const timer = setTimeout(() => {
      ws.terminate();
      done(`no answer to the WebSocket upgrade from ${redactUrl(t.url)} within ${timeoutMs} ms`);
    }, timeoutMs + 500);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += body.length < 200 ? c.toString('utf8') : ''));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const text = body.trim().split('\n')[0]?.slice(0, 160) ?? '';
        done(REFUSALS[status]?.(t, nameOf, path, text) ?? `the system refused the WebSocket upgrade with HTTP ${status}${text ? ` (${text})` : ''}`);
        ws.terminate();
      });
      res.on('error', () => done(`the system refused the WebSocket upgrade with HTTP ${res.statusCode}`));
    });
    ws.on('open', () => done(undefined, ws));
    const plainHint = new URL(t.url).protocol === 'ws:' ? ` — if the endpoint speaks wss, check the scheme of ${nameOf('target.url')}` : '';
    ws.on('error', (e) => {
      if (connectDefectOf(e) !== 'SEC-WS-1') return done(`the WebSocket upgrade failed: ${e.message}${/hang up|ECONNRESET/.test(e.message) ? plainHint : ''}`);
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const defect = `the system answered the WebSocket upgrade against RFC 6455 (${e.message}); the run judges it under SEC-WS-1`;
      stages.push({ stage: 'upgrade', ok: false, detail: defect });
      resolve({ defect });
    });
  });
}

/** reqMachInfo on the pre-flight connection; what listMachInfo says, or why there is nothing. */
function askMachineInfo(ws: WebSocket, t: TargetConfig, timeoutMs: number): Promise<MachineFacts> {
  const messageID = 1;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ reported: false, reason: `no listMachInfo within ${timeoutMs} ms of reqMachInfo` }), timeoutMs);
    ws.on('message', (data) => {
      let m;
      try {
        m = parseMos(data.toString());
      } catch {
        return;
      }
      if (m.name !== 'listMachInfo') return;
      clearTimeout(timer);
      const text = (n: string): string | undefined => m.body.children.find((c) => c.name === n)?.text || undefined;
      const profiles = m.body.children.find((c) => c.name === 'supportedProfiles')?.children.filter((c) => c.name === 'mosProfile' && /^yes$/i.test(c.text)).map((c) => Number(c.attributes.number)) ?? [];
      resolve({ reported: true, manufacturer: text('manufacturer'), model: text('model'), hwRev: text('hwRev'), swRev: text('swRev'), mosRev: text('mosRev'), supportedProfiles: profiles.filter((n) => Number.isInteger(n)) });
    });
    ws.on('close', () => {
      clearTimeout(timer);
      resolve({ reported: false, reason: 'the system closed the connection after reqMachInfo' });
    });
    ws.send(buildMos({ mosID: t.mosID, ncsID: t.ncsID, messageID, body: M.reqMachInfo() }));
  });
}

/**
 * Pre-flight of a verifier (distribution server) or signing service: TCP, TLS and one HTTP request
 * to `url` (unsigned: any HTTP answer, even a refusal, shows the service is there).
 */
export async function httpPreflight(what: 'verifier' | 'signer', url: string, urlKey: string, allowUntrusted: boolean, timing: TimingProfile, nameOf: (key: string) => string): Promise<PreflightRecord> {
  const started = Date.now();
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port || (secure ? 443 : 80));
  const stages: PreflightRecord['stages'] = [];
  const machineInfo: MachineFacts = { reported: false, reason: `a ${what} is not asked for listMachInfo` };
  const who = what === 'verifier' ? 'the verifier (distribution server)' : 'the signing service';
  const stage = stageRecorder(stages);
  try {
    await stage('tcp', () => tcp(host, port, timing.connectTimeoutMs, nameOf, urlKey, who));
    if (secure) await stage('tls', () => tlsHandshake(host, port, allowUntrusted, timing.connectTimeoutMs, nameOf, undefined, { url: urlKey, trust: urlKey.replace(/\.[^.]+$/, '.allowUntrusted') }));
    await stage('http', async () => {
      const method = what === 'signer' ? 'OPTIONS' : 'GET';
      const status = await httpStatus(url, method, allowUntrusted, timing.responseTimeoutMs).catch((e: Error) => {
        throw new StageFailure(`no HTTP answer from ${redactUrl(url)} (${e.message.split('\n')[0]}) — is ${who} running, and is ${nameOf(urlKey)} right?`);
      });
      return `HTTP ok (${method === 'GET' ? 'unsigned GET' : method} answered ${status})`;
    });
    return { target: redactUrl(url), ok: true, stages, machineInfo, ms: Date.now() - started };
  } catch (e) {
    if (!(e instanceof StageFailure)) throw e;
    return { target: redactUrl(url), ok: false, stages, reason: e.message, machineInfo, ms: Date.now() - started };
  }
}

/** The status of one HTTP request (the body is discarded); rejects when no answer comes in time. */
function httpStatus(url: string, method: string, allowUntrusted: boolean, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.request(url, { method, rejectUnauthorized: !allowUntrusted, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', reject);
    req.end();
  });
}

/** Runs one pre-flight stage and records it (its detail, or the reason it failed, which is rethrown). */
function stageRecorder(stages: PreflightRecord['stages']): (name: PreflightStage, run: () => Promise<string>) => Promise<void> {
  return async (name, run) => {
    try {
      stages.push({ stage: name, ok: true, detail: await run() });
    } catch (e) {
      stages.push({ stage: name, ok: false, detail: (e as Error).message });
      throw e;
    }
  };
}
