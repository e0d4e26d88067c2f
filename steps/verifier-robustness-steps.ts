// Robustness: malformed requests, each of which must get an HTTP answer (SS-ROBUST-1) and, where
// the suite built it to be refused, must not be served (under the requirement it would break).
// The requests of a batch go out together; a reset, a close or silence is reported with the
// request that caused it.
import { Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { HttpAnswer, NoHttpAnswer, describeRequest, httpRequest, rawTarget } from './support/http-probe';
import { keyOf, served } from './support/verifier-probe';
import { signPolicy } from './support/signed-urls';

interface Malformed {
  what: string;
  method?: string;
  /** The request target: path and query, sent byte for byte (latin1 characters are bytes). */
  target: string;
  /** Built to be refused: serving it breaks this requirement. Absent: any HTTP answer will do. */
  refuse?: string;
}

interface Sent extends Malformed {
  answer?: HttpAnswer;
  noAnswer?: NoHttpAnswer;
}

const batches = new WeakMap<MosWorld, Sent[]>();

/** A correctly signed target for the protected resource and its three signing parameters. */
function signedParts(w: MosWorld): { path: string; policy: string; keyId: string; signature: string } {
  const v = w.verifier!;
  const url = signPolicy(v.resourceUrl, { resource: v.resourceUrl, dateLessThan: w.clock.now() + 60_000 }, keyOf(w));
  const target = rawTarget(url);
  const [path, query] = [target.slice(0, target.indexOf('?')), target.slice(target.indexOf('?') + 1)];
  const get = (n: string): string => /[^&]*/.exec(query.slice(query.indexOf(`${n}=`) + n.length + 1))![0];
  return { path, policy: get('policy'), keyId: get('keyId'), signature: get('signature') };
}

/** UTF-8 bytes of `s` as latin1 characters, so they go on the wire unescaped. */
const rawUtf8 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

const BATCHES: Record<string, (w: MosWorld) => Malformed[]> = {
  'requests with 0 to 8 query parameters': (w) => {
    const s = signedParts(w);
    const signing = [`policy=${s.policy}`, `keyId=${s.keyId}`, `signature=${s.signature}`];
    return Array.from({ length: 9 }, (_x, n) => {
      const params = [...signing.slice(0, Math.min(n, 3)), ...Array.from({ length: Math.max(0, n - 3) }, (_y, i) => `p${i + 1}=${i + 1}`)];
      return { what: `${n} parameter${n === 1 ? '' : 's'}`, target: params.length ? `${s.path}?${params.join('&')}` : s.path, refuse: n === 0 ? 'SS-VERIFY-11' : n < 3 ? 'SS-VERIFY-2' : undefined };
    });
  },
  'requests with repeated, blank and valueless parameters': (w) => {
    const s = signedParts(w);
    const signed = `policy=${s.policy}&keyId=${s.keyId}&signature=${s.signature}`;
    return [
      { what: 'every signing parameter twice', target: `${s.path}?${signed}&${signed}`, refuse: 'SS-VERIFY-2' },
      { what: 'every signing parameter blank', target: `${s.path}?policy=&keyId=&signature=`, refuse: 'SS-VERIFY-2' },
      { what: 'another parameter three times', target: `${s.path}?${signed}&n=1&n=2&n=3` },
      { what: 'empty parameters between the signing ones', target: `${s.path}?&&policy=${s.policy}&&keyId=${s.keyId}&&signature=${s.signature}&&` },
      { what: 'a parameter without "="', target: `${s.path}?${signed}&download` },
      { what: 'a parameter with an empty name', target: `${s.path}?${signed}&=x` },
      { what: 'an empty query', target: `${s.path}?`, refuse: 'SS-VERIFY-11' },
      { what: 'a query of one "&"', target: `${s.path}?&`, refuse: 'SS-VERIFY-11' },
    ];
  },
  'requests with very long values': (w) => {
    const s = signedParts(w);
    const long = 'A'.repeat(6000);
    return [
      { what: 'another parameter of 6000 characters', target: `${s.path}?policy=${s.policy}&keyId=${s.keyId}&signature=${s.signature}&x=${long}` },
      { what: 'a policy of 6000 characters', target: `${s.path}?policy=${long}&keyId=${s.keyId}&signature=${s.signature}`, refuse: 'SS-VERIFY-2' },
      { what: 'a keyId of 6000 characters', target: `${s.path}?policy=${s.policy}&keyId=${long}&signature=${s.signature}`, refuse: 'SS-VERIFY-4' },
      { what: 'a signature of 6000 characters', target: `${s.path}?policy=${s.policy}&keyId=${s.keyId}&signature=${'a'.repeat(6000)}`, refuse: 'SS-VERIFY-3' },
    ];
  },
  'requests with non-ASCII text and invalid percent-escapes': (w) => {
    const s = signedParts(w);
    const signed = `policy=${s.policy}&keyId=${s.keyId}&signature=${s.signature}`;
    return [
      { what: 'percent-encoded UTF-8 in another parameter', target: `${s.path}?${signed}&title=${encodeURIComponent('Nachrichten über 日本')}` },
      { what: 'raw UTF-8 bytes in another parameter', target: `${s.path}?${signed}&title=${rawUtf8('über日本')}` },
      { what: '"%zz" in another parameter', target: `${s.path}?${signed}&x=%zz` },
      { what: 'a truncated "%4" at the end of the query', target: `${s.path}?${signed}&x=%4` },
      { what: '"%zz" in the policy', target: `${s.path}?policy=${s.policy}%zz&keyId=${s.keyId}&signature=${s.signature}`, refuse: 'SS-VERIFY-2' },
      { what: 'a raw UTF-8 byte in the signature', target: `${s.path}?policy=${s.policy}&keyId=${s.keyId}&signature=${s.signature.slice(0, -1)}${rawUtf8('é')}`, refuse: 'SS-VERIFY-3' },
      { what: 'an overlong UTF-8 sequence in the keyId', target: `${s.path}?policy=${s.policy}&keyId=%C0%AF${s.keyId}&signature=${s.signature}`, refuse: 'SS-VERIFY-4' },
    ];
  },
  'unsigned requests with other methods': (w) => {
    const path = rawTarget(w.verifier!.resourceUrl);
    return [
      ...['POST', 'PUT', 'DELETE', 'PATCH'].map((method) => ({ what: `${method} without a signature`, method, target: path, refuse: 'SS-VERIFY-11' })),
      { what: 'OPTIONS without a signature', method: 'OPTIONS', target: path },
      { what: 'an unknown method without a signature', method: 'FROBNICATE', target: path, refuse: 'SS-VERIFY-11' },
    ];
  },
};

When(/^the suite sends ((?:unsigned )?requests with .+)$/, async function (this: MosWorld, name: string) {
  const make = BATCHES[name];
  if (!make) throw new Error(`unknown batch "${name}" (known: ${Object.keys(BATCHES).join('; ')})`);
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(this.verifier!.resourceUrl)![0];
  const sent: Sent[] = make(this);
  await Promise.all(
    sent.map(async (m) => {
      try {
        m.answer = await httpRequest(`${origin}${m.target.split('?')[0]}`, { method: m.method ?? 'GET', target: m.target, body: m.method && m.method !== 'OPTIONS' ? 'x' : undefined, timeoutMs: this.timing.responseTimeoutMs, trust: this.verifier!.trust, transcript: this.transcript });
      } catch (e) {
        if (!(e instanceof NoHttpAnswer)) throw e;
        m.noAnswer = e;
      }
    }),
  );
  batches.set(this, sent);
});

function shown(m: Sent): string {
  return `${m.what}: ${describeRequest(m.method ?? 'GET', m.target, 160)}`;
}

Then('every request got an HTTP answer', function (this: MosWorld) {
  const sent = batches.get(this)!;
  const refused = sent.filter((m) => m.noAnswer?.kind === 'refused');
  if (refused.length === sent.length) throw new CouldNotTest(undefined, `the verifier could not be reached: ${refused[0]!.noAnswer!.message}`);
  const silent = sent.filter((m) => m.noAnswer);
  if (!silent.length) return;
  const lines = silent.slice(0, 4).map((m) => `${m.noAnswer!.message.split(':')[0]} — ${shown(m)}`);
  throw new Verdict('SS-ROBUST-1', `${silent.length} of ${sent.length} requests got no HTTP answer:\n${lines.join('\n')}${silent.length > 4 ? `\n… and ${silent.length - 4} more` : ''}`);
});

Then('none of those built to be refused was served', function (this: MosWorld) {
  const sent = batches.get(this)!;
  const bad = sent.filter((m) => m.refuse && m.answer && served(m.answer));
  if (!bad.length) return;
  const first = bad[0]!;
  throw new Verdict(first.refuse!, `a request that must be refused was served with HTTP ${first.answer!.status}: ${shown(first)}${bad.length > 1 ? ` (and ${bad.length - 1} more: ${bad.slice(1, 4).map((m) => m.what).join('; ')})` : ''}`);
});

Then('those built to be refused were refused with a 4xx status', function (this: MosWorld) {
  // A server error is an answer, but not a refusal the client can act on. (Other methods may get
  // 501, as HTTP has it for a method the server does not implement.)
  const sent = batches.get(this)!;
  const errors = sent.filter((m) => m.refuse && !m.method && m.answer && m.answer.status >= 500);
  if (!errors.length) return;
  this.warn('SS-STATUS-1', `${errors.length} malformed request${errors.length > 1 ? 's were' : ' was'} refused with a server error instead of a 4xx status: ${errors.slice(0, 3).map((m) => `HTTP ${m.answer!.status} for ${shown(m)}`).join('; ')}`);
});
