// The suite as a tool: where its files are, its name, version and commit, for --version and for
// every report (a verdict is only as good as knowing which suite gave it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The repository (or installed package) root: dist/reports/ is two levels down. */
export const ROOT = path.resolve(__dirname, '..', '..');

export interface ToolInfo {
  name: string;
  version: string;
  /** The git commit the suite was built from; undefined when it is not known (no git, no MOSWS_COMMIT). */
  commit?: string;
}

let cached: ToolInfo | undefined;
export function toolInfo(): ToolInfo {
  if (cached) return cached;
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  cached = { name: pkg.name, version: pkg.version, commit: commit() };
  return cached;
}

function commit(): string | undefined {
  if (process.env.MOSWS_COMMIT) return process.env.MOSWS_COMMIT;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    // Only the suite's own repository: installed inside another project, its commit is not ours.
    if (path.resolve(git('rev-parse', '--show-toplevel')) !== fs.realpathSync(ROOT)) return undefined;
    const head = git('rev-parse', 'HEAD');
    if (!/^[0-9a-f]{40}$/.test(head)) return undefined;
    const dirty = git('status', '--porcelain', '--untracked-files=no');
    return dirty ? `${head}-dirty` : head;
  } catch {
    return undefined;
  }
}

/**
 * Environment for child runs of the suite: the commit is looked up once, not by every child (a
 * git call each). `coverage: false` leaves the child out of an nyc coverage run (nyc's preload
 * costs a child about 40 % more CPU); for certification matrices whose code paths the embedded
 * runs cover already.
 */
export function childRunEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const commit = toolInfo().commit;
  return { ...process.env, ...(commit ? { MOSWS_COMMIT: commit } : {}), ...extra };
}

/**
 * The command that starts `node args`, outside an nyc coverage run when `coverage` is false: nyc's
 * preload (in NODE_OPTIONS, re-added to every spawn's environment by nyc itself) costs a child
 * about 40 % more CPU, which certification matrices covering the same code as the embedded runs
 * need not pay. `env -u` drops it in the child only.
 */
export function nodeCommand(args: string[], coverage = true): [string, string[]] {
  return coverage || !process.env.NYC_CONFIG ? [process.execPath, args] : ['env', ['-u', 'NODE_OPTIONS', process.execPath, ...args]];
}

export function versionLine(): string {
  const t = toolInfo();
  return `mos-conformance (${t.name}) ${t.version}${t.commit ? ` commit ${t.commit.slice(0, 12)}${t.commit.endsWith('-dirty') ? '-dirty' : ''}` : ''}`;
}
