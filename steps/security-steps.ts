// Security and robustness (features/security): glue between the scenarios and the checks of
// suite/security/ (RFC 6455, TLS hygiene, hostile input, Origin). Each check returns what fell
// short; its requirement's level decides Fail or Warning.
import crypto from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { levelOf } from '../lib/conformance/requirements';
import { Channel } from '../lib/mos/catalogue';
import { Shortfall, WsTarget, checkBadInputs, checkClosingHandshake, checkForeignOrigin, checkFragmentation, checkOpeningHandshake, checkPingPong } from '../suite/security/websocket-checks';
import { certificateOf, checkCurrentVersionOffered, checkOldVersionsRefused, checkWeakSuites, judgeHost, judgeKey, judgeValidity, tlsTargetOf } from '../suite/security/tls-checks';
import { HOSTILE_PROBES, Release, stillAnswering } from '../suite/security/hostile-input';
import { generateCertificate } from '../lib/transport/tls';
import { testCa } from './support/tls-cache';
import { runMemory } from './support/run-memory';

const BOTH: Channel[] = ['mom', 'ro'];

function target(w: MosWorld, channel: Channel): WsTarget {
  return { url: w.correctUrl(channel), channel, headers: w.correctHeaders(), trust: w.sut.trust, connectTimeoutMs: w.timing.connectTimeoutMs, responseTimeoutMs: w.timing.responseTimeoutMs, ids: w.ids(), nextMessageID: () => w.nextMessageID() };
}

/** Record each shortfall as its requirement's level says (MUST: Fail, SHOULD: Warning). */
function judge(w: MosWorld, shortfalls: readonly Shortfall[]): void {
  for (const s of shortfalls) {
    if (levelOf(s.requirement) === 'SHOULD') w.warn(s.requirement, s.message);
    else {
      w.verdicts.push({ requirement: s.requirement, outcome: 'FAIL', message: s.message });
      w.log(`FAIL [${s.requirement}] ${s.message}`);
    }
  }
}

async function onChannels(w: MosWorld, channels: Channel[], check: (t: WsTarget) => Promise<Shortfall[]>): Promise<void> {
  for (const ch of channels) judge(w, await check(target(w, ch)));
}

// ---------------------------------------------------------------- RFC 6455, listening side

Then('the opening handshake is answered correctly on the mom and ro channels', async function (this: MosWorld) {
  await onChannels(this, BOTH, checkOpeningHandshake);
});

Then('a Ping is answered with a Pong of the same payload on the mom and ro channels', async function (this: MosWorld) {
  await onChannels(this, BOTH, checkPingPong);
});

Then('a heartbeat sent in fragments is answered on the mom and ro channels', async function (this: MosWorld) {
  await onChannels(this, BOTH, checkFragmentation);
});

Then('each invalid UTF-8 input fails the connection on the mom channel', async function (this: MosWorld) {
  await onChannels(this, ['mom'], (t) => checkBadInputs(t, 'SEC-WS-4'));
});

Then('each protocol error fails the connection on the mom channel', async function (this: MosWorld) {
  await onChannels(this, ['mom'], (t) => checkBadInputs(t, 'SEC-WS-5'));
});

Then('a Close frame is answered with a Close frame on the mom and ro channels', async function (this: MosWorld) {
  await onChannels(this, BOTH, checkClosingHandshake);
});

// ---------------------------------------------------------------- RFC 6455, dialling side

const accepted = (s: { origin: string }): boolean => s.origin === 'accepted';

Then('every connection the system opened answers a Ping with a Pong of the same payload', async function (this: MosWorld) {
  const payload = Buffer.from(`mosws-ping-${crypto.randomBytes(6).toString('hex')}`);
  const answers = await this.suite!.pingAll(accepted, payload, this.timing.responseTimeoutMs);
  if (!answers.length) throw new CouldNotTest(undefined, 'no connection of the system is open to ping');
  judge(this, answers.filter((a) => !a.pong?.equals(payload)).map((a) => ({
    requirement: 'SEC-WS-2',
    message: a.pong ? `a Ping on the ${a.channel} connection the system opened got a Pong with another payload (§5.5.3: identical Application data)` : `a Ping on the ${a.channel}${a.passive ? ' passive' : ''} connection the system opened got no Pong within ${this.timing.responseTimeoutMs} ms (§5.5.2: MUST send a Pong in response)`,
  })));
});

