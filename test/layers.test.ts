// The import rule of docs/architecture.md: layers only point down (lib -> simulators -> suite ->
// steps | reports -> cli -> bench, fuzz), steps/ and reports/ never import each other, no import
// cycle among the project's modules, and the independent test peers (test/vendor-zoo,
// test/independent-verifier) import nothing of the project outside their own folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Layer of each top-level folder; a module may import its own layer or a lower one. */
export const LAYERS: Readonly<Record<string, number>> = { lib: 0, simulators: 1, suite: 2, steps: 3, reports: 3, cli: 4, bench: 5, fuzz: 5 };
const PEERS = ['test/vendor-zoo', 'test/independent-verifier'];

export type ImportGraph = Map<string, string[]>;

/** Every .ts module under `dirs` (relative to `root`) with the project modules it imports (type-only imports included). */
export function importGraph(root = ROOT, dirs = [...Object.keys(LAYERS), 'test']): ImportGraph {
  const g: ImportGraph = new Map();
  const resolve = (from: string, spec: string): string | undefined => {
    const t = path.normalize(path.join(path.dirname(from), spec)).replace(/\.js$/, '');
    return [`${t}.ts`, path.join(t, 'index.ts')].find((c) => fs.existsSync(path.join(root, c)));
  };
  const walk = (dir: string): void => {
    if (!fs.existsSync(path.join(root, dir))) return;
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      // Generated output (reports/out holds the container test's image context with its packages) is not the project's code.
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && rel !== path.join('reports', 'out')) walk(rel);
      }
      else if (rel.endsWith('.ts')) {
        const text = fs.readFileSync(path.join(root, rel), 'utf8');
        const out: string[] = [];
        for (const m of text.matchAll(/^(?!\s*(?:\/\/|\*)).*?(?:\bfrom|\bimport\(|\brequire\(|^\s*import)\s*['"](\.{1,2}\/[^'"]+)['"]/gm)) {
          const r = resolve(rel, m[1]!);
          if (r) out.push(r);
        }
        g.set(rel, out);
      }
    }
  };
  for (const d of dirs) walk(d);
  return g;
}

const top = (f: string): string => f.split(path.sep)[0]!;

/** Imports that break the rule, as "from -> to: why". */
export function layerViolations(g: ImportGraph): string[] {
  const out: string[] = [];
  for (const [from, tos] of g) {
    for (const to of tos) {
      const peer = PEERS.find((p) => from.startsWith(p + path.sep));
      if (peer) {
        if (!to.startsWith(peer + path.sep)) out.push(`${from} -> ${to}: an independent test peer imports nothing outside ${peer}/`);
        continue;
      }
      const [a, b] = [top(from), top(to)];
      if (a === 'test' || a === b) continue;
      if (b === 'test') out.push(`${from} -> ${to}: the product imports nothing from test/`);
      else if (LAYERS[b]! > LAYERS[a]!) out.push(`${from} -> ${to}: ${a}/ is below ${b}/`);
      else if (LAYERS[b] === LAYERS[a]) out.push(`${from} -> ${to}: ${a}/ and ${b}/ are siblings`);
    }
  }
  return out;
}

/** Import cycles among modules (each as the list of its modules). */
export function importCycles(g: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (g.get(v) ?? []).includes(v)) cycles.push(c.sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

test('layers only point down; steps/ and reports/ do not import each other; the test peers import nothing of the project', () => {
  const g = importGraph();
  assert.ok(g.size > 100 && [...g.values()].flat().length > 300, 'the import graph was read');
  assert.deepEqual(layerViolations(g), []);
});

test('no import cycle among the project\'s modules', () => {
  assert.deepEqual(importCycles(importGraph()), []);
});

test('the rule catches an import going up, a sibling import, a peer reaching out, and a cycle', () => {
  const g: ImportGraph = new Map([
    ['lib/a.ts', ['simulators/b.ts']],
    ['reports/r.ts', ['steps/s.ts']],
    ['cli/c.ts', ['reports/r.ts', 'lib/a.ts']],
    ['test/vendor-zoo/zoo.ts', ['lib/a.ts', 'test/vendor-zoo/xml.ts']],
    ['simulators/b.ts', ['lib/a.ts']],
  ]);
  assert.deepEqual(layerViolations(g), [
    'lib/a.ts -> simulators/b.ts: lib/ is below simulators/',
    'reports/r.ts -> steps/s.ts: reports/ and steps/ are siblings',
    'test/vendor-zoo/zoo.ts -> lib/a.ts: an independent test peer imports nothing outside test/vendor-zoo/',
  ]);
  assert.deepEqual(importCycles(g), [['lib/a.ts', 'simulators/b.ts']]);
});
