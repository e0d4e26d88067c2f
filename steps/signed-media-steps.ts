// Signed media URLs in MOS objects: objProxyPath is signed (with the configured key, where the
// suite knows it), plays until it expires, and is refused after.
//   Embedded device: signs for the suite's distribution server with the embedded key.
//   Vendor device with stream.media.listen: the suite hosts the distribution server the device's
//     proxy base URL points at, with the vendor's key (stream.media.keyId/secretEnv); expiry is
//     checked on the suite's own clock, no waiting.
//   Vendor device otherwise: the proxy URLs play where they point (the vendor's distribution
//     server); with stream.media.keyId/secretEnv the signature is checked against that key too.
import { Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { Verdict } from '../suite/verdicts';
import { EmbeddedSut } from './support/sut';
import { EmbeddedVerifier, EMBEDDED_STREAM_KEY, secretFromEnv } from './support/stream-sut';
import { signUrl } from '../lib/signing/signer';
import { readMos } from '../lib/mos/envelope';
import { parsePolicyJson } from '../lib/signing/policy';
import { decodeBase64Liberal } from '../lib/signing/base64url';
import { signatureMatches } from '../lib/signing/signature';
import { rawQueryParams } from '../lib/signing/verifier';
import { normalizeResourceUrl } from '../lib/signing/resource-url';
import { NoHttpAnswer, describeRequest, httpRequest } from './support/http-probe';
import { perform } from './passive-steps';

/** The key the device's proxy URLs must be signed with, when the suite knows it. */
function mediaKey(w: MosWorld): { keyId: string; secret: string } | undefined {
  if (w.sut.embedded) return EMBEDDED_STREAM_KEY;
  const m = w.config.stream.media;
  if (!m?.keyId) return undefined;
  return { keyId: m.keyId, secret: secretFromEnv(m.secretEnv, 'stream.media') };
}

/**
 * A distribution server of the suite's: for the embedded device, or a vendor's with stream.media.listen.
 * Returns why the scenario does not apply, for a vendor device that declares no protected media.
 */
export async function prepareSignedMedia(w: MosWorld): Promise<string | undefined> {
  if (w.sut instanceof EmbeddedSut) {
    const v = new EmbeddedVerifier(true, w.clock, w.transcript, []);
    await v.start();
    w.verifier = v;
    const base = `${v.server.origin()}/media`;
    w.sut.media = {
      baseUrl: base,
      sign: (url) => {
        v.addFile(new URL(url).pathname.replace(/^\//, ''));
        return signUrl(url, { ...EMBEDDED_STREAM_KEY, expiresAt: w.clock.now() + 60_000 });
      },
    };
    return undefined;
  }
  const m = w.config.stream.media;
  if (!m) return 'the device under test is not configured as publishing media on a protected distribution server (stream.media in the configuration)';
  const key = mediaKey(w);
  if (key) w.transcript.addSecret(key.secret);
  if (!m.listen) return undefined;
  if (!key) throw new Error('stream.media.listen needs stream.media.keyId and secretEnv: the key the device signs with');
  const hp = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(m.listen);
  if (!hp) throw new Error(`stream.media.listen takes HOST:PORT, got ${m.listen}`);
  const v = new EmbeddedVerifier(m.strict ?? true, w.clock, w.transcript, [], 'opencast-java', key, { host: hp[1] ?? hp[2]!, port: Number(hp[3]), anyPath: true });
  await v.start();
  w.verifier = v;
  return undefined;
}

When('the system under test is asked to publish object {word}', async function (this: MosWorld, objID: string) {
  this.mark = Date.now();
  return perform(this, { kind: 'publish-object', objID });
});

Then('a mosObj for {word} arrives with a signed objProxyPath', async function (this: MosWorld, objID: string) {
  const wait = this.sut.embedded ? this.timing.responseTimeoutMs : this.timing.operatorMs;
  const e = await this.untilEntry((e) => e.who === 'suite' && e.direction === 'in' && e.message === 'mosObj' && e.text.includes(`<objID>${objID}</objID>`), wait, () => new Verdict('SS-MOS-1', `no mosObj for ${objID} arrived within ${wait} ms`), `a mosObj for ${objID} from the ${this.role} under test`, this.mark);
  const m = readMos(e.text).message;
  const proxy = m.body.children.find((c) => c.name === 'objPaths')?.children.find((c) => c.name === 'objProxyPath')?.text;
  if (!proxy) throw new Verdict('SS-MOS-1', `the mosObj for ${objID} has no objPaths/objProxyPath`);
  const q = proxy.includes('?') ? proxy.slice(proxy.indexOf('?') + 1) : '';
  const params = rawQueryParams(q);
  const names = params.map(([k]) => k);
  for (const p of ['policy', 'keyId', 'signature']) if (!names.includes(p)) throw new Verdict('SS-MOS-1', `the objProxyPath ${proxy.split('?')[0]} is not signed: no ${p} parameter`);
  const get = (n: string): string => params.find(([k]) => k === n)![1];
  let json: string;
  let policy;
  try {
    json = decodeBase64Liberal(get('policy'));
    policy = parsePolicyJson(json);
  } catch (err) {
    throw new Verdict('SS-MOS-1', `the objProxyPath's policy cannot be read: ${(err as Error).message}`);
  }
  this.signedUrl = proxy;
  this.expiresAt = policy.dateLessThan;
  const key = mediaKey(this);
  if (!key) return;
  if (get('keyId') !== key.keyId) throw new Verdict('SS-MOS-1', `the objProxyPath is signed with keyId "${get('keyId')}"; the key configured for its distribution server is "${key.keyId}"`);
  if (!signatureMatches(json, key.secret, get('signature'))) throw new Verdict('SS-MOS-1', `the objProxyPath's signature is not the HMAC-SHA256 of its policy with the configured key "${key.keyId}"`);
  const unsigned = proxy.replace(/[?&](policy|keyId|signature)=[^&]*/g, '');
  if (normalizeResourceUrl(policy.resource)?.base !== normalizeResourceUrl(unsigned)?.base) throw new Verdict('SS-MOS-1', `the objProxyPath's policy is for ${policy.resource}, not for ${unsigned}`);
});

async function play(w: MosWorld): Promise<number> {
  const trust = { allowUntrusted: w.config.stream.media?.allowUntrusted ?? w.config.stream.verifier?.allowUntrusted ?? true };
  try {
    const a = await httpRequest(w.signedUrl!, { timeoutMs: w.timing.responseTimeoutMs, trust, transcript: w.transcript });
    return a.status;
  } catch (e) {
    if (e instanceof NoHttpAnswer) throw new Verdict('SS-MOS-1', `the objProxyPath could not be played: ${e.message}`);
    throw e;
  }
}

Then('its objProxyPath is served', async function (this: MosWorld) {
  const status = await play(this);
  if (status < 200 || status > 299) throw new Verdict('SS-MOS-1', `the signed objProxyPath was refused with HTTP ${status} before its expiry: ${describeRequest('GET', this.signedUrl!)}`);
});

Then('its objProxyPath is refused once it has expired', async function (this: MosWorld) {
  if (this.verifier instanceof EmbeddedVerifier) {
    // The suite's own distribution server: its clock is the scenario's.
    this.clock.setTo(this.expiresAt! + 1);
  } else {
    const wait = this.expiresAt! + 1 + (this.config.stream.clockSkewMs ?? 1000) - Date.now();
    if (wait > this.timing.operatorMs) {
      return this.notApplicable(`the proxy URL expires in ${Math.round(wait / 1000)} s, longer than the suite waits (operatorMs)`);
    }
    if (wait > 0) await this.pause(wait, 'the signed objProxyPath to expire');
  }
  const status = await play(this);
  if (status >= 200 && status <= 299) throw new Verdict('SS-MOS-1', `the objProxyPath was still served (HTTP ${status}) after it expired`);
  if (status !== 410) this.warn('SS-STATUS-1', `the expired objProxyPath was refused with HTTP ${status}; Opencast answers 410`);
  return undefined;
});
