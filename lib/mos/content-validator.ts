// Checks a MOS message element against the MOS 2.8.5 content model (lib/mos/model).
// The model is compiled once at load: per element a child-name -> slot map, occurrence bounds
// and order positions, so a check is one pass over the children with no allocation unless
// something is wrong (paths and messages are only built for issues).
import { XmlElement } from './xml';
import { ElementModel, MESSAGE_MODELS, Particle, TextRule, isGroup } from './model';

export type ContentRequirement =
  | 'MOS-CONTENT-1' | 'MOS-CONTENT-2' | 'MOS-CONTENT-3' | 'MOS-CONTENT-4'
  | 'MOS-CONTENT-5' | 'MOS-CONTENT-6' | 'MOS-CONTENT-7';

export interface ContentIssue {
  requirement: ContentRequirement;
  level: 'MUST' | 'SHOULD';
  /** Element position, e.g. roCreate/story[2]/item[1]/objID; attributes as .../@operation. */
  path: string;
  /** The model rule that was not met, e.g. "at most 128 characters". */
  rule: string;
  message: string;
}

/** One line per requirement, for reports. */
export const CONTENT_RULES: Readonly<Record<ContentRequirement, { level: 'MUST' | 'SHOULD'; rule: string }>> = {
  'MOS-CONTENT-1': { level: 'MUST', rule: 'Every element and attribute MOS 2.8.5 requires in a message is present.' },
  'MOS-CONTENT-2': { level: 'MUST', rule: 'Defined elements appear in the order MOS 2.8.5 defines (added tags may sit anywhere).' },
  'MOS-CONTENT-3': { level: 'MUST', rule: 'No element occurs more often than MOS 2.8.5 allows, and repeated elements reach their minimum count.' },
  'MOS-CONTENT-4': { level: 'MUST', rule: 'Texts stay within their MOS length limit (128 characters for IDs and slugs, 255 for object paths) and are not empty where content is required.' },
  'MOS-CONTENT-5': { level: 'MUST', rule: 'Enumerated values are one of the values MOS 2.8.5 defines.' },
  'MOS-CONTENT-6': { level: 'MUST', rule: 'Times, durations, numbers and object paths are in their MOS format and range.' },
  'MOS-CONTENT-7': { level: 'SHOULD', rule: 'Tags MOS does not define appear only inside mosExternalMetadata.' },
};

export interface ValidateOptions {
  /** Stop collecting after this many issues (default: all). */
  maxIssues?: number;
  /**
   * Count an object path's query against the 255-character limit too (default false: the
   * query a URL-signing scheme appends is not counted; docs/interpretations.md).
   */
  strictPathLength?: boolean;
}

// ---- compiled model ----

const TEXT = 0, EMPTY = 1, SEQUENCE = 2, OPEN = 3, MIXED = 4, ANY = 5;
const KIND: Record<ElementModel['content'], number> = { text: TEXT, empty: EMPTY, sequence: SEQUENCE, open: OPEN, mixed: MIXED, any: ANY };

interface Slot {
  name: string;
  el: Compiled;
  min: number;
  max: number;
  /** Order position; slots sharing one may interleave (a record's members, mixed content). */
  pos: number;
  /** Always shown with an index in paths. */
  repeated: boolean;
  /** Set on the slot standing for a repeated record (roAck); its members map to this slot. */
  group: { leader: string; model: Compiled } | null;
}

interface Compiled {
  name: string;
  /** "roElementAction (DELETE of stories)": the name and, for a case, its label. */
  display: string;
  kind: number;
  slotOf: Map<string, number>;
  slots: Slot[];
  attrs: { name: string; required: boolean; rule: TextRule }[];
  text: TextRule | null;
  cases: { attribute: string; values: Map<string, Compiled[]> } | null;
  /** DTD-like content model, e.g. "(roID, roSlug, roChannel?, story*)". */
  signature: string;
}

const memo = new Map<ElementModel, Compiled>();

function compile(m: ElementModel): Compiled {
  const known = memo.get(m);
  if (known) return known;
  const c: Compiled = {
    name: m.name, display: m.label ? `${m.name} (${m.label})` : m.name, kind: KIND[m.content], slotOf: new Map(), slots: [],
    attrs: m.attributes.map((a) => ({ ...a })), text: m.text ?? null, cases: null, signature: '',
  };
  memo.set(m, c);
  m.children.forEach((p, pos) => addSlot(c, p, pos));
  c.signature = signature(m);
  if (m.cases) {
    const values = new Map<string, Compiled[]>();
    for (const [v, alts] of Object.entries(m.cases.values)) values.set(v, alts.map(compile));
    c.cases = { attribute: m.cases.attribute, values };
    // A form only adds presence requirements (objID for UPDATE); the rest was checked on the element.
    for (const alts of values.values()) {
      for (const alt of alts) alt.attrs = alt.attrs.filter((a) => a.required && !c.attrs.some((b) => b.name === a.name && b.required));
    }
  }
  return c;
}

