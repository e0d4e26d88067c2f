// Minimal XML reader/writer for the vendor zoo (no dependencies).
// Good enough for MOS messages: elements, attributes, text, CDATA, comments,
// processing instructions, character and the five predefined entity references.

export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** concatenated direct text content (not including child elements) */
  text: string;
}

export class XmlError extends Error {}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;

function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);|&/g, (m, ent: string | undefined) => {
    if (ent === undefined) throw new XmlError('bare & in text');
    switch (ent) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
    }
    const cp = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
    if (!Number.isFinite(cp) || cp > 0x10ffff) throw new XmlError(`bad character reference ${m}`);
    return String.fromCodePoint(cp);
  });
}

/** Parse a document; returns the root element. Throws XmlError when not well formed. */
export function parseXml(src: string): XNode {
  let i = 0;
  const n = src.length;
  if (src.charCodeAt(0) === 0xfeff) i = 1;
  const stack: XNode[] = [];
  let root: XNode | undefined;

  const readName = (): string => {
    const start = i;
    if (i >= n || !NAME_START.test(src[i])) throw new XmlError(`name expected at ${i}`);
    i++;
    while (i < n && NAME_CHAR.test(src[i])) i++;
    return src.slice(start, i);
  };
  const skipWs = (): void => {
    while (i < n && /\s/.test(src[i])) i++;
  };

  while (i < n) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = src.slice(i, textEnd);
      if (stack.length > 0) stack[stack.length - 1].text += decodeEntities(raw);
      else if (raw.trim() !== '') throw new XmlError('text outside the root element');
      i = textEnd;
      if (lt < 0) break;
    }
    // at '<'
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError('unterminated comment');
      i = end + 3;
    } else if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i + 9);
      if (end < 0) throw new XmlError('unterminated CDATA');
      if (stack.length === 0) throw new XmlError('CDATA outside the root element');
      stack[stack.length - 1].text += src.slice(i + 9, end);
      i = end + 3;
    } else if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i + 2);
      if (end < 0) throw new XmlError('unterminated processing instruction');
      i = end + 2;
    } else if (src.startsWith('<!', i)) {
      const end = src.indexOf('>', i + 2);
      if (end < 0) throw new XmlError('unterminated declaration');
      i = end + 1;
    } else if (src.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipWs();
      if (src[i] !== '>') throw new XmlError(`> expected at ${i}`);
      i++;
      const top = stack.pop();
      if (!top || top.name !== name) throw new XmlError(`mismatched end tag </${name}>`);
    } else {
      i++;
      const name = readName();
      const node: XNode = { name, attrs: {}, children: [], text: '' };
      for (;;) {
        const before = i;
        skipWs();
        if (src[i] === '/' && src[i + 1] === '>') {
          i += 2;
          attach(node);
          break;
        }
        if (src[i] === '>') {
          i++;
          attach(node);
          stack.push(node);
          break;
        }
        if (i === before) throw new XmlError(`whitespace expected at ${i}`);
        const an = readName();
        skipWs();
        if (src[i] !== '=') throw new XmlError(`= expected at ${i}`);
        i++;
        skipWs();
        const q = src[i];
        if (q !== '"' && q !== "'") throw new XmlError(`quote expected at ${i}`);
        const end = src.indexOf(q, i + 1);
        if (end < 0) throw new XmlError('unterminated attribute');
        if (an in node.attrs) throw new XmlError(`duplicate attribute ${an}`);
        node.attrs[an] = decodeEntities(src.slice(i + 1, end));
        i = end + 1;
      }
    }
  }
  if (stack.length > 0) throw new XmlError(`unclosed element <${stack[stack.length - 1].name}>`);
  if (!root) throw new XmlError('no root element');
  return root;

  function attach(node: XNode): void {
    if (stack.length > 0) stack[stack.length - 1].children.push(node);
    else if (root) throw new XmlError('more than one root element');
    else root = node;
  }
}

export function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function childText(node: XNode | undefined, name: string): string | undefined {
  const c = child(node, name);
  return c ? c.text.trim() : undefined;
}

export function childrenNamed(node: XNode | undefined, name: string): XNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

// ---- writing ----

export function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** <name>escaped text</name> */
export function tx(name: string, value: string | number): string {
  return `<${name}>${esc(String(value))}</${name}>`;
}

/** <name attrs>inner...</name> where inner parts are already XML (undefined parts are skipped) */
export function el(name: string, inner: Array<string | undefined | false>, attrs?: Record<string, string>): string {
  const a = attrs ? Object.entries(attrs).map(([k, v]) => ` ${k}="${esc(v)}"`).join('') : '';
  const body = inner.filter((p): p is string => typeof p === 'string').join('');
  return body === '' ? `<${name}${a}/>` : `<${name}${a}>${body}</${name}>`;
}
