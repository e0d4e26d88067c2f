// A verification component under test: the suite signs URLs with its key and judges each
// decision. Allowed versus denied is judged under the requirement the scenario is about; the
// denial status apart, under SS-STATUS-1 (a SHOULD), against the verifier's profile.
import { Given, Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { Verdict } from '../suite/verdicts';
import { Policy } from '../lib/signing/policy';
import { decodeBase64Liberal, encodeBase64Url } from '../lib/signing/base64url';
import { signPolicyJson } from '../lib/signing/signature';
import { ShapeWanted, Spelling, shapePolicy, signedUrlFor } from './support/signed-urls';
import { SignSpec, ask, keyOf, refusedCorrectUrl, scenario, served, urlOf, useSpec, withoutPort } from './support/verifier-probe';
import { wholeSecondExpiry } from './verifier-clock-steps';
import { describeRequest } from './support/http-probe';

type Denial =
  | 'expired' | 'not yet valid' | 'bad signature' | 'unknown key' | 'bad request' | 'unreadable policy' | 'unsigned' | 'wrong client'
  | 'other resource' | 'other origin' | 'other path' | 'policy without DateLessThan' | 'policy without Resource' | 'rewritten policy';

/**
 * The requirement a served request breaks, and the status Opencast gives that reason. A policy
 * that cannot be read (or lacks a required field) may get 400 ("required policy variables
 * missing") or 403 ("policy and signature don't match in any way"): the admin guide's table has
 * both rows, the Apache module answers 400; Opencast's Java code throws (500), a deviation.
 */
const UNREADABLE = [400, 403];
const DENIALS: Record<Denial, { req: string; status: (w: MosWorld) => number | number[] }> = {
  expired: { req: 'SS-VERIFY-6', status: () => 410 },
  'not yet valid': { req: 'SS-VERIFY-7', status: () => 410 },
  'bad signature': { req: 'SS-VERIFY-3', status: () => 403 },
  'unknown key': { req: 'SS-VERIFY-4', status: (w) => w.verifier!.profile.unknownKeyStatus },
  'bad request': { req: 'SS-VERIFY-2', status: () => 400 },
  'unreadable policy': { req: 'SS-VERIFY-2', status: () => UNREADABLE },
  unsigned: { req: 'SS-VERIFY-11', status: () => 400 },
  'wrong client': { req: 'SS-VERIFY-5', status: () => 403 },
  'other resource': { req: 'SS-VERIFY-8', status: () => 403 },
  'other origin': { req: 'SS-VERIFY-9', status: () => 403 },
  'other path': { req: 'SS-VERIFY-10', status: () => 403 },
  'policy without DateLessThan': { req: 'SS-VERIFY-6', status: () => UNREADABLE },
  'policy without Resource': { req: 'SS-VERIFY-8', status: () => UNREADABLE },
  'rewritten policy': { req: 'SS-VERIFY-12', status: () => 403 },
};

function spec(w: MosWorld, p: Partial<Policy> & { seconds?: number; target?: string; keyId?: string; spelling?: Spelling }): SignSpec {
  const v = w.verifier!;
  const now = w.clock.now();
  const resource = p.resource ?? v.resourceUrl;
  const policy: Policy = { resource, dateLessThan: p.dateLessThan ?? now + (p.seconds ?? 60) * 1000 };
  if (p.dateGreaterThan !== undefined) policy.dateGreaterThan = p.dateGreaterThan;
  if (p.ipAddress !== undefined) policy.ipAddress = p.ipAddress;
  return { policy, target: p.target ?? resource, keyId: p.keyId ?? v.keyId, spelling: p.spelling ?? 'base64url' };
}

// ---------------------------------------------------------------- the URL under test

Given('the verifier serves a correctly signed URL for the protected resource', async function (this: MosWorld) {
  const s = spec(this, { seconds: 60 });
  const a = await ask(this, urlOf(this, s));
  if (!served(a)) throw await refusedCorrectUrl(this, s, a);
});

Given('a URL signed for the protected resource, valid for {int} seconds', function (this: MosWorld, seconds: number) {
  useSpec(this, spec(this, { seconds }));
});

Given('a URL signed for the protected resource, valid from {int} seconds from now for {int} seconds', function (this: MosWorld, from: number, seconds: number) {
  const now = this.clock.now();
  // The start at 500 ms past a second: a whole-second clock is then told from an exclusive boundary.
  const start = Math.floor((now + from * 1000) / 1000) * 1000 + 500;
  useSpec(this, spec(this, { dateGreaterThan: start, dateLessThan: start + seconds * 1000 }));
});

Given('a URL signed for the protected resource with an unknown key', function (this: MosWorld) {
  useSpec(this, spec(this, { keyId: `${this.verifier!.keyId}-unknown` }));
});

Given('a URL signed for the protected resource, valid for {int} seconds, for client {word}', function (this: MosWorld, seconds: number, ip: string) {
  useSpec(this, spec(this, { seconds, ipAddress: ip }));
});

Given("a URL signed for the protected resource, valid for {int} seconds, for the suite's own address", function (this: MosWorld, seconds: number) {
  useSpec(this, spec(this, { seconds, ipAddress: this.verifier!.clientIp }));
});

Given('a URL signed for the protected resource with the query {string}, valid for {int} seconds', function (this: MosWorld, query: string, seconds: number) {
  const r = this.verifier!.resourceUrl;
  useSpec(this, spec(this, { seconds, resource: `${r}${r.includes('?') ? '&' : '?'}${query}` }));
});

Given('a URL for the protected resource signed with a policy without {word}', function (this: MosWorld, field: string) {
  const v = this.verifier!;
  const dlt = this.clock.now() + 60_000;
  const condition = field === 'DateLessThan' ? '{}' : `{"DateLessThan":${dlt}}`;
  const resource = field === 'Resource' ? '' : `,"Resource":"${JSON.stringify(v.resourceUrl).slice(1, -1).replace(/\//g, '\\/')}"`;
  const json = `{"Statement":{"Condition":${condition}${resource}}}`;
  this.signedUrl = signedUrlFor(v.resourceUrl, json, keyOf(this));
});

Given('the protected resource is addressed with an explicit non-default port', function (this: MosWorld) {
  if (!withoutPort(this.verifier!.resourceUrl)) return this.notApplicable(`the protected resource ${this.verifier!.resourceUrl} has no explicit non-default port`);
  return undefined;
});

/** The protected resource's URL changed in one respect. */
function variant(w: MosWorld, difference: string): string {
  const v = w.verifier!;
  const u = new URL(v.resourceUrl);
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
    case 'the protected resource without its port':
      return withoutPort(v.resourceUrl)!;
    case 'the other resource':
      return v.otherResourceUrl;
    case "a prefix of the protected resource's path":
      return v.resourceUrl.slice(0, -1);
    case "the protected resource's directory":
      u.pathname = u.pathname.slice(0, u.pathname.lastIndexOf('/') + 1);
      return u.toString();
    case "the protected resource's path in other letter case":
      u.pathname = swapCase(u.pathname);
      return u.toString();
    default:
      throw new Error(`unknown difference "${difference}"`);
  }
}