function addSlot(c: Compiled, p: Particle, pos: number): void {
  const index = c.slots.length;
  if (isGroup(p)) {
    const members = p.group;
    const model = compile({ name: c.name, label: 'record', content: 'sequence', children: members, attributes: [] });
    c.slots.push({ name: members[0]!.element.name, el: model, min: p.min, max: p.max, pos, repeated: true, group: { leader: members[0]!.element.name, model } });
    for (const m of members) c.slotOf.set(m.element.name, index);
    return;
  }
  c.slots.push({ name: p.element.name, el: compile(p.element), min: p.min, max: p.max, pos, repeated: p.max > 1, group: null });
  c.slotOf.set(p.element.name, index);
}

const occurrence = (p: { min: number; max: number }): string =>
  p.min === 1 && p.max === 1 ? '' : p.min === 0 && p.max === 1 ? '?' : p.max === Infinity ? (p.min === 0 ? '*' : p.min === 1 ? '+' : `{${p.min},}`) : `{${p.min},${p.max}}`;

/** DTD-like content of any element model, e.g. "(roID, roSlug, roChannel?, …, story*)". */
export function describeElement(m: ElementModel): string {
  return signature(m);
}

function signature(m: ElementModel): string {
  switch (m.content) {
    case 'text': return '#PCDATA';
    case 'empty': return 'EMPTY';
    case 'any': return 'ANY';
    case 'mixed': return `(#PCDATA | ${m.children.map((p) => (isGroup(p) ? '' : p.element.name)).join(' | ')})*`;
    default: {
      // Elements a form must not carry are named after the content model, not in it.
      const present = m.children.filter((p) => p.max > 0);
      const absent = m.children.filter((p) => p.max === 0).map((p) => (isGroup(p) ? '' : p.element.name));
      const parts = present.map((p) => (isGroup(p) ? `(${p.group.map((g) => g.element.name + occurrence(g)).join(', ')})${occurrence(p)}` : p.element.name + occurrence(p)));
      return `(${parts.join(', ')}${m.content === 'open' ? ', added tags' : ''})${absent.length ? ` without ${absent.join(', ')}` : ''}`;
    }
  }
}

const COMPILED = new Map<string, Compiled>(MESSAGE_MODELS.map((m) => [m.element.name, compile(m.element)]));

// ---- public queries on the model ----

/** The model's message names by profile (to cross-check lib/mos/catalogue.ts). */
export function modelMessagesByProfile(): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const m of MESSAGE_MODELS) (out[m.profile] ??= []).push(m.element.name);
  return out;
}

export function hasContentModel(name: string): boolean {
  return COMPILED.has(name);
}

/** DTD-like content of a message element, e.g. "(roID, roSlug, ...)"; undefined if not modelled. */
export function describeContent(name: string): string | undefined {
  return COMPILED.get(name)?.signature;
}

// ---- run state (validation is synchronous: one run at a time) ----

let issues: ContentIssue[] = [];
let limit = Infinity;
let strictPaths = false;
/** Path of the element being visited: names and 1-based indexes (0: no index shown). */
const segName: string[] = [];
const segIdx: number[] = [];
let depth = 0;
/** Occurrence counters of the open elements, as a stack. */
let counts = new Int32Array(256);
let sp = 0;

// The <mos> envelope: mosID, ncsID, then messageID (absent only for keepAlive), then the message.
const ENVELOPE_RANK: Readonly<Record<string, number>> = { mosID: 0, ncsID: 1, messageID: 2 };

/** Order issues of the <mos> envelope, from the names of its children as they came. */
export function validateEnvelopeOrder(order: readonly string[]): ContentIssue[] {
  let last = -1;
  for (let i = 0; i < order.length; i++) {
    const name = order[i]!;
    const rank = ENVELOPE_RANK[name] ?? 3;
    if (rank < last) {
      const rule = 'mosID, ncsID, messageID, then the message';
      return [{ requirement: 'MOS-CONTENT-2', level: 'MUST', path: `mos/${name}`, rule, message: `<${name}> comes after <${order[i - 1]}>; the envelope is ${rule}` }];
    }
    last = rank;
  }
  return [];
}

