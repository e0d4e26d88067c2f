// Resources whose signed policy exercises the base64 alphabet and padding differences.
import { canonicalPolicyJson } from '../../lib/signing/policy';

/**
 * For the encoding scenarios the policy must really need padding and contain the characters
 * that differ between the alphabets ("+" or "/"). A query on the resource belongs to the
 * Resource, and resource checks ignore queries, so we vary one.
 *
 * In base64 of ASCII text, "+" or "/" can only come from a byte at an offset of 2 (mod 3)
 * whose low six bits are 62 or 63 ('>', '?', '~' or DEL). So both the offset of a '~' (via
 * a filler of 0..2 characters) and the total length (via a counter) have to vary; varying
 * the length alone only works for a third of the base URLs.
 */
export function resourceNeedingPadding(base: string, expiresAt: number): string {
  const sep = base.includes('?') ? '&' : '?';
  for (let i = 0; i < 200; i++) {
    for (let filler = 0; filler < 3; filler++) {
      const candidate = `${base}${sep}v${'_'.repeat(filler)}=~${i.toString(36)}`;
      if (needsPaddingAndAlphabet(canonicalPolicyJson({ resource: candidate, dateLessThan: expiresAt }))) return candidate;
    }
  }
  throw new Error(`no policy needing base64 padding found for ${base}`);
}

export function needsPaddingAndAlphabet(policyJson: string): boolean {
  const std = Buffer.from(policyJson, 'utf8').toString('base64');
  return std.endsWith('=') && /[+/]/.test(std);
}
