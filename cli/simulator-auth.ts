// Credentials of a simulator started from the command line: a password from the environment,
// or no authentication only when asked for explicitly (--no-auth). A simulator never runs open
// by accident because a variable was not exported.

import { Credentials } from '../lib/transport/basic-auth';

export const DEFAULT_PASSWORD_ENV = 'MOS_PASSWORD';

export function simulatorCredentials(o: { user?: string; passwordEnv?: string; noAuth?: boolean }): Credentials | undefined {
  if (o.noAuth) {
    if (o.passwordEnv) throw new Error('--no-auth and --password-env contradict each other: give one');
    return undefined;
  }
  const variable = o.passwordEnv ?? DEFAULT_PASSWORD_ENV;
  const password = process.env[variable];
  if (password === undefined || password === '') {
    throw new Error(`no password: set the environment variable ${variable}${o.passwordEnv ? '' : ' (or name another with --password-env)'}, or pass --no-auth to run without authentication`);
  }
  return { username: o.user ?? 'mos', password };
}

/** How a banner describes the authentication in force. */
export function describeAuth(auth: Credentials | undefined, passwordEnv?: string): string {
  return auth ? `Basic auth, user "${auth.username}" (password from ${passwordEnv ?? DEFAULT_PASSWORD_ENV})` : 'no authentication (--no-auth)';
}