export function validateContent(body: XmlElement, opts?: ValidateOptions): ContentIssue[] {
  const c = COMPILED.get(body.name);
  if (!c) return [];
  const out: ContentIssue[] = [];
  issues = out;
  limit = opts?.maxIssues ?? Infinity;
  strictPaths = opts?.strictPathLength ?? false;
  depth = 0;
  sp = 0;
  enter(body.name, 0);
  visit(body, c);
  depth = 0;
  issues = [];
  return out;
}

function enter(name: string, idx: number): void {
  segName[depth] = name;
  segIdx[depth] = idx;
  depth++;
}

function pathTo(tail?: string): string {
  let p = '';
  for (let i = 0; i < depth; i++) {
    if (i) p += '/';
    p += segName[i]!;
    if (segIdx[i]) p += `[${segIdx[i]}]`;
  }
  return tail === undefined ? p : `${p}/${tail}`;
}

function report(n: number, path: string, rule: string, message: string): void {
  if (issues.length >= limit) return;
  const requirement = `MOS-CONTENT-${n}` as ContentRequirement;
  issues.push({ requirement, level: CONTENT_RULES[requirement].level, path, rule, message });
}

// ---- traversal ----

function visit(node: XmlElement, c: Compiled): void {
  if (issues.length >= limit) return;
  if (c.attrs.length) checkAttributes(node, c, false);
  if (c.cases !== null) {
    const value = node.attributes[c.cases.attribute];
    const alternatives = value === undefined ? undefined : c.cases.values.get(value);
    if (alternatives) return visitCase(node, alternatives);
  }
  content(node, c);
}

function content(node: XmlElement, c: Compiled): void {
  switch (c.kind) {
    case ANY:
      return;
    case TEXT: {
      const n = checkText(node.text, c.text!);
      if (n) report(n, pathTo(), ruleText(c.text!), problemText(c.name, node.text, c.text!, n));
      if (node.children.length) extras(node.children);
      return;
    }
    case EMPTY:
      if (node.children.length) extras(node.children);
      return;
    default:
      children(node.children, c, 0);
  }
}

/**
 * The element must fit one of the alternatives (forms). The form reported is the one whose
 * shape fits best: fewest missing, surplus or unknown elements among the element's children
 * and grandchildren (deeper issues sit in shared structures, alike in every form); then fewest
 * MUST issues; then fewest issues; then the first.
 */
function visitCase(node: XmlElement, alternatives: Compiled[]): void {
  if (alternatives.length === 1) {
    checkAttributes(node, alternatives[0]!, true);
    return content(node, alternatives[0]!);
  }
  const outer = issues, outerLimit = limit, at = depth;
  let best: ContentIssue[] = [];
  let bestScore: number[] | undefined;
  for (const alt of alternatives) {
    issues = [];
    limit = Infinity;
    checkAttributes(node, alt, true);
    content(node, alt);
    let shape = 0, must = 0;
    for (const i of issues) {
      if (i.level === 'MUST') must++;
      const n = i.requirement;
      if ((n === 'MOS-CONTENT-1' || n === 'MOS-CONTENT-3' || n === 'MOS-CONTENT-7') && segments(i.path) - at <= 2) shape++;
    }
    const score = [shape, must, issues.length];
    if (bestScore === undefined || better(score, bestScore)) {
      best = issues;
      bestScore = score;
    }
  }
  issues = outer;
  limit = outerLimit;
  for (const i of best) if (issues.length < limit) issues.push(i);
}

/** Lexicographic comparison of two scores. */
function better(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
  return false;
}

function segments(path: string): number {
  let n = 1;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) n++;
  return n;
}

/** For a form (presenceOnly) only the attributes it adds are checked, and only for presence. */
function checkAttributes(node: XmlElement, c: Compiled, presenceOnly: boolean): void {
  for (const a of c.attrs) {
    const v = node.attributes[a.name];
    if (v === undefined) {
      if (a.required) report(1, pathTo(`@${a.name}`), `${c.display} requires attribute ${a.name}`, `<${c.name}> has no ${a.name} attribute`);
    } else if (!presenceOnly) {
      const n = checkText(v, a.rule);
      if (n) report(n, pathTo(`@${a.name}`), ruleText(a.rule), problemText(`${c.name} ${a.name}`, v, a.rule, n));
    }
  }
}

