// The CI recipes of docs/ci.md, checked twice. Statically: the workflow, the GitLab job and the
// Kubernetes manifests are parsed, the manifests validated against Kubernetes' own schemas
// (kubernetes-models), and every field the docs rely on is checked. Then run: the project's compose
// file starts several simulator systems, and the recipes' own scripts (taken from the files, not
// copied) certify them with the suite's image — the GitHub Actions steps as an unprivileged runner
// user with a mounted reports folder, two nights in a row; the GitLab job script inside the image as
// GitLab's Docker executor runs it; the Kubernetes Indexed Job's container per completion index and
// the collate Job's container — then collate and compare, which must catch the injected regression.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { InteropMatrix } from '../reports/interop-matrix';
import { freePort, progress } from './helpers';
import { imageExists, prebuiltImage } from './image-assembly';

const ROOT = path.resolve(__dirname, '..', '..');
const CI = path.join(ROOT, 'docs', 'ci');
const COMPOSE = path.join(ROOT, 'docker', 'compose.yaml');
// The images under test: made from what `npm run build` produced (docker/Dockerfile.prebuilt, one
// layer, seconds) unless MOSWS_SUITE_IMAGE and MOSWS_SIMULATORS_IMAGE name images built otherwise
// (npm run docker:build; docker-compose -f docker/compose.yaml build).
let SUITE_IMAGE = process.env.MOSWS_SUITE_IMAGE ?? '';
let SIM_IMAGE = process.env.MOSWS_SIMULATORS_IMAGE ?? '';
const PASSWORD = 'ci-recipe-pw-4Rt9';
const PROJECT = `mosws-ci-${process.pid}`;
const NETWORK = `${PROJECT}_default`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Y = any;
const load = (f: string): Y => parse(fs.readFileSync(path.join(CI, f), 'utf8'));
const loadAll = (f: string): Y[] => fs.readFileSync(path.join(CI, f), 'utf8').split(/^---$/m).map((d) => parse(d)).filter(Boolean);
// kubernetes-models is ESM only: a real dynamic import (TypeScript's CommonJS output would turn it into require).
const esm = new Function('s', 'return import(s)') as (s: string) => Promise<Y>;

const gh = load('github-actions.yml');
const gl = load('gitlab-ci.yml');
const k8sCertify = loadAll('k8s-certify.yaml');
const k8sCollate = loadAll('k8s-collate.yaml');
const step = (job: string, id: string): Y => gh.jobs[job].steps.find((s: Y) => s.id === id);
const doc = fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');

