import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alreadyNormal, normalizeResourceUrl } from '../lib/signing/resource-url';

/** What WHATWG URL makes of it: the reference the fast path must agree with. */
function reference(url: string): { base: string; pathname: string } | null {
  try {
    const u = new URL(url);
    return { base: `${u.protocol}//${u.host}${u.pathname}`, pathname: u.pathname };
  } catch {
    return null;
  }
}

const SCHEMES = ['http', 'https', 'HTTP', 'rtmp', 'ftp'];
const HOSTS = ['dist', 'dist.example.org', 'Dist', '127.0.0.1', '127.1', '0x7f.0.0.1', '256.0.0.1', '01.2.3.4', 'a..b', 'xn--nxasmq6b', 'xn--abc', 'ex.123', 'a-b.c-', '[::1]', 'h_st', 'a.b.'];
const PORTS = ['', ':8080', ':80', ':443', ':0', ':08080', ':65535', ':65536', ':', ':99999'];
const PATHS = ['', '/', '/media/clip.mp4', '/a/../b', '/a/./b', '/%2e%2e/x', '/a b', '/a%20b', '/~u/x', "/a!$&'()*+,;=:@", '/a\\b', '/ü', '/a//b', '/.', '/..', '/.a', '/a..'];
const TAILS = ['', '?q=1', '#f', '?a#b', '#a?b'];

test('the fast path agrees with WHATWG URL on every combination, and takes the usual URLs', () => {
  let fast = 0;
  let total = 0;
  for (const s of SCHEMES) for (const h of HOSTS) for (const p of PORTS) for (const path of PATHS) for (const tail of TAILS) {
    const url = `${s}://${h}${p}${path}${tail}`;
    total++;
    const quick = alreadyNormal(url);
    if (quick) {
      fast++;
      assert.deepEqual(quick, reference(url), url);
    }
    assert.deepEqual(normalizeResourceUrl(url), reference(url), url);
  }
  assert.ok(fast >= 1000, `${fast} of ${total} on the fast path`);
  assert.deepEqual(alreadyNormal('http://dist:8080/media/clip.mp4?policy=x'), { base: 'http://dist:8080/media/clip.mp4', pathname: '/media/clip.mp4' });
  assert.equal(alreadyNormal('http://dist:80/x'), undefined);
  assert.equal(alreadyNormal('http://127.1/x'), undefined);
  assert.equal(normalizeResourceUrl('not a url'), null);
});
