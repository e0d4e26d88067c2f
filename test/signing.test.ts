import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalPolicyJson, jsonSimpleEscape, parsePolicyJson } from '../lib/signing/policy';
import { signPolicyJson } from '../lib/signing/signature';
import { decodeBase64Liberal, encodeBase64Url } from '../lib/signing/base64url';
import { signUrl } from '../lib/signing/signer';
import { signUrlWithFault } from '../simulators/faulty-signing';
import { PROFILES, SignedRequest, verifyRequest } from '../lib/signing/verifier';
import { keyForUrl, parseKeyFile } from '../lib/signing/keys';
import { shapeOf, shapePolicy, writePolicy } from '../steps/support/signed-urls';

// Public vectors from Opencast's unit tests (shared/stream-security-facts.md).
const VECTOR_JSON = '{"Statement":{"Condition":{"DateLessThan":1425768129644},"Resource":"rtmp:\\/\\/mh-wowza.localdomain\\/matterhorn-engage\\/mp4:engage-player\\/2c2c438d-bb4d-404c-a677-0ebc072d91e2\\/5dbfdbcd-a983-44ea-93b6-e1c457acb61f\\/short"}}';

test('vector 1: HMAC-SHA256 over the JSON text', () => {
  assert.equal(signPolicyJson(VECTOR_JSON, 'abc123'), 'bf344862e1d317b246cb4336525146a4312081925c9641efaa5ebf272b944d78');
  assert.equal(signPolicyJson(VECTOR_JSON, '123abc'), '5169ea7246cf084413228c5ca3590b9045e3a53a625074530ad222857c6d3b7c');
});

test('vector 1: canonical JSON of that policy is byte-identical', () => {
  const json = canonicalPolicyJson({ resource: 'rtmp://mh-wowza.localdomain/matterhorn-engage/mp4:engage-player/2c2c438d-bb4d-404c-a677-0ebc072d91e2/5dbfdbcd-a983-44ea-93b6-e1c457acb61f/short', dateLessThan: 1425768129644 });
  assert.equal(json, VECTOR_JSON);
});

test('vector 2: canonical JSON of a full policy', () => {
  assert.equal(
    canonicalPolicyJson({ resource: 'http://mh-allinone/', dateLessThan: 1425170777000, dateGreaterThan: 1425084379000, ipAddress: '10.0.0.1' }),
    '{"Statement":{"Condition":{"DateGreaterThan":1425084379000,"DateLessThan":1425170777000,"IpAddress":"10.0.0.1"},"Resource":"http:\\/\\/mh-allinone\\/"}}',
  );
});

test('json-simple escaping', () => {
  assert.equal(jsonSimpleEscape('a/b"c\\d\n\t\u0001\u007f\u2028é'), 'a\\/b\\"c\\\\d\\n\\t\\u0001\\u007F\\u2028é');
  const p = parsePolicyJson(canonicalPolicyJson({ resource: 'http://h/a"b\u2028', dateLessThan: 5 }));
  assert.equal(p.resource, 'http://h/a"b\u2028');
});

test('base64url without padding; liberal decoding', () => {
  const json = '{"a":"??>>"}';
  const enc = encodeBase64Url(json);
  assert.ok(!enc.includes('=') && !enc.includes('+') && !enc.includes('/'));
  assert.equal(decodeBase64Liberal(enc), json);
  const std = Buffer.from(json).toString('base64');
  assert.ok(std.includes('+') || std.includes('/') || std.includes('='));
  assert.equal(decodeBase64Liberal(std), json);
  assert.equal(decodeBase64Liberal(std.replace(/=/g, '%3D')), json);
  assert.throws(() => decodeBase64Liberal('ab$c'), /not base64/);
  assert.throws(() => decodeBase64Liberal('abcde'), /impossible length/);
});

test('policy parsing refuses what is not a policy', () => {
  assert.throws(() => parsePolicyJson('nope'), /not JSON/);
  assert.throws(() => parsePolicyJson('{}'), /no Statement/);
  assert.throws(() => parsePolicyJson('{"Statement":{"Condition":{"DateLessThan":1}}}'), /no Resource/);
  assert.throws(() => parsePolicyJson('{"Statement":{"Condition":{},"Resource":"x"}}'), /no DateLessThan/);
  assert.throws(() => parsePolicyJson('{"Statement":{"Condition":{"DateLessThan":"1"},"Resource":"x"}}'), /whole number/);
});

