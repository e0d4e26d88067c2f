// Smoke check of the correct zoo programs against each other (npm test runs it through
// test/peer-selfchecks.test.ts):
//   node dist/test/vendor-zoo/selfcheck.js
// 1. normal mode over wss: device and NRCS both listen and both dial (two sockets each way)
// 2. passive mode over wss: the NRCS (inside) dials the listening device with passive sockets
// 3. passive mode through a cutting proxy: dropped passive sockets come back at once, nothing lost
// 4. configured extra URL parameters (--listen-extra): listenUrl, exact/equivalent/wrong requests

import * as fs from 'fs';
import {
  CuttingProxy, JournalEntry, Running, ZooState, act, baseArgs, freePort, makeCert, sleep, startZoo, state, waitFor,
} from './harness';

// optional: run the same scenarios with one side broken, to see which checks a variant trips
const argOf = (flag: string): string => {
  const i = process.argv.indexOf(flag);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : 'correct';
};
const DEVICE_VARIANT = argOf('--device-variant');
const NRCS_VARIANT = argOf('--nrcs-variant');
const dev = (): string[] => baseArgs('device', DEVICE_VARIANT);
const ncs = (): string[] => baseArgs('nrcs', NRCS_VARIANT);

let failures = 0;
let passes = 0;
function check(what: string, ok: boolean, detail = ''): void {
  if (ok) passes++;
  else failures++;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` — ${detail}` : ''}\n`);
}

function recv(s: ZooState, name: string): JournalEntry[] {
  return s.journal.filter((e) => e.ev === 'recv' && e.name === name);
}
function sent(s: ZooState, name: string): JournalEntry[] {
  return s.journal.filter((e) => e.ev === 'send' && e.name === name);
}

/** the originator sent `name` with some id and got `replyName` back with the same id on the same socket */
async function roundTrip(z: Running, action: unknown, name: string, replyNames: string[]): Promise<JournalEntry | undefined> {
  const r = await act(z.control!, action);
  if (r.status !== 200) throw new Error(`action ${JSON.stringify(action)} -> ${r.status} ${r.text}`);
  const id = (JSON.parse(r.text) as { messageIDs: number[] }).messageIDs.slice(-1)[0];
  return waitFor(`${replyNames.join('/')} for ${name} ${id}`, async () => {
    const s = await state(z.control!);
    const out = sent(s, name).find((e) => e.messageID === id);
    if (!out) return undefined;
    return s.journal.find((e) => e.ev === 'recv' && replyNames.includes(e.name ?? '') && e.messageID === id && e.link === out.link);
  });
}

async function common(device: Running, nrcs: Running, label: string, deviceOriginates: boolean): Promise<void> {
  // heartbeat and reqMachInfo, both ways
  const hb = await roundTrip(nrcs, { kind: 'originate', message: 'heartbeat' }, 'heartbeat', ['heartbeat']);
  check(`${label}: NRCS heartbeat answered on its socket with its messageID`, !!hb);
  const mi = await roundTrip(nrcs, { kind: 'originate', message: 'reqMachInfo', channel: 'ro' }, 'reqMachInfo', ['listMachInfo']);
  check(`${label}: NRCS reqMachInfo -> listMachInfo`, !!mi);
  if (deviceOriginates) {
    const dm = await roundTrip(device, { kind: 'originate', message: 'reqMachInfo' }, 'reqMachInfo', ['listMachInfo']);
    check(`${label}: device reqMachInfo -> listMachInfo`, !!dm);
  }
  // roCreate, then roReq from the device
  const rc = await roundTrip(nrcs, { kind: 'originate', message: 'roCreate', roID: 'RO-1' }, 'roCreate', ['roAck']);
  check(`${label}: roCreate acknowledged`, rc?.status === 'OK', `roStatus ${rc?.status}`);
  const ds = await state(device.control!);
  check(`${label}: device keeps RO-1`, ds.ros.some((r) => r.roID === 'RO-1'));
  if (deviceOriginates) {
    const rl = await roundTrip(device, { kind: 'originate', message: 'roReq', roID: 'RO-1' }, 'roReq', ['roList', 'roAck']);
    check(`${label}: device roReq RO-1 -> roList`, rl?.name === 'roList', `got ${rl?.name}`);
  }
  const rl2 = await roundTrip(nrcs, { kind: 'originate', message: 'roReq', roID: 'RO-1' }, 'roReq', ['roList', 'roAck']);
  check(`${label}: NRCS roReq RO-1 -> roList`, rl2?.name === 'roList', `got ${rl2?.name}`);

  // story operations with roElementAction
  const so = await act(nrcs.control!, { kind: 'story-operations', roID: 'RO-1' });
  check(`${label}: story-operations accepted`, so.status === 200, so.text.trim());
  const ids = (JSON.parse(so.text) as { messageIDs: number[] }).messageIDs;
  const acks = await waitFor('roAcks for story operations', async () => {
    const s = await state(nrcs.control!);
    const got = recv(s, 'roAck').filter((e) => ids.includes(e.messageID ?? -1));
    return got.length === ids.length ? got : undefined;
  });
  check(`${label}: 4 roElementAction acknowledged OK`, acks.every((a) => a.status === 'OK') && ids.length === 4, acks.map((a) => a.status).join(','));
  const ns = await state(nrcs.control!);
  const ds2 = await state(device.control!);
  const storyIds = (st: ZooState): string => JSON.stringify(st.ros.find((r) => r.roID === 'RO-1')?.stories.map((x) => x.storyID));
  check(`${label}: device and NRCS agree on RO-1 after story operations`, storyIds(ns) === storyIds(ds2), `${storyIds(ns)} vs ${storyIds(ds2)}`);
  check(`${label}: no deprecated message sent`, !ns.journal.some((e) => e.ev === 'send' && /^ro(Story|Item)|^roStat$/.test(e.name ?? '')));

  // every other NRCS operation on the running order
  for (const op of ['SWAP', 'INSERT', 'MOVE', 'REPLACE', 'DELETE']) {
    const r = await roundTrip(nrcs, { kind: 'originate', message: 'roElementAction', roID: 'RO-1', operation: op }, 'roElementAction', ['roAck']);
    check(`${label}: roElementAction ${op} OK`, r?.status === 'OK', `roStatus ${r?.status}`);
  }
  for (const m of ['roReadyToAir', 'roMetadataReplace', 'roReplace']) {
    const r = await roundTrip(nrcs, { kind: 'originate', message: m, roID: 'RO-1' }, m, ['roAck']);
    check(`${label}: ${m} OK`, r?.status === 'OK', `roStatus ${r?.status}`);
  }
  const ns3 = await state(nrcs.control!);
  const ds3 = await state(device.control!);
  check(`${label}: device and NRCS still agree on RO-1`, storyIds(ns3) === storyIds(ds3));

  // objects
  if (deviceOriginates) {
    const po = await roundTrip(device, { kind: 'publish-object', objID: 'OBJ-77', proxyUrl: 'http://127.0.0.1:1/proxy/OBJ-77.mp4?sig=a%2Bb' }, 'mosObj', ['mosAck']);
    check(`${label}: mosObj acknowledged`, po?.status === 'ACK');
    const ns4 = await state(nrcs.control!);
    check(`${label}: NRCS keeps OBJ-77 with its proxy URL`, ns4.objects.some((o) => o.objID === 'OBJ-77' && o.proxyUrl === 'http://127.0.0.1:1/proxy/OBJ-77.mp4?sig=a%2Bb'));
    const ra = await roundTrip(nrcs, { kind: 'originate', message: 'mosReqAll', pause: 0 }, 'mosReqAll', ['mosAck']);
    check(`${label}: mosReqAll acknowledged`, ra?.status === 'ACK');
    const all = await waitFor('mosListAll', async () => {
      const s = await state(nrcs.control!);
      return recv(s, 'mosListAll').length > 0 ? s : undefined;
    });
    check(`${label}: mosListAll delivered OBJ-1 and OBJ-2`, ['OBJ-1', 'OBJ-2'].every((id) => all.objects.some((o) => o.objID === id)));
  }
  const ro = await roundTrip(nrcs, { kind: 'originate', message: 'mosReqObj', objID: 'OBJ-1' }, 'mosReqObj', ['mosObj', 'mosAck']);
  check(`${label}: mosReqObj OBJ-1 -> mosObj`, ro?.name === 'mosObj');
  const rd = await roundTrip(nrcs, { kind: 'originate', message: 'roDelete', roID: 'RO-1' }, 'roDelete', ['roAck']);
  check(`${label}: roDelete OK`, rd?.status === 'OK');
  const nk = await roundTrip(nrcs, { kind: 'originate', message: 'roDelete', roID: 'RO-1' }, 'roDelete', ['roAck']);
  check(`${label}: roDelete of an unknown RO -> NACK`, nk?.status === 'NACK');

  // keepAlive: received on every socket, never answered
  await sleep(600);
  for (const [who, z] of [['device', device], ['NRCS', nrcs]] as const) {
    const s = await state(z.control!);
    const openLinks = s.links.filter((l) => l.open);
    const withKa = openLinks.filter((l) => s.journal.some((e) => e.ev === 'recv' && e.name === 'keepAlive' && e.link === l.id));
    check(`${label}: ${who} received keepAlive on all ${openLinks.length} sockets`, withKa.length === openLinks.length && openLinks.length > 0, `${withKa.length}/${openLinks.length}`);
    const sentKa = openLinks.filter((l) => s.journal.some((e) => e.ev === 'send' && e.name === 'keepAlive' && e.link === l.id));
    check(`${label}: ${who} sent keepAlive on all sockets`, sentKa.length === openLinks.length);
  }
}

function linkSummary(s: ZooState): string {
  return s.links.filter((l) => l.open).map((l) => `${l.dir}:${l.channel}${l.passive ? '+passive' : ''}`).sort().join(' ');
}

async function normalMode(cert: { cert: string; key: string }): Promise<void> {
  const [dp, np, dc, nc] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const tls = ['--cert', cert.cert, '--key', cert.key];
  const device = await startZoo([...dev(), '--listen', `127.0.0.1:${dp}`, ...tls, '--control', `127.0.0.1:${dc}`,
    '--connect', `wss://127.0.0.1:${np}/mos?site=north&token=a%2Fb`, '--allow-untrusted']);
  const nrcs = await startZoo([...ncs(), '--listen', `127.0.0.1:${np}`, ...tls, '--control', `127.0.0.1:${nc}`,
    '--connect', `wss://127.0.0.1:${dp}/mos?parameter1=12345&tenant=a`, '--allow-untrusted']);
  try {
    check('normal: device listens on wss', device.listenUrl === `wss://127.0.0.1:${dp}/mos`, String(device.listenUrl));
    const want = 'in:mom in:ro out:mom out:ro';
    await waitFor('four sockets on each side', async () => {
      const [a, b] = await Promise.all([state(device.control!), state(nrcs.control!)]);
      return linkSummary(a) === want && linkSummary(b) === want;
    }, 8000);
    check('normal: each side has its two outbound and the peer\'s two inbound sockets', true);
    const ds = await state(device.control!);
    const urls = ds.journal.filter((e) => e.ev === 'upgrade-request').map((e) => e.url ?? '');
    check('normal: NRCS kept the configured query and added mosID/ncsID/channel',
      urls.includes(`/mos?parameter1=12345&tenant=a&mosID=zoo.device.mos&ncsID=zoo.ncs&channel=mom`) &&
      urls.includes(`/mos?parameter1=12345&tenant=a&mosID=zoo.device.mos&ncsID=zoo.ncs&channel=ro`), urls.join(' '));
    const ns = await state(nrcs.control!);
    const nurls = ns.journal.filter((e) => e.ev === 'upgrade-request').map((e) => e.url ?? '');
    check('normal: device kept a percent-encoded query byte for byte', nurls.some((u) => u.startsWith('/mos?site=north&token=a%2Fb&mosID=')), nurls.join(' '));
    await common(device, nrcs, 'normal', true);
  } finally {
    await Promise.all([device.stop(), nrcs.stop()]);
  }
}

