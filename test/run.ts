// The test runner of `npm test` and `npm run test:quick`: node:test's run() over an ordered list
// (the CLI would sort the files by name), two files at a time, TAP on stdout.
//   all:   every *.test.js, the long matrices first so that the short files fill in beside them.
//   quick: unit tests and the embedded suite; no Docker, browser, 2.x interop, CLI processes or
//          self-check matrices (fault matrix, vendor zoo, independent verifier).
import fs from 'node:fs';
import path from 'node:path';
import { run } from 'node:test';
import { tap } from 'node:test/reporters';

const LONG_FIRST = ['containers', 'fault-matrix', 'vendor-zoo', 'independent-verifier'];
const NOT_QUICK = [...LONG_FIRST, 'collate-zoo', 'ci-recipes', 'html-report-browser', 'bridge-interop', 'bridge-interop-ncs', 'run-operator', 'run-cli', 'run-vendor', 'sigint', 'fuzz', 'robustness', 'cli-simulators', 'signed-media-vendor', 'stream-cli', 'preflight'];

export function testFiles(which: 'all' | 'quick', dir = __dirname): string[] {
  const name = (f: string): string => f.slice(0, -'.test.js'.length);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort();
  const chosen = which === 'quick' ? files.filter((f) => !NOT_QUICK.includes(name(f))) : [...LONG_FIRST.map((n) => `${n}.test.js`).filter((f) => files.includes(f)), ...files.filter((f) => !LONG_FIRST.includes(name(f)))];
  return chosen.map((f) => path.join(dir, f));
}

if (require.main === module) {
  const which = process.argv[2] === 'quick' ? 'quick' : 'all';
  const stream = run({ files: testFiles(which), concurrency: 2 });
  stream.on('test:fail', () => (process.exitCode = 1));
  stream.compose(tap).pipe(process.stdout);
}