Then('every frame the system sent was masked and well-formed', async function (this: MosWorld) {
  // Data frames of the system's own are needed, whatever its keepAlive interval: a heartbeat is
  // asked for on each channel (its answer, or the refused frame, is what is judged).
  for (const ch of BOTH) await this.suite!.heartbeat(ch).catch(() => undefined);
  // The suite's endpoint (ws) fails the connection on an unmasked client frame, reserved bits or opcodes, and says so.
  const bad = this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'error' && /^Invalid WebSocket frame/i.test(e.text));
  judge(this, bad.slice(0, 3).map((e) => ({ requirement: 'SEC-WS-8', message: `on the ${e.channel ?? ''} connection the system opened, the suite's endpoint found: ${e.text} (§5.1: a client MUST mask every frame; §5.2: no reserved bits or opcodes)` })));
});

Then('every connection the system opened answers a Close frame with a Close frame', async function (this: MosWorld) {
  const answers = await this.suite!.closeAll(accepted, this.timing.responseTimeoutMs);
  if (!answers.length) throw new CouldNotTest(undefined, 'no connection of the system is open to close');
  judge(this, answers.filter((a) => a.code === undefined || a.code === 1006).map((a) => ({
    requirement: 'SEC-WS-6',
    message: `a Close frame (1000) on the ${a.channel}${a.passive ? ' passive' : ''} connection the system opened ${a.code === 1006 ? 'was answered by dropping the connection without a Close frame' : `got no Close frame within ${this.timing.responseTimeoutMs} ms`} (§5.5.1: MUST send a Close frame in response)`,
  })));
});

// ---------------------------------------------------------------- TLS

Given('the system under test is listening over TLS', async function (this: MosWorld) {
  this.sutUrl = await this.sut.listen();
  if (!this.sutUrl.startsWith('wss:')) return this.notApplicable(`the endpoint ${this.sutUrl} is plain ws: there is no TLS to judge (MOSWS-TLS-1 judges the choice of ws)`);
  return undefined;
});

const tlsTarget = (w: MosWorld) => tlsTargetOf(w.sutUrl!, w.timing.connectTimeoutMs);

Then('a client offering at most TLS 1.0, then at most TLS 1.1, is refused', async function (this: MosWorld) {
  judge(this, await checkOldVersionsRefused(tlsTarget(this)));
});

Then('a client offering TLS 1.2 or TLS 1.3 is served', async function (this: MosWorld) {
  judge(this, await checkCurrentVersionOffered(tlsTarget(this)));
});

Then('a client offering only NULL, export, RC4 or triple-DES suites is refused', async function (this: MosWorld) {
  judge(this, await checkWeakSuites(tlsTarget(this), ['NULL', 'EXPORT', 'RC4', '3DES']));
});

Then('its certificate is valid now and has an adequate key', async function (this: MosWorld) {
  const c = await certificateOf(tlsTarget(this));
  this.log(`certificate ${c.subject}: ${c.keyType}${c.bits ? ` ${c.bits} bits` : ''}${c.curve ? ` ${c.curve}` : ''}, valid ${c.validFrom.toISOString()} to ${c.validTo.toISOString()}${c.selfSigned ? ', self-signed' : ''}`);
  judge(this, [...judgeValidity(c), ...judgeKey(c)]);
});

Then('its certificate names the host of the configured URL', async function (this: MosWorld) {
  const trust = this.sut.trust;
  if (trust.allowUntrusted !== false && !trust.ca) {
    return this.notApplicable('the suite has no trust for the system (untrusted certificates allowed, no caFile): a self-signed certificate is accepted as the proposal allows, and its host name is not judged; give target.caFile to have it judged');
  }
  const t = tlsTarget(this);
  const c = await certificateOf(t, trust.ca);
  judge(this, judgeHost(c, t.host));
  return undefined;
});

