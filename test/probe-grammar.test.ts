// The probe grammar: rows derived from elements × operators, their expected answers, the probes
// of a context, the judgement of answers, and the generated docs/probe-table.md.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CONTROL_ID, PROBE_SCENARIOS, ProbeContext, correctRequest, judgeAnswer, probeRows, probesFor, queryString } from '../lib/conformance/probe-grammar';
import { isRequirement, levelOf } from '../lib/conformance/requirements';
import { probeTableMarkdown } from '../reports/probe-table';
import { parseConnectionParams } from '../lib/transport/url';
import { checkBasicAuth } from '../lib/transport/basic-auth';

const CTX: ProbeContext = { mosID: 'DEV.MOS', ncsID: 'NCS.NCS', ncsIdParam: 'ncsID', channel: 'ro', passive: true, extras: [{ name: 'parameter1', value: '12345' }], credentials: { username: 'mos', password: 's3cret+/pw' }, random: 'r4nd0m' };
const row = (id: string) => probeRows().find((r) => r.id === id)!;
const probe = (id: string, c = CTX) => probesFor(c).find((p) => p.row.id === id)!;

test('every row names a known requirement, a scenario, a reason; ids are unique', () => {
  const rows = probeRows();
  assert.ok(rows.length > 80, `${rows.length} rows`);
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length);
  assert.ok(!rows.some((r) => r.id === CONTROL_ID));
  for (const r of rows) {
    assert.ok(isRequirement(r.requirement), r.id);
    assert.ok(PROBE_SCENARIOS[r.requirement], `${r.id}: no scenario for ${r.requirement}`);
    assert.ok(r.reason.length > 10, r.id);
    // A row whose reason says the text is silent is never a MUST.
    if (/silent/.test(r.reason)) assert.equal(levelOf(r.requirement), 'SHOULD', r.id);
  }
});

test('the scenarios of the feature file are those of PROBE_SCENARIOS, each tagged with its requirement', () => {
  const feature = fs.readFileSync(path.resolve(__dirname, '../../features/mos-ws/probes-listening.feature'), 'utf8');
  for (const [req, title] of Object.entries(PROBE_SCENARIOS)) {
    assert.ok(feature.includes(`@req:${req}\n  Scenario: ${title}\n`), `${req}: "${title}"`);
    assert.ok(feature.includes(`judged by ${req} on every channel`), req);
  }
});

test('expected answers follow the proposal: missing -> URL-1, foreign -> URL-2, credentials -> 401, silence -> SHOULD, freedoms -> either', () => {
  assert.deepEqual([row('mosID/absent').expected, row('mosID/absent').requirement], ['refuse', 'MOSWS-URL-1']);
  assert.deepEqual([row('ncsID/empty').expected, row('ncsID/empty').requirement], ['refuse', 'MOSWS-URL-1']);
  assert.deepEqual([row('channel/foreign').expected, row('channel/foreign').requirement], ['refuse', 'MOSWS-URL-1']);
  assert.deepEqual([row('mosID/suffixed').expected, row('mosID/suffixed').requirement], ['refuse', 'MOSWS-URL-2']);
  assert.deepEqual([row('mosID/truncated').expected, row('mosID/truncated').requirement], ['refuse', 'MOSWS-URL-2']);
  assert.deepEqual([row('password/truncated').expected, row('password/truncated').requirement], ['refuse-401', 'MOSWS-AUTH-2']);
  assert.deepEqual([row('password/empty').expected, row('password/suffixed').expected, row('user/common-account').expected], ['refuse-401', 'refuse-401', 'refuse-401']);
  assert.deepEqual([row('added/added').expected, row('added/added').requirement], ['accept', 'MOSWS-URL-3']);
  assert.deepEqual([row('ncsID/other-spelling').expected, row('ncsID/other-spelling').requirement], ['accept', 'MOSWS-URL-6']);
  // Freedoms of the text: parameter-name case, passive values, base64 variants, repetitions of the same value.
  for (const id of ['mosID/name-case-changed', 'ncsID/name-case-changed', 'passive/foreign', 'passive/case-changed', 'token/base64-unpadded', 'mosID/duplicated', 'Authorization/duplicated']) assert.equal(row(id).expected, 'either', id);
  // Silent: SHOULD.
  for (const id of ['mosID/case-changed', 'channel/padded', 'extra/absent', 'user/case-changed', 'scheme/case-changed']) assert.equal(levelOf(row(id).requirement), 'SHOULD', id);
  assert.equal(row('scheme/case-changed').expected, 'accept');
  assert.equal(row('mosID/other-spelling'), undefined);
});