function children(list: readonly XmlElement[], c: Compiled, record: number): void {
  const slots = c.slots;
  const base = sp;
  sp += slots.length;
  if (sp > counts.length) {
    const grown = new Int32Array(counts.length * 2 + slots.length);
    grown.set(counts);
    counts = grown;
  }
  counts.fill(0, base, sp);
  const ordered = c.kind !== MIXED;
  let lastPos = -1;
  let records: XmlElement[][] | undefined;
  let extra: Extras | undefined;
  for (let i = 0; i < list.length && issues.length < limit; i++) {
    const ch = list[i]!;
    const s = c.slotOf.get(ch.name);
    if (s === undefined) {
      if (c.kind !== OPEN) (extra ??= new Extras(list)).report(ch);
      continue;
    }
    const slot = slots[s]!;
    if (slot.group !== null) {
      // A record member: the leader opens a record, the record is checked once complete.
      records ??= [];
      if (ch.name === slot.group.leader || records.length === 0) records.push([ch]);
      else records[records.length - 1]!.push(ch);
      if (ordered && slot.pos < lastPos) misplaced(ch.name, records.length, c);
      lastPos = slot.pos;
      continue;
    }
    const k = ++counts[base + s]!;
    const idx = record > 0 ? record : slot.repeated || k > 1 ? k : 0;
    if (ordered && slot.pos < lastPos) misplaced(ch.name, idx, c);
    lastPos = slot.pos;
    if (k > slot.max) {
      report(3, pathTo(seg(ch.name, idx)), slot.max === 0 ? `${c.display}: ${c.signature}` : `at most ${slot.max} ${slot.name} in ${c.display}`,
        slot.max === 0 ? `<${ch.name}> is not part of ${c.display}` : `<${ch.name}> occurs ${k} times in <${c.name}>; at most ${slot.max} allowed`);
    }
    enter(ch.name, idx);
    visit(ch, slot.el);
    depth--;
  }
  for (let s = 0; s < slots.length; s++) {
    const slot = slots[s]!;
    if (slot.group !== null) {
      const n = records?.length ?? 0;
      if (n > slot.max) report(3, pathTo(seg(slot.name, n)), `at most ${slot.max} records in ${c.display}`, `<${c.name}> holds ${n} records; at most ${slot.max} allowed`);
      if (n < slot.min) report(n === 0 ? 1 : 3, pathTo(seg(slot.name, n + 1)), `${c.display}: ${c.signature}`, `<${c.name}> holds ${n} records; at least ${slot.min} required`);
      for (let r = 0; r < n; r++) children(records![r]!, slot.group.model, r + 1);
      continue;
    }
    const k = counts[base + s]!;
    if (k >= slot.min) continue;
    if (k === 0) report(1, pathTo(seg(slot.name, record)), `${c.display}: ${c.signature}`, `<${c.name}> has no <${slot.name}>`);
    else report(3, pathTo(seg(slot.name, record)), `${slot.min === slot.max ? 'exactly' : 'at least'} ${slot.min} ${slot.name} in ${c.display}`, `<${c.name}> holds ${k} <${slot.name}>; ${slot.min === slot.max ? 'exactly' : 'at least'} ${slot.min} required`);
  }
  sp = base;
}

const seg = (name: string, idx: number): string => (idx ? `${name}[${idx}]` : name);

function misplaced(name: string, idx: number, c: Compiled): void {
  report(2, pathTo(seg(name, idx)), `${c.display}: ${c.signature}`, `<${name}> is out of the order MOS defines for <${c.name}>`);
}

/**
 * Elements the model does not define at this position (their content is not inspected). Paths
 * index them when a name occurs more than once; counting is linear, whatever the number.
 */
class Extras {
  private totals: Map<string, number> | undefined;
  private readonly seen = new Map<string, number>();
  constructor(private readonly siblings: readonly XmlElement[]) {}

  report(ch: XmlElement): void {
    if (this.totals === undefined) {
      this.totals = new Map();
      for (const s of this.siblings) this.totals.set(s.name, (this.totals.get(s.name) ?? 0) + 1);
    }
    const k = (this.seen.get(ch.name) ?? 0) + 1;
    this.seen.set(ch.name, k);
    report(7, pathTo(seg(ch.name, this.totals.get(ch.name)! > 1 ? k : 0)), 'added tags belong inside mosExternalMetadata',
      `<${ch.name}> is not defined by MOS 2.8.5 here; added tags should be placed inside mosExternalMetadata`);
  }
}

function extras(list: readonly XmlElement[]): void {
  const x = new Extras(list);
  for (const ch of list) x.report(ch);
}

// ---- text rules ----

