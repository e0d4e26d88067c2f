// base64url as Opencast writes it (no padding), decoded liberally: the standard alphabet,
// padding and a percent-encoded "=" (%3D) are accepted too.

export function encodeBase64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export class Base64Error extends Error {
  override name = 'Base64Error';
}

export function decodeBase64Liberal(value: string): string {
  const s = value.includes('%') ? value.replace(/%3D/gi, '=') : value;
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(s)) throw new Base64Error('not base64 or base64url text');
  const unpadded = s.endsWith('=') ? s.replace(/=+$/, '') : s;
  if (unpadded.length % 4 === 1) throw new Base64Error('base64 text has an impossible length');
  // Node's base64 decoder reads both alphabets; the regex above already refused anything else.
  return Buffer.from(unpadded, 'base64').toString('utf8');
}
