// The named verification and signer faults (simulators/faulty-signing.ts) wrap the product's
// verifier and signer: each changes the product's answer to the request its scenario sends, and
// nothing else (a correctly signed request is still served).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64Liberal, encodeBase64Url } from '../lib/signing/base64url';
import { signPolicyJson } from '../lib/signing/signature';
import { signUrl } from '../lib/signing/signer';
import { PROFILES, SignedRequest, VerifyOptions, verifyRequest } from '../lib/signing/verifier';
import { VERIFICATION_FAULTS, VerificationFault, signUrlWithFault, verifyWithFaults } from '../simulators/faulty-signing';

const NOW = 1_700_000_000_500;
const KEYS = new Map([['demo', 'secret1']]);
const RES = 'http://dist.example:8080/media/a/video.mp4';
const sign = (o: Partial<Parameters<typeof signUrl>[1]> = {}, url = RES): string => signUrl(url, { keyId: 'demo', secret: 'secret1', expiresAt: NOW + 1000, ...o });
function req(signed: string, over: Partial<SignedRequest> = {}): SignedRequest {
  const u = new URL(signed);
  return { origin: `${u.protocol}//${u.host}`, path: u.pathname, rawQuery: signed.split('?').slice(1).join('?'), clientIp: '127.0.0.1', ...over };
}
const policyOf = (signed: string): string => decodeBase64Liberal(decodeURIComponent(/policy=([^&]+)/.exec(signed)![1]!));
/** A URL for RES whose policy JSON is `json`, signed correctly. */
const withPolicy = (json: string): string => `${RES}?policy=${encodeBase64Url(json)}&keyId=demo&signature=${signPolicyJson(json, 'secret1')}`;

interface Case {
  fault: VerificationFault;
  url: string;
  over?: Partial<SignedRequest>;
  opts?: Partial<VerifyOptions>;
  /** What the product answers, and what the faulty verifier answers. */
  product: number;
  faulty: number;
}

/** A correctly signed URL whose policy length is (not) a multiple of 4, so unpadded base64url needs no (needs) padding. */
function signedWith(multipleOf4: boolean): string {
  for (let k = 1; k < 8; k++) {
    const s = sign({}, `http://dist.example:8080/${'m'.repeat(k)}/media/a/video.mp4`);
    if ((/policy=([^&]+)/.exec(s)![1]!.length % 4 === 0) === multipleOf4) return s;
  }
  throw new Error('no such policy length');
}
const unpadded = (): string => signedWith(false);
const good = signedWith(true);
const CASES: Case[] = [
  { fault: 'ignores-expiry', url: sign({ expiresAt: NOW - 1 }), product: 410, faulty: 200 },
  { fault: 'ignores-ip', url: sign({ clientIp: '10.0.0.9' }), product: 403, faulty: 200 },
  { fault: 'accepts-tampered-policy', url: good.replace(/signature=[0-9a-f]+/, `signature=${'0'.repeat(64)}`), product: 403, faulty: 200 },
  { fault: 'strict-as-non-strict', url: good, over: { origin: 'http://other:1' }, product: 403, faulty: 200 },
  { fault: 'ignores-keyid', url: good.replace('keyId=demo', 'keyId=other'), product: 403, faulty: 200 },
  { fault: 'tolerates-duplicates', url: `${good}&keyId=demo`, product: 400, faulty: 200 },
  { fault: 'ignores-missing-signature', url: good.replace(/&signature=[0-9a-f]+/, ''), product: 400, faulty: 200 },
  { fault: 'serves-without-policy', url: good.replace(/policy=[^&]+&/, ''), product: 400, faulty: 200 },
  { fault: 'strict-base64url', url: unpadded().replace(/policy=([^&]+)/, (_, p: string) => `policy=${encodeURIComponent(Buffer.from(decodeBase64Liberal(p)).toString('base64'))}`), product: 200, faulty: 400 },
  { fault: 'requires-padded-base64', url: unpadded(), product: 200, faulty: 400 },
  { fault: 'non-strict-as-strict', url: good, over: { origin: 'http://other:1' }, opts: { strict: false }, product: 200, faulty: 403 },
  { fault: 'non-strict-exact-path', url: good, over: { path: '/a/video.mp4' }, opts: { strict: false }, product: 200, faulty: 403 },
  { fault: 'standard-alphabet-only', url: sign({}, `${RES}?q=~~~>>>`), product: 200, faulty: 400 },
  { fault: 'whole-second-clock', url: sign({ expiresAt: NOW - 100 }), product: 410, faulty: 200 },
  { fault: 'trusts-date-header', url: sign({ expiresAt: NOW - 100 }), over: { dateHeader: new Date(NOW - 60_000).toUTCString() }, product: 410, faulty: 200 },
  { fault: 'accepts-policy-without-expiry', url: withPolicy(`{"Statement":{"Condition":{},"Resource":"${RES}"}}`), product: 400, faulty: 200 },
  { fault: 'accepts-policy-without-resource', url: withPolicy(`{"Statement":{"Condition":{"DateLessThan":${NOW + 1000}}}}`), product: 400, faulty: 200 },
  { fault: 'resource-prefix-match', url: sign({}, 'http://dist.example:8080/media/a/video'), over: { path: '/media/a/video.mp4' }, product: 403, faulty: 200 },
  { fault: 'resource-case-insensitive', url: sign({}, 'http://dist.example:8080/media/a/VIDEO.mp4'), over: { path: '/media/a/video.mp4' }, product: 403, faulty: 200 },
  { fault: 'strict-drops-port', url: good, product: 200, faulty: 403 },
  { fault: 'strict-compares-resource-query', url: sign({}, `${RES}?x=1`), product: 200, faulty: 403 },
  { fault: 'non-strict-compares-query', url: sign({}, `${RES}?x=1`), opts: { strict: false }, product: 200, faulty: 403 },
  { fault: 'refuses-added-params', url: `${good}&t=1`, product: 200, faulty: 403 },
  { fault: 'unreadable-policy-500', url: good.replace(/policy=[^&]+/, 'policy=!!!'), product: 400, faulty: 500 },
  { fault: 'reserializes-policy', url: withPolicy(policyOf(sign()).replace('{"Statement"', '{ "Statement"')), product: 200, faulty: 403 },
  { fault: 'ignores-resource', url: sign({}, 'http://dist.example:8080/media/other.mp4'), over: { path: '/media/a/video.mp4' }, product: 403, faulty: 200 },
];

