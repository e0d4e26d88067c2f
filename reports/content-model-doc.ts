// docs/mos-content-model.md, generated from the MOS 2.8.5 content model (lib/mos/model/) so that
// the model is written once: every message by profile with its content, the forms of messages
// whose content depends on an attribute, the structures they share, and the rule of every text and
// attribute value. `npm run content-model` writes it; test/content-model-doc.test.ts fails when it
// is not current. Why the model says what it says: docs/interpretations.md, "MOS message content".
import fs from 'node:fs';
import path from 'node:path';
import { ElementModel, MESSAGE_MODELS, Particle, TextRule, isGroup } from '../lib/mos/model';
import { describeElement, ruleText } from '../lib/mos/content-validator';

export const CONTENT_MODEL_DOC = path.resolve(__dirname, '..', '..', 'docs', 'mos-content-model.md');

const cell = (s: string): string => s.replace(/\|/g, '\\|');
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

function textRule(r: TextRule): string {
  if (r.kind === 'text') return r.max !== undefined ? ruleText(r) : r.nonEmpty ? 'text, not empty' : 'text';
  return ruleText(r);
}

function elementsOf(p: Particle): ElementModel[] {
  return isGroup(p) ? p.group.map((g) => g.element) : [p.element];
}

/** Every element model reachable from the messages, once per distinct (name, content, rule). */
function allElements(): Map<string, Map<string, ElementModel>> {
  const out = new Map<string, Map<string, ElementModel>>();
  const seen = new Set<ElementModel>();
  const visit = (m: ElementModel): void => {
    if (seen.has(m)) return;
    seen.add(m);
    const key = `${describeElement(m)} ${m.text ? textRule(m.text) : ''} ${m.attributes.map((a) => `${a.name}${a.required ? '' : '?'}=${textRule(a.rule)}`).join(' ')}`;
    const byKey = out.get(m.name) ?? new Map<string, ElementModel>();
    if (!byKey.has(key)) byKey.set(key, m);
    out.set(m.name, byKey);
    for (const p of m.children) for (const e of elementsOf(p)) visit(e);
    for (const alternatives of Object.values(m.cases?.values ?? {})) for (const a of alternatives) for (const p of a.children) for (const e of elementsOf(p)) visit(e);
  };
  for (const msg of MESSAGE_MODELS) for (const p of msg.element.children) for (const e of elementsOf(p)) visit(e);
  return out;
}

const attributes = (m: ElementModel): string => m.attributes.map((a) => `${a.name}${a.required ? '' : ' (optional)'}: ${textRule(a.rule)}`).join('; ');

export function contentModelMarkdown(): string {
  const lines = [
    '# MOS 2.8.5 content model',
    '',
    'Generated from `lib/mos/model/` by `npm run content-model` (and checked by `npm test`): what the suite',
    'judges every message a system sends against (MOS-CONTENT-1..7, [requirements](requirements.md)). Content is',
    'written DTD-like: `?` optional, `*` any number, `+` at least one, `{n,m}` bounds; `added tags`: tags MOS does',
    'not define are welcome there (mosExternalMetadata). Why the model reads the MOS documents as it does:',
    '[interpretations, MOS message content](interpretations.md#s-content).',
    '',
    '## Messages by profile',
    '',
    '| profile | message | content | attributes |',
    '|---|---|---|---|',
  ];
  for (const m of [...MESSAGE_MODELS].sort((a, b) => a.profile - b.profile)) {
    lines.push(`| ${m.profile} | ${m.element.name} | ${cell(code(describeElement(m.element)))}${m.note ? ` (${cell(m.note)})` : ''} | ${cell(attributes(m.element))} |`);
  }
  lines.push('', '## Forms chosen by an attribute', '', 'The content of these messages depends on an attribute; a message has to fit one of the forms.', '', '| message | attribute | value | form | content |', '|---|---|---|---|---|');
  const withCases: ElementModel[] = [];
  const seen = new Set<ElementModel>();
  const find = (m: ElementModel): void => {
    if (seen.has(m)) return;
    seen.add(m);
    if (m.cases) withCases.push(m);
    for (const p of m.children) for (const e of elementsOf(p)) find(e);
  };
  for (const msg of MESSAGE_MODELS) find(msg.element);
  for (const m of withCases) {
    for (const [value, alternatives] of Object.entries(m.cases!.values)) {
      for (const a of alternatives) {
        // The children whose own content makes the form (element_target, element_source, roStorySend).
        const inner = a.children.flatMap(elementsOf).filter((e) => e.content === 'sequence' || e.content === 'open');
        const detail = inner.map((e) => `; ${e.name}: ${describeElement(e)}`).join('');
        lines.push(`| ${m.name} | ${m.cases!.attribute} | ${value} | ${cell(a.label ?? '')} | ${cell(code(describeElement(a) + detail))} |`);
      }
    }
  }
  const elements = allElements();
  const names = [...elements.keys()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || a.localeCompare(b));
  lines.push('', '## Structures', '', 'Elements with child elements, wherever they occur (an element listed twice has two contents, by where it occurs).', '', '| element | content | attributes |', '|---|---|---|');
  for (const n of names) for (const m of elements.get(n)!.values()) if (m.content !== 'text') lines.push(`| ${n} | ${cell(code(describeElement(m)))} | ${cell(attributes(m))} |`);
  lines.push('', '## Values', '', 'The rule of every element that holds text (an element listed twice follows two rules, by where it occurs).', '', '| element | value | attributes |', '|---|---|---|');
  for (const n of names) for (const m of elements.get(n)!.values()) if (m.content === 'text') lines.push(`| ${n} | ${cell(textRule(m.text!))} | ${cell(attributes(m))} |`);
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  fs.writeFileSync(CONTENT_MODEL_DOC, contentModelMarkdown());
  console.log(`docs/mos-content-model.md: ${MESSAGE_MODELS.length} messages`);
}
