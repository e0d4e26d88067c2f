// Safe XML helper: a tiny element tree on top of @xmldom/xmldom.
// MOS messages never need DTDs, so any DOCTYPE/ENTITY declaration is refused
// before parsing (no XXE, no entity expansion bombs) and input size is capped.
import { DOMParser, DOMImplementation, XMLSerializer } from '@xmldom/xmldom';
import { installXmldomRegExpCache } from './xmldom-regexp-cache';

installXmldomRegExpCache();

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content of this element's direct text nodes (trimmed). */
  text: string;
}

export class XmlError extends Error {
  override name = 'XmlError';
}

export const DEFAULT_MAX_XML_BYTES = 1024 * 1024;

// One parser for the process (parsing is synchronous, so one error slot serves every call).
let parseError: string | undefined;
const SHARED_PARSER = new DOMParser({
  // No line/column tracking: our errors keep only the first line of the message anyway (~5 % of a parse).
  locator: false,
  onError: (level, message) => {
    if (level !== 'warning' && parseError === undefined) parseError = String(message).split('\n')[0];
    if (level === 'fatalError') throw new XmlError(String(message).split('\n')[0]);
  },
});

export function parseXml(source: string, maxBytes = DEFAULT_MAX_XML_BYTES): XmlElement {
  const size = Buffer.byteLength(source, 'utf8');
  if (size > maxBytes) throw new XmlError(`XML is ${size} bytes, larger than the limit of ${maxBytes}`);
  if (/<!DOCTYPE/i.test(source) || /<!ENTITY/i.test(source)) {
    throw new XmlError('XML with a DOCTYPE or ENTITY declaration is refused');
  }
  if (source.includes('\uFFFD')) throw new XmlError('XML contains invalid UTF-8 (replacement character)');
  let doc;
  parseError = undefined;
  try {
    doc = SHARED_PARSER.parseFromString(source, 'text/xml');
  } catch (e) {
    throw new XmlError(`malformed XML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (parseError !== undefined) throw new XmlError(`malformed XML: ${parseError}`);
  const root = doc.documentElement;
  if (!root) throw new XmlError('malformed XML: no root element');
  return toTree(root as unknown as DomElement);
}

interface DomNode { nodeType: number; nodeValue: string | null; }
interface DomElement extends DomNode {
  tagName: string;
  attributes: { length: number; item(i: number): { name: string; value: string } | null };
  childNodes: { length: number; item(i: number): DomNode | null };
}

function toTree(el: DomElement): XmlElement {
  const attributes: Record<string, string> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (a) attributes[a.name] = a.value;
  }
  const children: XmlElement[] = [];
  let text = '';
  for (let i = 0; i < el.childNodes.length; i++) {
    const n = el.childNodes.item(i);
    if (!n) continue;
    if (n.nodeType === 1) children.push(toTree(n as DomElement));
    else if (n.nodeType === 3 || n.nodeType === 4) text += n.nodeValue ?? '';
  }
  return { name: el.tagName, attributes, children, text: text.trim() };
}

/** Element builder input: children as nodes, or a text value. */
export interface XmlNode {
  name: string;
  attributes?: Record<string, string>;
  text?: string;
  children?: XmlNode[];
}

export function el(name: string, content?: string | number | XmlNode[], attributes?: Record<string, string>): XmlNode {
  if (content === undefined) return { name, attributes };
  if (Array.isArray(content)) return { name, attributes, children: content };
  return { name, attributes, text: String(content) };
}

/**
 * Serialise a builder tree. Written out rather than via xmldom's XMLSerializer: it is on the hot
 * path of every reply and ten times faster; the output is byte-identical for these trees
 * (checked against XMLSerializer in test/codec.test.ts).
 */
export function serializeXml(node: XmlNode): string {
  if (!NAME.test(node.name)) throw new XmlError(`"${node.name}" is not an XML element name`);
  let attrs = '';
  if (node.attributes) {
    for (const k of Object.keys(node.attributes)) {
      if (!NAME.test(k)) throw new XmlError(`"${k}" is not an XML attribute name`);
      attrs += ` ${k}="${escapeAttr(node.attributes[k]!)}"`;
    }
  }
  let inner = node.text !== undefined ? escapeText(node.text) : '';
  if (node.children) for (const c of node.children) inner += serializeXml(c);
  return inner === '' && node.text === undefined ? `<${node.name}${attrs}/>` : `<${node.name}${attrs}>${inner}</${node.name}>`;
}

const NAME = /^[A-Za-z_][\w.-]*$/;
// Most values need no escaping: test once before running the replacements.
const escapeText = (s: string): string => (/[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s);
const escapeAttr = (s: string): string => (/[&<>"\t\n\r]/.test(s) ? escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;') : s);

/** The same tree through xmldom's serializer: the reference serializeXml is tested against. */
export function serializeXmlWithXmldom(node: XmlNode): string {
  const doc = new DOMImplementation().createDocument(null, node.name, null);
  const root = doc.documentElement!;
  fill(doc, root, node);
  return new XMLSerializer().serializeToString(root);
}

type XDoc = ReturnType<DOMImplementation['createDocument']>;
type XEl = NonNullable<XDoc['documentElement']>;

function fill(doc: XDoc, target: XEl, node: XmlNode): void {
  for (const [k, v] of Object.entries(node.attributes ?? {})) target.setAttribute(k, v);
  if (node.text !== undefined) target.appendChild(doc.createTextNode(node.text));
  for (const child of node.children ?? []) {
    const c = doc.createElement(child.name);
    fill(doc, c, child);
    target.appendChild(c);
  }
}

export function child(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.children.find((c) => c.name === name);
}

export function childText(parent: XmlElement, name: string): string | undefined {
  return child(parent, name)?.text;
}

