// The runtime images of docker/Dockerfile.prebuilt, made from what `npm run build` produced, for the
// tests that run the suite or the simulators as containers (test/containers.test.ts,
// test/ci-recipes.test.ts). Not a test file: shared by those two.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { progress } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

/** What the image ships of dist/: the layers the CLI runs (not test/, bench/, fuzz/). */
const SHIPPED = ['lib', 'simulators', 'suite', 'steps', 'reports', 'cli'];

/**
 * The image's build context, from what `npm run build` produced: dist/ of the shipped layers, the
 * production packages of node_modules (each package the lock file does not mark dev, without its
 * nested node_modules, which are entries of their own), features/, schema/, docs/requirements.md,
 * package.json, bin/mos-conformance, and docker/Dockerfile.prebuilt as its Dockerfile. Nothing is compiled or installed
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
  // The command docker/Dockerfile installs as /usr/local/bin/mos-conformance (on the image's PATH).
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(path.join(dir, 'bin', 'mos-conformance'), '#!/bin/sh\nexec node /app/dist/cli/main.js "$@"\n', { mode: 0o755 });
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
export function contextDigest(dir: string, base: string): string {
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
export async function assembleImage(context: string, target: string, base: string, tag: string, commit = ''): Promise<void> {
  const changes = commitChanges(fs.readFileSync(path.join(ROOT, 'docker/Dockerfile.prebuilt'), 'utf8'), target, { BASE: base, MOSWS_COMMIT: commit });
  const id = await docker(['create', base, 'true']);
  try {
    const tar = spawn('tar', ['-C', context, '--exclude=./Dockerfile', '--exclude=./.dockerignore', '--owner=1000', '--group=1000', '--numeric-owner', '--transform', 's,^\\.,app,', '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await docker(['cp', '-a', '-', `${id}:/`], tar.stdout);
    await docker(['commit', ...changes.flatMap((c) => ['--change', c]), id, tag]);
  } finally {
    await docker(['rm', '-f', id]).catch(() => undefined);
  }
}

export function imageExists(tag: string): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', tag], { stdio: 'ignore', timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The tag of `target`'s image (`simulators` or `suite`) over the base image, made when no image of
 * the same runtime context exists yet (tagged `${prefix}-<digest of the context>`, so an unchanged
 * runtime reuses it). `label` prefixes the progress lines; `commit` is the image's MOSWS_COMMIT
 * (what `--version` and results.json's tool.commit report).
 */
export async function prebuiltImage(target: 'simulators' | 'suite', prefix: string, label: string, commit = ''): Promise<string> {
  const base = process.env.BASE_IMAGE ?? 'node:24-bookworm-slim';
  const context = path.join(ROOT, 'reports/out', `image-context-${label}`);
  let t0 = Date.now();
  progress(`${label}: staging the runtime context (dist/, production packages, features/, schema/) …`);
  stageRuntimeContext(context);
  const tag = `${prefix}-${contextDigest(context, `${base} ${target} ${commit}`)}`;
  progress(`${label}: runtime context staged from dist/ and the production packages in ${Math.round((Date.now() - t0) / 1000)} s`);
  if (imageExists(tag)) {
    progress(`${label}: reusing ${tag} (its context is unchanged)`);
    return tag;
  }
  // Say so while the image is made, so the run is never silent for long.
  t0 = Date.now();
  progress(`${label}: making ${tag} (${target}) from docker/Dockerfile.prebuilt and what npm run build produced …`);
  const tick = setInterval(() => progress(`${label}: still making ${tag} (${Math.round((Date.now() - t0) / 1000)} s)`), 20_000);
  try {
    await assembleImage(context, target, base, tag, commit);
  } finally {
    clearInterval(tick);
  }
  progress(`${label}: made ${tag} in ${Math.round((Date.now() - t0) / 1000)} s`);
  return tag;
}
