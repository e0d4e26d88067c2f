// The vocabulary of the MOS content model: plain data describing elements, their children in
// order, their attributes and the rules their texts follow. The constructors below only build
// objects; lib/mos/content-validator.ts compiles them once and checks messages against them.

/** How the text of an element or attribute value is judged. */
export type TextRule =
  /** Free text, optionally with a length limit; nonEmpty when MOS requires content. */
  | { readonly kind: 'text'; readonly max?: number; readonly nonEmpty?: boolean }
  /** One of the values; `pattern` admits a family MOS spells as a form ("CHAINED -10"). */
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly pattern?: RegExp; readonly patternLabel?: string }
  /** Decimal integer without sign or exponent; allowEmpty where MOS shows an empty tag. */
  | { readonly kind: 'int'; readonly min: number; readonly max: number; readonly allowEmpty?: boolean }
  /** Decimal number (objTB is 59.94 for NTSC). */
  | { readonly kind: 'decimal'; readonly min: number; readonly max: number }
  /** MOS time YYYY-MM-DD'T'hh:mm:ss[,ddd][Z|+hh:mm|-hh:mm]. */
  | { readonly kind: 'time' }
  /** Editorial duration hh:mm:ss. */
  | { readonly kind: 'duration' }
  /** Object path: length limit, accepted schemes, and (2.8.5) a file name with extension last. */
  | { readonly kind: 'path'; readonly max: number; readonly schemes: readonly string[]; readonly fileName: boolean };

/**
 * What an element may contain.
 * - text: no child elements, the text follows `text`.
 * - empty: no child elements and no rule on text.
 * - sequence: the children particles, in their order.
 * - open: a sequence that also takes added tags silently (mosExternalMetadata).
 * - mixed: text and the children in any order and number (storyBody, p, description).
 * - any: not checked at all (mosPayload, mosAbstract, formatting markup).
 */
export type ContentKind = 'text' | 'empty' | 'sequence' | 'open' | 'mixed' | 'any';

export interface AttributeModel {
  readonly name: string;
  readonly required: boolean;
  readonly rule: TextRule;
}

/** One child element with its occurrence bounds (max Infinity for unbounded). */
export interface ElementParticle {
  readonly element: ElementModel;
  readonly min: number;
  readonly max: number;
}

/**
 * A repeated record of several elements (roAck's storyID, itemID, objID, itemChannel?, status).
 * Its first member starts each record.
 */
export interface GroupParticle {
  readonly group: readonly ElementParticle[];
  readonly min: number;
  readonly max: number;
}

export type Particle = ElementParticle | GroupParticle;

/**
 * Content that depends on an attribute (roElementAction operation, roElementStat element):
 * for each value, the element models that value allows; a message has to fit one of them.
 * Values not listed (invalid ones are reported by the attribute's rule) are checked against
 * the element's own, more lenient children.
 */
export interface Cases {
  readonly attribute: string;
  readonly values: Readonly<Record<string, readonly ElementModel[]>>;
}

export interface ElementModel {
  readonly name: string;
  readonly content: ContentKind;
  readonly children: readonly Particle[];
  readonly attributes: readonly AttributeModel[];
  readonly text?: TextRule;
  readonly cases?: Cases;
  /** Shown in rule texts, e.g. "SWAP of stories". */
  readonly label?: string;
}

export interface MessageModel {
  readonly profile: number;
  readonly element: ElementModel;
  /** Why the entry is there when MOS 2.8.5 itself does not define the message. */
  readonly note?: string;
}

// ---- constructors (data only) ----

export const attr = (name: string, rule: TextRule, required = true): AttributeModel => ({ name, required, rule });

export const leaf = (name: string, text: TextRule, attributes: readonly AttributeModel[] = []): ElementModel =>
  ({ name, content: 'text', children: [], attributes, text });

export const empty = (name: string, attributes: readonly AttributeModel[] = []): ElementModel =>
  ({ name, content: 'empty', children: [], attributes });

export const anyContent = (name: string, attributes: readonly AttributeModel[] = []): ElementModel =>
  ({ name, content: 'any', children: [], attributes });

export const sequence = (name: string, children: readonly Particle[], attributes: readonly AttributeModel[] = [], extra: { cases?: Cases; label?: string } = {}): ElementModel =>
  ({ name, content: 'sequence', children, attributes, ...extra });

export const open = (name: string, children: readonly Particle[]): ElementModel =>
  ({ name, content: 'open', children, attributes: [] });

export const mixed = (name: string, allowed: readonly ElementModel[], attributes: readonly AttributeModel[] = []): ElementModel =>
  ({ name, content: 'mixed', children: allowed.map(many), attributes });

/** The same element under another label (for the alternatives of a case). */
export const variant = (base: ElementModel, label: string, children: readonly Particle[], attributes: readonly AttributeModel[] = base.attributes): ElementModel =>
  ({ ...base, label, children, attributes, cases: undefined });

export const one = (element: ElementModel): ElementParticle => ({ element, min: 1, max: 1 });
export const opt = (element: ElementModel): ElementParticle => ({ element, min: 0, max: 1 });
export const many = (element: ElementModel): ElementParticle => ({ element, min: 0, max: Infinity });
export const some = (element: ElementModel): ElementParticle => ({ element, min: 1, max: Infinity });
export const exactly = (element: ElementModel, n: number): ElementParticle => ({ element, min: n, max: n });
/** A MOS element that this form of the message must not carry (reported as occurring too often). */
export const never = (element: ElementModel): ElementParticle => ({ element, min: 0, max: 0 });
export const records = (group: readonly ElementParticle[], min = 0, max = Infinity): GroupParticle => ({ group, min, max });

export const isGroup = (p: Particle): p is GroupParticle => 'group' in p;
