import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MosCodecError, buildMos, parseMos, readMos } from '../lib/mos/envelope';
import { parseXml } from '../lib/mos/xml';
import { installRegExpCache } from '../lib/mos/xmldom-regexp-cache';
import * as M from '../lib/mos/messages';
import { DEPRECATED_MESSAGES, isDeprecated, isKnownMessage, profileOf } from '../lib/mos/catalogue';

const env = (inner: string): string => `<mos><mosID>DEV</mosID><ncsID>NCS</ncsID>${inner}</mos>`;

test('parses a sequenced message', () => {
  const m = parseMos(env('<messageID>7</messageID><roReq><roID>RO-1</roID></roReq>'));
  assert.equal(m.mosID, 'DEV');
  assert.equal(m.ncsID, 'NCS');
  assert.equal(m.messageID, 7);
  assert.equal(m.name, 'roReq');
  assert.equal(m.body.children[0]!.text, 'RO-1');
});

test('keepAlive needs no messageID and is built without one', () => {
  const text = buildMos({ mosID: 'DEV', ncsID: 'NCS', body: M.keepAlive() });
  assert.equal(text, '<mos><mosID>DEV</mosID><ncsID>NCS</ncsID><keepAlive/></mos>');
  const m = parseMos(text);
  assert.equal(m.name, 'keepAlive');
  assert.equal(m.messageID, undefined);
});

test('round-trips every builder', () => {
  const ro = { roID: 'R&1', roSlug: 'a <b>', stories: [{ storyID: 'S', storySlug: 's', items: [{ itemID: 'I', objID: 'O', mosID: 'DEV' }] }] };
  for (const body of [M.heartbeat(), M.reqMachInfo(), M.roReq('R'), M.roList(ro), M.roCreate(ro), M.roAck('R'), M.mosAck('O'), M.mosObj({ objID: 'O', objSlug: 's', objType: 'VIDEO', objDur: 10, proxyPath: 'http://x/y?a=1&b=2' }), M.roElementAction('R', 'INSERT', { storyID: 'S' }, { stories: ro.stories }), M.listMachInfo({ manufacturer: 'm', model: 'm', hwRev: '1', swRev: '1', DOM: 'd', SN: 's', ID: 'i', profiles: [0, 1] })]) {
    const m = parseMos(buildMos({ mosID: 'DEV', ncsID: 'NCS', messageID: 3, body }));
    assert.equal(m.name, body.name);
    assert.equal(m.messageID, 3);
  }
  const parsed = parseMos(buildMos({ mosID: 'DEV', ncsID: 'NCS', messageID: 1, body: M.roList(ro) }));
  assert.equal(parsed.body.children.find((c) => c.name === 'roSlug')!.text, 'a <b>');
});

test('sequenced message without messageID is refused', () => {
  assert.throws(() => buildMos({ mosID: 'a', ncsID: 'b', body: M.roReq('x') }), MosCodecError);
  assert.throws(() => parseMos(env('<roReq><roID>x</roID></roReq>')), /has no <messageID>/);
});

test('strict errors name what is wrong', () => {
  assert.throws(() => parseMos('<mos><ncsID>N</ncsID><messageID>1</messageID><heartbeat/></mos>'), /no <mosID>/);
  assert.throws(() => parseMos('<mos><mosID>D</mosID><messageID>1</messageID><heartbeat/></mos>'), /no <ncsID>/);
  assert.throws(() => parseMos('<mos><mosID></mosID><ncsID>N</ncsID><messageID>1</messageID><heartbeat/></mos>'), /<mosID> is empty/);
  assert.throws(() => parseMos(env('<messageID>1</messageID>')), /no message element/);
  assert.throws(() => parseMos(env('<messageID>1</messageID><heartbeat/><reqMachInfo/>')), /2 message elements/);
  assert.throws(() => parseMos(env('<messageID>x1</messageID><heartbeat/>')), /not a non-negative integer/);
  assert.throws(() => parseMos(env('<messageID>1</messageID><messageID>2</messageID><heartbeat/>')), /more than once/);
  assert.throws(() => parseMos('<notmos/>'), /root element is <notmos>/);
  assert.throws(() => parseMos('<mos><mosID>D</mos>'), /malformed XML/);
  assert.throws(() => parseMos(''), MosCodecError);
});

test('refuses DOCTYPE, entities (XXE, billion laughs) and oversize input', () => {
  const xxe = '<?xml version="1.0"?><!DOCTYPE mos [<!ENTITY x SYSTEM "file:///etc/passwd">]><mos><mosID>&x;</mosID></mos>';
  assert.throws(() => parseMos(xxe), /DOCTYPE or ENTITY/);
  const lol = '<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><mos>&b;</mos>';
  assert.throws(() => parseMos(lol), /DOCTYPE or ENTITY/);
  assert.throws(() => parseXml('<a>' + 'x'.repeat(2000) + '</a>', 1000), /larger than the limit/);
  assert.throws(() => parseXml('<a>\uFFFD</a>'), /invalid UTF-8/);
});