async function passiveMode(cert: { cert: string; key: string }): Promise<void> {
  const [dp, dc, nc] = await Promise.all([freePort(), freePort(), freePort()]);
  const device = await startZoo([...dev(), '--listen', `127.0.0.1:${dp}`, '--cert', cert.cert, '--key', cert.key, '--control', `127.0.0.1:${dc}`]);
  const nrcs = await startZoo([...ncs(), '--control', `127.0.0.1:${nc}`, '--connect', `wss://127.0.0.1:${dp}/mos?parameter1=12345`, '--passive', '--allow-untrusted']);
  try {
    check('passive: NRCS inside the firewall does not listen', nrcs.listenUrl === null);
    await waitFor('four sockets from the NRCS', async () => linkSummary(await state(device.control!)) === 'in:mom in:mom+passive in:ro in:ro+passive', 8000);
    check('passive: device sees mom, ro and one passive socket per channel', true);
    await common(device, nrcs, 'passive', true);
    // the device originated over the passive sockets
    const ds = await state(device.control!);
    const passiveIds = new Set(ds.links.filter((l) => l.passive).map((l) => l.id));
    const answered = new Set(ds.journal.filter((e) => e.ev === 'recv' && e.name === 'mosReqObj').map((e) => `${e.link}/${e.messageID}`));
    const originated = ds.journal.filter((e) => e.ev === 'send' && ['roReq', 'reqMachInfo', 'mosObj', 'mosListAll'].includes(e.name ?? '') &&
      !answered.has(`${e.link}/${e.messageID}`) /* a mosObj answering mosReqObj is a reply, not originated */);
    check('passive: device originated all its messages over passive sockets', originated.length > 0 && originated.every((e) => passiveIds.has(e.link ?? -1)),
      originated.map((e) => `${e.name}@${e.link}`).join(' '));
    const roReqs = originated.filter((e) => e.name === 'roReq');
    check('passive: roReq went over the ro passive socket', roReqs.every((e) => ds.links.find((l) => l.id === e.link)?.channel === 'ro'));
  } finally {
    await Promise.all([device.stop(), nrcs.stop()]);
  }
}

