// Demonstrates, by hand, the defect of a selection of variants: each probe plays the peer with raw
// `ws` sockets and prints what the correct program does next to what the variant does.
//   node dist/test/vendor-zoo/demo.js [variant ...]
// Not a test file.

import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import type { Duplex } from 'stream';
import WebSocket, { WebSocketServer } from 'ws';
import { MOS_ID, NCS_ID, PASSWORD, USER, baseArgs, freePort, makeCert, act, sleep, startZoo } from './harness';
import { childText, parseXml } from './xml';

type Role = 'device' | 'nrcs';
const GOOD_AUTH = 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
const Q = (channel: string, extra = ''): string => `?mosID=${MOS_ID}&ncsID=${NCS_ID}&channel=${channel}${extra}`;
let cert: { cert: string; key: string; dir: string };

function env(body: string, id?: number): string {
  return `<mos><mosID>${MOS_ID}</mosID><ncsID>${NCS_ID}</ncsID>${id === undefined ? '' : `<messageID>${id}</messageID>`}${body}</mos>`;
}
function nameOf(xml: string): string {
  try {
    const r = parseXml(xml);
    const b = r.children.find((c) => !['mosID', 'ncsID', 'messageID'].includes(c.name));
    return `${b?.name ?? '?'}${childText(r, 'messageID') !== undefined ? `#${childText(r, 'messageID')}` : ''}`;
  } catch {
    return `unparsable(${JSON.stringify(xml.slice(0, 40))})`;
  }
}

/** raw upgrade: status line and headers, or 101 */
function rawUpgrade(port: number, pathQ: string, auth?: string): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathQ, headers: {
      Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...(auth ? { Authorization: auth } : {}) } });
    req.on('upgrade', (res, sock) => {
      sock.destroy();
      resolve(`${res.statusCode} (upgraded)`);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(`${res.statusCode}${res.headers['www-authenticate'] ? ` WWW-Authenticate: ${res.headers['www-authenticate']}` : ' (no WWW-Authenticate)'}`);
    });
    req.on('error', (e) => resolve(`error ${e.message}`));
    req.end();
  });
}

/** a probe client socket that records everything it receives */
function client(url: string, auth = GOOD_AUTH): Promise<{ ws: WebSocket; got: string[]; closed: () => string | undefined }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { Authorization: auth }, rejectUnauthorized: false });
    const got: string[] = [];
    let closedWith: string | undefined;
    ws.on('message', (d, bin) => got.push(`${bin ? '[binary]' : ''}${d.toString()}`));
    ws.on('close', (code) => (closedWith = `closed ${code}`));
    ws.on('open', () => resolve({ ws, got, closed: () => closedWith }));
    ws.on('error', reject);
  });
}

async function withListener<T>(role: Role, variant: string, fn: (port: number, control: string) => Promise<T>, extra: string[] = []): Promise<T> {
  const [port, cport] = [await freePort(), await freePort()];
  const z = await startZoo([...baseArgs(role, variant), '--listen', `127.0.0.1:${port}`, '--control', `127.0.0.1:${cport}`, ...extra]);
  try {
    return await fn(port, z.control!);
  } finally {
    await z.stop();
  }
}

/** a fake peer endpoint that records upgrade requests and acknowledges every request */
interface Peer {
  url: string;
  upgrades: Array<{ t: number; url: string; auth?: string; proxyAuth?: string }>;
  sockets: Array<{ url: string; ws: WebSocket; got: string[] }>;
  refuse?: (url: string) => boolean;
  close: () => void;
}

