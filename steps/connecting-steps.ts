// Steps where the system under test connects to the suite's endpoint.
import { Given, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from './support/verdicts';
import { credentialLeak } from './support/every-scenario-checks';

Given("the suite's endpoint is configured in the system under test with extra query parameters", async function (this: MosWorld) {
  await this.startSuiteEndpoint();
});

Given("the suite's endpoint serves wss with a self-signed certificate", async function (this: MosWorld) {
  await this.startSuiteEndpoint(true, true);
});

Given('the suite listens as the external side of passive mode', async function (this: MosWorld) {
  await this.startSuiteEndpoint();
});

When('the system under test connects to the suite', async function (this: MosWorld) {
  await this.sut.connectTo(this.suiteUrl!, false);
  const suite = this.suite!;
  const has = (ch: string): boolean => suite.accepted.some((a) => a.params.channel === ch);
  await this.until(() => has('mom') && has('ro'), this.timing.sutConnectMs, () => notConnected(this, 'MOSWS-URL-4', `expected mom and ro`), `the ${this.role} under test to connect to ${this.suiteUrl}`);
});

/** Why the system did not open what it should have: the refusal it got, or what it opened. */
function notConnected(w: MosWorld, requirement: string, expected: string): Error {
  const opened = w.suite!.accepted.map((a) => `${a.params.channel}${a.params.passive ? '(passive=true)' : ''}`);
  const cause = w.refusalCause();
  // Refused requests point at the requirement they broke, not at the sockets that never opened.
  if (cause && opened.length === 0) return cause.requirement ? w.blocked(cause.requirement, cause.message) : new CouldNotTest(undefined, cause.message);
  if (opened.length === 0 && w.suite!.upgradeRequests.length === 0) {
    return new CouldNotTest(undefined, `no connection attempt reached the suite's endpoint ${w.suiteUrl} within ${w.timing.sutConnectMs} ms: is the system configured with that URL (and the user ${w.sut.credentials?.username ?? '(none)'})?`);
  }
  return w.blocked(requirement, `within ${w.timing.sutConnectMs} ms the system under test opened ${opened.join(', ') || 'nothing'}; ${expected}.${cause ? ` Also: ${cause.message}` : ''}`);
}

// Cucumber keywords share one registry: a single definition serves Given and When.
When('the system under test connects to the suite in passive mode', connectPassive);

export async function connectPassive(this: MosWorld): Promise<void> {
  await this.sut.connectTo(this.suiteUrl!, true);
  const suite = this.suite!;
  await this.until(() => suite.link('mom').attached && suite.link('ro').attached, this.timing.sutConnectMs, () => notConnected(this, 'MOSWS-PASSIVE-1', 'expected passive=true connections on both mom and ro'), `the ${this.role} under test to connect to ${this.suiteUrl} in passive mode`);
}

Then('it opens the mom channel and the ro channel', function (this: MosWorld) {
  const channels = new Set(this.suite!.accepted.map((a) => a.params.channel));
  for (const ch of ['mom', 'ro']) if (!channels.has(ch as 'mom')) throw new Verdict('MOSWS-URL-4', `the system under test did not open the ${ch} channel`);
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
});

Then('every connection request carries Basic credentials in the Authorization header and none in the URL', function (this: MosWorld) {
  for (const a of this.suite!.accepted) {
    if (this.sut.credentials && a.authScheme?.toLowerCase() !== 'basic') {
      throw new Verdict('MOSWS-AUTH-1', `the ${a.params.channel} connection request carried ${a.authScheme ? `a ${a.authScheme} Authorization header` : 'no Authorization header'}, expected Basic`);
    }
  }
  const leak = credentialLeak(this);
  if (leak) throw new Verdict('MOSWS-AUTH-3', leak);
});
