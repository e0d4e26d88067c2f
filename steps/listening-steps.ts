// Steps against a listening system under test: the suite opens the connections.
import { Given, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { Channel } from '../lib/mos/catalogue';
import { basicAuthHeader } from '../lib/transport/basic-auth';
import { buildClientUrl } from '../lib/transport/url';
import { probe } from './support/probe';

Given('the system under test is listening', async function (this: MosWorld) {
  this.sutUrl = await this.sut.listen();
});

When('the suite connects on the {word} channel with the correct parameters and credentials', async function (this: MosWorld, channel: Channel) {
  await connectCorrectly(this, channel);
});

// A refusal is only evidence when the same request without the defect is accepted: this control
// keeps a system that refuses everything (wrong spelling, wrong credentials) from passing them.
// The control is a precondition: its failure is judged where acceptance is the point (one defect, one
// verdict), and blocks the refusal scenarios.
Given('the system under test accepts a correct connection request', async function (this: MosWorld) {
  try {
    await connectCorrectly(this, 'mom');
  } catch (e) {
    throw e instanceof Verdict ? new CouldNotTest(e.requirement, `the control request (correct, apart from the defect under test) was not accepted: ${e.reason}`) : e;
  }
  this.probes.pop()!.close();
});

/** Open a connection the system must accept; anything else stops the scenario with its cause. */
async function connectCorrectly(w: MosWorld, channel: Channel): Promise<void> {
  const url = w.correctUrl(channel);
  const o = await w.attempt(url, w.correctHeaders(), channel);
  if (o.kind === 'refused') throw await refusalOfGoodRequest(w, url, channel, o.status, o.body, `a correct ${channel} connection request`);
  if (o.kind === 'failed') throw w.probeFailure(o);
}

/**
 * What the refusal of a request the system should accept stands for: credentials, identities,
 * path or the NCS ID spelling when those explain it, else `otherwise` (the scenario's own verdict).
 */
async function refusalOfGoodRequest(w: MosWorld, url: string, channel: Channel, status: number, body: string, what: string, otherwise?: Error): Promise<Error> {
  if (status === 400 && (await acceptsOtherSpelling(w, url, channel))) {
    const other = w.config.ncsIdParam === 'ncsID' ? 'nCSID' : 'ncsID';
    return new CouldNotTest('MOSWS-URL-6', `the system refuses the NCS ID parameter spelled "${w.config.ncsIdParam}" and accepts "${other}" (the proposal uses both, docs/interpretations.md #1): run the suite with --ncs-id-param ${other} (config ncsIdParam) to test the rest`);
  }
  if (otherwise && ![401, 403, 404].includes(status)) return otherwise;
  return w.refusedCorrectRequest(status, body, what);
}

/** After a 400: would the same request pass with the NCS ID under the proposal's other spelling? */
async function acceptsOtherSpelling(w: MosWorld, url: string, channel: Channel): Promise<boolean> {
  const other = w.config.ncsIdParam === 'ncsID' ? 'nCSID' : 'ncsID';
  const u = new URL(url);
  const value = u.searchParams.get(w.config.ncsIdParam);
  if (value === null) return false;
  u.searchParams.delete(w.config.ncsIdParam);
  u.searchParams.append(other, value);
  const o = await probe({ url: u.toString(), headers: w.correctHeaders(), trust: w.sut.trust, timeoutMs: w.timing.connectTimeoutMs, transcript: w.transcript, channel });
  if (o.kind === 'opened') o.ws.terminate();
  return o.kind === 'opened';
}

When('the suite connects on the {word} channel with extra query parameters', async function (this: MosWorld, channel: Channel) {
  const url = this.correctUrl(channel, { parameter1: '12345', vendorOption: 'x y' });
  const o = await this.attempt(url, this.correctHeaders(), channel);
  // 401/403/404 or a spelling point at credentials, identities, path or configuration, not at the extra parameters.
  if (o.kind === 'refused') {
    const urlVerdict = new Verdict('MOSWS-URL-3', `a ${channel} connection request with extra query parameters (parameter1=12345&vendorOption=x+y) was refused with HTTP ${o.status}${o.body ? ` ("${o.body.slice(0, 160)}")` : ''}`);
    throw await refusalOfGoodRequest(this, url, channel, o.status, o.body, `a ${channel} connection request with extra query parameters`, urlVerdict);
  }
  if (o.kind === 'failed') throw this.probeFailure(o);
});

When('the suite connects on the {word} channel naming the NCS ID {word}', async function (this: MosWorld, channel: Channel, spelling: string) {
  const url = buildClientUrl({ baseUrl: this.sutUrl!, ...this.ids(), channel, ncsIdParam: spelling });
  const o = await this.attempt(url, this.correctHeaders(), channel);
  if (o.kind === 'refused' && [401, 403, 404].includes(o.status)) throw this.refusedCorrectRequest(o.status, o.body, `a ${channel} connection request naming the NCS ID ${spelling}`);
  if (o.kind === 'refused') throw new Verdict('MOSWS-URL-6', `a ${channel} connection request naming the NCS ID "${spelling}" was refused with HTTP ${o.status}${o.body ? ` ("${o.body.slice(0, 160)}")` : ''}; the proposal spells the parameter both ncsID and nCSID`);
  if (o.kind === 'failed') throw this.probeFailure(o);
});

Given('the suite is connected on the mom and ro channels', async function (this: MosWorld) {
  for (const channel of ['mom', 'ro'] as const) await connectCorrectly(this, channel);
});

/** Each URL defect a scenario can name: the change to the correct URL and the requirement it tests. */
const URL_DEFECTS: Record<string, { change: (u: URL, w: MosWorld) => void; requirement: string }> = {
  'no mosID': { change: (u) => u.searchParams.delete('mosID'), requirement: 'MOSWS-URL-1' },
  'no ncsID': { change: (u, w) => u.searchParams.delete(w.config.ncsIdParam), requirement: 'MOSWS-URL-1' },
  'no channel': { change: (u) => u.searchParams.delete('channel'), requirement: 'MOSWS-URL-1' },
  'an unknown channel': { change: (u) => u.searchParams.set('channel', 'video'), requirement: 'MOSWS-URL-1' },
  'an empty mosID': { change: (u) => u.searchParams.set('mosID', ''), requirement: 'MOSWS-URL-1' },
  'a foreign mosID': { change: (u) => u.searchParams.set('mosID', 'NOT.CONFIGURED.MOS'), requirement: 'MOSWS-URL-2' },
  'a foreign ncsID': { change: (u, w) => u.searchParams.set(w.config.ncsIdParam, 'NOT.CONFIGURED.NCS'), requirement: 'MOSWS-URL-2' },
  // Identities compared loosely: as a set, or by prefix.
  'the mosID and ncsID swapped': { change: (u, w) => (u.searchParams.set('mosID', w.sut.ncsID), u.searchParams.set(w.config.ncsIdParam, w.sut.mosID)), requirement: 'MOSWS-URL-2' },
  'a mosID extending the configured one': { change: (u, w) => u.searchParams.set('mosID', `${w.sut.mosID}X`), requirement: 'MOSWS-URL-2' },
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
  urlDefect?.change(u, this);
  this.metrics.defect = defect;
  await this.attempt(u.toString(), authDefect ? authDefect(this) : this.correctHeaders(), channel);
});

