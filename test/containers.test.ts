// The simulators as containers: an image built with testcontainers from what `npm run build`
// produced (docker/Dockerfile.prebuilt over a runtime-only context), started, and certified by the
// suite over the mapped ports as real endpoints. Without a Docker engine
// the tests are reported as skipped with the reason, never passed.
process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { GenericContainer, StartedTestContainer } from 'testcontainers';
import { runConformance } from '../cli/run';
import { progress } from './helpers';
import { defaultConfig, mergeConfig } from '../suite/config';

const ROOT = path.resolve(__dirname, '../..');
const IMAGE = 'mosws-simulators:test';
const PASSWORD = 'container-secret-pw';
process.env.CONTAINER_MOS_PW = PASSWORD;
process.env.CONTAINER_STREAM_KEY = 'container-stream-key';

function engineProblem(): string | undefined {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'pipe', timeout: 15_000 });
    return undefined;
  } catch (e) {
    return `no Docker engine answers (${String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim().split('\n')[0]})`;
  }
}

const problem = engineProblem();
let image: GenericContainer | undefined;
const started: StartedTestContainer[] = [];

/** What the image ships of dist/: the layers the CLI runs (not test/, bench/, fuzz/). */
const SHIPPED = ['lib', 'simulators', 'suite', 'steps', 'reports', 'cli'];

/**
 * The image's build context, from what `npm run build` produced: dist/ of the shipped layers, the
 * production packages of node_modules (each package the lock file does not mark dev, without its
 * nested node_modules, which are entries of their own), features/, schema/, docs/requirements.md,
 * package.json, and docker/Dockerfile.prebuilt as its Dockerfile. Nothing is compiled or installed
 * in the image, and it is one layer over the base.
 */
export function stageRuntimeContext(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'reports', 'out'), { recursive: true });
  for (const d of SHIPPED) fs.cpSync(path.join(ROOT, 'dist', d), path.join(dir, 'dist', d), { recursive: true, filter: (f) => !f.endsWith('.map') });
  for (const d of ['features', 'schema']) fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.copyFileSync(path.join(ROOT, 'docs/requirements.md'), path.join(dir, 'docs/requirements.md'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; link?: boolean }> };
  for (const [where, p] of Object.entries(lock.packages)) {
    if (!where.startsWith('node_modules/') || p.dev || p.link) continue;
    const from = path.join(ROOT, where);
    if (!fs.existsSync(from)) continue; // an optional package for another platform
    const nested = path.join(from, 'node_modules');
    fs.cpSync(from, path.join(dir, where), { recursive: true, filter: (f) => f !== nested && !f.startsWith(nested + path.sep) });
  }
  fs.copyFileSync(path.join(ROOT, 'docker/Dockerfile.prebuilt'), path.join(dir, 'Dockerfile'));
  fs.writeFileSync(path.join(dir, '.dockerignore'), 'Dockerfile\n.dockerignore\n');
}

/**
 * The image is tagged with a digest of its build context (and the base image name): an unchanged
 * runtime reuses the image built before.
 */
function contextDigest(dir: string, base: string): string {
  const h = createHash('sha256').update(base);
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = path.join(dir, f);
    if (!fs.statSync(file).isFile()) continue;
    h.update(f).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * The metadata of a Dockerfile's target (its stages' ENV, WORKDIR, USER, EXPOSE, ENTRYPOINT, CMD,
 * with the ARGs given or their defaults) as `docker commit --change` values. Anything else than
 * those, the FROMs and the one COPY of the context to /app is refused: this is not a builder.
 */
export function commitChanges(dockerfile: string, target: string, args: Record<string, string> = {}): string[] {
  const stages = new Map<string, { from: string; lines: string[] }>();
  const defaults: Record<string, string> = {};
  let current: { from: string; lines: string[] } | undefined;
  for (const raw of dockerfile.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [keyword, ...rest] = line.split(/\s+/);
    const value = rest.join(' ');
    const expand = (v: string): string => v.replace(/\$\{(\w+)\}/g, (_m, name: string) => args[name] ?? defaults[name] ?? '');
    switch (keyword!.toUpperCase()) {
      case 'ARG': {
        const [name, def] = value.split('=');
        defaults[name!] = def ?? '';
        break;
      }
      case 'FROM': {
        const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(value);
        current = { from: expand(m![1]!), lines: [] };
        if (m![2]) stages.set(m![2], current);
        break;
      }
      case 'COPY':
        if (value !== '--chown=1000:1000 . /app') throw new Error(`unexpected COPY ${value}`);
        break;
      case 'ENV':
      case 'WORKDIR':
      case 'USER':
      case 'EXPOSE':
      case 'ENTRYPOINT':
      case 'CMD':
        current!.lines.push(`${keyword!.toUpperCase()} ${keyword!.toUpperCase() === 'ENV' ? expand(value) : value}`);
        break;
      default:
        throw new Error(`docker/Dockerfile.prebuilt: ${keyword} is not assembled here`);
    }
  }
  const chain = (name: string): string[] => {
    const st = stages.get(name);
    if (!st) return [];
    return [...chain(st.from), ...st.lines];
  };
  if (!stages.has(target)) throw new Error(`no stage ${target}`);
  return chain(target);
}

