// A verification component under test: the suite signs URLs with its key and judges each decision.
import { Given, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { Verdict } from './support/verdicts';
import { signUrl } from '../lib/signing/signer';
import { decodeBase64Liberal, encodeBase64Url } from '../lib/signing/base64url';
import { resourceNeedingPadding } from './support/padded-resource';
import { httpRequest } from './support/http-probe';

type Denial = 'expired' | 'not yet valid' | 'bad signature' | 'unknown key' | 'bad request' | 'wrong client' | 'other resource';

const REQ: Record<Denial, string> = {
  expired: 'SS-VERIFY-6',
  'not yet valid': 'SS-VERIFY-7',
  'bad signature': 'SS-VERIFY-3',
  'unknown key': 'SS-VERIFY-4',
  'bad request': 'SS-VERIFY-2',
  'wrong client': 'SS-VERIFY-5',
  'other resource': 'SS-VERIFY-8',
};

interface SignSpec {
  resource?: string;
  seconds: number;
  validFromSeconds?: number;
  clientIp?: string;
  keyId?: string;
  encoding?: string;
}

function signFor(w: MosWorld, spec: SignSpec): void {
  const v = w.verifier!;
  const now = w.clock.now();
  w.expiresAt = now + spec.seconds * 1000;
  const resource = spec.encoding ? resourceNeedingPadding(spec.resource ?? v.resourceUrl, w.expiresAt) : spec.resource ?? v.resourceUrl;
  let url = signUrl(resource, {
    keyId: spec.keyId ?? v.keyId,
    secret: v.secret,
    expiresAt: w.expiresAt,
    validFrom: spec.validFromSeconds !== undefined ? now + spec.validFromSeconds * 1000 : undefined,
    clientIp: spec.clientIp,
    fault: spec.encoding && spec.encoding !== 'base64url without padding' ? 'pad-base64' : undefined,
  });
  if (spec.encoding === 'standard base64 with padding') url = url.replace(/policy=([^&]+)/, (_m, p: string) => `policy=${decodeURIComponent(p)}`);
  w.signedUrl = url;
}

Given('a URL signed for the protected resource, valid for {int} seconds', function (this: MosWorld, seconds: number) {
  signFor(this, { seconds });
});

Given('a URL signed for the protected resource, valid from {int} seconds from now for {int} seconds', function (this: MosWorld, from: number, seconds: number) {
  signFor(this, { seconds: from + seconds, validFromSeconds: from });
});

Given('a URL signed for the protected resource with an unknown key', function (this: MosWorld) {
  signFor(this, { seconds: 60, keyId: `${this.verifier!.keyId}-unknown` });
});

Given('a URL signed for the protected resource, valid for {int} seconds, for client {word}', function (this: MosWorld, seconds: number, ip: string) {
  signFor(this, { seconds, clientIp: ip });
});

Given("a URL signed for the protected resource, valid for {int} seconds, for the suite's own address", function (this: MosWorld, seconds: number) {
  signFor(this, { seconds, clientIp: this.verifier!.clientIp });
});

Given('a URL signed for the protected resource, valid for {int} seconds, with its policy in {}', function (this: MosWorld, seconds: number, encoding: string) {
  signFor(this, { seconds, encoding });
});

/** The protected resource's URL changed in one respect (for strict/non-strict checks). */
function variant(url: string, difference: string): string {
  const u = new URL(url);
  switch (difference) {
    case 'another host':
      u.hostname = 'other-host.invalid';
      return u.toString();
    case 'another port':
      u.port = String((Number(u.port) || (u.protocol === 'https:' ? 443 : 80)) + 1);
      return u.toString();
    case 'another scheme': {
      const swapped = u.protocol === 'https:' ? 'http:' : 'https:';
      return `${swapped}//${u.host}${u.pathname}${u.search}`;
    }
    case 'an extra leading path':
      u.pathname = `/extra-segment${u.pathname}`;
      return u.toString();
    default:
      throw new Error(`unknown difference "${difference}"`);
  }
}

Given(/^a URL signed for the protected resource with (another host|another port|another scheme|an extra leading path), valid for (\d+) seconds$/, function (this: MosWorld, difference: string, seconds: string) {
  signFor(this, { seconds: Number(seconds), resource: variant(this.verifier!.resourceUrl, difference) });
});

async function fetch(w: MosWorld, url: string, method = 'GET'): Promise<void> {
  w.answer = await httpRequest(url, { method, timeoutMs: w.timing.responseTimeoutMs, trust: w.verifier?.trust, transcript: w.transcript });
}

/** The signing query of the last signed URL, moved onto another URL. */
function withSignature(w: MosWorld, target: string): string {
  const q = w.signedUrl!.slice(w.signedUrl!.indexOf('?') + 1).split('&').filter((p) => /^(policy|keyId|signature)=/.test(p));
  return `${target}${target.includes('?') ? '&' : '?'}${q.join('&')}`;
}

When('the suite requests it with {word}', async function (this: MosWorld, method: string) {
  await fetch(this, this.signedUrl!, method);
});

When('the suite requests the other resource with that URL\'s signature', async function (this: MosWorld) {
  await fetch(this, withSignature(this, this.verifier!.otherResourceUrl));
});

When('the suite requests the protected resource with that URL\'s signature', async function (this: MosWorld) {
  await fetch(this, withSignature(this, this.verifier!.resourceUrl));
});

When('the suite requests the public resource without any signature', async function (this: MosWorld) {
  await fetch(this, this.verifier!.publicResourceUrl);
});

When("the verifier's clock passes the expiry", async function (this: MosWorld) {
  if (this.verifier!.embedded) return this.clock.setTo(this.expiresAt! + 1);
  // A vendor's clock cannot be moved: wait past the expiry plus the allowed skew.
  const wait = this.expiresAt! + 1 + (this.config.stream.clockSkewMs ?? 1000) - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
});

When("the verifier's clock is exactly at the expiry", function (this: MosWorld) {
  this.clock.setTo(this.expiresAt!);
});

When("the verifier's clock is {int} ms past the expiry", function (this: MosWorld, ms: number) {
  this.clock.setTo(this.expiresAt! + ms);
});

When('its policy is changed to expire a year later, keeping the signature', function (this: MosWorld) {
  this.signedUrl = this.signedUrl!.replace(/policy=([^&]+)/, (_m, p: string) => {
    const json = decodeBase64Liberal(decodeURIComponent(p));
    const later = json.replace(/"DateLessThan":(\d+)/, (_x, d: string) => `"DateLessThan":${Number(d) + 365 * 86_400_000}`);
    return `policy=${encodeBase64Url(later)}`;
  });
});

When('one hex digit of its signature is changed', function (this: MosWorld) {
  this.signedUrl = this.signedUrl!.replace(/signature=([0-9a-f]+)/, (_m, sig: string) => `signature=${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`);
});

When(/^its (policy|keyId|signature) parameter is (removed|blank|duplicated)$/, function (this: MosWorld, param: string, change: string) {
  const re = new RegExp(`([?&])${param}=([^&]*)`);
  const m = re.exec(this.signedUrl!)!;
  if (change === 'removed') this.signedUrl = this.signedUrl!.replace(re, (_x, sep: string) => (sep === '?' ? '?' : '')).replace('?&', '?');
  else if (change === 'blank') this.signedUrl = this.signedUrl!.replace(re, `$1${param}=`);
  else this.signedUrl = `${this.signedUrl}&${param}=${m[2]}`;
});

function expectedStatus(w: MosWorld, denial: Denial): number {
  switch (denial) {
    case 'expired':
    case 'not yet valid':
      return 410;
    case 'bad request':
      return 400;
    case 'unknown key':
      return w.verifier!.profile.unknownKeyStatus;
    default:
      return 403;
  }
}

Then('access is allowed', function (this: MosWorld) {
  const a = this.answer!;
  if (a.status < 200 || a.status > 299) throw this.blocked('SS-VERIFY-1', `a correctly signed, valid request was denied with HTTP ${a.status}: ${a.body.trim().slice(0, 160)}`);
});

Then('access is denied as {string}', function (this: MosWorld, denial: Denial) {
  const a = this.answer!;
  const want = expectedStatus(this, denial);
  if (a.status >= 200 && a.status <= 299) throw new Verdict(REQ[denial], `a request that should be denied (${denial}) was served with HTTP ${a.status}`);
  if (a.status !== want) this.warn('SS-STATUS-1', `denied (${denial}) with HTTP ${a.status}; the ${this.verifier!.profile.name} profile expects ${want}`);
});

Then("access follows the profile's non-strict path rule", function (this: MosWorld) {
  const a = this.answer!;
  const allowed = a.status >= 200 && a.status <= 299;
  const rule = this.verifier!.profile.nonStrictPath;
  if (rule === 'suffix' && !allowed) throw new Verdict('SS-VERIFY-10', `Opencast's Java verifier accepts a request path that ends the policy path (suffix match); this verifier answered HTTP ${a.status}`);
  if (rule === 'exact' && allowed) throw new Verdict('SS-VERIFY-10', 'the apache-httpd profile requires equal paths in non-strict mode; this verifier served a request for a suffix of the policy path');
});