/** 0 when the text meets the rule, else the number of the requirement it breaks (4, 5 or 6). */
function checkText(s: string, r: TextRule): number {
  switch (r.kind) {
    case 'text':
      if (r.nonEmpty && s.length === 0) return 4;
      return r.max !== undefined && s.length > r.max && codePoints(s) > r.max ? 4 : 0;
    case 'enum':
      return r.values.includes(s) || (r.pattern !== undefined && r.pattern.test(s)) ? 0 : 5;
    case 'int':
      return s.length === 0 ? (r.allowEmpty ? 0 : 6) : isInteger(s, r.min, r.max) ? 0 : 6;
    case 'decimal':
      return DECIMAL.test(s) && Number(s) >= r.min && Number(s) <= r.max ? 0 : 6;
    case 'time':
      return isMosTime(s) ? 0 : 6;
    case 'duration':
      return DURATION.test(s) ? 0 : 6;
    case 'path':
      return checkPath(s, r);
  }
}

const DECIMAL = /^\d{1,10}(\.\d{1,10})?$/;
const DURATION = /^\d{2,}:[0-5]\d:[0-5]\d$/;

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function isInteger(s: string, min: number, max: number): boolean {
  if (s.length > 10) return false;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  const v = Number(s);
  return v >= min && v <= max;
}

/** Two digits at i as a number, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48, b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DD'T'hh:mm:ss[,ddd] followed by nothing, Z, or +hh:mm / -hh:mm. */
function isMosTime(s: string): boolean {
  const n = s.length;
  if (n < 19) return false;
  const y1 = two(s, 0), y2 = two(s, 2), mo = two(s, 5), d = two(s, 8), h = two(s, 11), mi = two(s, 14), se = two(s, 17);
  if (y1 < 0 || y2 < 0 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS[mo - 1]! || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) return false;
  const year = y1 * 100 + y2;
  if (mo === 2 && d === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  let i = 19;
  if (i < n && s.charCodeAt(i) === 44) {
    // ",ddd": all three digits present (two overlapping pairs cover i+1..i+3).
    if (n < i + 4 || two(s, i + 1) < 0 || two(s, i + 2) < 0) return false;
    i += 4;
  }
  if (i === n) return true;
  const z = s.charCodeAt(i);
  if (z === 90) return i + 1 === n;
  if (z !== 43 && z !== 45) return false;
  const oh = two(s, i + 1), om = two(s, i + 4);
  return i + 6 === n && s.charCodeAt(i + 3) === 58 && oh >= 0 && oh <= 23 && om >= 0 && om <= 59;
}

function checkPath(s: string, r: Extract<TextRule, { kind: 'path' }>): number {
  if (s.length === 0) return 4;
  const q = s.search(/[?#]/);
  const path = q < 0 ? s : s.slice(0, q);
  if ((strictPaths ? s : path).length > r.max) return 4;
  const lower = path.slice(0, 8).toLowerCase();
  if (!r.schemes.some((x) => lower.startsWith(x))) return 6;
  if (r.fileName && !/[^/\\]\.[^/\\.]+$/.test(path)) return 6;
  return 0;
}

/** The rule a text or attribute value follows, in words (as content issues quote it). */
export function ruleText(r: TextRule): string {
  switch (r.kind) {
    case 'text': return r.max !== undefined ? `at most ${r.max} characters${r.nonEmpty ? ', not empty' : ''}` : 'not empty';
    case 'enum': return `one of ${r.values.join(' | ')}${r.patternLabel ? ` | ${r.patternLabel}` : ''}`;
    case 'int': return `integer ${r.min}..${r.max}${r.allowEmpty ? ' or empty' : ''}`;
    case 'decimal': return `decimal number ${r.min}..${r.max}`;
    case 'time': return "MOS time YYYY-MM-DD'T'hh:mm:ss[,ddd][Z|+hh:mm|-hh:mm]";
    case 'duration': return 'duration hh:mm:ss';
    case 'path': return `at most ${r.max} characters before any query; starts ${r.schemes.join(' or ')}${r.fileName ? '; ends with a file name and extension' : ''}`;
  }
}

function problemText(what: string, s: string, r: TextRule, n: number): string {
  const shown = s.length > 60 ? `${s.slice(0, 57)}...` : s;
  if (n === 4) {
    if (s.length === 0) return `<${what}> is empty; MOS requires content`;
    return `<${what}> has ${codePoints(r.kind === 'path' && !strictPaths ? s.split(/[?#]/)[0]! : s)} characters; MOS allows ${r.kind === 'text' || r.kind === 'path' ? r.max : '?'}`;
  }
  return `<${what}> "${shown}" is not ${n === 5 ? 'one of the MOS values' : 'in the MOS format'}: ${ruleText(r)}`;
}