describe('the recipes as files', () => {
  test('docs/ci.md names every recipe file and the exit codes a gate uses', () => {
    for (const f of fs.readdirSync(CI)) assert.ok(doc.includes(`docs/ci/${f}`), `docs/ci.md mentions docs/ci/${f}`);
    for (const code of ['| 0 |', '| 1 |', '| 2 |', '| 3 |', '| 130 |']) assert.ok(doc.includes(code), code);
  });

  test('GitHub Actions: image once, a matrix of systems with passwords from secrets, artifacts, then collate and compare', () => {
    assert.ok(gh.on.schedule?.[0]?.cron && 'workflow_dispatch' in gh.on);
    assert.deepEqual(Object.keys(gh.jobs), ['image', 'certify', 'collate']);
    assert.match(gh.jobs.image.steps.map((s: Y) => s.run ?? '').join('\n'), /--build-arg MOSWS_COMMIT="\$GITHUB_SHA"/);
    const certify = gh.jobs.certify;
    assert.equal(certify.needs, 'image');
    assert.equal(certify.strategy['fail-fast'], false);
    const systems = certify.strategy.matrix.system as Array<Record<string, string>>;
    assert.ok(systems.length >= 2);
    const s = step('certify', 'certify');
    // Every matrix field the step reads is in every matrix entry; the password is a secret's.
    const used = [...JSON.stringify(s.env).matchAll(/matrix\.system\.(\w+)/g)].map((m) => m[1]!);
    for (const sys of systems) for (const k of used) assert.ok(sys[k], `${sys.name}: ${k}`);
    assert.equal(s.env.VENDOR_PW, '${{ secrets[matrix.system.passwordSecret] }}');
    assert.match(s.run, /--password-env VENDOR_PW/);
    assert.ok(!/VENDOR_PW=|echo "\$VENDOR_PW/.test(s.run), 'the password is passed by name, never printed');
    assert.match(s.run, /--user "\$\(id -u\):\$\(id -g\)"/);
    const upload = certify.steps.find((x: Y) => String(x.uses).startsWith('actions/upload-artifact'));
    assert.equal(upload.if, 'always()');
    for (const f of ['results.json', 'junit.xml', 'report.html']) assert.ok(upload.with.path.includes(f), f);
    const collate = gh.jobs.collate;
    assert.equal(collate.needs, 'certify');
    assert.match(step('collate', 'collate').run, /collate --out matrix reports/);
    assert.match(step('collate', 'compare').run, /compare --out "compare\/\$name" "baseline\/\$name\/results.json" "reports\/\$name\/results.json"/);
  });

  test('GitLab CI: parallel matrix in the suite image, passwords from CI/CD variables, junit report, collate with a cached baseline', () => {
    assert.deepEqual(gl.stages, ['image', 'certify', 'collate']);
    const c = gl.certify;
    assert.deepEqual(c.image.entrypoint, ['']);
    assert.equal(c.image.name, '$SUITE_IMAGE');
    const script = (c.script as string[]).join('\n');
    const used = [...new Set([...script.matchAll(/"\$([A-Z_]+)"/g)].map((m) => m[1]!))];
    for (const entry of c.parallel.matrix as Array<Record<string, string>>) for (const k of used) assert.ok(entry[k], `${entry.SYSTEM}: ${k}`);
    assert.match(script, /--password-env "\$PASSWORD_VAR"/);
    assert.equal(c.artifacts.reports.junit, 'reports/$SYSTEM/junit.xml');
    assert.ok((c.artifacts.paths as string[]).includes('reports/$SYSTEM/report.html'));
    assert.equal(c.artifacts.when, 'always');
    assert.deepEqual(gl.collate.needs, ['certify']);
    assert.deepEqual(gl.collate.cache.paths, ['baseline/']);
    assert.match(gl['image-build'].script.join('\n'), /--password-stdin/);
  });

  test('Kubernetes: manifests valid against the Kubernetes schemas; one completion per system; a collate Job on the same volume', async () => {
    const kinds: Record<string, string> = { ConfigMap: 'kubernetes-models/v1/ConfigMap', PersistentVolumeClaim: 'kubernetes-models/v1/PersistentVolumeClaim', Job: 'kubernetes-models/batch/v1/Job' };
    for (const m of [...k8sCertify, ...k8sCollate]) {
      const Model = (await esm(kinds[m.kind]!))[m.kind];
      assert.doesNotThrow(() => new Model(m).validate(), `${m.kind} ${m.metadata.name}`);
    }
    const systems = k8sCertify.find((m) => m.kind === 'ConfigMap').data['systems.txt'].trim().split('\n');
    const job = k8sCertify.find((m) => m.kind === 'Job');
    assert.equal(job.spec.completionMode, 'Indexed');
    assert.equal(job.spec.completions, systems.length, 'one completion per line of systems.txt');
    const pod = job.spec.template.spec;
    assert.equal(pod.securityContext.runAsUser, 1000);
    assert.equal(pod.securityContext.fsGroup, 1000, 'the shared volume is writable by the suite user');
    const c = pod.containers[0];
    assert.deepEqual(c.volumeMounts.map((v: Y) => v.mountPath).sort(), ['/config', '/reports', '/secrets']);
    assert.match(c.args[0], /JOB_COMPLETION_INDEX/);
    const collate = k8sCollate[0];
    assert.equal(collate.spec.template.spec.volumes[0].persistentVolumeClaim.claimName, pod.volumes.find((v: Y) => v.name === 'reports').persistentVolumeClaim.claimName);
    assert.deepEqual(collate.spec.template.spec.containers[0].args, ['collate', '--out', '/reports/matrix', '/reports/runs']);
  });
});

// ---- the recipes, run ---------------------------------------------------------------------------

function dockerOk(): string | undefined {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 });
  } catch {
    return 'no Docker engine answers (docker info failed)';
  }
  for (const image of [SUITE_IMAGE, SIM_IMAGE]) {
    if (image && !imageExists(image)) return `the image ${image} (named in MOSWS_SUITE_IMAGE or MOSWS_SIMULATORS_IMAGE) does not exist`;
  }
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore', timeout: 20_000 });
  } catch {
    return 'no docker-compose (apt-get install docker-compose)';
  }
  return undefined;
}

