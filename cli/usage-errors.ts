// Usage errors in the user's terms: an unknown option gets the closest known one ("did you mean"),
// and a password given as a flag is told where passwords go instead.
import { didYouMean } from './config-file';

/** The message for a parseArgs error, given the usage text of the command (its options are read from it). */
export function parseErrorMessage(e: unknown, usage: string): string | undefined {
  const err = e as { code?: string; message?: string };
  if (!err.code?.startsWith('ERR_PARSE_ARGS')) return undefined;
  if (err.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return err.message?.split('\n')[0];
  const typed = /option '([^']+)'/.exec(err.message ?? '')?.[1] ?? '';
  const name = typed.replace(/^-+/, '').split('=')[0]!;
  if (/^(pass(word)?|pw|secret|key)$/i.test(name)) {
    return `${typed} is not an option: secrets never go on the command line (other users can read it there); put it in an environment variable and name the variable instead, e.g. export VENDOR_PW='…' and --password-env VENDOR_PW${/^(secret|key)$/i.test(name) ? ' (for a verifier or signer: secretEnv in the configuration file)' : ''}`;
  }
  const known = [...new Set(usage.match(/--[a-z][a-z0-9-]*/g) ?? [])].map((s) => s.slice(2));
  const guess = didYouMean(name, known) ?? (name.length >= 3 ? known.find((k) => k.startsWith(name)) : undefined);
  return `unknown option ${typed}${guess ? ` — did you mean --${guess}?` : ''}`;
}
