// Which test files `npm test` and `npm run test:quick` run, in which order (prints their paths).
//   all:   every *.test.js, the long matrices first so that the short files fill in beside them
//          (node --test runs two files at a time).
//   quick: unit tests and the embedded suite: everything without Docker, the self-check matrices
//          (fault matrix, vendor zoo, independent verifier), browsers or the 2.x interop.
import fs from 'node:fs';
import path from 'node:path';

const LONG_FIRST = ['containers', 'fault-matrix', 'vendor-zoo', 'independent-verifier'];
const NOT_QUICK = [...LONG_FIRST, 'html-report-browser', 'bridge-interop', 'bridge-interop-ncs', 'run-operator', 'run-cli', 'run-vendor', 'sigint', 'fuzz', 'robustness', 'cli-simulators', 'signed-media-vendor', 'stream-cli', 'preflight'];

const dir = __dirname;
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort();
const name = (f: string): string => f.slice(0, -'.test.js'.length);
const which = process.argv[2] ?? 'all';
const chosen =
  which === 'quick'
    ? files.filter((f) => !NOT_QUICK.includes(name(f)))
    : [...LONG_FIRST.map((n) => `${n}.test.js`).filter((f) => files.includes(f)), ...files.filter((f) => !LONG_FIRST.includes(name(f)))];
console.log(chosen.map((f) => path.relative(process.cwd(), path.join(dir, f))).join(' '));
