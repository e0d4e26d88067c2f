import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClientUrl, parseConnectionParams } from '../lib/transport/url';

test('builds the proposal example URL, keeping configured parameters first', () => {
  const url = buildClientUrl({ baseUrl: 'wss://dev.example/somepath/MyDeviceMos?parameter1=12345', mosID: 'MYMOSID', ncsID: 'MYNCSID', channel: 'mom' });
  assert.equal(url, 'wss://dev.example/somepath/MyDeviceMos?parameter1=12345&mosID=MYMOSID&ncsID=MYNCSID&channel=mom');
  const ro = buildClientUrl({ baseUrl: 'wss://dev.example/x?parameter1=12345', mosID: 'M', ncsID: 'N', channel: 'ro', passive: true });
  assert.equal(ro, 'wss://dev.example/x?parameter1=12345&mosID=M&ncsID=N&channel=ro&passive=true');
});

test('configured MOS parameters in the base URL are replaced, not duplicated', () => {
  const url = buildClientUrl({ baseUrl: 'ws://h/p?mosID=OLD&channel=aux&k=v', mosID: 'M', ncsID: 'N', channel: 'ro' });
  assert.equal(new URL(url).searchParams.getAll('mosID').join(), 'M');
  assert.equal(new URL(url).searchParams.getAll('channel').join(), 'ro');
  assert.equal(new URL(url).searchParams.get('k'), 'v');
});

test('ncsID parameter name is configurable (nCSID spelling)', () => {
  const url = buildClientUrl({ baseUrl: 'ws://h/p', mosID: 'M', ncsID: 'N', channel: 'ro', ncsIdParam: 'nCSID' });
  assert.match(url, /nCSID=N/);
});

test('refuses credentials in the URL and non-ws schemes', () => {
  assert.throws(() => buildClientUrl({ baseUrl: 'wss://u:p@h/p', mosID: 'M', ncsID: 'N', channel: 'ro' }), /credentials must not be in the URL/);
  assert.throws(() => buildClientUrl({ baseUrl: 'https://h/p', mosID: 'M', ncsID: 'N', channel: 'ro' }), /ws or wss/);
});

const parse = (q: string, o = {}) => parseConnectionParams(new URLSearchParams(q), o);

test('validates required parameters', () => {
  const p = parse('parameter1=1&mosID=M&ncsID=N&channel=mom');
  assert.deepEqual(p, { mosID: 'M', ncsID: 'N', channel: 'mom', passive: false, extra: { parameter1: '1' } });
  assert.throws(() => parse('ncsID=N&channel=mom'), /mosID is missing/);
  assert.throws(() => parse('mosID=&ncsID=N&channel=mom'), /mosID is missing/);
  assert.throws(() => parse('mosID=M&channel=mom'), /ncsID \(or nCSID\) is missing/);
  assert.throws(() => parse('mosID=M&ncsID=N'), /channel is missing/);
  assert.throws(() => parse('mosID=M&ncsID=N&channel=video'), /channel "video" is not one of/);
  assert.throws(() => parse('mosID=M&mosID=X&ncsID=N&channel=ro'), /given 2 times with different values/);
  assert.equal(parse('mosID=M&mosID=M&ncsID=N&channel=ro').mosID, 'M');
  assert.throws(() => parse('mosID=M&ncsID=N&channel=ro&passive=yes'), /passive must be true or false/);
});

test('nCSID alias and channel typo are interpretations with switches', () => {
  assert.equal(parse('mosID=M&nCSID=N&channel=ro').ncsID, 'N');
  assert.throws(() => parse('mosID=M&nCSID=N&channel=ro', { ncsIdNames: ['ncsID'] }), /ncsID is missing/);
  assert.throws(() => parse('mosID=M&ncsID=N&nCSID=N&channel=ro'), /several names/);
  assert.throws(() => parse('mosID=M&ncsID=N&channel-ro'), /channel is missing/);
  assert.equal(parse('mosID=M&ncsID=N&channel-ro', { acceptChannelTypo: true }).channel, 'ro');
});

test('passive flag', () => {
  assert.equal(parse('mosID=M&ncsID=N&channel=ro&passive=true').passive, true);
  assert.equal(parse('mosID=M&ncsID=N&channel=ro&passive=false').passive, false);
});
