// The run-wide ledger: one verdict per requirement, each distinct defect once with where it was first
// seen and how often; a scenario about a requirement is left out of it; nothing seen: no verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunWideLedger, ScenarioObservation } from '../suite/run-wide-checks';
import type { TranscriptEntry } from '../lib/transport/transcript';

const env = (inner: string): string => `<mos><mosID>DEV</mosID><ncsID>NCS</ncsID>${inner}</mos>`;
let t = 1;
const fromSut = (message: string, text: string, extra: Partial<TranscriptEntry> = {}): TranscriptEntry => ({ t: t++, who: 'suite', kind: 'mos', direction: 'in', channel: 'mom', socket: 's1', message, text, ...extra });
const toSut = (message: string, messageID: number, socket = 's1'): TranscriptEntry => ({ t: t++, who: 'suite', kind: 'mos', direction: 'out', channel: 'mom', socket, message, messageID, text: env(`<messageID>${messageID}</messageID><${message}/>`) });
const observation = (scenario: string, entries: TranscriptEntry[], about: string[] = []): ScenarioObservation => ({ scenario, about, entries, upgradeTargets: [], allowedValues: [] });

const badTime = (id: number): TranscriptEntry => fromSut('heartbeat', env(`<messageID>${id}</messageID><heartbeat><time>2026-12-04T10:00:00.123Z</time></heartbeat>`), { messageID: id });

test('one content defect in many messages and scenarios is one Fail, with its first scenario and count', () => {
  const ledger = new RunWideLedger();
  ledger.observe(observation('first scenario', [toSut('heartbeat', 1), badTime(1)]));
  ledger.observe(observation('second scenario', [toSut('heartbeat', 2), badTime(2), toSut('heartbeat', 3), badTime(3)]));
  const v = ledger.verdicts('MOS-CONTENT-6')!;
  assert.equal(v.length, 1);
  assert.equal(v[0]!.outcome, 'FAIL');
  assert.match(v[0]!.message, /heartbeat#1: heartbeat\/time/);
  assert.match(v[0]!.message, /first in "first scenario", 3 times/);
  // The other content requirements were judged on the same messages and hold.
  assert.deepEqual(ledger.verdicts('MOS-CONTENT-1'), [{ requirement: 'MOS-CONTENT-1', outcome: 'PASS', message: '3 messages judged over 2 scenarios' }]);
});

test('a scenario about a requirement judges it itself: the ledger leaves its observations out', () => {
  const ledger = new RunWideLedger();
  const leaked = fromSut('roStoryInsert', env('<messageID>4</messageID><roStoryInsert/>'), { messageID: 4 });
  ledger.observe(observation('about deprecated messages', [leaked], ['MOSWS-DEPR-1']));
  assert.equal(ledger.verdicts('MOSWS-DEPR-1'), undefined, 'nothing judged: not applicable');
  ledger.observe(observation('another scenario', [leaked]));
  assert.equal(ledger.verdicts('MOSWS-DEPR-1')![0]!.outcome, 'WARNING', 'DEPR-1 is a SHOULD');
});

test('a reply on another socket is one TRANSPORT-2 Fail; the suite answering a heartbeat is no request', () => {
  const ledger = new RunWideLedger();
  ledger.observe(observation('s', [toSut('heartbeat', 10, 's1'), fromSut('heartbeat', env('<messageID>10</messageID><heartbeat/>'), { messageID: 10, socket: 's2', channel: 'ro' })]));
  assert.equal(ledger.verdicts('MOSWS-TRANSPORT-2')![0]!.outcome, 'FAIL');
  const clean = new RunWideLedger();
  // The system's heartbeat #0 answered by the suite, then another heartbeat #0 of the system: no reply to judge.
  clean.observe(observation('s', [fromSut('heartbeat', env('<messageID>0</messageID><heartbeat/>'), { messageID: 0 }), toSut('heartbeat', 0, 's1'), fromSut('heartbeat', env('<messageID>0</messageID><heartbeat/>'), { messageID: 0, socket: 's2' })]));
  assert.equal(clean.verdicts('MOSWS-TRANSPORT-2'), undefined);
});

test('keepAlive: a messageID is a Warning (KA-4), a broken envelope a Fail (KA-1); a prefix is TRANSPORT-1 once', () => {
  const ledger = new RunWideLedger();
  ledger.observe(observation('s', [
    fromSut('keepAlive', env('<messageID>5</messageID><keepAlive/>'), { messageID: 5 }),
    fromSut('?', '<mos><mosID>DEV</mosID><keepalive/></mos>'),
    fromSut('heartbeat', '\u0000\u0001' + env('<messageID>6</messageID><heartbeat/>'), { messageID: 6, prefix: '\u0000\u0001' }),
    fromSut('heartbeat', '\u0000\u0001' + env('<messageID>7</messageID><heartbeat/>'), { messageID: 7, prefix: '\u0000\u0001' }),
  ]));
  assert.equal(ledger.verdicts('MOSWS-KA-4')![0]!.outcome, 'WARNING');
  assert.equal(ledger.verdicts('MOSWS-KA-1')![0]!.outcome, 'FAIL');
  const framing = ledger.verdicts('MOSWS-TRANSPORT-1')!;
  assert.equal(framing.length, 1);
  assert.match(framing[0]!.message, /preceded by .*2 times/);
});

test('credentials echoed in any answer (a refusal quoting what it refused, a MOS reply) are one SEC-SECRET-1 Warning, and never printed', async () => {
  const { Transcript } = await import('../lib/transport/transcript');
  const tr = new Transcript();
  tr.watchEcho('the password', 'configured-secret');
  tr.watchEcho('a Basic token the suite sent', 'bW9zOndyb25nLXBhc3N3b3Jk');
  // Only what the system sent is judged: the suite's own request carries the token.
  tr.record({ who: 'suite', kind: 'mos', direction: 'out', channel: 'mom', text: 'Authorization: Basic bW9zOndyb25nLXBhc3N3b3Jk' });
  tr.record({ who: 'suite', kind: 'reject', channel: 'mom', text: 'HTTP 401', http: { request: 'GET /mos', response: 'HTTP/1.1 401\n\nrefused Basic bW9zOndyb25nLXBhc3N3b3Jk' } });
  tr.record({ who: 'suite', kind: 'mos', direction: 'in', channel: 'ro', message: 'roAck', text: env('<roAck><roID>1</roID><roStatus>bad password configured-secret</roStatus></roAck>') });
  tr.record({ who: 'suite', kind: 'mos', direction: 'in', channel: 'ro', message: 'roAck', text: env('<roAck><roID>1</roID><roStatus>OK</roStatus></roAck>') });
  assert.ok(!JSON.stringify(tr.entries).includes('configured-secret') && !JSON.stringify(tr.entries).includes('bW9zOndyb25nLXBhc3N3b3Jk'), 'redacted');
  const ledger = new RunWideLedger();
  ledger.observe(observation('s', tr.entries));
  const v = ledger.verdicts('SEC-SECRET-1')!;
  assert.equal(v.length, 1);
  assert.equal(v[0]!.outcome, 'WARNING');
  assert.match(v[0]!.message, /2 distinct defects: an HTTP refusal carried a Basic token the suite sent .*; roAck on the ro socket carried the password/);
  const clean = new RunWideLedger();
  clean.observe(observation('s', [tr.entries[3]!]));
  assert.equal(clean.verdicts('SEC-SECRET-1')![0]!.outcome, 'PASS');
});