test('every verification fault changes the product verifier\'s answer to its request, and serves a correct one', () => {
  assert.deepEqual([...new Set(CASES.map((c) => c.fault))].sort(), [...VERIFICATION_FAULTS].sort());
  for (const c of CASES) {
    const o: VerifyOptions = { keys: KEYS, strict: true, now: () => NOW, profile: PROFILES['opencast-java'], ...c.opts };
    assert.equal(verifyRequest(req(c.url, c.over), o).status, c.product, `${c.fault}: the product answers ${c.product}`);
    assert.equal(verifyWithFaults(req(c.url, c.over), o, new Set([c.fault])).status, c.faulty, `${c.fault}: the faulty verifier answers ${c.faulty}`);
    const plain = c.opts?.strict === false ? { origin: 'http://dist.example:8080' } : {};
    // (A verifier that drops the port refuses every URL on a non-default port: that is its fault.)
    assert.equal(verifyWithFaults(req(good, plain), o, new Set([c.fault])).status, c.fault === 'strict-drops-port' ? 403 : 200, `${c.fault}: a correctly signed request`);
  }
  // Without faults, the wrapper is the product.
  assert.equal(verifyWithFaults(req(good), { keys: KEYS, strict: true, now: () => NOW }, new Set()).status, 200);
});

test('every signer fault changes what the product signer writes', () => {
  const o = { keyId: 'demo', secret: 'secret1', expiresAt: NOW + 1000, validFrom: NOW - 1000 };
  const url = `${RES}?x=1`;
  const ok = (signed: string): number => verifyRequest(req(signed), { keys: KEYS, strict: true, now: () => NOW }).status;
  assert.equal(signUrlWithFault(url, o, undefined), signUrl(url, o));
  assert.doesNotMatch(policyOf(signUrlWithFault(url, o, 'ignores-start-time')), /DateGreaterThan/);
  assert.match(policyOf(signUrl(url, o)), /video\.mp4\?x=1"/);
  assert.match(policyOf(signUrlWithFault(url, o, 'drops-query-from-resource')), /video\.mp4"/);
  assert.ok(signUrlWithFault(url, o, 'drops-query-from-resource').startsWith(`${url}&policy=`));
  assert.match(signUrlWithFault(RES, o, 'pad-base64'), /policy=[^&]*%3D&/);
  assert.equal(ok(signUrlWithFault(RES, o, 'pad-base64')), 200);
  assert.equal(ok(signUrlWithFault(RES, o, 'sign-base64-text')), 403);
  assert.equal(policyOf(signUrlWithFault(RES, o, 'sign-base64-text')), policyOf(signUrl(RES, o)));
});
