// The test runner of `npm test` and `npm run test:quick`: node:test's run() over an ordered list
// (the CLI would sort the files by name), TAP on stdout: `npm test` one file at a time (the long
// matrices each load both cores), the quick job two at a time.
//   all:   every *.test.js, the long matrices first so that the short files fill in beside them.
//   quick: unit tests and the embedded suite; no Docker, browser, 2.x interop, CLI processes or
//          self-check matrices (fault matrix, vendor zoo, independent verifier).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from 'node:test';
import { tap } from 'node:test/reporters';

const LONG_FIRST = ['containers', 'fault-matrix', 'vendor-zoo', 'independent-verifier'];
const NOT_QUICK = [...LONG_FIRST, 'one-defect-one-verdict', 'peer-selfchecks', 'collate-zoo', 'ci-recipes', 'html-report-browser', 'bridge-interop', 'bridge-interop-ncs', 'run-operator', 'run-cli', 'run-vendor', 'sigint', 'fuzz', 'robustness', 'cli-simulators', 'signed-media-vendor', 'stream-cli', 'preflight', 'run-signer', 'run-scope'];

export function testFiles(which: 'all' | 'quick', dir = __dirname): string[] {
  const name = (f: string): string => f.slice(0, -'.test.js'.length);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort();
  const chosen = which === 'quick' ? files.filter((f) => !NOT_QUICK.includes(name(f))) : [...LONG_FIRST.map((n) => `${n}.test.js`).filter((f) => files.includes(f)), ...files.filter((f) => !LONG_FIRST.includes(name(f)))];
  return chosen.map((f) => path.join(dir, f));
}

interface TestEvent {
  type: string;
  data: { name: string; nesting: number; file?: string; skip?: boolean | string; todo?: boolean | string; details: { type?: string; duration_ms: number; error?: { message?: string; cause?: unknown } } };
}

/**
 * The quick loop's reporter: a failure as soon as it happens (test, file, first lines of the error),
 * then one line per file and a summary, instead of hundreds of lines of TAP.
 */
export async function* compact(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const files = new Map<string, { pass: number; fail: number; skip: number; ms: number }>();
  const started = Date.now();
  for await (const e of source) {
    if (e.type !== 'test:pass' && e.type !== 'test:fail') continue;
    const d = e.data;
    if (d.details.type === 'suite') continue;
    const file = path.basename(d.file ?? '?').replace(/\.test\.js$/, '');
    const f = files.get(file) ?? { pass: 0, fail: 0, skip: 0, ms: 0 };
    files.set(file, f);
    f.ms += d.nesting === 0 ? d.details.duration_ms : 0;
    if (e.type === 'test:fail') {
      f.fail++;
      const err = d.details.error;
      const cause = (err?.cause as { message?: string } | undefined)?.message ?? err?.message ?? '';
      yield `✖ ${file}: ${d.name}\n    ${cause.split('\n').slice(0, 6).join('\n    ')}\n`;
    } else if (d.skip || d.todo) f.skip++;
    else f.pass++;
  }
  const total = { pass: 0, fail: 0, skip: 0 };
  for (const [file, f] of [...files].sort()) {
    total.pass += f.pass;
    total.fail += f.fail;
    total.skip += f.skip;
    yield `${f.fail ? '✖' : '✔'} ${file}: ${f.pass} passed${f.fail ? `, ${f.fail} failed` : ''}${f.skip ? `, ${f.skip} skipped` : ''} (${(f.ms / 1000).toFixed(1)} s)\n`;
  }
  yield `\n${files.size} files, ${total.pass + total.fail + total.skip} tests: ${total.pass} passed, ${total.fail} failed, ${total.skip} skipped in ${((Date.now() - started) / 1000).toFixed(1)} s — ${total.fail ? 'FAILED' : 'ok'}\n`;
}

if (require.main === module) {
  const which = process.argv[2] === 'quick' ? 'quick' : 'all';
  // Progress of the long files, live (test/helpers.ts `progress`): node:test passes a file's stderr
  // on only when its tests end, so they append to this file and it is copied to stderr every 2 s.
  const progressFile = path.join(os.tmpdir(), `mosws-test-progress-${process.pid}.log`);
  fs.writeFileSync(progressFile, '');
  process.env.MOSWS_PROGRESS_FILE = progressFile;
  let shown = 0;
  const copy = (): void => {
    const text = fs.readFileSync(progressFile);
    if (text.length > shown) process.stderr.write(text.subarray(shown));
    shown = text.length;
  };
  setInterval(copy, 2000).unref();
  process.on('exit', () => {
    copy();
    fs.rmSync(progressFile, { force: true });
  });
  // The long matrices load both cores on their own: one file at a time keeps their timing honest.
  const stream = run({ files: testFiles(which), concurrency: which === 'quick' ? 2 : 1 });
  stream.on('test:fail', () => (process.exitCode = 1));
  // `npm test` keeps TAP (CI tooling reads it); the quick loop is for people.
  (which === 'quick' ? stream.compose(compact) : stream.compose(tap)).pipe(process.stdout);
}
