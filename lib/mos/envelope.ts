// The <mos> envelope: mosID, ncsID, optional messageID and exactly one message element.
import { XmlElement, XmlNode, el, parseXml, serializeXml } from './xml';
import { UNSEQUENCED_MESSAGES } from './catalogue';

export interface MosMessage {
  mosID: string;
  ncsID: string;
  /** Absent only for unsequenced messages (keepAlive). */
  messageID?: number;
  /** Name of the message element, e.g. "roReq". */
  name: string;
  /** The message element itself. */
  body: XmlElement;
  /** Names of the envelope's children in the order they came (content checks judge the order). */
  envelopeOrder: string[];
}

export class MosCodecError extends Error {
  override name = 'MosCodecError';
}

/** U+FEFF: XML 1.0 (§4.3.3, Appendix F) lets a UTF-8 entity begin with it as an encoding signature. */
const BYTE_ORDER_MARK = '\uFEFF';

export function parseMos(source: string, maxBytes?: number): MosMessage {
  let root: XmlElement;
  try {
    root = parseXml(source.startsWith(BYTE_ORDER_MARK) ? source.slice(1) : source, maxBytes);
  } catch (e) {
    throw new MosCodecError((e as Error).message);
  }
  if (root.name !== 'mos') throw new MosCodecError(`root element is <${root.name}>, expected <mos>`);
  // One pass over the envelope's children: the three fields (each at most once) and the messages.
  const fields: Partial<Record<'mosID' | 'ncsID' | 'messageID', XmlElement>> = {};
  const messages: XmlElement[] = [];
  const envelopeOrder: string[] = [];
  for (const c of root.children) {
    envelopeOrder.push(c.name);
    if (c.name === 'mosID' || c.name === 'ncsID' || c.name === 'messageID') {
      if (fields[c.name]) throw new MosCodecError(`<${c.name}> appears more than once`);
      fields[c.name] = c;
    } else messages.push(c);
  }
  const mosID = requiredText(fields.mosID, 'mosID');
  const ncsID = requiredText(fields.ncsID, 'ncsID');
  if (messages.length === 0) throw new MosCodecError('<mos> holds no message element');
  if (messages.length > 1) {
    throw new MosCodecError(`<mos> holds ${messages.length} message elements (${messages.map((m) => m.name).join(', ')}), expected one`);
  }
  const body = messages[0]!;
  const idEl = fields.messageID;
  let messageID: number | undefined;
  if (idEl) {
    if (!/^\d{1,10}$/.test(idEl.text)) throw new MosCodecError(`<messageID> "${idEl.text}" is not a non-negative integer`);
    messageID = Number(idEl.text);
  } else if (!UNSEQUENCED_MESSAGES.includes(body.name)) {
    throw new MosCodecError(`<${body.name}> has no <messageID>`);
  }
  return { mosID, ncsID, messageID, name: body.name, body, envelopeOrder };
}

/**
 * A received text as a MOS message. Text before the envelope that is not part of it (a length
 * prefix, stray bytes) does not stop the message from being read: it comes back as `prefix`, for
 * the check of the transport to judge once, while everything else judges the message itself.
 */
export function readMos(text: string, maxBytes?: number): { message: MosMessage; prefix?: string } {
  try {
    return { message: parseMos(text, maxBytes) };
  } catch (e) {
    const start = text.search(/<\?xml|<mos[\s>]/);
    if (start <= 0) throw e;
    try {
      return { message: parseMos(text.slice(start), maxBytes), prefix: text.slice(0, start) };
    } catch {
      throw e;
    }
  }
}

function requiredText(e: XmlElement | undefined, name: string): string {
  if (!e) throw new MosCodecError(`<mos> has no <${name}>`);
  if (e.text === '') throw new MosCodecError(`<${name}> is empty`);
  return e.text;
}

export interface BuildOptions {
  mosID: string;
  ncsID: string;
  messageID?: number;
  body: XmlNode;
}

export function buildMos(opts: BuildOptions): string {
  const unsequenced = UNSEQUENCED_MESSAGES.includes(opts.body.name);
  if (!unsequenced && opts.messageID === undefined) throw new MosCodecError(`<${opts.body.name}> needs a messageID`);
  const children: XmlNode[] = [el('mosID', opts.mosID), el('ncsID', opts.ncsID)];
  if (!unsequenced) children.push(el('messageID', opts.messageID!));
  children.push(opts.body);
  return serializeXml(el('mos', children));
}

/** Name and messageID of a message this program built itself (no validation: not for input). */
export function peekMos(text: string): { name: string; messageID?: number } {
  const m = /<\/ncsID>(?:<messageID>(\d+)<\/messageID>)?<([A-Za-z_][\w.-]*)/.exec(text);
  return m ? { name: m[2]!, messageID: m[1] !== undefined ? Number(m[1]) : undefined } : { name: '?' };
}
