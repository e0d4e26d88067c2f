// docs/interpretations.md: the prose is written by hand, its skeleton comes from the index
// (lib/conformance/interpretations.ts): the open questions, each section's anchor and heading, each
// entry's anchor and heading (old number, title, requirement ids). `npm run interpretations` rewrites
// the skeleton in place, adding an anchor and heading for a new row of the index at the end of its
// section (write its text under it); test/interpretations.test.ts fails when the document is not
// current or an entry has no text.
import fs from 'node:fs';
import path from 'node:path';
import { INTERPRETATIONS, Interpretation, OPEN_QUESTIONS, SECTIONS } from '../lib/conformance/interpretations';

export const INTERPRETATIONS_DOC = path.resolve(__dirname, '..', '..', 'docs', 'interpretations.md');

const QUESTIONS_BEGIN = '<!-- open questions: generated from lib/conformance/interpretations.ts, `npm run interpretations` -->';
const QUESTIONS_END = '<!-- end of open questions -->';
const ANCHOR = /^<a id="([a-z0-9-]+)"><\/a>$/;

export function entryHeading(i: Interpretation): string {
  return `#### ${i.n !== undefined ? `${i.n}. ` : ''}${i.title}${i.requirements.length ? ` [${i.requirements.join(', ')}]` : ''}`;
}

function questionLines(): string[] {
  const byAnchor = new Map(INTERPRETATIONS.map((i) => [i.anchor, i]));
  return OPEN_QUESTIONS.map((q) => {
    const see = q.entries.map((a) => byAnchor.get(a)!).map((i) => `[${i.n !== undefined ? `#${i.n} ` : ''}${i.title}](#${i.anchor})`).join(', ');
    return `- <a id="${q.anchor}"></a>${q.title} For now: ${see}.`;
  });
}

/**
 * The document with its skeleton rewritten from the index. Problems (an anchor the index does not
 * know, entries out of the index's order) are returned, not fixed: prose is never moved.
 */
export function renderInterpretationsDoc(doc: string): { text: string; problems: string[] } {
  const problems: string[] = [];
  let lines = doc.split('\n');
  // Open questions.
  const b = lines.indexOf(QUESTIONS_BEGIN);
  const e = lines.indexOf(QUESTIONS_END);
  if (b < 0 || e < b) problems.push(`the open questions markers are missing: ${QUESTIONS_BEGIN} … ${QUESTIONS_END}`);
  else lines = [...lines.slice(0, b + 1), ...questionLines(), ...lines.slice(e)];
  // Headings after anchors.
  const sections = new Map(SECTIONS.map((s) => [s.anchor, s]));
  const entries = new Map(INTERPRETATIONS.map((i) => [i.anchor, i]));
  for (let k = 0; k < lines.length; k++) {
    const m = ANCHOR.exec(lines[k]!);
    if (!m) continue;
    const s = sections.get(m[1]!);
    const i = entries.get(m[1]!);
    if (!s && !i) {
      problems.push(`line ${k + 1}: anchor ${m[1]} is not in lib/conformance/interpretations.ts`);
      continue;
    }
    const heading = s ? `### ${s.title}` : entryHeading(i!);
    if (/^#{2,4} /.test(lines[k + 1] ?? '')) lines[k + 1] = heading;
    else lines.splice(k + 1, 0, heading);
  }
  // Rows of the index without an anchor: inserted before the next anchor the document has, so a
  // new row at the end of its section lands at the end of that section.
  const expected = SECTIONS.flatMap((s) => [s.anchor, ...INTERPRETATIONS.filter((i) => i.section === s.id).map((i) => i.anchor)]);
  const present = (): string[] => lines.flatMap((l) => ANCHOR.exec(l)?.[1] ?? []);
  for (let x = 0; x < expected.length; x++) {
    const a = expected[x]!;
    const have = present();
    if (have.includes(a)) continue;
    const i = entries.get(a);
    if (!i) {
      problems.push(`section anchor ${a} is missing`);
      continue;
    }
    const next = expected.slice(x + 1).find((y) => have.includes(y));
    let at = next ? lines.indexOf(`<a id="${next}"></a>`) : lines.length;
    while (at > 0 && lines[at - 1] === '') at--;
    lines.splice(at, 0, '', `<a id="${a}"></a>`, entryHeading(i), '(to write)');
  }
  const order = present().filter((a) => expected.includes(a));
  for (let x = 0; x < order.length; x++) {
    if (order[x] !== expected[x]) {
      problems.push(`the document's entries are not in the index's order from ${order[x]} on (expected ${expected[x]})`);
      break;
    }
  }
  return { text: lines.join('\n'), problems };
}

/** Entries whose text is empty (an anchor and heading only). */
export function entriesWithoutText(doc: string): string[] {
  const lines = doc.split('\n');
  const out: string[] = [];
  for (let k = 0; k < lines.length; k++) {
    const m = ANCHOR.exec(lines[k]!);
    if (!m || !m[1]!.startsWith('i-')) continue;
    const body: string[] = [];
    for (let j = k + 2; j < lines.length && !ANCHOR.test(lines[j]!) && !/^#{1,3} /.test(lines[j]!); j++) body.push(lines[j]!);
    const text = body.join(' ').trim();
    if (!text || text === '(to write)') out.push(m[1]!);
  }
  return out;
}

if (require.main === module) {
  const { text, problems } = renderInterpretationsDoc(fs.readFileSync(INTERPRETATIONS_DOC, 'utf8'));
  fs.writeFileSync(INTERPRETATIONS_DOC, text);
  for (const p of problems) console.error(p);
  const empty = entriesWithoutText(text);
  for (const a of empty) console.error(`entry ${a} has no text yet`);
  console.log(`docs/interpretations.md: ${INTERPRETATIONS.length} entries, ${OPEN_QUESTIONS.length} open questions${problems.length ? `, ${problems.length} problems` : ''}`);
  process.exit(problems.length || empty.length ? 1 : 0);
}
