// @xmldom/xmldom 0.9 builds a new Unicode RegExp from the same constant parts for every end
// tag it reads (`reg` in lib/grammar.js, called from lib/sax.js). For MOS messages, which are
// mostly end tags, that is over half of the parse time (a heartbeat: 21 us -> 8 us with this).
// We memoise `reg` by the identity of its arguments; the parts are the grammar's own
// constants, so the cache stays a handful of entries (and stops growing past a bound in
// case a later version passes dynamic parts). RegExps without the g or y flag keep no state
// between exec calls, so handing the same one out again is safe. When the module layout
// changes, nothing is patched and parsing is only slower.

type RegFn = (...parts: Array<RegExp | string>) => RegExp;

const MAX_ENTRIES = 256;

export function installRegExpCache(grammar: { reg?: RegFn & { memoised?: boolean } }): boolean {
  const original = grammar.reg;
  if (typeof original !== 'function') return false;
  if (original.memoised) return true;
  const root = new Map<unknown, unknown>();
  const RESULT = Symbol('result');
  let entries = 0;
  const memoised: RegFn & { memoised?: boolean } = function (this: unknown, ...parts) {
    let node = root;
    for (const part of parts) {
      let next = node.get(part) as Map<unknown, unknown> | undefined;
      if (!next) {
        if (entries >= MAX_ENTRIES) return original.apply(this, parts);
        next = new Map();
        node.set(part, next);
        entries++;
      }
      node = next;
    }
    let re = node.get(RESULT) as RegExp | undefined;
    if (!re) {
      re = original.apply(this, parts);
      if (re.global || re.sticky) return re;
      node.set(RESULT, re);
    }
    return re;
  };
  memoised.memoised = true;
  grammar.reg = memoised;
  return true;
}

/** Patch the grammar module xmldom's SAX parser reads `reg` from (it calls `g.reg(...)` on it). */
export function installXmldomRegExpCache(): boolean {
  try {
    return installRegExpCache(require('@xmldom/xmldom/lib/grammar') as { reg?: RegFn });
  } catch {
    return false;
  }
}
