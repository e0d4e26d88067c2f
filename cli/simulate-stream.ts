// `simulate signer|distribution`, and the `sign` / `verify` commands.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parseKeyFile, SigningKey } from '../lib/signing/keys';
import { signUrl } from '../lib/signing/signer';
import { PROFILES, profileNamed, verifyRequest } from '../lib/signing/verifier';
import { Transcript } from '../lib/transport/transcript';
import { DistributionServer } from '../simulators/distribution-server';
import { SigningService } from '../simulators/signing-service';
import { positiveInt } from './simulate-mos';

export const STREAM_USAGE = `usage:
  mos-conformance simulate distribution --root DIR --keys FILE [--listen HOST:PORT] [--strict on|off] [--profile opencast-java|apache-httpd]
  mos-conformance simulate signer --keys FILE --prefix URL [--listen HOST:PORT] [--expires-seconds N]
      (the key file holds key.<id>=<secret> lines; the signer uses the first key for --prefix, or
       one "prefix.<id>=URL" line per key in the same file)
  mos-conformance simulate bridge --tcp HOST:LOWER:UPPER [--listen HOST:PORT] [--ncs-ports LOWER:UPPER] [--tls self-signed]
      (MOS WebSocket <-> MOS 2.x TCP bridge; Basic auth from MOS_PASSWORD with --user, default mos)
  mos-conformance sign URL --keys FILE --key-id ID [--expires-seconds N] [--valid-from-seconds N] [--client-ip IP] [--now T]
  mos-conformance verify SIGNED-URL --keys FILE [--strict on|off] [--profile P] [--client-ip IP] [--now T]
      (--now fixes the clock: an ISO 8601 instant or epoch milliseconds; default the system clock)`;

function hostPort(s: string | undefined, def: number): { host: string; port: number } {
  if (!s) return { host: '127.0.0.1', port: def };
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(s);
  if (!m) throw new Error(`--listen takes HOST:PORT, got ${s}`);
  return { host: m[1] ?? m[2]!, port: Number(m[3]) };
}

function onOff(v: string | undefined, def: boolean): boolean {
  if (v === undefined) return def;
  if (v !== 'on' && v !== 'off') throw new Error(`--strict takes on or off, got ${v}`);
  return v === 'on';
}

function profile(v: string | undefined) {
  if (v !== undefined && !(v in PROFILES)) throw new Error(`--profile takes ${Object.keys(PROFILES).join(' or ')}`);
  return profileNamed(v);
}

/** --now: an ISO 8601 instant or epoch milliseconds; the system clock when absent. */
export function parseNow(v: string | undefined): number {
  if (v === undefined) return Date.now();
  const t = /^-?\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isSafeInteger(t)) throw new Error(`--now takes an ISO 8601 instant or epoch milliseconds, got ${v}`);
  return t;
}

/** A file named by a flag, or an error naming the flag and the file (never a raw ENOENT). */
export function readNamedFile(file: string, flag: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message;
    throw new Error(`${flag} ${file}: cannot be read (${why})`);
  }
}

export function signingKeys(file: string, prefix?: string): SigningKey[] {
  const text = readNamedFile(file, '--keys');
  const keys = parseKeyFile(text);
  const prefixes = new Map<string, string>();
  for (const l of text.split('\n')) {
    const m = /^\s*prefix\.([^=\s]+)\s*=\s*(\S+)\s*$/.exec(l);
    if (m) prefixes.set(m[1]!, m[2]!);
  }
  const out: SigningKey[] = [];
  for (const [keyId, secret] of keys) {
    const p = prefixes.get(keyId) ?? (out.length === 0 ? prefix : undefined);
    if (p) out.push({ keyId, secret, urlPrefix: p });
  }
  if (!out.length) throw new Error('no signing key has a URL prefix: give --prefix or prefix.<id>=URL lines');
  return out;
}

export async function startStreamSimulator(what: 'signer' | 'distribution', argv: string[], out: (s: string) => void = console.log): Promise<{ stop(): Promise<void> }> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { root: { type: 'string' }, keys: { type: 'string' }, listen: { type: 'string' }, strict: { type: 'string' }, profile: { type: 'string' }, prefix: { type: 'string' }, 'expires-seconds': { type: 'string' } },
  });
  if (!values.keys) throw new Error('--keys FILE is required');
  const transcript = new Transcript();
  transcript.on('entry', (e) => out(`${new Date(e.t).toISOString()} ${e.who} ${e.text}`));
  if (what === 'distribution') {
    if (!values.root) throw new Error('--root DIR is required');
    if (!fs.statSync(values.root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--root ${values.root}: no such folder (create it and put the files to serve in it)`);
    const { host, port } = hostPort(values.listen, 8080);
    const server = new DistributionServer({ root: values.root, keys: parseKeyFile(readNamedFile(values.keys, '--keys')), strict: onOff(values.strict, true), profile: profile(values.profile), transcript });
    await server.start(host, port);
    out(`distribution server on ${server.origin(host)} serving ${values.root} (strict ${onOff(values.strict, true) ? 'on' : 'off'})`);
    return server;
  }
  const { host, port } = hostPort(values.listen, 8081);
  const service = new SigningService({ keys: signingKeys(values.keys, values.prefix), defaultExpiresSeconds: values['expires-seconds'] ? positiveInt(values['expires-seconds'], '--expires-seconds') : undefined, transcript });
  await service.start(host, port);
  out(`signing service on ${service.origin(host)}/sign`);
  return service;
}

export function signCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { keys: { type: 'string' }, 'key-id': { type: 'string' }, 'expires-seconds': { type: 'string' }, 'valid-from-seconds': { type: 'string' }, 'client-ip': { type: 'string' }, now: { type: 'string' } } });
  const url = positionals[0];
  if (!url || !values.keys || !values['key-id']) throw new Error(STREAM_USAGE);
  const secret = parseKeyFile(readNamedFile(values.keys, '--keys')).get(values['key-id']);
  if (secret === undefined) throw new Error(`no key ${values['key-id']} in ${values.keys}`);
  const now = parseNow(values.now);
  console.log(signUrl(url, {
    keyId: values['key-id'],
    secret,
    expiresAt: now + positiveInt(values['expires-seconds'] ?? '7200', '--expires-seconds') * 1000,
    validFrom: values['valid-from-seconds'] !== undefined ? now + Number(values['valid-from-seconds']) * 1000 : undefined,
    clientIp: values['client-ip'],
  }));
  return 0;
}

export function verifyCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { keys: { type: 'string' }, strict: { type: 'string' }, profile: { type: 'string' }, 'client-ip': { type: 'string' }, now: { type: 'string' } } });
  const url = positionals[0];
  if (!url || !values.keys) throw new Error(STREAM_USAGE);
  const now = parseNow(values.now);
  const u = new URL(url);
  const r = verifyRequest(
    { origin: `${u.protocol}//${u.host}`, path: u.pathname, rawQuery: url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0]! : '', clientIp: values['client-ip'] ?? '127.0.0.1' },
    { keys: parseKeyFile(readNamedFile(values.keys, '--keys')), strict: onOff(values.strict, true), profile: profile(values.profile), now: () => now },
  );
  console.log(`${r.status} ${r.reason}`);
  if (r.policy) console.log(JSON.stringify({ ...r.policy, dateLessThanIso: new Date(r.policy.dateLessThan).toISOString() }));
  return r.status === 200 ? 0 : 1;
}