// ---------------------------------------------------------------- a dialling system's certificate checks

const DAY = 86_400_000;
const trustedCa = new WeakMap<MosWorld, { ca: string; what: string }>();

Given(/^the suite's endpoint serves wss with (an expired certificate|a certificate for another host) signed by a CA the system trusts$/, async function (this: MosWorld, which: string) {
  const ca = await testCa(this.config.suiteEndpoint, this.sut.embedded);
  if (!ca) return this.notApplicable('needs a CA the system trusts: give suiteEndpoint.testCaFile and testCaKeyFile (the suite signs an expired and a wrong-host certificate with it)');
  const now = Date.now();
  const host = this.config.suiteEndpoint.host === '0.0.0.0' ? undefined : this.config.suiteEndpoint.host;
  const material = await generateCertificate(
    which === 'an expired certificate'
      ? { commonName: 'localhost', hostNames: host ? [host, 'localhost', '127.0.0.1', '::1'] : undefined, notBeforeDate: new Date(now - 30 * DAY), notAfterDate: new Date(now - DAY), issuer: ca }
      : { commonName: 'wrong-host.invalid', hostNames: ['wrong-host.invalid'], notBeforeDate: new Date(now - DAY), notAfterDate: new Date(now + 30 * DAY), issuer: ca },
  );
  trustedCa.set(this, { ca: ca.cert, what: which === 'an expired certificate' ? 'expired yesterday' : 'names only wrong-host.invalid' });
  await this.startSuiteEndpoint(true, false, material);
  return undefined;
});

When('the system under test connects to the suite, trusting that CA only', async function (this: MosWorld) {
  await this.sut.connectTo(this.suiteUrl!, false, trustedCa.get(this)?.ca);
  await awaitTlsAttempts(this);
});

/**
 * Wait until the system dialled the suite's endpoint: refusals show as failed TLS handshakes there;
 * two of them, or one connection, decide. A system that has not dialled the suite at all earlier in
 * this run is not waited for again (as in the connecting scenarios), and one that lets this wait
 * pass without any attempt is remembered so.
 */
async function awaitTlsAttempts(w: MosWorld): Promise<void> {
  const suite = w.suite!;
  const memory = runMemory(w.role);
  const nothing = (): boolean => suite.accepted.length === 0 && suite.upgradeRequests.length === 0 && w.tlsFailures().length === 0;
  if (memory.neverDialled && !w.sut.embedded && nothing()) {
    throw new CouldNotTest(undefined, `the ${w.role} under test has not dialled the suite in this run (${memory.neverDialled}); not waited for again`);
  }
  await w.until(() => suite.accepted.length > 0 || w.tlsFailures().length >= 2, w.timing.sutConnectMs, () => new CouldNotTest(undefined, `the ${w.role} under test made no connection attempt to ${w.suiteUrl} within ${w.timing.sutConnectMs} ms`), w.connectingWhat(false)).catch((e: unknown) => {
    if (w.tlsFailures().length > 0) return;
    if (!w.sut.embedded && nothing() && memory.connectedAt === undefined && memory.passiveOpenedAt === undefined) {
      memory.neverDialled ??= `within ${w.timing.sutConnectMs} ms of an earlier scenario it opened nothing`;
    }
    throw e;
  });
}

Then('none of its connections to the suite completes', function (this: MosWorld) {
  const a = this.suite!.accepted[0];
  if (a) throw new Verdict('SEC-CERT-4', `with untrusted certificates declared refused, the ${this.role} under test completed a ${a.params.channel} connection through a certificate that ${trustedCa.get(this)?.what ?? 'is not valid'} (RFC 9110 §4.3.4: terminate the connection with a bad certificate error)`);
  this.log(`refused: ${this.tlsFailures().slice(0, 2).join('; ')}`);
});

// ---------------------------------------------------------------- a dialling system's TLS versions

