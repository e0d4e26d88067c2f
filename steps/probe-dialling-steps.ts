// A dialling system's connection request checked element by element against the grammar
// (lib/conformance/probe-grammar.ts): each required parameter once with its exact value, each
// configured extra parameter once with its configured value, nothing else; and every MOS envelope
// the system writes carries the identities of the connection it travels on.
import { Then, When } from '@cucumber/cucumber';
import { MosWorld } from './support/world';
import { CouldNotTest, Verdict } from '../suite/verdicts';
import { readMos } from '../lib/mos/envelope';
import { CHANNELS } from '../lib/mos/catalogue';
import { NCS_ID_ALIASES } from '../lib/transport/url';

/** The query of a request target as written: names and values decoded, in order. */
function rawParams(target: string): Array<{ name: string; value: string; raw: string }> {
  const q = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
  const d = (s: string): string => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return q.split('&').filter(Boolean).map((raw) => ({ name: d(raw.split('=')[0]!), value: d(raw.includes('=') ? raw.slice(raw.indexOf('=') + 1) : ''), raw }));
}

When('the suite sends a heartbeat over every connection the system opened', async function (this: MosWorld) {
  const suite = this.suite!;
  for (const ch of ['mom', 'ro'] as const) {
    try {
      await suite.heartbeat(ch);
    } catch (e) {
      this.log(`no heartbeat answer on ${ch}: ${(e as Error).message}`);
    }
  }
});

Then(/^every connection request carries each required and configured parameter exactly once with its exact value(?:, passive=true on its passive sockets)?, and nothing else$/, function (this: MosWorld) {
  const requests = this.suite!.upgradeRequests;
  if (!requests.length) throw new CouldNotTest(undefined, 'the system sent no connection request');
  const extras = this.config.suiteEndpoint.extraParams;
  const should: string[] = [];
  for (const r of requests) {
    const params = rawParams(r.target);
    const all = (names: readonly string[]) => params.filter((p) => names.includes(p.name));
    const where = `a connection request (${r.target.split('?')[0]}, channel ${all(['channel'])[0]?.value ?? '?'})`;
    // Required: present with the exact value (a MUST), exactly once (a SHOULD).
    const required: Array<[string, readonly string[], (v: string) => boolean, string]> = [
      ['mosID', ['mosID'], (v) => v === this.sut.mosID, `"${this.sut.mosID}"`],
      ['the NCS ID', NCS_ID_ALIASES, (v) => v === this.sut.ncsID, `"${this.sut.ncsID}"`],
      ['channel', ['channel'], (v) => (CHANNELS as readonly string[]).includes(v), 'mom, ro or aux'],
    ];
    for (const [what, names, ok, want] of required) {
      const given = all(names);
      if (!given.length) throw new Verdict('MOSWS-URL-1', `${where} has no ${what} parameter`);
      const bad = given.find((p) => !ok(p.value));
      if (bad) throw new Verdict('MOSWS-URL-1', `${where} names ${what} "${bad.value}" (as ${bad.raw}); expected ${want}`);
      if (given.length > 1) should.push(`${where} writes ${what} ${given.length} times (${given.map((p) => p.raw).join(', ')})`);
    }
    for (const [name, value] of Object.entries(extras)) {
      const given = all([name]);
      if (!given.length) throw new Verdict('MOSWS-URL-3', `${where} dropped the configured parameter ${name}`);
      const bad = given.find((p) => p.value !== value);
      if (bad) throw new Verdict('MOSWS-URL-3', `${where} changed the configured parameter ${name} to "${bad.value}" (configured ${name}=${value})`);
      if (given.length > 1) should.push(`${where} writes the configured parameter ${name} ${given.length} times`);
    }
    // passive=true is the proposal's own parameter: a system that dials in passive mode writes it in every scenario.
    const known = new Set<string>(['mosID', ...NCS_ID_ALIASES, 'channel', 'passive', ...Object.keys(extras)]);
    const added = params.filter((p) => !known.has(p.name));
    if (added.length) should.push(`${where} adds ${added.map((p) => `"${p.raw}"`).join(', ')}, which the configured URL does not have`);
    const passive = all(['passive']);
    if (passive.some((p) => p.value !== 'true')) should.push(`${where} writes ${passive.map((p) => p.raw).join(', ')}; the passive sockets are flagged passive=true`);
    if (passive.length > 1) should.push(`${where} writes passive ${passive.length} times`);
  }
  this.metrics.requestsChecked = requests.length;
  if (should.length) throw new Verdict('MOSWS-URL-9', `${should[0]}${should.length > 1 ? ` (and ${should.length - 1} more: ${should.slice(1, 4).join('; ')})` : ''}`);
});

Then('every message the system sent carries the mosID and ncsID of its connection', function (this: MosWorld) {
  const got = this.transcript.entries.filter((e) => e.who === 'suite' && e.kind === 'mos' && e.direction === 'in' && e.message !== '?');
  if (!got.length) {
    // Frames the suite's endpoint had to refuse are the system's defect (SEC-WS-8, judged in its own scenario).
    const frame = this.frameErrors()[0];
    if (frame) throw this.blocked('SEC-WS-8', `the system sent no MOS message the suite could read: its endpoint refused a frame (${frame})`);
    throw new CouldNotTest(undefined, 'the system sent no MOS message in this scenario');
  }
  for (const e of got) {
    let m;
    try {
      m = readMos(e.text).message;
    } catch {
      continue;
    }
    if (m.mosID !== this.sut.mosID || m.ncsID !== this.sut.ncsID) {
      throw new Verdict('MOSWS-ENV-1', `the ${m.name}${m.messageID !== undefined ? `#${m.messageID}` : ''} the system sent on the ${e.channel}${e.passive ? ' passive' : ''} connection carries mosID "${m.mosID}" and ncsID "${m.ncsID}"; the connection is that of mosID "${this.sut.mosID}" and ncsID "${this.sut.ncsID}"`);
    }
  }
  this.metrics.envelopesChecked = got.length;
});
