// Secrets never reach logs or reports: Authorization values, passwords, keys, signatures.

const SECRET_PARAM = /^(password|passwd|pass|pwd|secret|token|apikey|api_key|api-key|key|auth|authorization|signature|sig)$/i;
export const REDACTED = '***';

/** Redact secret-looking query parameters and any userinfo in a URL. */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.replace(/([?&](?:password|passwd|pass|pwd|secret|token|apikey|api_key|key|signature|sig)=)[^&#]*/gi, `$1${REDACTED}`);
  }
  if (u.password) u.password = REDACTED;
  for (const k of [...u.searchParams.keys()]) if (SECRET_PARAM.test(k)) u.searchParams.set(k, REDACTED);
  return u.toString().replace(/%2A%2A%2A/g, REDACTED);
}

/** Redact the credential part of an Authorization (or Proxy-Authorization) header value. */
export function redactAuthorization(value: string): string {
  const m = /^(\S+)\s+/.exec(value);
  return m ? `${m[1]} ${REDACTED}` : REDACTED;
}

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const text = Array.isArray(v) ? v.join(', ') : v;
    out[k] = /^(proxy-)?authorization$/i.test(k) ? redactAuthorization(text) : /^cookie$/i.test(k) ? REDACTED : text;
  }
  return out;
}

/** Remove every occurrence of known secret values from free text (last line of defence). */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 3 && out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}