async function passiveDrops(): Promise<void> {
  const [dp, dc, nc] = await Promise.all([freePort(), freePort(), freePort()]);
  const device = await startZoo([...dev(), '--listen', `127.0.0.1:${dp}`, '--control', `127.0.0.1:${dc}`]);
  const proxy = new CuttingProxy(dp);
  const pp = await proxy.listen();
  const nrcs = await startZoo([...ncs(), '--control', `127.0.0.1:${nc}`, '--connect', `ws://127.0.0.1:${pp}/mos`, '--passive']);
  const isPassiveRo = (h: string): boolean => h.includes('channel=ro') && h.includes('passive=true');
  try {
    await waitFor('four sockets', async () => linkSummary(await state(device.control!)) === 'in:mom in:mom+passive in:ro in:ro+passive', 8000);
    await roundTrip(nrcs, { kind: 'originate', message: 'roCreate', roID: 'RO-9' }, 'roCreate', ['roAck']);
    // 1. cut the passive ro socket: it must come back at once
    const before = proxy.requests.length;
    const t0 = Date.now();
    check('drop: cut the passive ro socket', proxy.cut(isPassiveRo) === 1);
    await waitFor('passive ro re-opened', async () => proxy.requests.slice(before).some((r) => isPassiveRo(r.head)), 3000, 5);
    const dt = proxy.requests.slice(before).find((r) => isPassiveRo(r.head))!.t - t0;
    check('drop: NRCS re-opened the passive ro socket at once', dt < 300, `${dt} ms`);
    // 2. keep it down for a while, originate meanwhile: nothing may be lost, nothing doubled, order kept
    proxy.refuse = isPassiveRo;
    proxy.cut(isPassiveRo);
    await waitFor('passive ro gone', async () => !(await state(device.control!)).links.some((l) => l.passive && l.channel === 'ro' && l.open));
    const r = await act(device.control!, { kind: 'originate', message: 'roReq', roID: 'RO-9', count: 3 });
    const ids = (JSON.parse(r.text) as { messageIDs: number[] }).messageIDs;
    check('drop: operator action answered while the socket is down (queued)', r.status === 200 && ids.length === 3);
    await sleep(300);
    proxy.refuse = undefined;
    const got = await waitFor('queued roReq delivered', async () => {
      const s = await state(nrcs.control!);
      const rr = recv(s, 'roReq');
      return rr.length >= 3 ? rr : undefined;
    }, 4000);
    check('drop: the three queued roReq arrived exactly once, in order', JSON.stringify(got.map((e) => e.messageID)) === JSON.stringify(ids), JSON.stringify(got.map((e) => e.messageID)));
    const replies = await waitFor('roList replies', async () => {
      const s = await state(device.control!);
      const rl = recv(s, 'roList').filter((e) => ids.includes(e.messageID ?? -1));
      return rl.length === 3 ? rl : undefined;
    });
    check('drop: device got the three roList replies', replies.length === 3);
  } finally {
    await Promise.all([device.stop(), nrcs.stop()]);
    proxy.close();
  }
}

