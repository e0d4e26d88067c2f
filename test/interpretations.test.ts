// docs/interpretations.md and its index (lib/conformance/interpretations.ts) agree, and every
// reference to an entry anywhere in the repository ("docs/interpretations.md #N", "…md#anchor",
// "(docs/interpretations.md, "Heading")") names one that exists.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { INTERPRETATIONS, OPEN_QUESTIONS, SECTIONS, interpretationIndexProblems, interpretationsOf } from '../lib/conformance/interpretations';
import { REQUIREMENTS } from '../lib/conformance/requirements';
import { entriesWithoutText, INTERPRETATIONS_DOC, renderInterpretationsDoc } from '../reports/interpretations-doc';

const ROOT = path.resolve(__dirname, '..', '..');
const doc = fs.readFileSync(INTERPRETATIONS_DOC, 'utf8');

test('the index of interpretations is consistent: known requirement ids, unique anchors and numbers, sections in order', () => {
  assert.deepEqual(interpretationIndexProblems(), []);
});

test('docs/interpretations.md is current with its index (run `npm run interpretations`) and every entry has text', () => {
  const { text, problems } = renderInterpretationsDoc(doc);
  assert.deepEqual(problems, []);
  assert.ok(text === doc, 'docs/interpretations.md differs from what `npm run interpretations` writes');
  assert.deepEqual(entriesWithoutText(doc), []);
  // Open questions are apart from the decisions, before them.
  assert.ok(doc.indexOf('## Open questions for the MOS working group') < doc.indexOf('## Decisions taken'));
  for (const q of OPEN_QUESTIONS) assert.ok(doc.indexOf(`<a id="${q.anchor}"></a>`) < doc.indexOf('## Decisions taken'), q.anchor);
});

test('a new row of the index gets its anchor and heading at the end of its section', () => {
  const last = INTERPRETATIONS.filter((i) => i.section === 'url').at(-1)!;
  const without = doc.replace(new RegExp(`<a id="${last.anchor}"></a>\\n#### [^\\n]*\\n`), '');
  const { text, problems } = renderInterpretationsDoc(without);
  assert.deepEqual(problems, []);
  const at = text.indexOf(`<a id="${last.anchor}"></a>`);
  assert.ok(at > 0 && at < text.indexOf(`<a id="${SECTIONS[SECTIONS.findIndex((s) => s.id === 'url') + 1]!.anchor}"></a>`));
});

test('the requirements most argued about are linked to their interpretations', () => {
  assert.deepEqual(interpretationsOf('MOSWS-URL-6').map((i) => i.anchor), ['i-url-ncs-spelling']);
  assert.ok(interpretationsOf('SS-STATUS-1').length >= 3);
  // Not every requirement needs one, but most do: a table that lost its links would show here.
  assert.ok(REQUIREMENTS.filter((r) => interpretationsOf(r.id).length).length >= REQUIREMENTS.length * 0.75);
});

function repositoryFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.git', '.nyc_output', 'coverage'].includes(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...repositoryFiles(p));
    else if (/\.(ts|md|feature|json|sh|txt)$/.test(e.name) && p !== INTERPRETATIONS_DOC && e.name !== 'interpretations.test.ts') out.push(p);
  }
  return out;
}

test('every reference to docs/interpretations.md names an entry that exists', () => {
  const numbers = new Set(INTERPRETATIONS.flatMap((i) => (i.n !== undefined ? [i.n] : [])));
  const anchors = new Set([...INTERPRETATIONS.map((i) => i.anchor), ...OPEN_QUESTIONS.map((q) => q.anchor), ...SECTIONS.map((s) => s.anchor)]);
  const titles = [...INTERPRETATIONS.map((i) => i.title), ...SECTIONS.map((s) => s.title)].map((t) => t.toLowerCase());
  const bad: string[] = [];
  let seen = 0;
  for (const f of repositoryFiles()) {
    const text = fs.readFileSync(f, 'utf8');
    const rel = path.relative(ROOT, f);
    for (const m of text.matchAll(/interpretations\.md #(\d+)/g)) {
      seen++;
      if (!numbers.has(Number(m[1]))) bad.push(`${rel}: #${m[1]}`);
    }
    for (const m of text.matchAll(/interpretations\.md#([a-z0-9-]+)/g)) {
      seen++;
      if (!anchors.has(m[1]!)) bad.push(`${rel}: #${m[1]}`);
    }
    for (const m of text.matchAll(/interpretations\.md, "([^"]+)"/g)) {
      seen++;
      if (!titles.some((t) => t.includes(m[1]!.toLowerCase()))) bad.push(`${rel}: "${m[1]}"`);
    }
  }
  assert.deepEqual(bad, []);
  assert.ok(seen >= 10, `references found: ${seen}`);
  // Links inside the document itself.
  for (const m of doc.matchAll(/\]\(#([a-z0-9-]+)\)/g)) assert.ok(anchors.has(m[1]!), `docs/interpretations.md links to #${m[1]}`);
});

test('the HTML report links each requirement to its interpretations', async () => {
  const { renderHtmlReport } = await import('../reports/html-report');
  const { defaultConfig } = await import('../suite/config');
  const { buildRunRecord } = await import("../reports/run-record");
  const html = renderHtmlReport(buildRunRecord({ config: defaultConfig(), results: [], started: new Date(0), finished: new Date(0), selected: 0, available: 0, partial: false, interrupted: false, systems: [] }), []);
  const row = /<tr id="req-MOSWS-URL-6"[^]*?<\/tr>/.exec(html)?.[0] ?? '';
  assert.match(row, /Interpretations: <a class="interp" href="file:[^"]*docs\/interpretations\.md#i-url-ncs-spelling" title="docs\/interpretations\.md#i-url-ncs-spelling">#1 ncsID vs nCSID<\/a>/);
});
