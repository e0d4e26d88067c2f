// Finds configured credentials in a request target (path and query), in any of the forms a
// client could put them there: plain, percent-encoded (once or twice), base64 or base64url of the
// password or of "user:password", or as a whole Basic token. Parameter names do not matter.
import type { Credentials } from './basic-auth';

export interface Leak {
  /** Where: "query parameter token", "path segment 2". */
  where: string;
  /** What was found (never the value itself). */
  form: string;
}

function b64(s: string): string[] {
  const std = Buffer.from(s, 'utf8').toString('base64');
  const url = std.replace(/\+/g, '-').replace(/\//g, '_');
  return [...new Set([std, std.replace(/=+$/, ''), url, url.replace(/=+$/, '')])];
}

function decodeAll(v: string): string[] {
  const out = [v];
  for (let i = 0; i < 2; i++) {
    try {
      const d = decodeURIComponent(out[out.length - 1]!.replace(/\+/g, ' '));
      if (d === out[out.length - 1]) break;
      out.push(d);
    } catch {
      break;
    }
  }
  return out;
}

/**
 * Leaks of `creds` in `target`. `allowed` are values the suite itself configured into the URL
 * (its extra parameters, mosID, ncsID, channel), which are never counted as a leaked user name.
 */
export function findCredentialLeaks(target: string, creds: Credentials, allowed: readonly string[] = []): Leak[] {
  const { username, password } = creds;
  const pair = `${username}:${password}`;
  const forms: Array<{ text: string; form: string; contains: boolean }> = [];
  // Substring matches only for texts long enough not to occur by chance.
  const long = (s: string): boolean => s.length >= 4;
  if (password) {
    forms.push({ text: password, form: 'the password', contains: long(password) });
    for (const e of b64(password)) forms.push({ text: e, form: 'the password in base64', contains: long(e) });
  }
  forms.push({ text: pair, form: '"user:password"', contains: true });
  for (const e of b64(pair)) forms.push({ text: e, form: 'the Basic credential (base64 of "user:password")', contains: long(e) });
  const leaks: Leak[] = [];
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  const places: Array<{ where: string; name?: string; value: string }> = [];
  path.split('/').forEach((seg, i) => seg && places.push({ where: `path segment ${i}`, value: seg }));
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decodeAll(eq < 0 ? part : part.slice(0, eq)).pop()!;
    places.push({ where: `query parameter ${name}`, name, value: eq < 0 ? '' : part.slice(eq + 1) });
    places.push({ where: `query parameter name ${name}`, value: eq < 0 ? part : part.slice(0, eq) });
  }
  for (const p of places) {
    const values = decodeAll(p.value);
    const hit = forms.find((f) => values.some((v) => (f.contains ? v.includes(f.text) : v === f.text)));
    if (hit) {
      leaks.push({ where: p.where, form: hit.form });
      continue;
    }
    // The user name alone counts where it stands as a value of its own, unless the suite put it there.
    if (p.name !== undefined && username && values.includes(username) && !allowed.includes(username)) leaks.push({ where: p.where, form: 'the user name' });
  }
  return leaks;
}