async function refusals(): Promise<void> {
  const [dp] = await Promise.all([freePort()]);
  const device = await startZoo([...dev(), '--listen', `127.0.0.1:${dp}`]);
  const http = await import('http');
  const probe = (pathAndQuery: string, auth?: string): Promise<{ status: number; wwwAuth?: string }> =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: dp, path: pathAndQuery, headers: {
        Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...(auth ? { Authorization: auth } : {}) } });
      req.on('upgrade', (res, sock) => {
        sock.destroy();
        resolve({ status: res.statusCode ?? 0 });
      });
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, wwwAuth: res.headers['www-authenticate'] });
      });
      req.on('error', reject);
      req.end();
    });
  const good = 'Basic ' + Buffer.from('zoo:zoo-secret').toString('base64');
  const q = '/mos?mosID=zoo.device.mos&ncsID=zoo.ncs&channel=mom&extra=1';
  try {
    const a = await probe(q);
    check('listen: no credentials -> 401 with a Basic challenge', a.status === 401 && /^Basic /.test(a.wwwAuth ?? ''), `${a.status} ${a.wwwAuth}`);
    const b = await probe(q, 'Basic ' + Buffer.from('zoo:wrong').toString('base64'));
    check('listen: wrong password -> 401', b.status === 401);
    const c = await probe('/mos?mosID=zoo.device.mos&ncsID=zoo.ncs', good);
    check('listen: missing channel -> 4xx', c.status >= 400 && c.status < 500, String(c.status));
    const d = await probe('/mos?mosID=intruder&ncsID=zoo.ncs&channel=ro', good);
    check('listen: unknown mosID -> 4xx', d.status >= 400 && d.status < 500, String(d.status));
    const e = await probe(q, good);
    check('listen: good request with an extra parameter -> 101', e.status === 101, String(e.status));
    const f = await probe('/mos?mosID=zoo.device.mos&ncsID=zoo.ncs&channel=video', good);
    check('listen: bad channel -> 4xx', f.status >= 400 && f.status < 500, String(f.status));
  } finally {
    await device.stop();
  }
}

