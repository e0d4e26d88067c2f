// base64url as Opencast writes it (no padding), decoded liberally: the standard alphabet,
// padding and a percent-encoded "=" (%3D) are accepted too.

export function encodeBase64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export class Base64Error extends Error {
  override name = 'Base64Error';
}

export function decodeBase64Liberal(value: string): string {
  const s = value.replace(/%3D/gi, '=');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(s)) throw new Base64Error('not base64 or base64url text');
  const unpadded = s.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) throw new Base64Error('base64 text has an impossible length');
  const std = unpadded.replace(/-/g, '+').replace(/_/g, '/');
  return Buffer.from(std, 'base64').toString('utf8');
}
