// Bounded, seeded fuzzing of every parser that reads untrusted input. A "crash" is any exception
// other than the parser's own documented error, or a wrong kind of answer.
//   npm run fuzz -- [cases] [seed]
import { MosCodecError, buildMos, parseMos } from '../lib/mos/envelope';
import * as M from '../lib/mos/messages';
import { UrlParamError, parseConnectionParams } from '../lib/transport/url';
import { checkBasicAuth } from '../lib/transport/basic-auth';
import { Base64Error, decodeBase64Liberal } from '../lib/signing/base64url';
import { verifyRequest } from '../lib/signing/verifier';
import { signUrl } from '../lib/signing/signer';

/** mulberry32: small, fast, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS_MOS = [
  buildMos({ mosID: 'DEV', ncsID: 'NCS', messageID: 1, body: M.heartbeat() }),
  buildMos({ mosID: 'DEV', ncsID: 'NCS', body: M.keepAlive() }),
  buildMos({ mosID: 'DEV', ncsID: 'NCS', messageID: 7, body: M.roList({ roID: 'R', roSlug: 's&<>', stories: [{ storyID: 'S', storySlug: 'x', items: [{ itemID: 'I', objID: 'O', mosID: 'DEV' }] }] }) }),
  buildMos({ mosID: 'DEV', ncsID: 'NCS', messageID: 9, body: M.mosObj({ objID: 'O', objSlug: 'o', objType: 'VIDEO', objDur: 5, proxyPath: 'http://h/p?a=1&b=2' }) }),
];
const FRAGMENTS = ['<', '>', '</', '/>', '&', '&amp;', '&#0;', '&#xFFFF;', '<!DOCTYPE x>', '<!ENTITY e "x">', '<![CDATA[', ']]>', '<?xml?>', '\u0000', '\uFFFD', '\uD800', '"', "'", '=', '<mos>', '<messageID>', '99999999999', '-1', ' '];
const SEEDS_QUERY = ['mosID=M&ncsID=N&channel=ro', 'parameter1=1&mosID=M&nCSID=N&channel=mom&passive=true', 'mosID=&ncsID=N&channel=aux'];

type Mutator = (s: string, r: () => number) => string;
const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;
const MUTATORS: Mutator[] = [
  (s, r) => { const i = Math.floor(r() * s.length); return s.slice(0, i) + String.fromCharCode(Math.floor(r() * 0x3000)) + s.slice(i + 1); },
  (s, r) => { const i = Math.floor(r() * s.length); return s.slice(0, i) + pick(FRAGMENTS, r) + s.slice(i); },
  (s, r) => { const i = Math.floor(r() * s.length); const n = Math.floor(r() * 8); return s.slice(0, i) + s.slice(i + n); },
  (s, r) => s.slice(0, Math.floor(r() * s.length)),
  (s, r) => { const i = Math.floor(r() * s.length); return s.slice(0, i) + s.slice(i).repeat(1 + Math.floor(r() * 3)); },
];

function mutate(s: string, r: () => number): string {
  let out = s;
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) out = pick(MUTATORS, r)(out, r);
  return out;
}

export interface FuzzReport {
  cases: number;
  crashes: Array<{ target: string; input: string; error: string }>;
  byTarget: Record<string, number>;
}

export function runFuzz(cases: number, seed = 1, opts: { extraTargets?: Array<[string, (input: string) => void]> } = {}): FuzzReport {
  const r = rng(seed);
  const report: FuzzReport = { cases: 0, crashes: [], byTarget: {} };
  const keys = new Map([['k', 'secret']]);
  const signed = signUrl('http://h:1/a/b.mp4', { keyId: 'k', secret: 'secret', expiresAt: 2_000_000_000_000, clientIp: '10.0.0.1' }).split('?')[1]!;
  const targets: Array<[string, () => void]> = [
    ['parseMos', () => {
      const input = mutate(pick(SEEDS_MOS, r), r);
      try {
        parseMos(input, 64 * 1024);
      } catch (e) {
        if (!(e instanceof MosCodecError)) throw Object.assign(e as Error, { input });
      }
    }],
    ['parseConnectionParams', () => {
      const input = mutate(pick(SEEDS_QUERY, r), r);
      try {
        parseConnectionParams(new URLSearchParams(input), { acceptChannelTypo: r() < 0.5 });
      } catch (e) {
        if (!(e instanceof UrlParamError)) throw Object.assign(e as Error, { input });
      }
    }],
    ['checkBasicAuth', () => {
      const input = mutate('Basic ' + Buffer.from('user:pa:ss').toString('base64'), r);
      const res = checkBasicAuth(input, { username: 'user', password: 'pa:ss' });
      if (res.ok && input !== 'Basic ' + Buffer.from('user:pa:ss').toString('base64') && !/^basic/i.test(input)) throw Object.assign(new Error('accepted a non-Basic header'), { input });
    }],
    ['decodeBase64Liberal', () => {
      const input = mutate('eyJTdGF0ZW1lbnQiOnt9fQ', r);
      try {
        decodeBase64Liberal(input);
      } catch (e) {
        if (!(e instanceof Base64Error)) throw Object.assign(e as Error, { input });
      }
    }],
    ['verifyRequest', () => {
      const input = mutate(signed, r);
      const res = verifyRequest({ origin: 'http://h:1', path: '/a/b.mp4', rawQuery: input, clientIp: '10.0.0.1' }, { keys, strict: r() < 0.5, now: () => 1_000_000_000_000 });
      if (![200, 400, 403, 410].includes(res.status)) throw Object.assign(new Error(`status ${res.status}`), { input });
    }],
    ...(opts.extraTargets ?? []).map(([name, fn]): [string, () => void] => [name, () => {
      const input = mutate(pick(SEEDS_MOS, r), r);
      try {
        fn(input);
      } catch (e) {
        throw Object.assign(e as Error, { input });
      }
    }]),
  ];
  for (let i = 0; i < cases; i++) {
    const [name, fn] = targets[i % targets.length]!;
    report.cases++;
    report.byTarget[name] = (report.byTarget[name] ?? 0) + 1;
    try {
      fn();
    } catch (e) {
      if (report.crashes.length < 20) report.crashes.push({ target: name, input: String((e as { input?: string }).input ?? '').slice(0, 300), error: String((e as Error).stack ?? e).split('\n').slice(0, 3).join(' | ') });
      else report.crashes.length++;
    }
  }
  return report;
}

/** Random frames at a live device simulator; it must answer a heartbeat afterwards. */
export async function fuzzLiveDevice(frames: number, seed: number): Promise<{ frames: number; alive: boolean; closes: number }> {
  const { DeviceSimulator } = await import('../simulators/device');
  const { WebSocket } = await import('ws');
  const r = rng(seed);
  const device = new DeviceSimulator({ mosID: 'DEV', ncsID: 'NCS', keepAlive: { intervalMs: 60_000, mode: 'off' }, listen: { path: '/mos', maxPayload: 64 * 1024 } });
  await device.start();
  const url = `${device.endpoint!.url}?mosID=DEV&ncsID=NCS&channel=ro`;
  const connect = (): Promise<InstanceType<typeof WebSocket>> => new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
  let closes = 0;
  try {
    let ws = await connect();
    for (let i = 0; i < frames; i++) {
      if (ws.readyState !== WebSocket.OPEN) {
        closes++;
        ws = await connect();
      }
      const text = mutate(pick(SEEDS_MOS, r), r);
      if (r() < 0.05) ws.send(Buffer.from(text), { binary: true });
      else ws.send(text);
      if (i % 200 === 0) await new Promise((res) => setTimeout(res, 1));
    }
    ws.terminate();
    // A fresh connection: the fuzzed one may be closing for a protocol error right now.
    ws = await connect();
    const alive = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 3000);
      ws.on('message', (d) => {
        if (d.toString().includes('<messageID>424242</messageID>')) {
          clearTimeout(t);
          resolve(true);
        }
      });
      ws.send(SEEDS_MOS[0]!.replace('<messageID>1</messageID>', '<messageID>424242</messageID>'));
    });
    ws.close();
    return { frames, alive, closes };
  } finally {
    await device.stop();
  }
}

if (require.main === module) {
  const cases = Number(process.argv[2] ?? 120_000);
  const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
  const t0 = Date.now();
  const rep = runFuzz(cases, seed);
  console.log(`fuzz: ${rep.cases} cases, seed ${seed}, ${Date.now() - t0} ms, ${rep.crashes.length} crashes`);
  console.log(`  per target: ${Object.entries(rep.byTarget).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const c of rep.crashes.slice(0, 20)) console.log(`  CRASH ${c.target}: ${c.error}\n    input: ${JSON.stringify(c.input)}`);
  void fuzzLiveDevice(5000, seed).then((live) => {
    console.log(`live: ${live.frames} random frames at a device simulator, ${live.closes} protocol closes, still answering: ${live.alive}`);
    process.exit(rep.crashes.length || !live.alive ? 1 : 0);
  });
}