test('catalogue: profiles, deprecated list, keepAlive in profile 0', () => {
  assert.equal(profileOf('keepAlive'), 0);
  assert.equal(profileOf('roElementAction'), 2);
  assert.equal(DEPRECATED_MESSAGES.length, 13);
  for (const d of ['roStoryInsert', 'roItemStat', 'roStat', 'roStoryMoveMultiple']) assert.ok(isDeprecated(d), d);
  assert.ok(!isDeprecated('roElementAction'));
  assert.ok(isKnownMessage('mosObj'));
  assert.ok(!isKnownMessage('roltemInsert'));
});

test('the fast serializer writes exactly what xmldom writes', async () => {
  const { serializeXml, serializeXmlWithXmldom, el } = await import('../lib/mos/xml');
  const ro = { roID: 'R&1"', roSlug: "a <b> 'c' \t\n\r >", stories: [{ storyID: 'S', storySlug: '', items: [{ itemID: 'I', objID: 'O', mosID: 'DEV' }] }] };
  const trees = [M.roList(ro), M.roElementAction('R', 'INSERT', { storyID: 'S' }, { stories: ro.stories }), M.mosObj({ objID: 'O', objSlug: 's&', objType: 'VIDEO', objDur: 1, proxyPath: 'http://h/p?a=1&b="2"\n' }), el('x', [el('y'), el('z', '')]), M.keepAlive()];
  for (const t of trees) assert.equal(serializeXml(t), serializeXmlWithXmldom(t));
  assert.throws(() => serializeXml(el('bad name')), /not an XML element name/);
});

test("xmldom's per-end-tag RegExp is built once: memoised by argument identity, bounded, never for g/y", () => {
  let built = 0;
  const grammar: { reg?: (...parts: Array<RegExp | string>) => RegExp } = {
    reg: (...parts) => {
      built++;
      return new RegExp(parts.map((p) => (typeof p === 'string' ? p : p.source)).join(''), parts.includes('g') ? 'g' : 'u');
    },
  };
  assert.equal(installRegExpCache(grammar), true);
  const name = /[a-z]+/;
  const a = grammar.reg!('^', name, '$');
  assert.equal(grammar.reg!('^', name, '$'), a);
  assert.equal(built, 1);
  assert.notEqual(grammar.reg!('^', name), a); // other parts, other RegExp
  assert.notEqual(grammar.reg!('^', /[a-z]+/, '$'), a); // same source, other object: not assumed equal
  assert.notEqual(grammar.reg!('g', name), grammar.reg!('g', name)); // stateful (global) RegExps are never shared
  assert.equal(installRegExpCache(grammar), true); // idempotent
  for (let i = 0; i < 600; i++) grammar.reg!(`x${i}`); // dynamic parts: the cache stops growing
  const before = built;
  grammar.reg!('x599');
  assert.equal(built, before + 1);
  assert.equal(installRegExpCache({}), false);
  // The real module is patched (a new xmldom layout would make this fail rather than silently slow down).
  assert.equal((require('@xmldom/xmldom/lib/grammar') as { reg: { memoised?: boolean } }).reg.memoised, true);
});

test('a UTF-8 byte-order mark before the envelope is read as the encoding signature XML allows', () => {
  const m = parseMos('\uFEFF' + env('<messageID>3</messageID><heartbeat/>'));
  assert.equal(m.name, 'heartbeat');
  assert.equal(m.messageID, 3);
  assert.equal(parseMos('\uFEFF' + env('<keepAlive/>')).name, 'keepAlive');
});

test('text before the envelope is returned as a prefix and the message is still read', () => {
  const r = readMos('\u0000\u0000\u0001\u0002' + env('<messageID>9</messageID><roReq><roID>RO-1</roID></roReq>'));
  assert.equal(r.prefix, '\u0000\u0000\u0001\u0002');
  assert.equal(r.message.name, 'roReq');
  assert.equal(r.message.messageID, 9);
  assert.equal(readMos(env('<keepAlive/>')).prefix, undefined);
  assert.equal(readMos('\uFEFF' + env('<keepAlive/>')).prefix, undefined, 'a byte-order mark is no prefix');
  // Nothing readable after the prefix: the original error stands.
  assert.throws(() => readMos('garbage <mos><mosID>x</mosID>'), MosCodecError);
});
