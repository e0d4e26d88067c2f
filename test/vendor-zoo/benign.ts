// Serialisation freedoms of XML 1.0 for the correct-but-unusual (`ok-...`) variants of the zoo.
// A message built by mos.ts is parsed back (xml.ts) and written again in another, equally
// well-formed form: declaration, indentation, CRLF, whitespace in tags, quotes, empty-element
// pairs, character references, CDATA, comments, processing instructions, a byte-order mark.
// No dependencies.

import { XNode, parseXml } from './xml';

interface WriteOpts {
  /** text before the root element (XML declaration, comment, PI) */
  prolog?: string;
  /** written before every child in element-only content, and before the parent's end tag */
  between?: (depth: number, closing: boolean) => string;
  /** text after the root element */
  epilog?: string;
  pairEmpty?: boolean;
  tagSpace?: boolean;
  attrQuote?: '"' | "'";
  attrSpace?: boolean;
  text?: (s: string) => string;
}

function escText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escAttr(s: string, q: string): string {
  return s.replace(/[&<"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === q ? (q === '"' ? '&quot;' : '&apos;') : c));
}

function write(n: XNode, o: WriteOpts, depth: number): string {
  const q = o.attrQuote ?? '"';
  const eq = o.attrSpace ? ' = ' : '=';
  const attrs = Object.entries(n.attrs).map(([k, v]) => ` ${k}${eq}${q}${escAttr(v, q)}${q}`).join('');
  const sp = o.tagSpace ? ' ' : '';
  const end = `</${n.name}${sp}>`;
  if (n.children.length === 0 && n.text === '') return o.pairEmpty ? `<${n.name}${attrs}${sp}>${end}` : `<${n.name}${attrs}${sp}/>`;
  if (n.children.length === 0) return `<${n.name}${attrs}${sp}>${(o.text ?? escText)(n.text)}${end}`;
  const b = o.between ?? (() => '');
  const inner = n.children.map((c) => b(depth + 1, false) + write(c, o, depth + 1)).join('') + b(depth, true);
  return `<${n.name}${attrs}${sp}>${inner}${end}`;
}

const indent = (unit: string, nl: string) => (depth: number): string => nl + unit.repeat(depth);

/** character references for letters: hex for capitals, decimal for the others */
function charRefs(s: string): string {
  return [...s]
    .map((c) => (/[A-Z]/.test(c) ? `&#x${c.charCodeAt(0).toString(16).toUpperCase()};` : /[a-z]/.test(c) ? `&#${c.charCodeAt(0)};` : escText(c)))
    .join('');
}

function cdata(s: string): string {
  return `<![CDATA[${s.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

function entities(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

const STYLES: Record<string, WriteOpts> = {
  'ok-xml-declaration': { prolog: '<?xml version="1.0" encoding="UTF-8"?>' },
  'ok-xml-declaration-single-quotes': { prolog: "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>" },
  'ok-pretty-print': { prolog: '<?xml version="1.0" encoding="UTF-8"?>\n', between: (d) => indent('  ', '\n')(d), epilog: '\n' },
  'ok-pretty-print-crlf-tabs': { between: (d) => indent('\t', '\r\n')(d), epilog: '\r\n' },
  'ok-whitespace-between-elements': { prolog: ' \r\n', between: (d) => (d % 2 === 0 ? '\n\t ' : ' \r\n  '), epilog: '\n\n' },
  'ok-whitespace-in-tags': { tagSpace: true, attrSpace: true },
  'ok-single-quoted-attributes': { attrQuote: "'" },
  'ok-empty-element-pairs': { pairEmpty: true },
  'ok-char-references': { text: charRefs },
  'ok-predefined-entities': { text: entities },
  'ok-cdata-text': { text: cdata },
  'ok-comments': { prolog: '<!-- vendor zoo: message follows -->\n', between: (d, c) => (c ? `<!-- end of level ${d} -->` : '<!-- next -->'), epilog: '<!-- end -->' },
  'ok-processing-instructions': { prolog: '<?zoo-trace start?>', between: (d) => `<?zoo-trace depth="${d}"?>`, epilog: '<?zoo-trace end?>' },
};

/** True when the variant changes how messages are written. */
export function rewrites(variant: string): boolean {
  return variant in STYLES || variant === 'ok-utf8-bom';
}

/** Write a MOS message (as built by mos.ts) the way the variant does. */
export function rewrite(variant: string, xml: string): string {
  if (variant === 'ok-utf8-bom') return `\uFEFF${xml}`;
  const o = STYLES[variant];
  if (!o) return xml;
  const root = parseXml(xml);
  return `${o.prolog ?? ''}${write(root, o, 0)}${o.epilog ?? ''}`;
}