test('signer appends policy, keyId, signature in that order after an existing query', () => {
  const url = signUrl('http://dist/a/b.mp4?x=1', { keyId: 'k1', secret: 's', expiresAt: 2000 });
  const m = /^http:\/\/dist\/a\/b\.mp4\?x=1&policy=([^&]+)&keyId=k1&signature=([0-9a-f]{64})$/.exec(url);
  assert.ok(m, url);
  const json = decodeBase64Liberal(m[1]!);
  assert.equal(json, canonicalPolicyJson({ resource: 'http://dist/a/b.mp4?x=1', dateLessThan: 2000 }));
  assert.equal(m[2], signPolicyJson(json, 's'));
});

test('key file and key selection by URL prefix', () => {
  const keys = parseKeyFile('# comment\nkey.demo=secret1\n\nkey.other = s2 \n');
  assert.deepEqual([...keys], [['demo', 'secret1'], ['other', 's2']]);
  assert.throws(() => parseKeyFile('key.=x'), /line 1/);
  assert.equal(parseKeyFile('prefix.demo=http://h/\nother=1').size, 0);
  const ring = [{ keyId: 'a', secret: '1', urlPrefix: 'http://h/' }, { keyId: 'b', secret: '2', urlPrefix: 'http://h/special/' }];
  assert.equal(keyForUrl(ring, 'http://h/special/x')!.keyId, 'b');
  assert.equal(keyForUrl(ring, 'http://h/x')!.keyId, 'a');
  assert.equal(keyForUrl(ring, 'http://other/x'), undefined);
});

// --- verifier ---
const KEYS = new Map([['demo', 'secret1']]);
const NOW = 1_700_000_000_000;
const RES = 'http://dist.example:8080/media/a/video.mp4';

function req(signed: string, over: Partial<SignedRequest> = {}): SignedRequest {
  const u = new URL(signed);
  return { origin: `${u.protocol}//${u.host}`, path: u.pathname, rawQuery: signed.split('?')[1] ?? '', clientIp: '127.0.0.1', ...over };
}
const v = (signed: string, over: Partial<SignedRequest> = {}, opts: Partial<Parameters<typeof verifyRequest>[1]> = {}) =>
  verifyRequest(req(signed, over), { keys: KEYS, strict: true, now: () => NOW, ...opts });
const sign = (o: Partial<Parameters<typeof signUrl>[1]> = {}, url = RES) => signUrl(url, { keyId: 'demo', secret: 'secret1', expiresAt: NOW + 1000, ...o });

test('verifier: valid, expiry boundaries inclusive, not yet valid', () => {
  assert.equal(v(sign()).status, 200);
  assert.equal(v(sign({ expiresAt: NOW })).status, 200, 'allowed at exactly DateLessThan');
  assert.equal(v(sign({ expiresAt: NOW - 1 })).status, 410);
  assert.equal(v(sign({ validFrom: NOW })).status, 200, 'allowed at exactly DateGreaterThan');
  assert.equal(v(sign({ validFrom: NOW + 1 })).status, 410);
  assert.match(v(sign({ validFrom: NOW + 1 })).reason, /not valid before/);
});

test('verifier: parameters missing, blank or duplicated -> 400', () => {
  const s = sign();
  for (const p of ['policy', 'keyId', 'signature']) {
    assert.equal(v(s.replace(new RegExp(`[&?]${p}=[^&]*`), '')).status, 400, `missing ${p}`);
    assert.equal(v(s.replace(new RegExp(`(${p})=[^&]*`), '$1=')).status, 400, `blank ${p}`);
    assert.equal(v(s + `&${p}=x`).status, 400, `duplicate ${p}`);
  }
  assert.equal(v(RES).status, 400, 'unsigned');
  assert.equal(v(s.replace(/policy=[^&]*/, 'policy=!!!')).status, 400, 'undecodable policy');
});