test('probes change exactly their element; passive rows only on passive sockets; extras only when configured', () => {
  const base = queryString(correctRequest(CTX));
  assert.equal(base, 'parameter1=12345&mosID=DEV.MOS&ncsID=NCS.NCS&channel=ro&passive=true');
  assert.equal(queryString(probe('mosID/absent').request), 'parameter1=12345&ncsID=NCS.NCS&channel=ro&passive=true');
  assert.equal(queryString(probe('channel/duplicated-conflicting').request), 'parameter1=12345&mosID=DEV.MOS&ncsID=NCS.NCS&channel=ro&channel=video&passive=true');
  assert.equal(queryString(probe('ncsID/other-spelling').request), 'parameter1=12345&mosID=DEV.MOS&nCSID=NCS.NCS&channel=ro&passive=true');
  assert.equal(queryString(probe('mosID/percent-encoded').request), 'parameter1=12345&mosID=%44%45%56%2E%4D%4F%53&ncsID=NCS.NCS&channel=ro&passive=true');
  // Encoded twice: decoded once (as RFC 3986 has it) this is "%44%45…", not the mosID; a listener that decodes twice is caught.
  const twice = probe('mosID/percent-encoded-twice');
  assert.equal(queryString(twice.request), 'parameter1=12345&mosID=%25%34%34%25%34%35%25%35%36%25%32%45%25%34%44%25%34%46%25%35%33&ncsID=NCS.NCS&channel=ro&passive=true');
  assert.equal(new URLSearchParams(queryString(twice.request)).get('mosID'), '%44%45%56%2E%4D%4F%53');
  assert.deepEqual([twice.row.expected, twice.row.requirement], ['refuse', 'MOSWS-URL-2']);
  const normal = probesFor({ ...CTX, passive: false, extras: [] });
  assert.ok(!normal.some((p) => p.row.element.id === 'passive' || p.row.element.id === 'extra'));
  assert.ok(!probesFor({ ...CTX, credentials: undefined }).some((p) => p.row.element.in === 'authorization'));
  // No probe is the correct request itself.
  for (const p of probesFor(CTX)) assert.ok(queryString(p.request) !== base || p.request.authorization.join() !== correctRequest(CTX).authorization.join(), p.row.id);
});

test('credential probes: user and password mutated inside a valid Basic token, base64 variants of the same credentials', () => {
  const decode = (h: string) => Buffer.from(h.replace(/^Basic /, ''), 'base64').toString('utf8');
  assert.equal(decode(probe('password/truncated').request.authorization[0]!), 'mos:s3cret+/p');
  assert.equal(decode(probe('password/suffixed').request.authorization[0]!), 'mos:s3cret+/pwX');
  assert.equal(decode(probe('password/empty').request.authorization[0]!), 'mos:');
  assert.equal(decode(probe('user/absent').request.authorization[0]!), ':s3cret+/pw');
  assert.match(decode(probe('user/common-account').request.authorization[0]!), /^(admin|root|user|guest|test):r4nd0m$/);
  assert.equal(probe('Authorization/absent').request.authorization.length, 0);
  assert.equal(probe('Authorization/duplicated-conflicting').request.authorization.length, 2);
  // The reference checker: every MUST credential row is refused, the correct one accepted.
  const creds = CTX.credentials!;
  assert.ok(checkBasicAuth(correctRequest(CTX).authorization[0], creds).ok);
  for (const p of probesFor(CTX).filter((x) => x.row.element.in === 'authorization' && x.row.expected === 'refuse-401')) {
    assert.equal(checkBasicAuth(p.request.authorization[0], creds).ok, false, p.row.id);
  }
});

test('the reference URL parser refuses every MUST query row and accepts every accept row', () => {
  for (const p of probesFor({ ...CTX, extras: [] }).filter((x) => x.row.element.in === 'query')) {
    let ok: boolean;
    try {
      const params = parseConnectionParams(new URLSearchParams(queryString(p.request)));
      ok = params.mosID === CTX.mosID && params.ncsID === CTX.ncsID;
    } catch {
      ok = false;
    }
    if (p.row.expected === 'accept') assert.ok(ok, p.row.id);
    if (p.row.expected === 'refuse' && levelOf(p.row.requirement) === 'MUST') assert.ok(!ok, p.row.id);
  }
});

test('judging answers: 4xx for refuse, 401 with a Basic challenge for credentials, a 5xx is indefinite but still no upgrade', () => {
  const up = { kind: 'upgraded' } as const;
  const r400 = { kind: 'refused', status: 400, basicChallenge: false } as const;
  const r401 = { kind: 'refused', status: 401, basicChallenge: true } as const;
  const r500 = { kind: 'refused', status: 500, basicChallenge: false } as const;
  assert.ok(judgeAnswer('refuse', r400).ok);
  assert.ok(!judgeAnswer('refuse', up).ok);
  assert.ok(!judgeAnswer('refuse', r400, 403).ok);
  assert.ok(judgeAnswer('refuse', { kind: 'closed' }).ok);
  assert.ok(judgeAnswer('refuse-401', r401).ok);
  assert.ok(!judgeAnswer('refuse-401', { ...r401, basicChallenge: false }).ok);
  assert.ok(!judgeAnswer('refuse-401', r400).ok);
  assert.ok(judgeAnswer('accept', up).ok);
  assert.ok(!judgeAnswer('accept', { kind: 'closed' }).ok);
  assert.ok(judgeAnswer('either', r400).ok && judgeAnswer('either', up).ok);
  const five = judgeAnswer('refuse', r500);
  assert.ok(five.ok && five.indefinite);
  assert.ok(judgeAnswer('either', { kind: 'none', reason: 'reset' }).indefinite);
});

test('docs/probe-table.md is current (npm run probe-table)', () => {
  const committed = fs.readFileSync(path.resolve(__dirname, '../../docs/probe-table.md'), 'utf8');
  assert.equal(committed, probeTableMarkdown());
});
