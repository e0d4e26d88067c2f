// Summarises a V8 CPU profile (node --cpu-prof): self time by function and by where the code
// lives (a package in node_modules, this project's folders, Node's internals, GC, idle).
//   node dist/bench/cpu-profile-summary.js <file.cpuprofile> [top]
import fs from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Where a frame's code lives: "ws", "@xmldom/xmldom", "project lib/mos", "node internals", "(garbage collector)". */
export function place(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return `project ${url.slice(dist + 6).split('/').slice(0, -1).join('/')}`;
  return url;
}

const keyOf = (n: ProfileNode): string => {
  const { functionName, url, lineNumber } = n.callFrame;
  return `${functionName || '(anonymous)'}  [${place(url, functionName)}${url ? `:${lineNumber + 1}` : ''}]`;
};

export function summarise(p: Profile): { total: number; byFunction: Array<[string, number]>; byPlace: Array<[string, number]>; inclusive: Array<[string, number]> } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const fn = new Map<string, number>();
  const where = new Map<string, number>();
  let total = 0;
  const incl = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const key = keyOf(node);
    fn.set(key, (fn.get(key) ?? 0) + us);
    const at = place(node.callFrame.url, node.callFrame.functionName);
    where.set(at, (where.get(at) ?? 0) + us);
    total += us;
    // Inclusive: every function on the stack once (recursion counted once).
    const onStack = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) onStack.add(keyOf(byId.get(n)!));
    for (const k of onStack) incl.set(k, (incl.get(k) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>): Array<[string, number]> => [...m].sort((a, b) => b[1] - a[1]);
  return { total, byFunction: sorted(fn), byPlace: sorted(where), inclusive: sorted(incl).filter(([k]) => !k.startsWith('(root)')) };
}

if (require.main === module) {
  const [file, top = '25'] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpu-profile-summary.js <file.cpuprofile> [top]');
  const { total, byFunction, byPlace, inclusive } = summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile);
  const line = ([k, us]: [string, number]): string => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`;
  console.log(`total ${(total / 1000).toFixed(0)} ms sampled\n\nby place (self time):`);
  for (const e of byPlace.slice(0, Number(top))) console.log(line(e));
  console.log('\nby function (self time):');
  for (const e of byFunction.slice(0, Number(top))) console.log(line(e));
  console.log('\nby function (inclusive: itself and what it called):');
  for (const e of inclusive.slice(0, Number(top))) console.log(line(e));
}
