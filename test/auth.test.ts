import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basicAuthHeader, checkBasicAuth } from '../lib/transport/basic-auth';
import { redactAuthorization, redactHeaders, redactUrl, redactText } from '../lib/transport/redact';

const creds = { username: 'Aladdin', password: 'open sesame' };

test('builds the RFC 7617 header', () => {
  assert.equal(basicAuthHeader(creds), 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
  assert.throws(() => basicAuthHeader({ username: 'a:b', password: 'x' }), /colon/);
});

test('checks credentials', () => {
  assert.deepEqual(checkBasicAuth(basicAuthHeader(creds), creds), { ok: true, username: 'Aladdin' });
  assert.equal(checkBasicAuth('basic ' + Buffer.from('Aladdin:open sesame').toString('base64'), creds).ok, true);
  assert.match((checkBasicAuth(undefined, creds) as { reason: string }).reason, /no Authorization/);
  assert.match((checkBasicAuth('Bearer abc', creds) as { reason: string }).reason, /not a well-formed/);
  assert.match((checkBasicAuth('Basic !!!', creds) as { reason: string }).reason, /not a well-formed/);
  assert.match((checkBasicAuth('Basic ' + Buffer.from('nocolon').toString('base64'), creds) as { reason: string }).reason, /no colon/);
  assert.equal(checkBasicAuth(basicAuthHeader({ username: 'Aladdin', password: 'wrong' }), creds).ok, false);
  assert.equal(checkBasicAuth(basicAuthHeader({ username: 'other', password: 'open sesame' }), creds).ok, false);
  assert.equal(checkBasicAuth(basicAuthHeader({ username: 'Aladdin', password: 'open sesame!' }), creds).ok, false);
  // A password may contain colons; only the first separates.
  const c2 = { username: 'u', password: 'a:b:c' };
  assert.equal(checkBasicAuth(basicAuthHeader(c2), c2).ok, true);
});

test('redaction', () => {
  assert.equal(redactAuthorization('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='), 'Basic ***');
  assert.deepEqual(redactHeaders({ Authorization: 'Basic xyz', host: 'h' }), { Authorization: 'Basic ***', host: 'h' });
  const u = redactUrl('wss://h/p?password=hunter2&mosID=M&apikey=k1&signature=abc');
  assert.ok(!u.includes('hunter2') && !u.includes('k1') && !u.includes('abc'), u);
  assert.ok(u.includes('mosID=M'));
  assert.equal(redactText('the pass is hunter2!', ['hunter2']), 'the pass is ***!');
});
