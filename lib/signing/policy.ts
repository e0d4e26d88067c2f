// The Opencast signing policy and its canonical JSON, byte for byte as Opencast's signer
// writes it: Condition before Resource; DateGreaterThan, DateLessThan, IpAddress; "/" escaped
// as "\/"; json-simple's escaping of control and some Unicode ranges; no whitespace.

export interface Policy {
  /** The resource URL (with any query it had before signing). */
  resource: string;
  /** Epoch milliseconds; access allowed up to and including this instant. */
  dateLessThan: number;
  /** Epoch milliseconds; access allowed from this instant on. */
  dateGreaterThan?: number;
  /** The only client address allowed. */
  ipAddress?: string;
}

/** JSON string escaping as json-simple's JSONValue.escape does it. */
export function jsonSimpleEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      case '/': out += '\\/'; break;
      default:
        if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x2000 && c <= 0x20ff)) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
        else out += ch;
    }
  }
  return out;
}

function int(n: number, what: string): string {
  if (!Number.isSafeInteger(n)) throw new Error(`${what} must be a whole number of epoch milliseconds`);
  return String(n);
}

export function canonicalPolicyJson(p: Policy): string {
  const cond: string[] = [];
  if (p.dateGreaterThan !== undefined) cond.push(`"DateGreaterThan":${int(p.dateGreaterThan, 'DateGreaterThan')}`);
  cond.push(`"DateLessThan":${int(p.dateLessThan, 'DateLessThan')}`);
  if (p.ipAddress !== undefined) cond.push(`"IpAddress":"${jsonSimpleEscape(p.ipAddress)}"`);
  return `{"Statement":{"Condition":{${cond.join(',')}},"Resource":"${jsonSimpleEscape(p.resource)}"}}`;
}

export class PolicyError extends Error {
  override name = 'PolicyError';
}

/** Read a policy from JSON text (any key order and whitespace). */
export function parsePolicyJson(text: string): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PolicyError(`policy is not JSON: ${(e as Error).message}`);
  }
  const st = (raw as { Statement?: { Condition?: Record<string, unknown>; Resource?: unknown } } | null)?.Statement;
  if (!st || typeof st !== 'object') throw new PolicyError('policy has no Statement');
  const noResource = typeof st.Resource !== 'string' || st.Resource === '';
  if (noResource) throw new PolicyError('policy has no Resource');
  const c = st.Condition;
  if (!c || typeof c !== 'object') throw new PolicyError('policy has no Condition');
  const date = (k: string): number | undefined => {
    const v = c[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new PolicyError(`${k} is not a whole number of epoch milliseconds`);
    return v;
  };
  const dateLessThan = date('DateLessThan');
  if (dateLessThan === undefined) throw new PolicyError('policy has no DateLessThan');
  const ip = c.IpAddress;
  if (ip !== undefined && typeof ip !== 'string') throw new PolicyError('IpAddress is not a string');
  return { resource: st.Resource as string, dateLessThan, dateGreaterThan: date('DateGreaterThan'), ipAddress: ip };
}
