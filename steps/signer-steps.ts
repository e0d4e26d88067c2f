// A signing service under test: its output is checked byte for byte against Opencast's format.
import { Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { Verdict } from '../suite/verdicts';
import { canonicalPolicyJson, parsePolicyJson } from '../lib/signing/policy';
import { decodeBase64Liberal } from '../lib/signing/base64url';
import { signPolicyJson } from '../lib/signing/signature';
import { SignRequest } from '../simulators/signing-service';
import { EmbeddedVerifier } from './support/stream-sut';
import { httpRequest } from './support/http-probe';

function ctx(w: MosWorld): NonNullable<MosWorld['signRequest']> {
  if (!w.signRequest) throw new Error('nothing was signed in this scenario');
  return w.signRequest;
}

async function sign(w: MosWorld, r: Omit<SignRequest, 'url'>, query?: string): Promise<void> {
  const original = query ? `${w.signer!.resourceUrl}?${query}` : w.signer!.resourceUrl;
  const request = { url: original, ...r };
  const requestedAt = w.clock.now();
  w.signRequest = { original, request, requestedAt };
  w.signedUrl = await w.signer!.sign(request, w.timing.responseTimeoutMs, w.transcript);
}

When('the signer signs the protected resource for {int} seconds', async function (this: MosWorld, seconds: number) {
  await sign(this, { expiresSeconds: seconds });
});

When('the signer signs the protected resource with the query {string} for {int} seconds', async function (this: MosWorld, query: string, seconds: number) {
  await sign(this, { expiresSeconds: seconds }, query);
});

When('the signer signs the protected resource for {int} seconds, valid from {int} seconds from now, for client {word}', async function (this: MosWorld, seconds: number, from: number, ip: string) {
  await sign(this, { expiresSeconds: seconds, validFromSeconds: from, clientIp: ip });
});

function params(w: MosWorld): { policy: string; keyId: string; signature: string } {
  const c = ctx(w);
  const url = w.signedUrl!;
  const sep = c.original.includes('?') ? '&' : '?';
  if (!url.startsWith(c.original + sep)) throw new Verdict('SS-SIGN-1', `the signed URL does not start with the original URL followed by "${sep}": ${url.slice(0, 200)}`);
  const tail = url.slice(c.original.length + 1).split('&');
  const names = tail.map((p) => p.split('=')[0]);
  if (names.join(',') !== 'policy,keyId,signature') throw new Verdict('SS-SIGN-1', `after the original URL come ${names.join(', ')}; expected policy, keyId, signature in that order`);
  const val = (i: number): string => decodeURIComponent(tail[i]!.slice(tail[i]!.indexOf('=') + 1));
  return { policy: val(0), keyId: val(1), signature: val(2) };
}

Then('the signed URL is the original URL followed by policy, keyId and signature in that order', function (this: MosWorld) {
  const p = params(this);
  if (p.keyId !== this.signer!.keyId) throw new Verdict('SS-SIGN-1', `keyId is "${p.keyId}", expected "${this.signer!.keyId}"`);
});

Then('the policy is base64url without padding', function (this: MosWorld) {
  const raw = this.signedUrl!.match(/[?&]policy=([^&]*)/)![1]!;
  if (/%3D|=/i.test(raw)) throw new Verdict('SS-ENCODING-1', 'the policy is padded; Opencast writes base64url without padding');
  if (/[+/]|%2B|%2F/i.test(raw)) throw new Verdict('SS-ENCODING-1', 'the policy uses the standard base64 alphabet (+ or /); Opencast writes base64url');
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw new Verdict('SS-ENCODING-1', `the policy holds characters outside base64url: ${raw.slice(0, 40)}`);
});

function checkPolicy(w: MosWorld, expires: number, from?: number, ip?: string): void {
  const c = ctx(w);
  const json = decodeBase64Liberal(params(w).policy);
  let p;
  try {
    p = parsePolicyJson(json);
  } catch (e) {
    throw new Verdict('SS-SIGN-1', `the policy is not a valid policy: ${(e as Error).message}`);
  }
  if (p.resource !== c.original) throw new Verdict('SS-SIGN-2', `the policy Resource is "${p.resource}", expected the original URL "${c.original}"`);
  const skew = w.signer!.embedded ? 50 : w.config.stream.clockSkewMs ?? 1000;
  const near = (t: number | undefined, want: number): boolean => t !== undefined && Math.abs(t - want) <= skew + 1000;
  if (!near(p.dateLessThan, c.requestedAt + expires * 1000)) throw new Verdict('SS-SIGN-1', `DateLessThan is ${p.dateLessThan} (${new Date(p.dateLessThan).toISOString()}), expected about ${expires} s after the request`);
  if (from !== undefined && !near(p.dateGreaterThan, c.requestedAt + from * 1000)) throw new Verdict('SS-SIGN-3', `DateGreaterThan is ${p.dateGreaterThan ?? 'missing'}, expected about ${from} s after the request`);
  if (from === undefined && p.dateGreaterThan !== undefined) throw new Verdict('SS-SIGN-3', 'the policy has a DateGreaterThan although no start was asked for');
  if (ip !== p.ipAddress) throw new Verdict('SS-SIGN-3', `IpAddress is ${p.ipAddress ?? 'missing'}, expected ${ip ?? 'none'}`);
  const canonical = canonicalPolicyJson(p);
  if (json !== canonical) throw new Verdict('SS-SIGN-1', `the policy JSON is not in Opencast's canonical form.\n  got:      ${json}\n  expected: ${canonical}`);
}

Then('the policy is the canonical JSON for the resource, expiring {int} seconds from now', function (this: MosWorld, expires: number) {
  checkPolicy(this, expires);
});

Then('the policy is the canonical JSON for the resource, expiring {int} seconds from now, valid from {int} seconds from now, for client {word}', function (this: MosWorld, expires: number, from: number, ip: string) {
  checkPolicy(this, expires, from, ip);
});

Then('the signature is the lowercase hex HMAC-SHA256 of the policy JSON with the key', function (this: MosWorld) {
  const { policy, signature } = params(this);
  const json = decodeBase64Liberal(policy);
  const want = signPolicyJson(json, this.signer!.secret);
  if (signature === want) return;
  if (signature === signPolicyJson(policy, this.signer!.secret)) throw new Verdict('SS-SIGN-1', 'the signature is the HMAC of the base64 text; Opencast signs the policy JSON text');
  if (signature.toLowerCase() === want) throw new Verdict('SS-SIGN-1', 'the signature is upper-case hex; Opencast writes lower-case');
  throw new Verdict('SS-SIGN-1', 'the signature is not the HMAC-SHA256 of the policy JSON with the configured key');
});

/**
 * Fetch the signed URL where SS-SIGN-4 can judge it. When a verifier is configured
 * (stream.verifier) and the URL points at its origin, through that verifier: the signer's URLs must
 * verify at the distribution server they are for. Otherwise at the reference verifier
 * (lib/signing/verifier behind the embedded distribution server), which serves any resource path
 * (non-strict: the path is what both share), so the verdict does not depend on the path a vendor picks.
 */
async function verifierFetch(w: MosWorld): Promise<{ status: number; where: string }> {
  const vendor = w.config.stream.verifier;
  if (vendor && sameOrigin(w.signedUrl!, vendor.resourceUrl)) {
    const a = await httpRequest(w.signedUrl!, { timeoutMs: w.timing.responseTimeoutMs, transcript: w.transcript, trust: { allowUntrusted: vendor.allowUntrusted ?? false } });
    return { status: a.status, where: 'the configured verifier' };
  }
  let v = w.verifier instanceof EmbeddedVerifier ? w.verifier : undefined;
  if (!v) {
    v = new EmbeddedVerifier(false, w.clock, w.transcript, [], 'opencast-java', { keyId: w.signer!.keyId, secret: w.signer!.secret }, { host: '127.0.0.1', port: 0, anyPath: true });
    await v.start();
    w.verifier = v;
  }
  const path = new URL(ctx(w).original).pathname;
  const q = w.signedUrl!.slice(w.signedUrl!.indexOf('?') + 1).split('&').filter((p) => /^(policy|keyId|signature)=/.test(p)).join('&');
  const a = await httpRequest(`${v.server.origin()}${path}?${q}`, { timeoutMs: w.timing.responseTimeoutMs, transcript: w.transcript });
  return { status: a.status, where: "Opencast's verification (the reference verifier)" };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

Then('the reference verifier serves it', async function (this: MosWorld) {
  const { status, where } = await verifierFetch(this);
  if (status !== 200) throw new Verdict('SS-SIGN-4', `${where} refused the signer's URL with HTTP ${status}`);
});

Then('the reference verifier refuses it once it has expired', async function (this: MosWorld) {
  const p = parsePolicyJson(decodeBase64Liberal(params(this).policy));
  const vendor = this.config.stream.verifier;
  if (vendor && sameOrigin(this.signedUrl!, vendor.resourceUrl)) {
    // A vendor's verifier runs on its own clock: wait until the URL has expired there.
    const wait = p.dateLessThan - Date.now() + (this.config.stream.clockSkewMs ?? 1000) + 100;
    if (wait > 0) await this.pause(wait, 'the signed URL to expire at the configured verifier');
  } else this.clock.setTo(p.dateLessThan + 1);
  const { status, where } = await verifierFetch(this);
  if (status !== 410) throw new Verdict('SS-SIGN-4', `after expiry ${where} answered HTTP ${status}, expected 410`);
});
