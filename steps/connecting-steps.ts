// Steps where the system under test connects to the suite's endpoint.
import { Given, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { extraQuery } from '../suite/config';
import { runMemory } from './support/run-memory';
import { explainTlsFailure } from './support/refusals';

Given("the suite's endpoint is configured in the system under test with extra query parameters", async function (this: MosWorld) {
  await this.startSuiteEndpoint();
});

Given("the suite's endpoint serves wss with a self-signed certificate", async function (this: MosWorld) {
  // A system declared to verify certificates trusts only the test CA in this run (SEC-CERT-4).
  if (this.verifyingVendor()) return this.notApplicable('the system is configured to refuse untrusted certificates in this run (capability verifies-certificates); accepting a self-signed one is judged in a run without that capability');
  await this.startSuiteEndpoint(true, true);
  return undefined;
});

Given('the suite listens as the external side of passive mode', async function (this: MosWorld) {
  await this.startSuiteEndpoint();
});

When('the system under test connects to the suite', async function (this: MosWorld) {
  await this.sut.connectTo(this.suiteUrl!, false);
  const suite = this.suite!;
  const has = (ch: string): boolean => suite.accepted.some((a) => a.params.channel === ch);
  await awaitConnections(this, () => has('mom') && has('ro'), false, this.connectingWhat(false));
});

/**
 * Wait for the system's connections. A system whose every attempt so far was refused (twice or
 * more, none accepted) will not do better by waiting: the refusal is judged at once.
 */
async function awaitConnections(w: MosWorld, done: () => boolean, passive: boolean, what: string): Promise<void> {
  const suite = w.suite!;
  const memory = runMemory(w.role);
  const nothing = (): boolean => suite.accepted.length === 0 && suite.upgradeRequests.length === 0 && w.tlsFailures().length === 0;
  // A system that let a whole connect wait pass without dialling once is not waited for again
  // (as a listening system that fails the pre-flight): the run ends in about one wait, not ten.
  if (memory.neverDialled && !w.sut.embedded && !done() && nothing()) {
    throw notConnected(w, passive, `the ${w.role} under test has not dialled the suite in this run (${memory.neverDialled}); not waited for again`);
  }
  const refusedOnly = (): boolean => suite.accepted.length === 0 && suite.upgradeRequests.length + w.tlsFailures().length >= 2 && suite.upgradeRequests.every((r) => r.status !== 101);
  const silent = (): void => {
    if (!w.sut.embedded && nothing() && memory.connectedAt === undefined && memory.passiveOpenedAt === undefined) {
      memory.neverDialled = `within ${w.timing.sutConnectMs} ms of an earlier scenario it opened nothing`;
    }
  };
  await w.until(() => done() || refusedOnly(), w.timing.sutConnectMs, () => (silent(), notConnected(w, passive)), what);
  if (done()) return;
  silent();
  throw notConnected(w, passive);
}


/**
 * Why the system did not open what it should have, as the one requirement that explains it: a
 * refusal of its requests first (they say why), then what the run already knows of the system,
 * then which sockets are missing.
 */
function notConnected(w: MosWorld, passive: boolean, earlier?: string): Error {
  const accepted = w.suite!.accepted;
  const opened = accepted.map((a) => `${a.params.channel}${a.params.passive ? '(passive=true)' : ''}`).join(', ') || 'nothing';
  const within = earlier ?? `within ${w.timing.sutConnectMs} ms the ${w.role} under test opened ${opened}`;
  const cause = w.refusalCause();
  if (cause) return cause.requirement ? w.blocked(cause.requirement, `${cause.message} (${within})`) : new CouldNotTest(undefined, cause.message);
  const memory = runMemory(w.role);
  const passiveNow = new Set(accepted.filter((a) => a.params.passive).map((a) => a.params.channel));
  if (passive && memory.passiveOpenedAt !== undefined && passiveNow.size < 2) {
    return w.blocked('MOSWS-PASSIVE-3', `${within}: it had its passive=true sockets open earlier in this run but did not re-open them after they closed (the suite's endpoint restarts between scenarios)`);
  }
  if (accepted.length === 0 && w.suite!.upgradeRequests.length === 0 && memory.connectedAt !== undefined) {
    return new CouldNotTest(undefined, `${within}: it had connected earlier in this run but did not reconnect after the suite's endpoint restarted`);
  }
  // Nothing at all is judged where opening the sockets is what the scenario checks, else it blocks.
  const none = accepted.length === 0 && w.suite!.upgradeRequests.length === 0 ? ` — no connection attempt reached ${w.suiteUrl}: is the system configured with that URL (and the user ${w.sut.credentials?.username ?? '(none)'})?` : '';
  if (!passive) {
    if (accepted.length) memory.socketShortfall ??= `${within}; expected mom and ro`;
    return w.blocked('MOSWS-URL-4', `${within}; expected mom and ro${none}`);
  }
  if (passiveNow.size === 1) return w.blocked('MOSWS-PASSIVE-2', `${within}; expected one passive=true socket on each of mom and ro`);
  // No passive socket at all: an NRCS must support the active side of passive mode.
  return w.blocked(w.role === 'nrcs' ? 'MOSWS-PASSIVE-4' : 'MOSWS-PASSIVE-1', `${within}; expected passive=true sockets on mom and ro${none}`);
}

// Cucumber keywords share one registry: a single definition serves Given and When.
When('the system under test connects to the suite in passive mode', connectPassive);

export async function connectPassive(this: MosWorld): Promise<void> {
  await this.sut.connectTo(this.suiteUrl!, true);
  const suite = this.suite!;
  await awaitConnections(this, () => suite.link('mom').attached && suite.link('ro').attached, true, this.connectingWhat(true));
}

Then('it opens the mom channel and the ro channel', function (this: MosWorld) {
  const channels = new Set(this.suite!.accepted.map((a) => a.params.channel));
  for (const ch of ['mom', 'ro']) if (!channels.has(ch as 'mom')) throw new Verdict('MOSWS-URL-4', `the system under test did not open the ${ch} channel`);
  // A system that opens a channel only when it first needs it did so in an earlier scenario.
  const earlier = runMemory(this.role).socketShortfall;
  if (earlier) throw new Verdict('MOSWS-URL-4', `earlier in this run: ${earlier} (both sockets are opened when the system connects, not when first needed)`);
});

Then('none of its TLS handshakes with the suite failed', async function (this: MosWorld) {
  // Every socket the system dials (passive ones too) gets the silence window to arrive or fail.
  await this.pause(this.timing.silenceWindowMs, "the system's other connection attempts");
  const failed = this.tlsFailures()[0];
  if (failed === undefined) return;
  const cause = explainTlsFailure(failed);
  throw this.blocked(cause.requirement!, `${cause.message}; some of its connections did open`);
});

Then('every connection it opened used wss unless the configuration allows ws', function (this: MosWorld) {
  if (!this.config.suiteEndpoint.tls && !this.config.allowPlainWs) throw new Verdict('MOSWS-TLS-1', "the suite's endpoint is configured for plain ws, so the system dials without TLS; set allowPlainWs to certify a ws-only deployment");
});

Then('every connection request names the configured mosID, ncsID and a valid channel', function (this: MosWorld) {
  for (const a of this.suite!.accepted) {
    if (a.params.mosID !== this.sut.mosID) throw new Verdict('MOSWS-URL-1', `a connection request named mosID "${a.params.mosID}", expected "${this.sut.mosID}"`);
    if (a.params.ncsID !== this.sut.ncsID) throw new Verdict('MOSWS-URL-1', `a connection request named ncsID "${a.params.ncsID}", expected "${this.sut.ncsID}"`);
  }
  const cause = this.refusalCause();
  if (cause) throw cause.requirement ? this.blocked(cause.requirement, cause.message) : new CouldNotTest(undefined, cause.message);
});

Then('every connection request keeps the configured extra query parameters unchanged', function (this: MosWorld) {
  const want = this.config.suiteEndpoint.extraParams;
  for (const a of this.suite!.accepted) {
    for (const [k, v] of Object.entries(want)) {
      if (a.params.extra[k] !== v) {
        throw new Verdict('MOSWS-URL-3', `the ${a.params.channel} connection request ${k in a.params.extra ? `changed ${k} to "${a.params.extra[k]}"` : `dropped the configured parameter ${k}`} (configured ${k}=${v})`);
      }
    }
  }
  // The values survived; were they also written as configured (no re-serialised query)?
  const configured = extraQuery(want).split('&').filter(Boolean);
  for (const r of this.suite!.upgradeRequests.filter((x) => x.status === 101)) {
    const sent = new Set(r.target.slice(r.target.indexOf('?') + 1).split('&'));
    const changed = configured.filter((pair) => !sent.has(pair));
    if (changed.length) {
      this.warn('MOSWS-URL-7', `a connection request re-encoded the configured query: ${changed.map((c) => `"${c}"`).join(', ')} was sent as ${changed.map((c) => `"${[...sent].find((s) => s.split('=')[0] === c.split('=')[0]) ?? '(missing)'}"`).join(', ')}`);
      return;
    }
  }
});

Then('every connection request carries Basic credentials in the Authorization header and none in the URL', function (this: MosWorld) {
  for (const a of this.suite!.accepted) {
    if (this.sut.credentials && a.authScheme?.toLowerCase() !== 'basic') {
      throw new Verdict('MOSWS-AUTH-1', `the ${a.params.channel} connection request carried ${a.authScheme ? `a ${a.authScheme} Authorization header` : 'no Authorization header'}, expected Basic`);
    }
  }
  const leak = this.credentialLeak();
  if (leak) throw new Verdict('MOSWS-AUTH-3', leak);
});