/** Runs a docker command; bounded (an engine on vfs under load is slow, not stuck). */
function docker(args: string[], input?: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('docker', args, { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    if (input) input.pipe(p.stdin!);
    const timer = setTimeout(() => p.kill('SIGKILL'), 15 * 60_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out.trim());
      else reject(new Error(`docker ${args[0]} exited with ${code}: ${err.trim()}`));
    });
  });
}

/**
 * The image of docker/Dockerfile.prebuilt's `target` over `base`, made as one layer: a container
 * of the base, the context copied into /app (owned by 1000:1000), committed with the Dockerfile's
 * metadata. A Dockerfile build makes the same image, but the classic builder makes a container and
 * a layer for each instruction, and on the vfs storage driver each of those is a full copy of the
 * base (minutes instead of seconds).
 */
async function assembleImage(context: string, target: string, base: string, tag: string): Promise<void> {
  const changes = commitChanges(fs.readFileSync(path.join(ROOT, 'docker/Dockerfile.prebuilt'), 'utf8'), target, { BASE: base, MOSWS_COMMIT: '' });
  const id = await docker(['create', base, 'true']);
  try {
    const tar = spawn('tar', ['-C', context, '--exclude=./Dockerfile', '--exclude=./.dockerignore', '--owner=1000', '--group=1000', '--numeric-owner', '--transform', 's,^\\.,app,', '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await docker(['cp', '-a', '-', `${id}:/`], tar.stdout);
    await docker(['commit', ...changes.flatMap((c) => ['--change', c]), id, tag]);
  } finally {
    await docker(['rm', '-f', id]).catch(() => undefined);
  }
}

function imageExists(tag: string): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', tag], { stdio: 'ignore', timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

before(async () => {
  if (problem) return;
  const { GenericContainer: GC } = await import('testcontainers');
  const base = process.env.BASE_IMAGE ?? 'node:24-bookworm-slim';
  const context = path.join(ROOT, 'reports/out/image-context');
  let t0 = Date.now();
  progress('containers: staging the runtime context (dist/, production packages, features/, schema/) …');
  stageRuntimeContext(context);
  const tag = `${IMAGE}-${contextDigest(context, base)}`;
  progress(`containers: runtime context staged from dist/ and the production packages in ${Math.round((Date.now() - t0) / 1000)} s`);
  if (imageExists(tag)) {
    progress(`containers: reusing ${tag} (its context is unchanged)`);
    image = new GC(tag);
    return;
  }
  // Say so while the image is made, so the run is never silent for long.
  t0 = Date.now();
  progress(`containers: making ${tag} from docker/Dockerfile.prebuilt and what npm run build produced …`);
  const tick = setInterval(() => progress(`containers: still making ${tag} (${Math.round((Date.now() - t0) / 1000)} s)`), 20_000);
  try {
    await assembleImage(context, 'simulators', base, tag);
  } finally {
    clearInterval(tick);
  }
  image = new GC(tag);
  progress(`containers: made ${tag} in ${Math.round((Date.now() - t0) / 1000)} s`);
}, { timeout: 30 * 60_000 });

after(async () => {
  for (const c of started) await c.stop({ timeout: 5_000 }).catch(() => undefined);
});

test('the prebuilt image takes the metadata of docker/Dockerfile.prebuilt', () => {
  const changes = commitChanges(fs.readFileSync(path.join(ROOT, 'docker/Dockerfile.prebuilt'), 'utf8'), 'simulators', { MOSWS_COMMIT: 'abc' });
  assert.deepEqual(changes, ['ENV NODE_ENV=production MOSWS_COMMIT=abc', 'WORKDIR /app', 'USER 1000', 'EXPOSE 8443 8080 8081', 'ENTRYPOINT ["node", "/app/dist/cli/main.js", "simulate"]', 'CMD ["device", "--listen", "0.0.0.0:8443", "--tls", "self-signed"]']);
  assert.throws(() => commitChanges('FROM x AS a\nRUN make\n', 'a'), /RUN is not assembled/);
});

test('both Dockerfiles build on Node 24 by default', () => {
  for (const f of ['docker/Dockerfile', 'docker/Dockerfile.prebuilt']) assert.match(fs.readFileSync(path.join(ROOT, f), 'utf8'), /^ARG BASE=node:24-bookworm-slim$/m, f);
});

test('device simulator container certified as a real endpoint over the mapped port', { skip: problem, timeout: 10 * 60_000 }, async () => {
  const { Wait } = await import('testcontainers');
  const c = await image!
    .withEnvironment({ MOS_PASSWORD: PASSWORD })
    .withCommand(['device', '--listen', '0.0.0.0:8443', '--tls', 'self-signed', '--keepalive-ms', '150'])
    .withExposedPorts(8443)
    .withWaitStrategy(Wait.forLogMessage(/listening on wss:/))
    .withStartupTimeout(60_000)
    .start();
  started.push(c);
  // The image runs Node 24 (asked in the running container: on vfs every new container is a full copy).
  const version = await c.exec(['node', '--version']);
  assert.match(version.output.trim(), /^v24\./, `node --version in the image: ${version.output}`);
  const url = `wss://${c.getHost()}:${c.getMappedPort(8443)}/mos`;
  const config = mergeConfig(defaultConfig(), {
    target: { role: 'device', url, mosID: 'DEVICE.MOS', ncsID: 'NRCS.NCS', username: 'mos', passwordEnv: 'CONTAINER_MOS_PW', allowUntrusted: true, capabilities: ['listens', 'passive-listener'], profiles: [0, 1, 2, 3, 4] },
    timing: 'accelerated',
  });
  const { results, success } = await runConformance(config, { quiet: true, formats: false });
  const passed = results.filter((r) => r.outcome === 'PASS');
  assert.ok(success, JSON.stringify(results.filter((r) => r.outcome === 'FAIL').map((r) => `${r.name}: ${r.message}`)));
  assert.ok(passed.length >= 15, `${passed.length} scenarios passed`);
  assert.ok(passed.some((r) => r.requirements.includes('MOSWS-AUTH-2')));
  assert.ok(passed.some((r) => r.requirements.includes('MOSWS-KA-2')));
});

test('distribution server container certified as a real verifier over the mapped port', { skip: problem, timeout: 10 * 60_000 }, async () => {
  const { Wait } = await import('testcontainers');
  const c = await image!
    .withCommand(['distribution', '--root', '/tmp/media', '--keys', '/tmp/keys.txt', '--listen', '0.0.0.0:8080', '--strict', 'on'])
    .withCopyContentToContainer([
      { content: 'key.ct=container-stream-key\n', target: '/tmp/keys.txt' },
      { content: 'clip bytes', target: '/tmp/media/media/clip.mp4' },
      { content: 'other bytes', target: '/tmp/media/media/other.mp4' },
      { content: 'poster bytes', target: '/tmp/media/public/poster.jpg' },
    ])
    .withExposedPorts(8080)
    .withWaitStrategy(Wait.forLogMessage(/distribution server on/))
    .start();
  started.push(c);
  const origin = `http://${c.getHost()}:${c.getMappedPort(8080)}`;
  // The verifier sees the suite's requests arrive from the container network's gateway.
  const gateway = execFileSync('docker', ['inspect', '-f', '{{range .NetworkSettings.Networks}}{{.Gateway}}{{end}}', c.getId()], { encoding: 'utf8' }).trim();
  const config = mergeConfig(defaultConfig(), {
    stream: { verifier: { resourceUrl: `${origin}/media/clip.mp4`, otherResourceUrl: `${origin}/media/other.mp4`, publicResourceUrl: `${origin}/public/poster.jpg`, keyId: 'ct', secretEnv: 'CONTAINER_STREAM_KEY', strict: true, clientIp: gateway } },
    timing: 'accelerated',
  });
  const { results, success } = await runConformance(config, { quiet: true, formats: false });
  assert.ok(success, JSON.stringify(results.filter((r) => r.outcome === 'FAIL').map((r) => `${r.name}: ${r.message}`)));
  assert.ok(results.filter((r) => r.outcome === 'PASS').length >= 15);
  assert.ok(results.some((r) => r.outcome === 'NOT_APPLICABLE'), 'non-strict and clock scenarios are not applicable to a strict vendor verifier');
});
