// Keys: a verifier reads `key.<id>=<secret>` lines; a signer picks a key by URL prefix,
// as Opencast's signing provider does.

export type KeyRing = ReadonlyMap<string, string>;

export function parseKeyFile(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    const l = line.trim();
    // Other properties (e.g. prefix.<id>=URL for a signer) may share the file.
    if (l === '' || l.startsWith('#') || !l.startsWith('key.')) return;
    const m = /^key\.([^=\s]+)\s*=\s*(.+)$/.exec(l);
    if (!m) throw new Error(`key file line ${i + 1} is not key.<id>=<secret>`);
    keys.set(m[1]!, m[2]!);
  });
  return keys;
}

export interface SigningKey {
  keyId: string;
  secret: string;
  /** URLs starting with this prefix are signed with this key. */
  urlPrefix: string;
}

export function keyForUrl(keys: readonly SigningKey[], url: string): SigningKey | undefined {
  // Longest matching prefix wins, so a specific server can override a general one.
  return [...keys].sort((a, b) => b.urlPrefix.length - a.urlPrefix.length).find((k) => url.startsWith(k.urlPrefix));
}
