// Steps where the system under test connects to the suite's endpoint.
import { Given, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { Verdict } from './support/verdicts';

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
  await this.until(() => has('mom') && has('ro'), this.timing.sutConnectMs, () => {
    const got = [...new Set(suite.accepted.map((a) => a.params.channel))];
    return this.blocked('MOSWS-URL-4', `within ${this.timing.sutConnectMs} ms the system under test opened ${got.length ? got.join(' and ') : 'no connection'}, expected mom and ro.${this.rejections()}`);
  }, this.connectingWhat(false));
});

// Cucumber keywords share one registry: a single definition serves Given and When.
When('the system under test connects to the suite in passive mode', connectPassive);

async function connectPassive(this: MosWorld): Promise<void> {
  await this.sut.connectTo(this.suiteUrl!, true);
  const suite = this.suite!;
  await this.until(() => suite.link('mom').attached && suite.link('ro').attached, this.timing.sutConnectMs, () => {
    const opened = suite.accepted.map((a) => `${a.params.channel}${a.params.passive ? '(passive=true)' : ''}`);
    return new Verdict('MOSWS-PASSIVE-1', `within ${this.timing.sutConnectMs} ms the system under test did not open passive=true connections on both mom and ro; it opened: ${opened.join(', ') || 'nothing'}.${this.rejections()}`);
  }, this.connectingWhat(true));
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
  const refused = this.rejections();
  if (refused) throw new Verdict('MOSWS-URL-1', `some connection requests were malformed.${refused}`);
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
    const leaked = Object.keys(a.params.extra).filter((k) => !(k in this.config.suiteEndpoint.extraParams) && /user|pass|pwd|auth|secret/i.test(k));
    if (leaked.length) throw new Verdict('MOSWS-AUTH-3', `the ${a.params.channel} connection URL carries credential parameters: ${leaked.join(', ')}`);
  }
});