function swapCase(s: string): string {
  return [...s].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
}

Given(
  /^a URL signed for (another host|another port|another scheme|an extra leading path|the protected resource without its port|the other resource|a prefix of the protected resource's path|the protected resource's directory|the protected resource's path in other letter case), valid for (\d+) seconds$/,
  function (this: MosWorld, difference: string, seconds: string) {
    useSpec(this, spec(this, { seconds: Number(seconds), resource: variant(this, difference) }));
  },
);

// ---------------------------------------------------------------- requests

async function fetch(w: MosWorld, url: string, o: { method?: string; headers?: Record<string, string>; localAddress?: string } = {}): Promise<void> {
  scenario(w).last = describeRequest(o.method ?? 'GET', url);
  w.answer = await ask(w, url, o);
}

/** The signing query of the last signed URL, moved onto another URL. */
function withSignature(w: MosWorld, target: string): string {
  const q = w.signedUrl!.slice(w.signedUrl!.indexOf('?') + 1).split('&').filter((p) => /^(policy|keyId|signature)=/.test(p));
  return `${target}${target.includes('?') ? '&' : '?'}${q.join('&')}`;
}

When('the suite requests it with {word}', async function (this: MosWorld, method: string) {
  scenario(this).method = method;
  await fetch(this, this.signedUrl!, { method });
});

When('the suite requests it with GET, claiming to be {word} in X-Forwarded-For', async function (this: MosWorld, ip: string) {
  await fetch(this, this.signedUrl!, { headers: { 'x-forwarded-for': ip, forwarded: `for=${ip}`, 'x-real-ip': ip } });
});

/** The scenario's signature moved onto another URL (its policy unchanged). */
function retarget(w: MosWorld, target: string): string {
  const s = scenario(w);
  if (!s.spec) return withSignature(w, target);
  s.spec = { ...s.spec, target };
  w.signedUrl = urlOf(w, s.spec);
  return w.signedUrl;
}

When("the suite requests the other resource with that URL's signature", async function (this: MosWorld) {
  await fetch(this, retarget(this, this.verifier!.otherResourceUrl));
});

When("the suite requests the protected resource with that URL's signature", async function (this: MosWorld) {
  await fetch(this, retarget(this, this.verifier!.resourceUrl));
});

When('the suite requests the public resource without any signature', async function (this: MosWorld) {
  await fetch(this, this.verifier!.publicResourceUrl);
});

/** A source address whose text starts with the bound one, for "IpAddress is a prefix" (see the step below). */
function prefixAddressing(w: MosWorld): { bound: string; from?: string } | undefined {
  const ip = w.verifier!.clientIp;
  const host = new URL(w.verifier!.resourceUrl).hostname;
  const loopback = /^127\./.test(host) || host === 'localhost';
  const octets = (s: string): boolean => /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) && s.split('.').every((o) => Number(o) <= 255 && (o === '0' || !o.startsWith('0')));
  // On loopback the suite can send from 127.0.0.12 while the policy names 127.0.0.1.
  if (loopback && /^127\./.test(ip)) {
    for (let d = 0; d < 10; d++) if (octets(`${ip}${d}`)) return { bound: ip, from: `${ip}${d}` };
  }
  for (let n = ip.length - 1; n > 0; n--) if (octets(ip.slice(0, n))) return { bound: ip.slice(0, n) };
  return undefined;
}

