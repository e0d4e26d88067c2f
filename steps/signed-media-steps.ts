// Signed media URLs in MOS objects: objProxyPath plays until it expires.
import { Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { Verdict } from './support/verdicts';
import { EmbeddedSut } from './support/sut';
import { EmbeddedVerifier, EMBEDDED_STREAM_KEY } from './support/stream-sut';
import { signUrl } from '../lib/signing/signer';
import { parseMos } from '../lib/mos/envelope';
import { parsePolicyJson } from '../lib/signing/policy';
import { decodeBase64Liberal } from '../lib/signing/base64url';
import { rawQueryParams } from '../lib/signing/verifier';
import { httpRequest } from './support/http-probe';
import { perform } from './passive-steps';

/** Embedded: a distribution server, and a device that signs its proxy URLs for it. */
export async function prepareSignedMedia(w: MosWorld): Promise<void> {
  if (!(w.sut instanceof EmbeddedSut)) return;
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
}

When('the system under test is asked to publish object {word}', async function (this: MosWorld, objID: string) {
  this.mark = Date.now();
  return perform(this, { kind: 'publish-object', objID });
});

Then('a mosObj for {word} arrives with a signed objProxyPath', async function (this: MosWorld, objID: string) {
  const wait = this.sut.embedded ? this.timing.responseTimeoutMs : this.timing.operatorMs;
  const e = await this.untilEntry((e) => e.who === 'suite' && e.direction === 'in' && e.message === 'mosObj' && e.text.includes(`<objID>${objID}</objID>`), wait, () => new Verdict('SS-MOS-1', `no mosObj for ${objID} arrived within ${wait} ms`), `a mosObj for ${objID} from the ${this.role} under test`, this.mark);
  const m = parseMos(e.text);
  const proxy = m.body.children.find((c) => c.name === 'objPaths')?.children.find((c) => c.name === 'objProxyPath')?.text;
  if (!proxy) throw new Verdict('SS-MOS-1', `the mosObj for ${objID} has no objPaths/objProxyPath`);
  const q = proxy.includes('?') ? proxy.slice(proxy.indexOf('?') + 1) : '';
  const names = rawQueryParams(q).map(([k]) => k);
  for (const p of ['policy', 'keyId', 'signature']) if (!names.includes(p)) throw new Verdict('SS-MOS-1', `the objProxyPath ${proxy.split('?')[0]} is not signed: no ${p} parameter`);
  this.signedUrl = proxy;
  const policy = rawQueryParams(q).find(([k]) => k === 'policy')![1];
  this.expiresAt = parsePolicyJson(decodeBase64Liberal(policy)).dateLessThan;
});

async function play(w: MosWorld): Promise<number> {
  const a = await httpRequest(w.signedUrl!, { timeoutMs: w.timing.responseTimeoutMs, trust: { allowUntrusted: w.config.stream.verifier?.allowUntrusted ?? true }, transcript: w.transcript });
  return a.status;
}

Then('its objProxyPath is served', async function (this: MosWorld) {
  const status = await play(this);
  if (status < 200 || status > 299) throw new Verdict('SS-MOS-1', `the signed objProxyPath was refused with HTTP ${status} before its expiry`);
});

Then('its objProxyPath is refused once it has expired', async function (this: MosWorld) {
  if (this.sut.embedded) {
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