/** One upgrade request to 127.0.0.1:port; the HTTP status (101 when upgraded). */
async function upgradeStatus(port: number, pathAndQuery: string, auth?: string): Promise<{ status: number; wwwAuth?: string }> {
  const http = await import('http');
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathAndQuery, headers: {
      Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      ...(auth ? { Authorization: auth } : {}) } });
    req.on('upgrade', (res, sock) => {
      sock.destroy();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, wwwAuth: res.headers['www-authenticate'] });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * --listen-extra: the listener is configured with apiKey=Zoo-Key_7 and sig="a+b/c d&e=f=g" (a value
 * with '+', '/', ' ', '&', '='). Its listenUrl carries both, strictly percent-encoded; the exact
 * query (and equivalent encodings) is accepted on every channel and on passive sockets (also with
 * Passive=true, or with a case-changed copy of a configured name besides); absent, conflicting,
 * case-changed names and wrong values are refused with 4xx; an NRCS given the
 * listenUrl as --connect opens its sockets (normal and passive).
 */
async function extras(): Promise<void> {
  const [dp, dc, nc, nc2] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const SIG = 'a+b/c d&e=f=g';
  const device = await startZoo([...dev(), '--listen', `127.0.0.1:${dp}`, '--control', `127.0.0.1:${dc}`,
    '--listen-extra', 'apiKey=Zoo-Key_7', `--listen-extra=sig=${SIG}`]);
  const good = 'Basic ' + Buffer.from('zoo:zoo-secret').toString('base64');
  const mosq = (channel = 'mom'): string => `mosID=zoo.device.mos&ncsID=zoo.ncs&channel=${channel}`;
  const ENC = 'a%2Bb%2Fc%20d%26e%3Df%3Dg';
  try {
    const wantUrl = `ws://127.0.0.1:${dp}/mos?apiKey=Zoo-Key_7&sig=${ENC}`;
    check('extras: listenUrl carries the configured extras, strictly percent-encoded', device.listenUrl === wantUrl, String(device.listenUrl));
    const base = new URL(device.listenUrl!);
    const exact = `${base.pathname}${base.search}`;
    const st = async (query: string, auth = good): Promise<number> => (await upgradeStatus(dp, query, auth || undefined)).status;
    const accept: Array<[string, string]> = [
      ['exact listenUrl query, mom', `${exact}&${mosq()}`],
      ['exact, ro', `${exact}&${mosq('ro')}`],
      ['exact, aux', `${exact}&${mosq('aux')}`],
      ['exact, passive=true', `${exact}&${mosq()}&passive=true`],
      ['extras after the MOS parameters', `/mos?${mosq()}&sig=${ENC}&apiKey=Zoo-Key_7`],
      ['space written as +', `/mos?apiKey=Zoo-Key_7&sig=a%2Bb%2Fc+d%26e%3Df%3Dg&${mosq()}`],
      ['lower-case hex', `/mos?apiKey=Zoo-Key_7&sig=${ENC.toLowerCase()}&${mosq()}`],
      ['every character percent-encoded', `/mos?apiKey=${[...Buffer.from('Zoo-Key_7')].map((b) => `%${b.toString(16).toUpperCase()}`).join('')}&sig=${[...Buffer.from(SIG)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')}&${mosq()}`],
      ["'/' and '=' left literal (same after decoding)", `/mos?apiKey=Zoo-Key_7&sig=a%2Bb/c%20d%26e=f=g&${mosq()}`],
      ['apiKey given twice with the same value', `${exact}&apiKey=Zoo-Key_7&${mosq()}`],
      ['an unknown extra parameter besides', `${exact}&tenant=x&${mosq()}`],
      ['exact, Passive=true (MOS names are case-insensitive)', `${exact}&${mosq()}&Passive=true`],
      ['a case-changed copy of a configured name besides (APIKEY, unknown, ignored)', `${exact}&APIKEY=x&${mosq()}`],
    ];
    for (const [what, query] of accept) {
      const s = await st(query);
      check(`extras: ${what} -> 101`, s === 101, String(s));
    }
    const refuse: Array<[string, string, number, string?]> = [
      ['apiKey absent', `/mos?sig=${ENC}&${mosq()}`, 400],
      ['sig absent, ro', `/mos?apiKey=Zoo-Key_7&${mosq('ro')}`, 400],
      ['apiKey name in other letter case (APIKEY)', `/mos?APIKEY=Zoo-Key_7&sig=${ENC}&${mosq()}`, 400],
      ['apiKey twice, conflicting', `${exact}&apiKey=Other&${mosq()}`, 400],
      ['wrong apiKey', `/mos?apiKey=Zoo-Key_8&sig=${ENC}&${mosq()}`, 403],
      ['wrong apiKey on a passive socket', `/mos?apiKey=Zoo-Key_8&sig=${ENC}&${mosq('ro')}&passive=true`, 403],
      ['empty apiKey', `/mos?apiKey=&sig=${ENC}&${mosq()}`, 403],
      ['apiKey value in other letter case', `/mos?apiKey=zoo-key_7&sig=${ENC}&${mosq()}`, 403],
      ['apiKey padded with spaces', `/mos?apiKey=%20Zoo-Key_7%20&sig=${ENC}&${mosq()}`, 403],
      ['apiKey twice percent-encoded', `/mos?apiKey=${[...Buffer.from('Zoo-Key_7')].map((b) => `%25${b.toString(16).toUpperCase()}`).join('')}&sig=${ENC}&${mosq()}`, 403],
      ["sig with a literal '+' (read as a space)", `/mos?apiKey=Zoo-Key_7&sig=a+b%2Fc%20d%26e%3Df%3Dg&${mosq()}`, 403],
      ["sig with a literal '&' (cuts the value)", `/mos?apiKey=Zoo-Key_7&sig=a%2Bb%2Fc%20d&e%3Df%3Dg&${mosq()}`, 403],
      ['exact extras but no credentials', `${exact}&${mosq()}`, 401, 'none'],
    ];
    for (const [what, query, want, noAuth] of refuse) {
      const s = await st(query, noAuth ? '' : good);
      check(`extras: ${what} -> ${want}`, s === want, String(s));
    }
    // an NRCS given the listenUrl: normal sockets, then passive ones, all accepted
    const nrcs = await startZoo([...ncs(), '--control', `127.0.0.1:${nc}`, '--connect', device.listenUrl!]);
    try {
      await waitFor('mom and ro from the NRCS', async () => linkSummary(await state(device.control!)) === 'in:mom in:ro', 8000);
      check('extras: NRCS dialling the listenUrl opened mom and ro', true);
      const hb = await roundTrip(nrcs, { kind: 'originate', message: 'heartbeat' }, 'heartbeat', ['heartbeat']);
      check('extras: heartbeat over those sockets', !!hb);
    } finally {
      await nrcs.stop();
    }
    const nrcs2 = await startZoo([...ncs(), '--control', `127.0.0.1:${nc2}`, '--connect', device.listenUrl!, '--passive']);
    try {
      await waitFor('four sockets from the passive NRCS', async () => linkSummary(await state(device.control!)) === 'in:mom in:mom+passive in:ro in:ro+passive', 8000);
      check('extras: passive NRCS dialling the listenUrl opened its four sockets', true);
      const rq = await roundTrip(device, { kind: 'originate', message: 'reqMachInfo' }, 'reqMachInfo', ['listMachInfo']);
      check('extras: device originated over the passive socket', !!rq);
    } finally {
      await nrcs2.stop();
    }
    const ds = await state(device.control!);
    const refused = ds.journal.filter((e) => e.ev === 'refused').length;
    check('extras: the NRCS sockets were never refused', refused === refuse.length, `${refused} refusals, ${refuse.length} expected`);
  } finally {
    await device.stop();
  }
}

async function main(): Promise<void> {
  if (process.env.NODE_TEST_CONTEXT && !process.argv.includes('--force')) return; // not a test file
  const cert = makeCert();
  try {
    await refusals();
    await extras();
    await normalMode(cert);
    await passiveMode(cert);
    await passiveDrops();
  } finally {
    fs.rmSync(cert.dir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${passes} passed, ${failures} failed\n`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((e) => {
  process.stdout.write(`FAIL selfcheck crashed: ${(e as Error).stack}\n`);
  process.exitCode = 1;
});
