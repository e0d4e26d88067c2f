// The simulators as containers: built from docker/Dockerfile with testcontainers, started,
// and certified by the suite over the mapped ports as real endpoints. Without a Docker engine
// the tests are reported as skipped with the reason, never passed.
process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { GenericContainer, StartedTestContainer } from 'testcontainers';
import { runConformance } from '../cli/run';
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

/**
 * The image is tagged with a digest of everything its build reads (the Dockerfile, the files the
 * .dockerignore lets in, the base image name): an unchanged tree reuses the image built before
 * instead of building it again (minutes on the vfs storage driver).
 */
function inputsDigest(base: string): string {
  const h = createHash('sha256').update(base);
  const files = ['docker/Dockerfile', '.dockerignore', 'package.json', 'package-lock.json', 'tsconfig.json', 'docs/requirements.md'];
  for (const dir of ['lib', 'simulators', 'steps', 'reports', 'cli', 'features', 'schema']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }).sort()) {
      if (f.startsWith('out') || f === 'fault-timings.json' || !fs.statSync(path.join(ROOT, dir, f)).isFile()) continue;
      files.push(path.join(dir, f));
    }
  }
  for (const f of files) h.update(f).update('\0').update(fs.readFileSync(path.join(ROOT, f))).update('\0');
  return h.digest('hex').slice(0, 16);
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
  const tag = `${IMAGE}-${inputsDigest(base)}`;
  if (imageExists(tag)) {
    console.error(`containers: reusing ${tag} (nothing the image is built from changed)`);
    image = new GC(tag);
    return;
  }
  // A build on the vfs driver takes minutes: say so while it runs, so the run is never silent for long.
  const t0 = Date.now();
  console.error(`containers: building ${tag} from docker/Dockerfile …`);
  const tick = setInterval(() => console.error(`containers: still building ${tag} (${Math.round((Date.now() - t0) / 1000)} s)`), 20_000);
  try {
    image = await GC.fromDockerfile(ROOT, 'docker/Dockerfile').withTarget('simulators').withBuildArgs({ BASE: base }).build(tag, { deleteOnExit: false });
  } finally {
    clearInterval(tick);
  }
  console.error(`containers: built ${tag} in ${Math.round((Date.now() - t0) / 1000)} s`);
}, { timeout: 30 * 60_000 });

after(async () => {
  for (const c of started) await c.stop({ timeout: 5_000 }).catch(() => undefined);
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