Given("the suite's endpoint serves wss with TLS 1.0 and TLS 1.1 only", async function (this: MosWorld) {
  if (!this.config.suiteEndpoint.tls) return this.notApplicable('the suite\'s endpoint is configured for plain ws (suiteEndpoint.tls false): no TLS to offer');
  // SECLEVEL=0: OpenSSL 3 refuses the legacy versions at its default security level.
  await this.startSuiteEndpoint(true, false, undefined, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' });
  return undefined;
});

When('the system under test dials that endpoint', async function (this: MosWorld) {
  await this.sut.connectTo(this.suiteUrl!, false);
  await awaitTlsAttempts(this);
});

Then('none of its connections to the suite completes over TLS 1.0 or TLS 1.1', function (this: MosWorld) {
  const a = this.suite!.accepted[0];
  if (a) throw new Verdict('SEC-TLS-1', `the ${this.role} under test completed a ${a.params.channel} connection with the suite's endpoint, which spoke only TLS 1.0 and TLS 1.1 (RFC 8996: they MUST NOT be used)`);
  this.log(`refused: ${this.tlsFailures().slice(0, 2).join('; ')}`);
});

// ---------------------------------------------------------------- hostile input

interface HostileRun {
  ran: string[];
  down: Array<{ probe: string; why: string }>;
  answers: string[];
}
const hostile = new WeakMap<MosWorld, HostileRun>();

Given('destructive probes are allowed', function (this: MosWorld) {
  if (!this.sut.embedded && !this.config.includeDestructive) {
    return this.notApplicable('destructive probes (they may crash a fragile system) run against a vendor system only with --include-destructive (config includeDestructive: true)');
  }
  return undefined;
});

When(/^the suite sends each (non-destructive|destructive) hostile probe (before|after) authentication$/, async function (this: MosWorld, kind: string, phase: string) {
  const probes = HOSTILE_PROBES.filter((p) => p.destructive === (kind === 'destructive') && p.phase === `${phase}-auth`);
  const run: HostileRun = { ran: [], down: [], answers: [] };
  hostile.set(this, run);
  const t = target(this, 'mom');
  // The control: the system serves a fresh connection before any probe (else nothing after says anything).
  const before = await stillAnswering(t);
  if (before) throw new CouldNotTest(undefined, `before the probes: ${before}`);
  for (const p of probes) {
    const started = Date.now();
    // A silent or trickling client stays connected until the fresh connection was tried.
    const held: Release[] = [];
    let why: string | undefined;
    let holding = false;
    try {
      const answers = await p.run(t, held);
      run.answers.push(...answers);
      // Recorded as the system's answers: judged for echoed credentials across the run (SEC-SECRET-1).
      for (const a of answers) this.transcript.record({ who: 'suite', kind: 'http', direction: 'in', channel: 'mom', text: `answer to the hostile probe ${p.name}: ${a.slice(0, 65_536)}` });
      run.ran.push(`${p.name} (${Date.now() - started} ms)`);
      holding = held.length > 0;
      why = await stillAnswering(t);
    } finally {
      for (const release of held) release();
    }
    if (why) {
      run.down.push({ probe: p.name, why: holding ? `${why}, while the probe's client was still connected` : why });
      // A system that is down stays down: the probes after this one would say nothing new.
      break;
    }
  }
  this.metrics.probes = run.ran.join('; ');
  this.log(`probes run (${kind}, ${phase} authentication): ${run.ran.join('; ')}`);
});

Then('the system answered a heartbeat on a fresh connection after each probe', function (this: MosWorld) {
  const run = hostile.get(this)!;
  const requirement = this.requirements.includes('SEC-ROBUST-2') ? 'SEC-ROBUST-2' : 'SEC-ROBUST-1';
  const d = run.down[0];
  if (d) throw new Verdict(requirement, `after ${d.probe}, the system no longer served a fresh connection: ${d.why} (it must close the offending socket, not stop serving)`);
});

// ---------------------------------------------------------------- Origin

Then('an upgrade carrying a foreign Origin with the correct credentials is refused', async function (this: MosWorld) {
  judge(this, await checkForeignOrigin(target(this, 'mom')));
});