Then('the connection is refused before any MOS message flows', async function (this: MosWorld) {
  const o = this.outcome!;
  const what = `a request with ${this.metrics.defect}`;
  const req = URL_DEFECTS[String(this.metrics.defect)]!.requirement;
  // The control request was just accepted, so a reset or silence is this system's answer: no upgrade,
  // a refusal. That it is not a 4xx is MOSWS-TRANSPORT-3's (a SHOULD), judged once by the probes.
  if (o.kind === 'failed') {
    if (o.defect) throw this.probeFailure(o);
    this.log(`${what} got no HTTP answer (${o.reason}): no upgrade, so refused; the missing 4xx is judged by the probes under MOSWS-TRANSPORT-3`);
    return;
  }
  if (o.kind === 'refused') {
    if (o.status < 400 || o.status > 499) {
      this.log(`${what} was answered with HTTP ${o.status}: no upgrade, so refused; that it is not a 4xx is judged by the probes under MOSWS-TRANSPORT-3`);
      return;
    }
    if (this.config.badParamStatus !== undefined && o.status !== this.config.badParamStatus) {
      throw new Verdict(req, `${what} was refused with HTTP ${o.status}, the configuration expects ${this.config.badParamStatus}`);
    }
    return;
  }
  // The upgrade went through: only the system closing it before any MOS message flows either way
  // may still count as a refusal. The suite sends nothing and watches.
  const conn = this.probes[this.probes.length - 1]!;
  if (!this.config.acceptCloseAsRefusal) throw new Verdict(req, `${what} was accepted: the upgrade succeeded (expected an HTTP 4xx refusal)`);
  const first = await this.waitingFor(`the system to close the connection it should have refused`, this.timing.silenceWindowMs, () => conn.waitFor(() => true, this.timing.silenceWindowMs));
  if (first) throw new Verdict(req, `${what} was accepted: the upgrade succeeded and the system sent ${first.name} over it`);
  if (!conn.closed) throw new Verdict(req, `${what} was accepted: the upgrade succeeded and the connection stayed open for ${this.timing.silenceWindowMs} ms`);
});

Then('the upgrade is refused with HTTP {int}', async function (this: MosWorld, status: number) {
  const o = this.outcome!;
  const what = `a request with ${this.metrics.defect}`;
  // The control request was just accepted, so a reset or silence is this system's answer, and not a 401.
  if (o.kind === 'failed') throw o.defect ? this.probeFailure(o) : new Verdict('MOSWS-AUTH-2', `${what} got no HTTP answer (${o.reason}), expected ${status}`);
  if (o.kind === 'opened') throw new Verdict('MOSWS-AUTH-2', `${what} was accepted: the WebSocket upgrade succeeded`);
  if (o.status !== status) throw new Verdict('MOSWS-AUTH-2', `${what} was refused with HTTP ${o.status}, expected ${status}`);
  // RFC 7235 §3.1: a 401 MUST carry a WWW-Authenticate challenge; for Basic (RFC 7617) its scheme is Basic.
  const challenge = [o.headers['www-authenticate'] ?? []].flat().join(', ');
  if (!challenge) throw new Verdict('MOSWS-AUTH-2', `${what} was refused with 401 but without a WWW-Authenticate header (RFC 7235 §3.1 requires the challenge)`);
  if (!/(^|,)\s*Basic(\s|,|$)/i.test(challenge)) throw new Verdict('MOSWS-AUTH-2', `${what} was refused with 401 challenging "${challenge}", not the Basic scheme`);
});

Then('each connection answers a heartbeat', async function (this: MosWorld) {
  if (!this.probes.length) throw new Error('no connection is open');
  for (const conn of this.probes) await this.heartbeatOver(conn);
});

Then('the connection used wss unless the configuration allows ws', function (this: MosWorld) {
  if (!this.sutUrl!.startsWith('wss:') && !this.config.allowPlainWs) {
    throw new Verdict('MOSWS-TLS-1', `the endpoint ${this.sutUrl} is plain ws; set allowPlainWs to certify a ws-only deployment`);
  }
});
