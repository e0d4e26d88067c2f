// The simulators as containers: an image built with testcontainers from what `npm run build`
// produced (docker/Dockerfile.prebuilt over a runtime-only context), started, and certified by the
// suite over the mapped ports as real endpoints. Without a Docker engine
// the tests are reported as skipped with the reason, never passed.
process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { GenericContainer, StartedTestContainer } from 'testcontainers';
import { runConformance } from '../cli/run';
import { commitChanges, prebuiltImage } from './image-assembly';
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

before(async () => {
  if (problem) return;
  const { GenericContainer: GC } = await import('testcontainers');
  image = new GC(await prebuiltImage('simulators', IMAGE, 'containers'));
}, { timeout: 30 * 60_000 });

after(async () => {
  for (const c of started) await c.stop({ timeout: 5_000 }).catch(() => undefined);
});

test('the prebuilt image takes the metadata of docker/Dockerfile.prebuilt', () => {
  const changes = commitChanges(fs.readFileSync(path.join(ROOT, 'docker/Dockerfile.prebuilt'), 'utf8'), 'simulators', { MOSWS_COMMIT: 'abc' });
  assert.deepEqual(changes, ['ENV NODE_ENV=production MOSWS_COMMIT=abc HOME=/tmp PATH=/app/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'WORKDIR /app', 'USER 1000', 'EXPOSE 8443 8080 8081', 'ENTRYPOINT ["node", "/app/dist/cli/main.js", "simulate"]', 'CMD ["device", "--listen", "0.0.0.0:8443", "--tls", "self-signed"]']);
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
