// Traceability: requirements (lib/conformance/requirements.ts) against the scenarios that check them
// (@req tags); requirements judged in every MOS scenario are covered by every MOS scenario.
import fs from 'node:fs';
import path from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { interpretationsOf } from '../lib/conformance/interpretations';
import { FAMILIES, Family, REQUIREMENTS, Requirement } from '../lib/conformance/requirements';

const ROOT = path.resolve(__dirname, '..', '..');

export interface TaggedScenario {
  file: string;
  line: number;
  name: string;
  /** The name as a run shows it: an outline's <placeholders> filled from its example row. */
  runName: string;
  tags: string[];
}

export function loadRequirements(): Requirement[] {
  return [...REQUIREMENTS];
}

/** Every scenario (and example row) of the feature files with its effective tags. */
export function loadScenarios(dir = path.join(ROOT, 'features')): TaggedScenario[] {
  const out: TaggedScenario[] = [];
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.feature')).sort();
  for (const rel of files) {
    const parser = new Parser(new AstBuilder(IdGenerator.uuid()), new GherkinClassicTokenMatcher());
    const doc = parser.parse(fs.readFileSync(path.join(dir, rel), 'utf8'));
    const feature = doc.feature;
    if (!feature) continue;
    const ftags = feature.tags.map((t) => t.name);
    for (const child of feature.children) {
      const sc = child.scenario;
      if (!sc) continue;
      const stags = [...ftags, ...sc.tags.map((t) => t.name)];
      if (!sc.examples.length) out.push({ file: `features/${rel}`, line: sc.location.line, name: sc.name, runName: sc.name, tags: stags });
      for (const ex of sc.examples) {
        const header = ex.tableHeader?.cells.map((c) => c.value) ?? [];
        for (const row of ex.tableBody) {
          const runName = header.reduce((n, h, i) => n.split(`<${h}>`).join(row.cells[i]?.value ?? ''), sc.name);
          out.push({ file: `features/${rel}`, line: row.location.line, name: sc.name, runName, tags: [...stags, ...ex.tags.map((t) => t.name)] });
        }
      }
    }
  }
  return out;
}

export interface Trace {
  requirements: Array<Requirement & { scenarios: TaggedScenario[] }>;
  /** @req tags that name no requirement. */
  unknownTags: Array<{ tag: string; scenario: TaggedScenario }>;
  uncovered: Requirement[];
}

export function trace(reqs = loadRequirements(), scenarios = loadScenarios()): Trace {
  const ids = new Set(reqs.map((r) => r.id));
  const unknownTags = scenarios.flatMap((s) => s.tags.filter((t) => t.startsWith('@req:') && !ids.has(t.slice(5))).map((tag) => ({ tag, scenario: s })));
  const requirements = reqs.map((r) => ({ ...r, scenarios: scenarios.filter((s) => s.tags.includes(`@req:${r.id}`)) }));
  return { requirements, unknownTags, uncovered: requirements.filter((r) => r.scenarios.length === 0) };
}

export function traceabilityMarkdown(t: Trace): string {
  const roles = (s: TaggedScenario): string => s.tags.filter((x) => x.endsWith('-under-test')).map((x) => x.slice(1, -'-under-test'.length)).join(', ');
  const lines = ['# Traceability matrix', '', 'Generated from lib/conformance/requirements.ts and the @req tags of features/ by `npm run traceability`.', '', '| requirement | level | scenarios (roles) |', '|---|---|---|'];
  for (const r of t.requirements) {
    const uniq = new Map<string, TaggedScenario>();
    for (const s of r.scenarios) uniq.set(`${s.file}:${s.name}`, s);
    const list = [...uniq.values()].map((s) => `${s.name} (${roles(s)}) — ${s.file}:${s.line}`);
    lines.push(`| ${r.id} | ${r.level} | ${list.length ? list.join('<br>') : '**NO SCENARIO**'} |`);
  }
  return lines.join('\n') + '\n';
}

/** docs/requirements.md, generated from the requirement table. */
export function requirementsMarkdown(reqs: readonly Requirement[] = REQUIREMENTS): string {
  const lines = [
    '# Requirements',
    '',
    'Every normative statement of the seeds, as the suite checks it (generated from',
    '`lib/conformance/requirements.ts` by `npm run traceability`; the verdict logic reads the same table).',
    'Summaries are the suite\'s own words, not quotes. Level: MUST (not met: the scenario fails) or SHOULD',
    '(not met: a warning); a MUST needs MUST-strength words in its source, which the source column quotes with',
    'where they stand. Every requirement is checked by at least one scenario (tag `@req:<id>`; those judged across',
    'the whole run by a test case of their own in features/run-wide/); the [traceability matrix](traceability.md)',
    'shows which, and `npm test` fails if one has none. Levels changed by review are listed in',
    '[interpretations.md](interpretations.md). The last column links the interpretations that say how the suite',
    'reads the requirement (#N is the entry\'s number; the links come from `lib/conformance/interpretations.ts`).',
  ];
  const cell = (x: string): string => x.replace(/\|/g, '\\|');
  for (const [family, f] of Object.entries(FAMILIES) as Array<[Family, (typeof FAMILIES)[Family]]>) {
    lines.push('', `## ${f.title}`, '');
    if (f.intro) lines.push(f.intro, '');
    lines.push('| id | level | requirement | source: where, and the words that set the level | interpretations |', '|---|---|---|---|---|');
    for (const r of reqs.filter((x) => x.family === family)) {
      const src = r.source ? `${r.source.document}, ${r.source.locator}: ${r.source.words}` : '—';
      const links = interpretationsOf(r.id).map((i) => `[${i.n !== undefined ? `#${i.n}` : i.title}](interpretations.md#${i.anchor})`).join(', ');
      lines.push(`| ${r.id} | ${r.level} | ${r.summary}${r.runWide ? ' *(judged across the whole run)*' : ''} | ${cell(src)} | ${links} |`);
    }
    if (f.declared) lines.push('', f.declared);
  }
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  const t = trace();
  fs.writeFileSync(path.join(ROOT, 'docs/traceability.md'), traceabilityMarkdown(t));
  fs.writeFileSync(path.join(ROOT, 'docs/requirements.md'), requirementsMarkdown());
  for (const u of t.uncovered) console.error(`requirement without scenario: ${u.id}`);
  for (const u of t.unknownTags) console.error(`unknown requirement tag ${u.tag} on ${u.scenario.file}:${u.scenario.line}`);
  console.log(`${t.requirements.length} requirements, ${t.uncovered.length} without scenario, ${t.unknownTags.length} unknown tags`);
  process.exit(t.uncovered.length || t.unknownTags.length ? 1 : 0);
}