test('verifier: unknown key 403 (Java) or 400 (Apache); tampering 403', () => {
  const s = sign({ keyId: 'nokey' });
  assert.equal(v(s).status, 403);
  assert.equal(v(s, {}, { profile: PROFILES['apache-httpd'] }).status, 400);
  const good = sign();
  const sig = /signature=([0-9a-f]+)/.exec(good)![1]!;
  const flipped = good.replace(sig, sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0'));
  assert.equal(v(flipped).status, 403);
  assert.equal(v(good.replace(sig, sig.toUpperCase())).status, 403, 'signature compared exactly');
  const pol = /policy=([^&]+)/.exec(good)![1]!;
  const tampered = encodeBase64Url(decodeBase64Liberal(pol).replace(String(NOW + 1000), String(NOW + 9_999_999)));
  assert.equal(v(good.replace(pol, tampered)).status, 403);
});

test('verifier: client IP, order of checks', () => {
  assert.equal(v(sign({ clientIp: '127.0.0.1' })).status, 200);
  assert.equal(v(sign({ clientIp: '127.0.0.1' }), { clientIp: '::ffff:127.0.0.1' }).status, 200);
  assert.equal(v(sign({ clientIp: '10.0.0.9' })).status, 403);
  // Expired AND wrong IP: the IP check comes first (403 before 410).
  assert.equal(v(sign({ clientIp: '10.0.0.9', expiresAt: NOW - 5 })).status, 403);
  // Expired AND other resource: 403 before 410.
  assert.equal(v(sign({ expiresAt: NOW - 5 }), { path: '/media/a/other.mp4' }).status, 403);
});

test('verifier: standard base64 with padding and %3D is accepted', () => {
  const padded = signUrlWithFault(RES, { keyId: 'demo', secret: 'secret1', expiresAt: NOW + 1000 }, 'pad-base64');
  assert.equal(v(padded).status, 200);
  assert.equal(v(padded.replace(/%3D/g, '=')).status, 200);
});

test('verifier: a signer that signs the base64 text is refused', () => {
  assert.equal(v(signUrlWithFault(RES, { keyId: 'demo', secret: 'secret1', expiresAt: NOW + 1000 }, 'sign-base64-text')).status, 403);
});

test('verifier: strict and non-strict resource checks', () => {
  const s = sign();
  assert.equal(v(s, { origin: 'http://other-host:8080' }).status, 403);
  assert.equal(v(s, { origin: 'http://dist.example:9090' }).status, 403);
  assert.equal(v(s, { origin: 'https://dist.example:8080' }).status, 403);
  assert.equal(v(s, { origin: 'http://other-host:1' }, { strict: false }).status, 200);
  assert.equal(v(s, { path: '/a/video.mp4' }, { strict: false }).status, 200, 'Java non-strict: suffix');
  assert.equal(v(s, { path: '/a/video.mp4' }, { strict: false, profile: PROFILES['apache-httpd'] }).status, 403, 'Apache non-strict: exact');
  assert.equal(v(s, { path: '/a/video.mp4' }).status, 403, 'strict: exact');
  assert.equal(v(s, { path: '/media/a/other.mp4' }, { strict: false }).status, 403);
  // Default ports are the same origin.
  const s80 = sign({}, 'http://dist.example/x.mp4');
  assert.equal(v(s80, { origin: 'http://dist.example:80' }).status, 200);
});

test('encoding scenarios find every policy shape they need, for base URLs of every length, without a query where none is needed', () => {
  const expiries = [1_700_000_000_000, 1_764_000_000_123, 4_102_444_800_000];
  const shapes = [
    { padding: true, plus: false, slash: false, query: false },
    { padding: false, plus: false, slash: false, query: true },
    { padding: false, plus: true, slash: true, query: true },
    { padding: false, plus: true, slash: false, query: true },
    { padding: false, plus: false, slash: true, query: true },
  ];
  // Ports of 4 and 5 digits and paths of varying length cover every length mod 3 (a container's
  // mapped port shifts the URL length).
  for (let extra = 0; extra < 9; extra++) {
    for (const port of [8080, 32768, 55001]) {
      const base = `http://127.0.0.1:${port}/media/${'a'.repeat(extra)}clip.mp4`;
      for (const exp of expiries) {
        for (const { query, ...wanted } of shapes) {
          const p = shapePolicy(base, exp, wanted, query);
          assert.equal(p.resource.startsWith(query ? `${base}?` : base) && (query || p.resource === base), true, p.resource);
          assert.equal(p.dateLessThan, exp);
          assert.ok(p.dateGreaterThan === undefined || p.dateGreaterThan <= 100, 'a start long past, or none');
          assert.deepEqual(shapeOf(canonicalPolicyJson(p)), wanted, p.resource);
        }
      }
    }
  }
});

test('policy spellings: base64url, standard with = or %3D, raw, percent-encoded', () => {
  const json = '{"a":"??>>~"}';
  assert.equal(writePolicy(json, 'base64url'), Buffer.from(json).toString('base64url'));
  const std = Buffer.from(json).toString('base64');
  assert.ok(/[+/]/.test(std) && std.endsWith('='));
  assert.equal(writePolicy(json, 'standard, raw'), std);
  assert.equal(writePolicy(json, 'standard, %3D padding'), std.replace(/=/g, '%3D'));
  assert.equal(writePolicy(json, 'standard, percent-encoded'), encodeURIComponent(std));
  for (const sp of ['base64url', 'standard, raw', 'standard, %3D padding', 'standard, percent-encoded'] as const) {
    assert.equal(decodeBase64Liberal(decodeURIComponent(writePolicy(json, sp).replace(/%3D/g, '='))), json);
  }
});
