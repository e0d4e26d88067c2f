// Steps against a listening system under test: the suite opens the connections.
import { Given, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { Verdict } from './support/verdicts';
import { Channel } from '../lib/mos/catalogue';
import { basicAuthHeader } from '../lib/transport/basic-auth';

Given('the system under test is listening', async function (this: MosWorld) {
  this.sutUrl = await this.sut.listen();
});

When('the suite connects on the {word} channel with the correct parameters and credentials', async function (this: MosWorld, channel: Channel) {
  const o = await this.attempt(this.correctUrl(channel), this.correctHeaders(), channel);
  if (o.kind === 'refused') throw new Verdict('MOSWS-URL-1', `a correct ${channel} connection request was refused with HTTP ${o.status}`);
  if (o.kind === 'failed') throw new Error(o.reason);
});

When('the suite connects on the {word} channel with extra query parameters', async function (this: MosWorld, channel: Channel) {
  const o = await this.attempt(this.correctUrl(channel, { parameter1: '12345', vendorOption: 'x y' }), this.correctHeaders(), channel);
  if (o.kind === 'refused') throw new Verdict('MOSWS-URL-3', `a ${channel} connection request with extra query parameters was refused with HTTP ${o.status}`);
  if (o.kind === 'failed') throw new Error(o.reason);
});

Given('the suite is connected on the mom and ro channels', async function (this: MosWorld) {
  for (const channel of ['mom', 'ro'] as const) {
    const o = await this.attempt(this.correctUrl(channel), this.correctHeaders(), channel);
    if (o.kind === 'refused') throw new Verdict('MOSWS-URL-1', `a correct ${channel} connection request was refused with HTTP ${o.status}`);
    if (o.kind === 'failed') throw new Error(o.reason);
  }
});

/** Each URL defect a scenario can name, as a change to the correct URL. */
const URL_DEFECTS: Record<string, (u: URL, w: MosWorld) => void> = {
  'no mosID': (u) => u.searchParams.delete('mosID'),
  'no ncsID': (u) => u.searchParams.delete('ncsID'),
  'no channel': (u) => u.searchParams.delete('channel'),
  'an unknown channel': (u) => u.searchParams.set('channel', 'video'),
  'an empty mosID': (u) => u.searchParams.set('mosID', ''),
  'a foreign mosID': (u) => u.searchParams.set('mosID', 'NOT.CONFIGURED.MOS'),
  'a foreign ncsID': (u) => u.searchParams.set('ncsID', 'NOT.CONFIGURED.NCS'),
};

const AUTH_DEFECTS: Record<string, (w: MosWorld) => Record<string, string>> = {
  'no Authorization header': () => ({}),
  'a malformed Authorization header': () => ({ Authorization: 'Basic %%not-base64%%' }),
  'a non-Basic Authorization header': () => ({ Authorization: 'Bearer abcdef' }),
  'a wrong user name': (w) => ({ Authorization: basicAuthHeader({ username: `${w.sut.credentials?.username ?? 'user'}-wrong`, password: w.sut.credentials?.password ?? 'x' }) }),
  'a wrong password': (w) => ({ Authorization: basicAuthHeader({ username: w.sut.credentials?.username ?? 'user', password: `${w.sut.credentials?.password ?? ''}-wrong` }) }),
};

When(/^the suite connects on the (mom|ro|aux) channel with (?!the correct parameters|extra query parameters)(.+)$/, async function (this: MosWorld, channel: Channel, defect: string) {
  const urlDefect = URL_DEFECTS[defect];
  const authDefect = AUTH_DEFECTS[defect];
  if (!urlDefect && !authDefect) throw new Error(`unknown defect "${defect}"`);
  const u = new URL(this.correctUrl(channel));
  urlDefect?.(u, this);
  this.metrics.defect = defect;
  await this.attempt(u.toString(), authDefect ? authDefect(this) : this.correctHeaders(), channel);
});

Then('the connection is refused before any MOS message flows', async function (this: MosWorld) {
  const o = this.outcome!;
  const what = `a request with ${this.metrics.defect}`;
  const req = /foreign/.test(String(this.metrics.defect)) ? 'MOSWS-URL-2' : 'MOSWS-URL-1';
  if (o.kind === 'failed') throw new Error(o.reason);
  if (o.kind === 'refused') {
    if (o.status < 400 || o.status > 499) throw new Verdict(req, `${what} was answered with HTTP ${o.status}, expected a 4xx refusal`);
    if (this.config.badParamStatus !== undefined && o.status !== this.config.badParamStatus) {
      throw new Verdict(req, `${what} was refused with HTTP ${o.status}, the configuration expects ${this.config.badParamStatus}`);
    }
    return;
  }
  // The upgrade went through: only a close before any MOS message may still count as a refusal.
  const conn = this.probes[this.probes.length - 1]!;
  const id = this.nextMessageID();
  conn.sendHeartbeat(id);
  const reply = await conn.waitFor(() => true, this.timing.silenceWindowMs);
  if (reply) throw new Verdict(req, `${what} was accepted: the upgrade succeeded and the system answered with ${reply.name}`);
  if (!this.config.acceptCloseAsRefusal) throw new Verdict(req, `${what} was accepted: the upgrade succeeded (expected an HTTP 4xx refusal)`);
  if (!conn.closed) throw new Verdict(req, `${what} was accepted: the upgrade succeeded and the connection stayed open`);
});

Then('the upgrade is refused with HTTP {int}', async function (this: MosWorld, status: number) {
  const o = this.outcome!;
  const what = `a request with ${this.metrics.defect}`;
  if (o.kind === 'failed') throw new Error(o.reason);
  if (o.kind === 'opened') throw new Verdict('MOSWS-AUTH-2', `${what} was accepted: the WebSocket upgrade succeeded`);
  if (o.status !== status) throw new Verdict('MOSWS-AUTH-2', `${what} was refused with HTTP ${o.status}, expected ${status}`);
  if (!o.headers['www-authenticate']) this.log('NOTE: the 401 carries no WWW-Authenticate header (RFC 7235 asks for one)');
});

Then('each connection answers a heartbeat', async function (this: MosWorld) {
  if (!this.probes.length) throw new Error('no connection is open');
  for (const conn of this.probes) {
    const id = this.nextMessageID();
    const since = Date.now();
    conn.sendHeartbeat(id);
    const reply = await conn.waitFor((m) => m.name === 'heartbeat' && m.messageID === id, this.timing.responseTimeoutMs, since);
    if (!reply) {
      throw new Verdict('MOSWS-TRANSPORT-1', `no heartbeat reply with messageID ${id} on the ${conn.channel} connection within ${this.timing.responseTimeoutMs} ms${conn.closed ? ` (closed with code ${conn.closed.code})` : ''}`);
    }
  }
});

Then('the connection used wss unless the configuration allows ws', function (this: MosWorld) {
  if (!this.sutUrl!.startsWith('wss:') && !this.config.allowPlainWs) {
    throw new Verdict('MOSWS-TLS-1', `the endpoint ${this.sutUrl} is plain ws; set allowPlainWs to certify a ws-only deployment`);
  }
});
