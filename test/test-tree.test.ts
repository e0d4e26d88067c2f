// Nothing under test/ is dead weight: every file is a test file (`*.test.ts`, run by `npm test`
// through test/run.ts), the runner itself, or reachable from them: imported (statically or with
// import()), or named by a reachable file as a program or script it starts (`zoo.js`,
// `vendor-zoo-trigger.sh`). READMEs document the peers and are exempt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TEST = path.resolve(__dirname, '..', '..', 'test');

export function unreachableTestFiles(dir = TEST): string[] {
  const all = (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile() && !f.endsWith('README.md'));
  const reached = new Set(all.filter((f) => f.endsWith('.test.ts') || f === 'run.ts'));
  const queue = [...reached];
  const reach = (f: string): void => {
    if (all.includes(f) && !reached.has(f)) {
      reached.add(f);
      queue.push(f);
    }
  };
  while (queue.length) {
    const f = queue.shift()!;
    if (!f.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/(?:from|import\(|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) reach(path.join(path.dirname(f), `${m[1]!.replace(/\.js$/, '')}.ts`));
    // Programs and scripts started by name: the file's base name (compiled to .js) in a string literal.
    for (const other of all) {
      const base = path.basename(other).replace(/\.ts$/, '.js');
      if (new RegExp(`['"\`/]${base.replace(/[.]/g, '\\.')}['"\`]`).test(text)) reach(other);
    }
  }
  return all.filter((f) => !reached.has(f)).sort();
}

test('every file under test/ runs under npm test, or is imported or started by one that does', () => {
  assert.deepEqual(unreachableTestFiles(), []);
});

test('the reachability check finds a file nothing reaches', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tree-check-'));
  try {
    fs.writeFileSync(path.join(tmp, 'a.test.ts'), "import { x } from './b';\nconst Z = path.join(__dirname, 'tool.js');\n");
    fs.writeFileSync(path.join(tmp, 'b.ts'), 'export const x = 1;\n');
    fs.writeFileSync(path.join(tmp, 'tool.ts'), '');
    fs.writeFileSync(path.join(tmp, 'old-demo.ts'), '');
    fs.writeFileSync(path.join(tmp, 'output.txt'), '');
    assert.deepEqual(unreachableTestFiles(tmp), ['old-demo.ts', 'output.txt']);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