/** The commit the images report (--version, results.json tool.commit), as docs/ci.md's builds pass it. */
function headCommit(): string {
  if (process.env.MOSWS_COMMIT) return process.env.MOSWS_COMMIT;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 }).trim();
  } catch {
    return '0'.repeat(40); // not a git checkout: a commit of zeros, still the form a CI build passes
  }
}

interface Ran {
  code: number | null;
  out: string;
}

/** Runs a script as the CI would, bounded; as an unprivileged user when this test runs as root. */
function run(cmd: string, args: string[], o: { env?: Record<string, string>; cwd?: string; asUser?: number; timeoutMs?: number } = {}): Promise<Ran> {
  const dockerGid = (): string => /^docker:x:(\d+):/m.exec(fs.readFileSync('/etc/group', 'utf8'))?.[1] ?? '0';
  const [c, a] = o.asUser !== undefined && process.getuid?.() === 0 ? ['setpriv', [`--reuid=${o.asUser}`, `--regid=${o.asUser}`, `--groups=${dockerGid()}`, cmd, ...args]] : [cmd, args];
  return new Promise((resolve) => {
    const child = spawn(c, a as string[], { cwd: o.cwd, env: { PATH: process.env.PATH!, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 900_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** A GitHub Actions expression of the recipe, evaluated for one matrix entry. */
function ghValue(v: string, system: Record<string, string>, secrets: Record<string, string>): string {
  return v.replace(/\$\{\{\s*secrets\[matrix\.system\.(\w+)\]\s*\}\}/g, (_m, k: string) => secrets[system[k]!] ?? '').replace(/\$\{\{\s*matrix\.system\.(\w+)\s*\}\}/g, (_m, k: string) => system[k] ?? '');
}

/** One step of the workflow, run by bash in `ws` as the runner would (env, GITHUB_OUTPUT). */
async function ghStep(job: string, id: string, ws: string, system: Record<string, string>, secrets: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<Ran & { outputs: string }> {
  const s = step(job, id);
  const env: Record<string, string> = { HOME: ws, GITHUB_OUTPUT: path.join(ws, `.out-${id}-${system.name ?? 'all'}`), GITHUB_STEP_SUMMARY: path.join(ws, '.summary') };
  for (const [k, v] of Object.entries(s.env ?? {})) env[k] = ghValue(String(v), system, secrets);
  // The image the job built (mosws-suite:ci in the workflow) is the one built for this test.
  Object.assign(env, { SUITE_IMAGE }, extraEnv);
  for (const f of [env.GITHUB_OUTPUT!, env.GITHUB_STEP_SUMMARY!]) {
    if (!fs.existsSync(f) || f === env.GITHUB_OUTPUT) fs.writeFileSync(f, '');
    fs.chownSync(f, RUNNER_UID, RUNNER_UID);
  }
  const r = await run('bash', ['-e', '-c', s.run], { env, cwd: ws, asUser: RUNNER_UID });
  return { ...r, outputs: fs.readFileSync(env.GITHUB_OUTPUT!, 'utf8') };
}

const RUNNER_UID = 4242;
const skip = dockerOk();

describe('the recipes, run against the compose systems', { skip }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-recipes-'));
  fs.chmodSync(tmp, 0o755);
  const composeEnv = (port: number): Record<string, string> => ({ SIMULATORS_IMAGE: SIM_IMAGE, DEVICE_PORT: String(port), MOS_PASSWORD: PASSWORD, HOME: tmp });
  let env: Record<string, string> = {};
  const SECRETS = { DEVICE_PASSWORD: PASSWORD, NEWSROOM_PASSWORD: PASSWORD };
  // The systems of the test night, in the workflow's matrix shape.
  const device = { name: 'studio-device', role: 'device', url: 'wss://device:8443/mos', mosId: 'DEVICE.MOS', ncsId: 'NRCS.NCS', user: 'mos', passwordSecret: 'DEVICE_PASSWORD' };
  const newsroom = { name: 'newsroom', role: 'nrcs', url: 'wss://nrcs-listening:8444/mos', mosId: 'DEVICE.MOS', ncsId: 'NRCS.NCS', user: 'mos', passwordSecret: 'NEWSROOM_PASSWORD' };
  const networkEnv = { SUITE_NETWORK: NETWORK };

  // Images this run made (tagged by the digest of their runtime), removed at the end: each is a
  // full copy of the base on the vfs driver.
  const made: string[] = [];
  before(async () => {
    const commit = headCommit();
    for (const [target, name] of [['suite', 'SUITE'], ['simulators', 'SIM']] as const) {
      if (name === 'SUITE' ? SUITE_IMAGE : SIM_IMAGE) continue;
      const prefix = `mosws-${target}:recipes`;
      const tag = await prebuiltImage(target, prefix, `ci-recipes-${target}`, commit);
      if (name === 'SUITE') SUITE_IMAGE = tag;
      else SIM_IMAGE = tag;
      made.push(tag);
    }
    progress(`ci-recipes: suite image ${SUITE_IMAGE}, simulators image ${SIM_IMAGE}`);
    env = composeEnv(await freePort());
    const up = await run('docker-compose', ['-p', PROJECT, '-f', COMPOSE, '--profile', 'ci', 'up', '-d', '--no-build', 'device', 'device-faulty', 'nrcs-listening'], { env, timeoutMs: 180_000 });
    assert.equal(up.code, 0, up.out);
    // Each simulator prints its banner once it listens.
    for (const svc of ['device', 'device-faulty', 'nrcs-listening']) {
      const t0 = Date.now();
      for (;;) {
        const logs = await run('docker-compose', ['-p', PROJECT, '-f', COMPOSE, 'logs', '--no-color', svc], { env, timeoutMs: 30_000 });
        if (/listening on wss:/.test(logs.out)) break;
        assert.ok(Date.now() - t0 < 90_000, `${svc} did not start:\n${logs.out}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  });
  after(async () => {
    if (env.SIMULATORS_IMAGE) await run('docker-compose', ['-p', PROJECT, '-f', COMPOSE, '--profile', 'ci', 'down', '-t', '2'], { env, timeoutMs: 120_000 });
    for (const tag of made) await run('docker', ['image', 'rm', tag], { timeoutMs: 120_000 });
  });

  const night1 = path.join(tmp, 'night1');
  const night2 = path.join(tmp, 'night2');

  test('GitHub Actions: the certify step per system as the runner user, a mounted reports folder without chmod, then collate and compare across two nights', async () => {
    for (const ws of [night1, night2]) {
      fs.mkdirSync(ws);
      fs.chownSync(ws, RUNNER_UID, RUNNER_UID);
    }
    // Night 1: both systems, concurrently as the matrix jobs would run.
    const first = await Promise.all([device, newsroom].map((s) => ghStep('certify', 'certify', night1, s, SECRETS, networkEnv)));
    // The newsroom listens only: an NRCS that leaves passive-active undeclared (MOSWS-PASSIVE-4) is
    // INCOMPLETE, exit 4, not certified; the job still publishes its reports.
    for (const [i, r] of first.entries()) {
      assert.equal(r.code, 0, r.out);
      assert.match(r.outputs, i === 0 ? /^exit-code=0$/m : /^exit-code=4$/m, r.out);
      const dir = path.join(night1, 'reports', [device, newsroom][i]!.name);
      for (const f of ['results.json', 'junit.xml', 'report.html']) assert.ok(fs.existsSync(path.join(dir, f)), f);
      assert.equal(fs.statSync(path.join(dir, 'results.json')).uid, RUNNER_UID, 'written as the invoking user');
      const results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as { tool: { commit: string | null } };
      assert.match(results.tool.commit ?? '', /^[0-9a-f]{40}/, 'the image reports its commit');
      assert.ok(!fs.readFileSync(path.join(dir, 'report.html'), 'utf8').includes(PASSWORD), 'the password is in no report');
      assert.ok(!r.out.includes(PASSWORD), 'nor in the log');
    }
    // Night 2: the device's new build is broken (the faulty device answers at the same name).
    const broken = { ...device, url: 'wss://device-faulty:8443/mos' };
    const second = await Promise.all([broken, newsroom].map((s) => ghStep('certify', 'certify', night2, s, SECRETS, networkEnv)));
    assert.match(second[0]!.outputs, /^exit-code=1$/m, second[0]!.out);
    assert.equal(second[0]!.code, 0, 'a failing system still publishes its reports');
    // The collate job: artifacts downloaded as reports/reports-<name>, last night's as baseline/.
    const ws = path.join(tmp, 'collate');
    for (const [from, to] of [[night2, 'reports'], [night1, 'baseline']] as const) {
      for (const s of [device, newsroom]) fs.cpSync(path.join(from, 'reports', s.name), path.join(ws, to, `reports-${s.name}`), { recursive: true });
    }
    execFileSync('chown', ['-R', `${RUNNER_UID}:${RUNNER_UID}`, ws]);
    const collate = await ghStep('collate', 'collate', ws, {}, {});
    assert.equal(collate.code, 0, collate.out);
    const m = JSON.parse(fs.readFileSync(path.join(ws, 'matrix', 'interop-matrix.json'), 'utf8')) as InteropMatrix;
    assert.deepEqual(m.columns.map((c) => c.run).sort(), ['reports-newsroom', 'reports-studio-device']);
    const url2 = m.rows.find((r) => r.id === 'MOSWS-URL-2')!;
    assert.equal(url2.cells[m.columns.findIndex((c) => c.run === 'reports-studio-device')]!.state, 'FAIL');
    assert.equal(url2.cells[m.columns.findIndex((c) => c.run === 'reports-newsroom')]!.state, 'PASS');
    assert.match(m.columns[0]!.name, /\S/);
    const compare = await ghStep('collate', 'compare', ws, {}, {});
    assert.equal(compare.code, 1, `compare gates on the regression:\n${compare.out}`);
    assert.match(compare.out, /✗ device: .* — Pass → Fail — \[MOSWS-URL-2\]/);
    assert.match(fs.readFileSync(path.join(ws, '.summary'), 'utf8'), /# Compared with the baseline: [1-9]\d* regression/);
  });

  test('run refuses a reports folder the container user cannot write, before the pre-flight, naming the fix', async () => {
    const dir = path.join(tmp, 'not-mine');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chownSync(dir, 4343, 4343);
    const r = await run('docker', ['run', '--rm', '--network', NETWORK, '-v', `${dir}:/reports`, '-e', 'VENDOR_PW', SUITE_IMAGE, '--role', 'device', '--target-url', device.url, '--mos-id', device.mosId, '--ncs-id', device.ncsId, '--user', 'mos', '--password-env', 'VENDOR_PW', '--allow-untrusted', '--report-dir', '/reports'], { env: { VENDOR_PW: PASSWORD }, timeoutMs: 600_000 });
    assert.equal(r.code, 2, r.out);
    assert.match(r.out, /the reports folder \/reports is not writable \(it belongs to uid 4343, this process runs as uid 1000\) — in a container, run it as the invoking user: docker run --user "\$\(id -u\):\$\(id -g\)"/);
    assert.ok(!/pre-flight|EACCES/.test(r.out), r.out);
    const v = await run('docker', ['run', '--rm', SUITE_IMAGE, '--version'], { timeoutMs: 300_000 });
    assert.match(v.out, /^mos-conformance \(mos-ws-conformance\) \d+\.\d+\.\d+ commit [0-9a-f]{12}/);
  });

  test('GitLab CI: the certify script in the suite image as the Docker executor runs it, then the collate script', async () => {
    const ws = path.join(tmp, 'gitlab');
    fs.mkdirSync(ws, { mode: 0o777 });
    fs.chmodSync(ws, 0o777); // GitLab's Docker executor clones with umask 0000
    const entry = (gl.certify.parallel.matrix as Array<Record<string, string>>)[0]!;
    const vars = { ...entry, SYSTEM: 'newsroom', ROLE: 'nrcs', TARGET_URL: newsroom.url, MOS_ID: newsroom.mosId, NCS_ID: newsroom.ncsId, MOS_USER: 'mos', PASSWORD_VAR: 'NEWSROOM_A_PASSWORD', NEWSROOM_A_PASSWORD: PASSWORD, CI_PROJECT_DIR: '/builds/proj' };
    const gitlabRun = (script: string[], v: Record<string, string>): Promise<Ran> =>
      run('docker', ['run', '--rm', '--network', NETWORK, '-v', `${ws}:/builds/proj`, '-w', '/builds/proj', ...Object.keys(v).flatMap((k) => ['-e', k]), '--entrypoint', 'sh', SUITE_IMAGE, '-e', '-c', script.join('\n')], { env: v, timeoutMs: 900_000 });
    const r = await gitlabRun(gl.certify.script, vars);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /run exit code 4/, 'the listening newsroom is incomplete (no passive-active), and the job goes on');
    for (const p of gl.certify.artifacts.paths as string[]) assert.ok(fs.existsSync(path.join(ws, p.replace('$SYSTEM', 'newsroom'))), p);
    // The collate job with last night's GitHub reports as its cached baseline and tonight's as artifacts.
    fs.cpSync(path.join(night1, 'reports'), path.join(ws, 'baseline'), { recursive: true });
    fs.cpSync(path.join(night2, 'reports', device.name), path.join(ws, 'reports', device.name), { recursive: true });
    fs.chmodSync(ws, 0o777);
    execFileSync('chmod', ['-R', 'a+rwX', ws]);
    const c = await gitlabRun(gl.collate.script, { CI_PROJECT_DIR: '/builds/proj' });
    assert.equal(c.code, 1, `the regression fails the job (and the baseline is not replaced):\n${c.out}`);
    assert.ok(fs.existsSync(path.join(ws, 'matrix', 'interop-matrix.html')));
    assert.ok(fs.existsSync(path.join(ws, 'compare', device.name, 'compare.md')));
  });

  test('Kubernetes: the Indexed Job container per completion index, then the collate Job container', async () => {
    const job = k8sCertify.find((m) => m.kind === 'Job');
    const pod = job.spec.template.spec;
    const c = pod.containers[0];
    const vol = (name: string): string => {
      const d = path.join(tmp, 'k8s', name);
      fs.mkdirSync(d, { recursive: true });
      return d;
    };
    // The ConfigMap and Secret as the kubelet mounts them, for the compose systems.
    fs.writeFileSync(path.join(vol('config'), 'systems.txt'), `${device.name} device ${device.url} ${device.mosId} ${device.ncsId} mos\n${newsroom.name} nrcs ${newsroom.url} ${newsroom.mosId} ${newsroom.ncsId} mos\n`);
    for (const s of [device, newsroom]) fs.writeFileSync(path.join(vol('secrets'), s.name), PASSWORD);
    const reports = vol('reports');
    fs.chownSync(reports, 0, pod.securityContext.fsGroup);
    fs.chmodSync(reports, 0o2775); // what fsGroup does to the volume
    const mounts = (container: Y): string[] => container.volumeMounts.flatMap((m: Y) => ['-v', `${path.join(tmp, 'k8s', m.mountPath.slice(1))}:${m.mountPath}${m.readOnly ? ':ro' : ''}`]);
    const user = `${pod.securityContext.runAsUser}:${pod.securityContext.runAsGroup}`;
    const results = await Promise.all(
      [0, 1].map((index) =>
        run('docker', ['run', '--rm', '--network', NETWORK, '--user', user, '--group-add', String(pod.securityContext.fsGroup), '-e', `JOB_COMPLETION_INDEX=${index}`, ...mounts(c), '--entrypoint', c.command[0], SUITE_IMAGE, ...c.command.slice(1), ...c.args], { timeoutMs: 900_000 }),
      ),
    );
    for (const r of results) assert.equal(r.code, 0, r.out);
    assert.match(results[0]!.out, /studio-device: run exit code 0/);
    assert.match(results[1]!.out, /newsroom: run exit code 4/);
    const cc = k8sCollate[0].spec.template.spec.containers[0];
    const col = await run('docker', ['run', '--rm', '--user', user, ...mounts(cc), '--entrypoint', cc.command[0], SUITE_IMAGE, ...cc.args], { timeoutMs: 600_000 });
    assert.equal(col.code, 0, col.out);
    const m = JSON.parse(fs.readFileSync(path.join(reports, 'matrix', 'interop-matrix.json'), 'utf8')) as InteropMatrix;
    assert.deepEqual(m.columns.map((x) => `${x.run}/${x.role}`).sort(), ['newsroom/nrcs', 'studio-device/device']);
    assert.ok(m.rows.every((r) => r.cells.every((x) => x.state !== 'FAIL')), 'both systems are correct');
  });
});