async function peerServer(opts: { tls?: boolean } = {}): Promise<Peer> {
  const upgrades: Array<{ t: number; url: string; auth?: string; proxyAuth?: string }> = [];
  const sockets: Array<{ url: string; ws: WebSocket; got: string[] }> = [];
  const peer: Peer = { url: '', upgrades, sockets, close: () => undefined };
  const server = opts.tls ? https.createServer({ cert: fs.readFileSync(cert.cert), key: fs.readFileSync(cert.key) }) : http.createServer();
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: http.IncomingMessage, sock: Duplex, head: Buffer) => {
    upgrades.push({ t: Date.now(), url: req.url ?? '', auth: req.headers.authorization, proxyAuth: req.headers['proxy-authorization'] as string | undefined });
    if (peer.refuse?.(req.url ?? '')) {
      sock.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, sock, head, (ws) => {
      const entry = { url: req.url ?? '', ws, got: [] as string[] };
      sockets.push(entry);
      ws.on('message', (d) => {
        const xml = d.toString();
        entry.got.push(xml);
        try {
          const r = parseXml(xml);
          const id = childText(r, 'messageID');
          const b = r.children.find((c) => !['mosID', 'ncsID', 'messageID'].includes(c.name));
          if (!b || id === undefined) return;
          if (b.name.startsWith('ro') && !['roAck', 'roList', 'roReq'].includes(b.name)) ws.send(env(`<roAck><roID>${childText(b, 'roID')}</roID><roStatus>OK</roStatus></roAck>`, Number(id)));
          if (b.name === 'mosObj') ws.send(env(`<mosAck><objID>${childText(b, 'objID')}</objID><objRev>1</objRev><status>ACK</status><statusDescription>ok</statusDescription></mosAck>`, Number(id)));
        } catch {
          /* ignore */
        }
      });
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  Object.assign(peer, {
    url: `${opts.tls ? 'wss' : 'ws'}://127.0.0.1:${port}/peer/mos`,
    close: () => {
      for (const s of sockets) s.ws.terminate();
      server.close();
    },
  });
  return peer;
}

async function withDialler<T>(role: Role, variant: string, query: string, extra: string[], fn: (peer: Peer, control: string) => Promise<T>, tls = false): Promise<T> {
  const peer = await peerServer({ tls });
  const cport = await freePort();
  const z = await startZoo([...baseArgs(role, variant), '--control', `127.0.0.1:${cport}`, '--connect', peer.url + query, ...extra]);
  try {
    return await fn(peer, z.control!);
  } finally {
    await z.stop();
    peer.close();
  }
}

const shortUrl = (u: string): string => u.replace(`mosID=${MOS_ID}`, 'mosID=…').replace(`ncsID=${NCS_ID}`, 'ncsID=…').replace('/peer/mos', '');

async function waitUntil(fn: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!fn() && Date.now() < end) await sleep(10);
}

// ------------------------------------------------------------------ probes

type Probe = (role: Role, variant: string) => Promise<string>;

const probes: Record<string, Probe> = {
  authMissing: (role, v) => withListener(role, v, async (port) => rawUpgrade(port, `/mos${Q('mom')}`)),
  authWrongPassword: (role, v) => withListener(role, v, async (port) => rawUpgrade(port, `/mos${Q('mom')}`, 'Basic ' + Buffer.from(`${USER}:nope`).toString('base64'))),
  closeAfterUpgrade: (role, v) => withListener(role, v, async (port) => {
    const r = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/mos${Q('mom')}`);
      ws.on('unexpected-response', (_q, res) => resolve(`refused ${res.statusCode}`));
      ws.on('open', () => ws.on('close', (code) => resolve(`upgraded, then closed ${code}`)));
      ws.on('error', () => undefined);
    });
    return r;
  }),
  missingChannel: (role, v) => withListener(role, v, async (port) => rawUpgrade(port, `/mos?mosID=${MOS_ID}&ncsID=${NCS_ID}`, GOOD_AUTH)),
  swappedIds: (role, v) => withListener(role, v, async (port) => rawUpgrade(port, `/mos?mosID=${NCS_ID}&ncsID=${MOS_ID}&channel=mom`, GOOD_AUTH)),
  extraParam: (role, v) => withListener(role, v, async (port) => rawUpgrade(port, `/mos${Q('mom', '&tenant=a')}`, GOOD_AUTH)),
  keepAliveIn: (role, v) => withListener(role, v, async (port) => {
    const c = await client(`ws://127.0.0.1:${port}/mos${Q('ro')}`);
    c.ws.send(env('<keepAlive/>'));
    await sleep(150);
    const answers = c.got.filter((x) => !/<keepAlive\/>/.test(x)).map(nameOf);
    const r = `after our keepAlive: ${answers.length ? `got ${answers.join(', ')}` : 'no answer'}; socket ${c.closed() ?? 'open'}`;
    c.ws.terminate();
    return r;
  }),
  heartbeatOnRo: (role, v) => withListener(role, v, async (port) => {
    const mom = await client(`ws://127.0.0.1:${port}/mos${Q('mom')}`);
    await sleep(30);
    const ro = await client(`ws://127.0.0.1:${port}/mos${Q('ro')}`);
    await sleep(30);
    ro.ws.send(env('<heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat>', 42));
    await sleep(150);
    const onlyKeepAlive = (x: string): boolean => x.includes('<keepAlive/>') && !x.includes('<messageID>');
    const fmt = (g: string[]): string => g.filter((x) => !onlyKeepAlive(x)).map((x) => (x.startsWith('[binary]') ? `binary:${nameOf(x.slice(8))}` : nameOf(x))).join(' ') || '-';
    const r = `heartbeat#42 sent on ro; ro socket got [${fmt(ro.got)}], mom socket got [${fmt(mom.got)}]`;
    mom.ws.terminate();
    ro.ws.terminate();
    return r;
  }),
  keepAliveOut: (role, v) => withListener(role, v, async (port) => {
    const mom = await client(`ws://127.0.0.1:${port}/mos${Q('mom')}`);
    const ro = await client(`ws://127.0.0.1:${port}/mos${Q('ro')}`);
    await sleep(700);
    const ka = (g: string[]): string => `${g.length} frame(s)${g[0] ? `, first: ${g[0]}` : ''}`;
    const r = `in 700 ms (interval 200): mom ${ka(mom.got)}; ro ${ka(ro.got)}`;
    mom.ws.terminate();
    ro.ws.terminate();
    return r;
  }),
  machInfo: (role, v) => withListener(role, v, async (port) => {
    const c = await client(`ws://127.0.0.1:${port}/mos${Q('mom')}`);
    c.ws.send(env('<reqMachInfo/>', 7));
    await sleep(150);
    c.ws.terminate();
    return (c.got.find((x) => x.includes('listMachInfo')) ?? '-').replace(/<time>[^<]*<\/time>|<opTime>[^<]*<\/opTime>/g, '');
  }),
  listenScheme: async (role, v) => {
    const port = await freePort();
    const z = await startZoo([...baseArgs(role, v), '--listen', `127.0.0.1:${port}`, '--cert', cert.cert, '--key', cert.key]);
    await z.stop();
    return `started with --cert/--key, listenUrl ${z.listenUrl}`;
  },
  dialUrls: (role, v) => withDialler(role, v, '?a=x%20y&flag&t=~1', [], async (peer) => {
    await sleep(500);
    return peer.upgrades.map((u) => `${shortUrl(u.url)} [${u.auth ?? 'no Authorization'}${u.proxyAuth ? ` / Proxy-Authorization ${u.proxyAuth}` : ''}]`).join('\n      ');
  }),
  lazyRo: (role, v) => withDialler(role, v, '', [], async (peer, control) => {
    await sleep(500);
    const before = peer.upgrades.map((u) => shortUrl(u.url)).join(' ');
    await act(control, role === 'device' ? { kind: 'originate', message: 'roReq', roID: 'RO-1' } : { kind: 'originate', message: 'roCreate', roID: 'RO-1' });
    await sleep(300);
    return `after start: ${before} | after an ro message: ${peer.upgrades.length} sockets`;
  }),
  passiveUrls: (role, v) => withDialler(role, v, '', ['--passive'], async (peer) => {
    await sleep(500);
    return peer.upgrades.map((u) => shortUrl(u.url)).join(' ');
  }),
  passiveDrop: (role, v) => withDialler(role, v, '', ['--passive'], async (peer) => {
    await sleep(400);
    const p = peer.sockets.find((s) => s.url.includes('passive') && s.url.includes('channel=ro'));
    if (!p) return 'no passive ro socket';
    const n = peer.upgrades.length;
    const t0 = Date.now();
    p.ws.terminate();
    for (let i = 0; i < 70; i++) {
      await sleep(100);
      const again = peer.upgrades.slice(n).find((u) => u.url.includes('passive') && u.url.includes('channel=ro'));
      if (again) return `dropped passive ro socket re-opened after ${again.t - t0} ms`;
    }
    return 'dropped passive ro socket not re-opened within 7 s';
  }),
  passiveDropBlocked: (role, v) => withDialler(role, v, '', ['--passive'], async (peer) => {
    await sleep(400);
    const isRo = (u: string): boolean => u.includes('passive') && u.includes('channel=ro');
    const p = peer.sockets.find((s) => isRo(s.url));
    if (!p) return 'no passive ro socket';
    const t0 = Date.now();
    peer.refuse = isRo;
    setTimeout(() => (peer.refuse = undefined), 300);
    p.ws.terminate();
    for (let i = 0; i < 80; i++) {
      await sleep(100);
      const back = peer.sockets.find((s) => s !== p && isRo(s.url));
      if (back) return `passive ro dropped, re-dials refused for 300 ms: back after ${Date.now() - t0} ms (retry-ms 100)`;
    }
    return 'passive ro dropped, re-dials refused for 300 ms: not back within 8 s';
  }),
  heartbeatOnMom: (role, v) => withListener(role, v, async (port) => {
    const mom = await client(`ws://127.0.0.1:${port}/mos${Q('mom')}`);
    await sleep(30);
    const ro = await client(`ws://127.0.0.1:${port}/mos${Q('ro')}`);
    await sleep(30);
    mom.ws.send(env('<heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat>', 43));
    await sleep(150);
    const fmt = (g: string[]): string => g.filter((x) => !/<keepAlive\/>/.test(x)).map(nameOf).join(' ') || '-';
    const r = `heartbeat#43 sent on the older mom socket; mom got [${fmt(mom.got)}], ro got [${fmt(ro.got)}]`;
    mom.ws.terminate();
    ro.ws.terminate();
    return r;
  }),
  wrongIds: (role, v) => withListener(role, v, async (port) => {
    const r = async (q: string): Promise<string> => (await rawUpgrade(port, `/mos${q}`, GOOD_AUTH)).split(' ')[0];
    return `mosID=intruder: ${await r(`?mosID=intruder&ncsID=${NCS_ID}&channel=mom`)}, ncsID=intruder: ${await r(`?mosID=${MOS_ID}&ncsID=intruder&channel=mom`)}, ` +
      `mosID=<id>-evil: ${await r(`?mosID=${MOS_ID}-evil&ncsID=${NCS_ID}&channel=mom`)}`;
  }),
  badChannel: (role, v) => withListener(role, v, async (port) => rawUpgrade(port, `/mos${Q('video')}`, GOOD_AUTH)),
  keepAliveEcho: (role, v) => withListener(role, v, async (port) => {
    const c = await client(`ws://127.0.0.1:${port}/mos${Q('mom')}`);
    let pings = 0;
    c.ws.on('ping', () => pings++);
    await waitUntil(() => c.got.length > 0, 1000);
    const n = c.got.length;
    c.ws.send(env('<keepAlive/>'));
    await sleep(100);
    const after = c.got.slice(n);
    c.ws.terminate();
    return `frames within 100 ms of our keepAlive (periodic ones come every 200 ms): ${after.length ? after.map(nameOf).join(', ') : 'none'}; ws pings seen: ${pings}`;
  }),
  keepAliveFrames: (role, v) => withListener(role, v, async (port) => {
    const c = await client(`ws://127.0.0.1:${port}/mos${Q('ro')}`);
    let pings = 0;
    c.ws.on('ping', () => pings++);
    await sleep(700);
    c.ws.terminate();
    return `in 700 ms (interval 200) on ro: ${c.got.length} frame(s)${c.got[0] ? ` first ${c.got[0]}` : ''}; ws pings ${pings}`;
  }),
  acks: (role, v) => withListener(role, v, async (port) => {
    const mom = await client(`ws://127.0.0.1:${port}/mos${Q('mom')}`);
    const ro = await client(`ws://127.0.0.1:${port}/mos${Q('ro')}`);
    ro.ws.send(env('<heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat>', 10));
    if (role === 'device') {
      ro.ws.send(env(`<roCreate><roID>RO-1</roID><roSlug>x</roSlug><story><storyID>S1</storyID><item><itemID>I1</itemID><objID>OBJ-1</objID><mosID>${MOS_ID}</mosID></item></story></roCreate>`, 11));
      mom.ws.send(env('<mosReqAll><pause>0</pause></mosReqAll>', 12));
    } else {
      mom.ws.send(env(`<mosObj><objID>O9</objID><objSlug>s</objSlug><objType>VIDEO</objType><objTB>50</objTB><objRev>1</objRev><objDur>10</objDur><status>NEW</status><objAir>READY</objAir><createdBy>a</createdBy><created>2024-01-01T00:00:00Z</created><changedBy>a</changedBy><changed>2024-01-01T00:00:00Z</changed><description>d</description></mosObj>`, 11));
      ro.ws.send(env('<roReq><roID>NOPE</roID></roReq>', 12));
    }
    await sleep(200);
    mom.ws.terminate();
    ro.ws.terminate();
    return [...ro.got, ...mom.got].filter((x) => !/keepAlive/.test(x)).join('\n      ');
  }),
  originated: (role, v) => withDialler(role, v, '', [], async (peer, control) => {
    await sleep(400);
    const acts = role === 'device'
      ? [{ kind: 'publish-object', objID: 'OBJ-77', proxyUrl: 'http://h/p.mp4' }, { kind: 'originate', message: 'roElementStat', roID: 'RO-1' },
        { kind: 'originate', message: 'roElementStat', roID: 'RO-1', element: 'ITEM', storyID: 'S1', itemID: 'I1' }]
      : [{ kind: 'originate', message: 'roCreate', roID: 'RO-1' }, { kind: 'originate', message: 'roReadyToAir', roID: 'RO-1' }];
    for (const a of acts) await act(control, a);
    await sleep(300);
    return peer.sockets.flatMap((x) => x.got).filter((x) => !/keepAlive/.test(x))
      .map((x) => x.replace(/<mos>.*?<\/messageID>/, '').replace(/<\/mos>$/, '').replace(/<(created|changed|time)>[^<]*</g, '<$1>…<')).join('\n      ');
  }),
  passiveUntrusted: (role, v) => withDialler(role, v, '', ['--passive', '--allow-untrusted'], async (peer) => {
    await sleep(600);
    return `sockets opened to a self-signed wss peer: ${peer.upgrades.map((u) => shortUrl(u.url)).join(' ') || 'none'}`;
  }, true),
  passiveRequest: (role, v) => withDialler(role, v, '', ['--passive'], async (peer) => {
    await sleep(400);
    const p = peer.sockets.find((x) => x.url.includes('passive') && x.url.includes('channel=ro'));
    if (!p) return 'no passive ro socket';
    p.ws.send(env('<heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat>', 77));
    await sleep(200);
    const where = peer.sockets.filter((x) => x.got.some((g) => g.includes('<messageID>77</messageID>'))).map((x) => shortUrl(x.url));
    return `heartbeat#77 sent on the passive ro socket; answer arrived on: ${where.join(', ') || 'nothing'}`;
  }),
  ownSocket: async (role, v) => {
    // the program listens and dials the peer; the peer sends a request on its own (dialled) socket
    const peer = await peerServer();
    const port = await freePort();
    const z = await startZoo([...baseArgs(role, v), '--listen', `127.0.0.1:${port}`, '--connect', peer.url]);
    try {
      await sleep(400);
      const c = await client(`ws://127.0.0.1:${port}/mos${Q('ro')}`);
      c.ws.send(env('<heartbeat><time>2024-01-01T00:00:00Z</time></heartbeat>', 88));
      await sleep(200);
      const onPeer = peer.sockets.filter((x) => x.got.some((g) => g.includes('<messageID>88</messageID>'))).map((x) => `the program's own ${shortUrl(x.url)} socket`);
      const onClient = c.got.some((g) => g.includes('<messageID>88</messageID>')) ? ['the socket the request came in on'] : [];
      c.ws.terminate();
      return `heartbeat#88 sent on an inbound ro socket; answer on: ${[...onClient, ...onPeer].join(', ') || 'nothing'}`;
    } finally {
      await z.stop();
      peer.close();
    }
  },
  storyOps: (_role, v) => withDialler('nrcs', v, '', [], async (peer, control) => {
    await sleep(400);
    await act(control, { kind: 'originate', message: 'roCreate', roID: 'RO-1' });
    await act(control, { kind: 'story-operations', roID: 'RO-1' });
    await sleep(400);
    const ro = peer.sockets.find((s) => s.url.includes('channel=ro'));
    return (ro?.got ?? []).filter((x) => !/keepAlive/.test(x)).map((x) => {
      const m = /<(ro\w+)( operation="(\w+)")?/.exec(x.replace(/<mos>.*?<\/messageID>/, ''));
      return m ? `${m[1]}${m[3] ? `(${m[3]})` : ''}` : nameOf(x);
    }).join(' ');
  }),
  untrusted: (role, v) => withDialler(role, v, '', ['--allow-untrusted'], async (peer) => {
    await sleep(600);
    return `${peer.upgrades.length} socket(s) opened to a self-signed wss peer with --allow-untrusted`;
  }, true),
  passiveListenerOriginate: (role, v) => withListener(role, v, async (port, control) => {
    const sock: Record<string, Awaited<ReturnType<typeof client>>> = {};
    for (const k of ['mom', 'ro', 'mom&passive=true', 'ro&passive=true']) sock[k] = await client(`ws://127.0.0.1:${port}/mos${Q(k)}`);
    await act(control, role === 'device' ? { kind: 'originate', message: 'roReq', roID: 'RO-1' } : { kind: 'originate', message: 'roCreate', roID: 'RO-1' });
    await sleep(200);
    const where = Object.entries(sock).filter(([, c]) => c.got.some((x) => /<ro(Req|Create)>/.test(x))).map(([k]) => k.replace('&passive=true', '+passive'));
    for (const c of Object.values(sock)) c.ws.terminate();
    return `operator message arrived on: ${where.join(', ') || 'no socket'}`;
  }),
  passiveListenerQueue: (role, v) => withListener(role, v, async (port, control) => {
    const url = (k: string): string => `ws://127.0.0.1:${port}/mos${Q(k)}`;
    const a = await client(url('ro&passive=true'));
    await sleep(100);
    a.ws.terminate();
    await sleep(100);
    const msg = role === 'device' ? { kind: 'originate', message: 'roReq', roID: 'RO-1', count: 3 } : { kind: 'originate', message: 'roCreate', roID: 'RO-1', count: 3 };
    const r = await act(control, msg);
    const b = await client(url('ro&passive=true'));
    await sleep(300);
    b.ws.terminate();
    const ids = b.got.filter((x) => /<ro(Req|Create)>/.test(x)).map((x) => childText(parseXml(x), 'messageID'));
    return `queued ${r.text.trim()} while the passive ro socket was down; after re-open got messageIDs [${ids.join(',')}]`;
  }),
};

const demos: Array<[string, Role, string]> = [
  ['t1-batched-frames', 'device', 'heartbeatOnRo'],
  ['t2-reply-on-own-socket', 'nrcs', 'ownSocket'],
  ['t2-passive-reply-on-normal', 'nrcs', 'passiveRequest'],
  ['u1-accept-any-channel', 'device', 'badChannel'],
  ['u1-dial-mos_id', 'nrcs', 'dialUrls'],
  ['u2-accept-any-mosid', 'nrcs', 'wrongIds'],
  ['u2-accept-any-ncsid', 'device', 'wrongIds'],
  ['u2-prefix-id-match', 'nrcs', 'wrongIds'],
  ['u4-mom-socket-only', 'device', 'dialUrls'],
  ['a1-no-authorization', 'device', 'dialUrls'],
  ['a1-bearer-scheme', 'nrcs', 'dialUrls'],
  ['a2-missing-header-accepted', 'nrcs', 'authMissing'],
  ['a3-password-in-query', 'device', 'dialUrls'],
  ['tls1-dial-plain', 'nrcs', 'untrusted'],
  ['tls2-passive-strict-tls', 'nrcs', 'passiveUntrusted'],
  ['p1-passive-flag-name', 'device', 'passiveUrls'],
  ['p2-passive-mom-only', 'nrcs', 'passiveUrls'],
  ['p2-passive-ro-only', 'device', 'passiveUrls'],
  ['p4-nrcs-passive-unsupported', 'nrcs', 'passiveUrls'],
  ['p3-no-reopen', 'nrcs', 'passiveDrop'],
  ['ka1-lowercase-tag', 'device', 'keepAliveFrames'],
  ['ka1-without-ncsid', 'nrcs', 'keepAliveFrames'],
  ['ka2-echo-keepalive', 'nrcs', 'keepAliveEcho'],
  ['ka3-never', 'device', 'keepAliveFrames'],
  ['ka3-ws-ping-instead', 'nrcs', 'keepAliveFrames'],
  ['ka3-interval-x10', 'device', 'keepAliveFrames'],
  ['d1-story-move', 'nrcs', 'storyOps'],
  ['d1-roitemstat', 'device', 'originated'],
  ['c-heartbeat-time-format', 'device', 'acks'],
  ['c-time-dot-millis', 'nrcs', 'acks'],
  ['c-envelope-order', 'nrcs', 'acks'],
  ['c-roack-no-rostatus', 'device', 'acks'],
  ['c-mosack-status-value', 'nrcs', 'acks'],
  ['c-objtype-invalid', 'device', 'originated'],
  ['c-objair-invalid', 'device', 'originated'],
  ['c-objslug-too-long', 'device', 'originated'],
  ['c-mosobj-missing-objtb', 'device', 'originated'],
  ['c-roelementstat-no-time', 'device', 'originated'],
  ['c-mosobj-extra-tag', 'device', 'originated'],
  ['c-storyslug-too-long', 'nrcs', 'originated'],
  ['c-item-missing-mosid', 'nrcs', 'originated'],
  ['c-roreadytoair-value', 'nrcs', 'originated'],
  ['c-rocreate-extra-tag', 'nrcs', 'originated'],
  ['a2-no-challenge-header', 'device', 'authMissing'],
  ['a2-bearer-challenge', 'nrcs', 'authMissing'],
  ['a2-forbidden-status', 'device', 'authMissing'],
  ['a2-password-not-checked', 'nrcs', 'authWrongPassword'],
  ['a2-close-after-upgrade', 'device', 'closeAfterUpgrade'],
  ['u1-accept-missing-params', 'device', 'missingChannel'],
  ['u1-late-param-check', 'nrcs', 'missingChannel'],
  ['u2-ids-as-set', 'device', 'swappedIds'],
  ['u3-reject-extra-params', 'nrcs', 'extraParam'],
  ['ka2-nack-keepalive', 'device', 'keepAliveIn'],
  ['ka2-heartbeat-reply', 'nrcs', 'keepAliveIn'],
  ['ka2-close-on-keepalive', 'device', 'keepAliveIn'],
  ['t2-reply-on-mom-socket', 'device', 'heartbeatOnRo'],
  ['t2-reply-on-newest-socket', 'nrcs', 'heartbeatOnMom'],
  ['t1-reply-fresh-messageid', 'device', 'heartbeatOnRo'],
  ['t1-binary-frames', 'nrcs', 'heartbeatOnRo'],
  ['t1-split-frames', 'device', 'heartbeatOnRo'],
  ['t1-no-heartbeat-reply', 'nrcs', 'heartbeatOnRo'],
  ['ka1-with-messageid', 'device', 'keepAliveOut'],
  ['ka1-no-envelope', 'nrcs', 'keepAliveOut'],
  ['ka3-mom-only', 'nrcs', 'keepAliveOut'],
  ['ka3-outbound-only', 'device', 'keepAliveOut'],
  ['c-listmachinfo-order', 'device', 'machInfo'],
  ['c-listmachinfo-missing-tags', 'nrcs', 'machInfo'],
  ['c-profiles-overclaim', 'device', 'machInfo'],
  ['u3-reencode-params', 'nrcs', 'dialUrls'],
  ['u3-drop-extra-params', 'device', 'dialUrls'],
  ['u3-first-extra-param-only', 'nrcs', 'dialUrls'],
  ['u3-extra-params-mom-only', 'device', 'dialUrls'],
  ['u1-dial-channel-typo', 'nrcs', 'dialUrls'],
  ['u1-dial-without-ncsid', 'device', 'dialUrls'],
  ['u4-mom-twice', 'nrcs', 'dialUrls'],
  ['u4-aux-instead-of-ro', 'device', 'dialUrls'],
  ['a1-raw-credentials', 'nrcs', 'dialUrls'],
  ['a1-proxy-authorization', 'device', 'dialUrls'],
  ['a3-apikey-in-query', 'nrcs', 'dialUrls'],
  ['a3-basic-token-in-query', 'device', 'dialUrls'],
  ['u4-lazy-ro-socket', 'nrcs', 'lazyRo'],
  ['p1-passive-flag-value', 'nrcs', 'passiveUrls'],
  ['p2-passive-twice', 'device', 'passiveUrls'],
  ['p4-nrcs-passive-ignored', 'nrcs', 'passiveUrls'],
  ['a3-passive-password-in-query', 'nrcs', 'passiveUrls'],
  ['p3-slow-reopen', 'nrcs', 'passiveDrop'],
  ['p3-reopen-mom-only', 'device', 'passiveDrop'],
  ['p3-exponential-backoff', 'nrcs', 'passiveDropBlocked'],
  ['d1-story-messages', 'nrcs', 'storyOps'],
  ['d1-story-append', 'nrcs', 'storyOps'],
  ['c-operation-invalid', 'nrcs', 'storyOps'],
  ['tls2-allow-untrusted-ignored', 'device', 'untrusted'],
  ['tls1-listen-plain', 'nrcs', 'listenScheme'],
  ['p1-listener-originates-on-normal', 'device', 'passiveListenerOriginate'],
  ['p1-listener-all-on-mom', 'device', 'passiveListenerOriginate'],
  ['p1-listener-ignores-passive', 'nrcs', 'passiveListenerOriginate'],
  ['p3-lose-queued', 'device', 'passiveListenerQueue'],
  ['p3-duplicate-after-reopen', 'nrcs', 'passiveListenerQueue'],
  ['p3-reverse-queue', 'device', 'passiveListenerQueue'],
];

async function main(): Promise<void> {
  if (process.env.NODE_TEST_CONTEXT && !process.argv.includes('--force')) return; // not a test file
  cert = makeCert();
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const cache = new Map<string, string>();
  try {
    for (const [variant, role, probe] of demos) {
      if (only.length && !only.includes(variant)) continue;
      const key = `${probe}/${role}`;
      if (!cache.has(key)) cache.set(key, await probes[probe](role, 'correct'));
      const bad = await probes[probe](role, variant);
      process.stdout.write(`\n== ${variant} (${role}, probe ${probe})\n   correct: ${cache.get(key)}\n   variant: ${bad}\n`);
    }
  } finally {
    fs.rmSync(cert.dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stdout.write(`demo crashed: ${(e as Error).stack}\n`);
  process.exitCode = 1;
});