Given("a URL signed for the protected resource, valid for {int} seconds, for an address that the client's address starts with", function (this: MosWorld, seconds: number) {
  const p = prefixAddressing(this);
  if (!p) return this.notApplicable(`no address is a textual prefix of the suite's address ${this.verifier!.clientIp}, and the suite cannot send from another one`);
  useSpec(this, spec(this, { seconds, ipAddress: p.bound }));
  return undefined;
});

When("the suite requests it from its own address", async function (this: MosWorld) {
  await fetch(this, this.signedUrl!, { localAddress: prefixAddressing(this)?.from });
});

// ---------------------------------------------------------------- changes to a signed URL

function replaceParam(w: MosWorld, name: string, f: (value: string) => string): void {
  w.signedUrl = w.signedUrl!.replace(new RegExp(`([?&]${name}=)([^&]*)`), (_m, head: string, value: string) => `${head}${f(value)}`);
}

function policyJsonOf(w: MosWorld): string {
  const m = /[?&]policy=([^&]*)/.exec(w.signedUrl!)!;
  return decodeBase64Liberal(decodeURIComponent(m[1]!));
}

When('its policy is changed to {}, keeping the signature', function (this: MosWorld, change: string) {
  const json = policyJsonOf(this);
  const year = 365 * 86_400_000;
  const changed =
    change === 'expire a year later' ? json.replace(/"DateLessThan":(\d+)/, (_x, d: string) => `"DateLessThan":${Number(d) + year}`)
    : change === 'have expired a year ago' ? json.replace(/"DateLessThan":(\d+)/, (_x, d: string) => `"DateLessThan":${Number(d) - year}`)
    : change === 'name the other resource' ? json.replace(/"Resource":"[^"]*"/, `"Resource":"${JSON.stringify(this.verifier!.otherResourceUrl).slice(1, -1).replace(/\//g, '\\/')}"`)
    : undefined;
  if (changed === undefined) throw new Error(`unknown policy change "${change}"`);
  replaceParam(this, 'policy', () => encodeBase64Url(changed));
  // A forged policy for the other resource is only worth something there: ask for that one.
  if (change === 'name the other resource') this.signedUrl = withSignature(this, this.verifier!.otherResourceUrl);
});

When('its policy JSON is rewritten with the same meaning, keeping the signature', function (this: MosWorld) {
  // Same keys and values, other bytes: a space after each separator.
  const rewritten = policyJsonOf(this).replace(/([:,{])"/g, '$1 "');
  replaceParam(this, 'policy', () => encodeBase64Url(rewritten));
});

When('its policy is replaced by {}', function (this: MosWorld, what: string) {
  const v = this.verifier!;
  const text =
    what === 'text that is not base64' ? '!!not*base64!!'
    : what === 'base64 of text that is not JSON' ? encodeBase64Url('this is not JSON')
    : what === 'a policy without a Statement' ? encodeBase64Url(`{"Policy":{"Condition":{"DateLessThan":${this.clock.now() + 60_000}},"Resource":"${v.resourceUrl.replace(/\//g, '\\/')}"}}`)
    : undefined;
  if (text === undefined) throw new Error(`unknown policy replacement "${what}"`);
  replaceParam(this, 'policy', () => text);
  // Signed over what the policy now says, so only its readability is in question.
  const json = what === 'a policy without a Statement' ? decodeBase64Liberal(text) : text;
  replaceParam(this, 'signature', () => signPolicyJson(json, v.secret));
});

When('its signature is {}', function (this: MosWorld, change: string) {
  replaceParam(this, 'signature', (sig) => {
    switch (change) {
      case 'changed in one hex digit':
        return `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`;
      case 'cut to its first 8 characters':
        return sig.slice(0, 8);
      case 'written in upper case':
        return sig.toUpperCase();
      case 'extended by one character':
        return `${sig}0`;
      default:
        throw new Error(`unknown signature change "${change}"`);
    }
  });
});

When(/^its (policy|keyId|signature) parameter is (removed|blank|duplicated)$/, function (this: MosWorld, param: string, change: string) {
  const re = new RegExp(`([?&])${param}=([^&]*)`);
  const m = re.exec(this.signedUrl!)!;
  if (change === 'removed') this.signedUrl = this.signedUrl!.replace(re, (_x, sep: string) => (sep === '?' ? '?' : '')).replace('?&', '?');
  else if (change === 'blank') this.signedUrl = this.signedUrl!.replace(re, `$1${param}=`);
  else this.signedUrl = `${this.signedUrl}&${param}=${m[2]}`;
});

When('the parameter {string} is added to it', function (this: MosWorld, param: string) {
  const s = scenario(this);
  s.spec = { ...s.spec!, suffix: `${s.spec!.suffix ?? ''}&${param}` };
  this.signedUrl = urlOf(this, s.spec);
});

// ---------------------------------------------------------------- encodings

interface Form {
  req: string;
  spelling: Spelling;
  shape: ShapeWanted;
  /** "+" and "/" only come from a query ('?', '~' or '>' in the Resource). */
  query: boolean;
}

const FORMS: Record<string, Form> = {
  'base64url without padding': { req: 'SS-ENCODING-1', spelling: 'base64url', shape: { padding: true, plus: false, slash: false }, query: false },
  'base64url with "-" and "_"': { req: 'SS-ENCODING-1', spelling: 'base64url', shape: { padding: false, plus: true, slash: true }, query: true },
  'standard base64 with "=" padding': { req: 'SS-ENCODING-2', spelling: 'standard, = padding', shape: { padding: true, plus: false, slash: false }, query: false },
  'standard base64 with "%3D" padding': { req: 'SS-ENCODING-2', spelling: 'standard, %3D padding', shape: { padding: true, plus: false, slash: false }, query: false },
  'standard base64 with a raw "/"': { req: 'SS-ENCODING-2', spelling: 'standard, raw', shape: { padding: false, plus: false, slash: true }, query: true },
  'standard base64 with a raw "+"': { req: 'SS-ENCODING-2', spelling: 'standard, raw', shape: { padding: false, plus: true, slash: false }, query: true },
  'standard base64 with "%2B" and "%2F"': { req: 'SS-ENCODING-2', spelling: 'standard, percent-encoded', shape: { padding: false, plus: true, slash: true }, query: true },
};

function form(name: string): Form {
  const f = FORMS[name];
  if (!f) throw new Error(`unknown policy form "${name}" (known: ${Object.keys(FORMS).join('; ')})`);
  return f;
}

/**
 * The policy written in one form, and nothing else different: a policy shaped to hold what the
 * form changes (padding, "+", "/"), first sent as Opencast writes it (base64url, no padding) as
 * the control, then in the form under test.
 */
When('the suite sends a URL for the protected resource with its policy written as {}', async function (this: MosWorld, name: string) {
  const f = form(name);
  const v = this.verifier!;
  const dlt = this.clock.now() + 60_000;
  if (f.query) {
    // The characters in which the alphabets differ need a query in the Resource; find out first
    // whether this verifier serves such a URL at all, with a policy free of them.
    const neutral: SignSpec = { policy: shapePolicy(v.resourceUrl, dlt, { padding: false, plus: false, slash: false }, true), target: '', keyId: v.keyId, spelling: 'base64url' };
    neutral.target = neutral.policy.resource;
    const a = await ask(this, urlOf(this, neutral));
    if (!served(a)) {
      return this.notApplicable(`the verifier does not serve the protected resource with a query (${describeRequest('GET', urlOf(this, neutral))} -> HTTP ${a.status}; judged in the query scenarios), and only a Resource with '?', '~' or '>' puts "+" or "/" into a policy`);
    }
  }
  const policy = shapePolicy(v.resourceUrl, dlt, f.shape, f.query);
  const s: SignSpec = { policy, target: policy.resource, keyId: v.keyId, spelling: 'base64url' };
  if (f.spelling !== 'base64url') {
    const control = await ask(this, urlOf(this, s));
    if (!served(control)) throw await refusedCorrectUrl(this, s, control, 'SS-ENCODING-1', 'a correctly signed URL with the policy as Opencast writes it (base64url without padding)');
  }
  useSpec(this, { ...s, spelling: f.spelling });
  this.answer = await ask(this, this.signedUrl!);
  return undefined;
});

Then('the verifier reads the policy written as {}', async function (this: MosWorld, name: string) {
  const f = form(name);
  const a = this.answer!;
  if (served(a)) return;
  const msg = `a correctly signed URL with its policy written as ${name} was refused: ${describeRequest('GET', this.signedUrl!)} -> HTTP ${a.status}`;
  if (f.req === 'SS-ENCODING-1') throw await refusedCorrectUrl(this, scenario(this).spec!, a, 'SS-ENCODING-1', `a correctly signed URL with its policy written as ${name}`);
  this.warn(f.req, `${msg}; the ${this.verifier!.profile.name} profile reads this form (docs/interpretations.md, "Verifier profiles")`);
});

// ---------------------------------------------------------------- verdicts

/** The scenario's URL was refused although it must be served: name the defect (see refusedCorrectUrl). */
async function mustServe(w: MosWorld, requirement: string, what: string): Promise<void> {
  const a = w.answer!;
  if (served(a)) return;
  const s = scenario(w);
  if (s.spec) throw await refusedCorrectUrl(w, s.spec, a, requirement, what, s.method);
  throw w.blocked(requirement, `${what} was refused with HTTP ${a.status}: ${a.body.trim().slice(0, 160)}`);
}

Then('access is allowed', async function (this: MosWorld) {
  await mustServe(this, 'SS-VERIFY-1', 'a correctly signed, valid request');
});

Then(/^access is allowed, as (strict|non-strict) checking requires$/, async function (this: MosWorld, mode: string) {
  const strict = mode === 'strict';
  await mustServe(this, strict ? 'SS-VERIFY-9' : 'SS-VERIFY-10', `a correctly signed URL that ${strict ? 'strict checking (scheme, host, port and path, nothing else)' : 'non-strict checking (paths only)'} must serve`);
});

Then('the resource with its query is served', async function (this: MosWorld) {
  await mustServe(this, 'SS-QUERY-1', "a correctly signed URL for a resource with a query (the verifier compares the policy's Resource, query included, with the request URL without its query, as Opencast's own verifiers do in strict mode, so URLs Opencast signs with a query do not play; non-strict checking serves them)");
});

Then('access is denied as {string}', async function (this: MosWorld, denial: Denial) {
  const a = this.answer!;
  const d = DENIALS[denial];
  if (!d) throw new Error(`unknown denial "${denial}"`);
  if (served(a)) {
    if (denial === 'expired' && (await wholeSecondExpiry(this))) return;
    throw new Verdict(d.req, `a request that must be denied (${denial}) was served with HTTP ${a.status}: ${scenario(this).last ?? describeRequest('GET', this.signedUrl ?? '')}`);
  }
  checkStatus(this, denial, a.status);
});

export function checkStatus(w: MosWorld, denial: Denial, status: number): void {
  const want = [DENIALS[denial].status(w)].flat();
  if (!want.includes(status)) w.warn('SS-STATUS-1', `denied (${denial}) with HTTP ${status}; the ${w.verifier!.profile.name} profile expects ${want.join(' or ')}`);
}

Then("access follows the profile's non-strict path rule", function (this: MosWorld) {
  const a = this.answer!;
  const rule = this.verifier!.profile.nonStrictPath;
  if (rule === 'suffix' && !served(a)) throw new Verdict('SS-VERIFY-10', `Opencast's Java verifier accepts a request path that ends the policy path (suffix match); this verifier answered HTTP ${a.status}`);
  if (rule === 'exact' && served(a)) throw new Verdict('SS-VERIFY-10', 'the apache-httpd profile requires equal paths in non-strict mode; this verifier served a request for a suffix of the policy path');
});
