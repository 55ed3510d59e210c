/**
 * Connection options of the CLI: flags first, then environment variables.
 *
 * @module
 */
import type { AuthOptions } from '../index.js';
import { UsageError } from './usage-error.js';

/** Connection flags as commander gives them. */
export interface ConnectionFlags {
  readonly instance?: string;
  readonly user?: string;
  readonly password?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly token?: string;
  readonly db?: string;
}

/** The environment variable behind each flag. */
export const ENVIRONMENT = {
  instance: 'SN_INSTANCE',
  user: 'SN_USER',
  password: 'SN_PASSWORD',
  clientId: 'SN_CLIENT_ID',
  clientSecret: 'SN_CLIENT_SECRET',
  token: 'SN_TOKEN',
  db: 'SN_DB',
} as const;

/** The default database of the CLI. */
export const DEFAULT_DB = 'sqlite:./servicenow.db';

/** The default database of `demo`: its own file, never the real default. */
export const DEFAULT_DEMO_DB = 'sqlite:./servicenow-demo.db';

/** Flags completed from the environment. */
export function withEnvironment(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
): ConnectionFlags {
  const pick = (key: keyof typeof ENVIRONMENT) => {
    const value = flags[key] ?? env[ENVIRONMENT[key]];
    return value === undefined || value === '' ? {} : { [key]: value };
  };
  return {
    ...pick('instance'),
    ...pick('user'),
    ...pick('password'),
    ...pick('clientId'),
    ...pick('clientSecret'),
    ...pick('token'),
    ...pick('db'),
  };
}

/** The client's auth from the flags; a UsageError when they are missing or contradictory. */
export function authFrom(flags: ConnectionFlags): AuthOptions {
  if (flags.token !== undefined) {
    if (flags.clientId !== undefined || flags.password !== undefined) {
      throw new UsageError(
        'Give one way to authenticate: --token, or --user/--password, or --client-id/--client-secret',
      );
    }
    return { type: 'bearer', token: flags.token };
  }
  if (flags.clientId !== undefined || flags.clientSecret !== undefined) {
    if (flags.clientId === undefined || flags.clientSecret === undefined) {
      throw new UsageError(
        'OAuth needs both --client-id and --client-secret (or SN_CLIENT_ID and SN_CLIENT_SECRET)',
      );
    }
    if ((flags.user === undefined) !== (flags.password === undefined)) {
      throw new UsageError('The OAuth password grant needs both --user and --password');
    }
    return {
      type: 'oauth',
      clientId: flags.clientId,
      clientSecret: flags.clientSecret,
      ...(flags.user === undefined || flags.password === undefined
        ? {}
        : { username: flags.user, password: flags.password }),
    };
  }
  if (flags.user !== undefined && flags.password !== undefined) {
    return { type: 'basic', username: flags.user, password: flags.password };
  }
  if (flags.user !== undefined) throw new UsageError('--user needs --password (or SN_PASSWORD)');
  if (flags.password !== undefined) throw new UsageError('--password needs --user (or SN_USER)');
  throw new UsageError(
    'Missing credentials: give --user and --password, --client-id and --client-secret, or --token (or SN_USER/SN_PASSWORD, SN_CLIENT_ID/SN_CLIENT_SECRET, SN_TOKEN)',
  );
}
