// `collate` and `compare`: what several results.json files say together. `collate` writes the
// interop matrix (requirements × systems) for the working group and test labs; `compare` gives the
// difference between two runs of one system and gates a nightly CI job on regressions.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildMatrix, matrixHtml, matrixJson, matrixMarkdown } from '../reports/interop-matrix';
import { ResultsFileError, findResultsFiles, readResultsFile } from '../reports/results-file';
import { CompareError, compareRuns, comparisonMarkdown, comparisonText } from '../reports/run-compare';

/** Exit codes of collate and compare. */
export const COLLATE_EXIT = { OK: 0, REGRESSION: 1, USAGE: 2 } as const;

export const MATRIX_FILES = { html: 'interop-matrix.html', markdown: 'interop-matrix.md', json: 'interop-matrix.json' } as const;

export const COLLATE_USAGE = `usage: mos-conformance collate [--out DIR] [--interpretations-url URL] RESULTS...
Reads any number of results.json files (or folders holding them, searched recursively) from
different systems, roles, runs and suite versions, and writes the interop matrix: requirements
down (each opens to its scenarios), systems across (named by listMachInfo's manufacturer, model and
software revision, and the role), each cell the verdict linking to that system's report. Runs of
different suite versions are shown side by side, the version named. Requirements failed by most
systems, or judged differently across suite versions, are listed for the working group.
  --out DIR                  where ${MATRIX_FILES.html}, ${MATRIX_FILES.markdown} and ${MATRIX_FILES.json} go (default reports/out/matrix)
  --interpretations-url URL  docs/interpretations.md as a link (default: the file in this checkout)
  --quiet                    print nothing but errors
  --help                     this text
exit codes: 0 written, 2 usage error or a file that is not a results.json`;

export const COMPARE_USAGE = `usage: mos-conformance compare [--out DIR] BASELINE CURRENT [CURRENT...]
       mos-conformance compare --baseline FILE [--baseline FILE...] CURRENT [CURRENT...]
Compares runs of one system: the baseline (last night) with the current run (tonight). Prints the
regressions (Pass → Fail, Warning or Could not test), the fixes, the other changed scenarios, and
the unstable ones: a scenario whose outcome differs between repeated runs on one side (give the
repeats as extra files) is unstable, neither a regression nor a fix.
  --baseline FILE   a baseline run (repeatable); without it the first file is the baseline
  --out DIR         also write compare.json and compare.md (a CI job summary) there
  --quiet           print nothing but errors
  --help            this text
exit codes: 0 no regression, 1 at least one regression, 2 usage error or a file that is not a results.json`;

function fail(message: string, usage: string): number {
  console.error(`error: ${message}\n${usage.split('\n')[0]}`);
  return COLLATE_EXIT.USAGE;
}

export function collateCommand(argv: string[], out: (s: string) => void = console.log): number {
  let values: { out?: string; 'interpretations-url'?: string; quiet?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { out: { type: 'string' }, 'interpretations-url': { type: 'string' }, quiet: { type: 'boolean' } } }));
  } catch (e) {
    return fail((e as Error).message, COLLATE_USAGE);
  }
  if (!positionals.length) return fail('name at least one results.json (or a folder holding them)', COLLATE_USAGE);
  try {
    const files = findResultsFiles(positionals);
    const runs = files.map(readResultsFile);
    const dir = path.resolve(values.out ?? 'reports/out/matrix');
    const m = buildMatrix(runs, { outDir: dir, ...(values['interpretations-url'] ? { interpretationsUrl: values['interpretations-url'] } : {}) });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, MATRIX_FILES.html), matrixHtml(m));
    fs.writeFileSync(path.join(dir, MATRIX_FILES.markdown), matrixMarkdown(m));
    fs.writeFileSync(path.join(dir, MATRIX_FILES.json), matrixJson(m));
    if (!values.quiet) {
      const flagged = m.rows.filter((r) => r.flags.length);
      out(`collated ${runs.length} run${runs.length === 1 ? '' : 's'}, ${m.columns.length} system column${m.columns.length === 1 ? '' : 's'}, ${m.rows.length} requirements; suite versions: ${m.suiteVersions.join('; ')}`);
      for (const r of flagged) out(`  for the working group: ${r.id}: ${r.flags.map((f) => f.detail).join('; ')}`);
      out(`wrote ${Object.values(MATRIX_FILES).map((f) => path.join(path.relative(process.cwd(), dir) || '.', f)).join(', ')}`);
    }
    return COLLATE_EXIT.OK;
  } catch (e) {
    if (e instanceof ResultsFileError) return fail(e.message, COLLATE_USAGE);
    throw e;
  }
}

export function compareCommand(argv: string[], out: (s: string) => void = console.log): number {
  let values: { out?: string; baseline?: string[]; quiet?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { out: { type: 'string' }, baseline: { type: 'string', multiple: true }, quiet: { type: 'boolean' } } }));
  } catch (e) {
    return fail((e as Error).message, COMPARE_USAGE);
  }
  const baselineFiles = values.baseline?.length ? values.baseline : positionals.slice(0, 1);
  const currentFiles = values.baseline?.length ? positionals : positionals.slice(1);
  if (!baselineFiles.length || !currentFiles.length) return fail('name a baseline results.json and a current one', COMPARE_USAGE);
  try {
    const c = compareRuns(baselineFiles.map(readResultsFile), currentFiles.map(readResultsFile));
    if (!values.quiet) out(comparisonText(c));
    if (values.out) {
      const dir = path.resolve(values.out);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'compare.json'), JSON.stringify(c, null, 2));
      fs.writeFileSync(path.join(dir, 'compare.md'), comparisonMarkdown(c));
    }
    return c.regressions.length ? COLLATE_EXIT.REGRESSION : COLLATE_EXIT.OK;
  } catch (e) {
    if (e instanceof ResultsFileError || e instanceof CompareError) return fail(e.message, COMPARE_USAGE);
    throw e;
  }
}
