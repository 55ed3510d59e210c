/**
 * Database URLs: which driver, and how to show one without its password.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';

/** A database URL taken apart. */
export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres' | 'mysql'; readonly url: URL };

/** The URL with any password (`user:secret@`, `password=secret`) replaced by `***`. */
export function redactUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:).*@([^@]*)$/is, '$1***@$2')
    .replace(/([?&](?:password|pass|pwd)=)[^&#]*/gi, '$1***');
}

/** A server URL scheme: the dialect it opens, and whether the URL must name a database. */
interface Scheme {
  readonly dialect: 'postgres' | 'mysql';
  /** MySQL has no default database: `mysql://host/DATABASE`. */
  readonly needsDatabase: boolean;
}

const SCHEMES: Readonly<Record<string, Scheme>> = {
  'postgres:': { dialect: 'postgres', needsDatabase: false },
  'postgresql:': { dialect: 'postgres', needsDatabase: false },
  'mysql:': { dialect: 'mysql', needsDatabase: true },
  'mariadb:': { dialect: 'mysql', needsDatabase: true },
};

/**
 * Parses `sqlite:PATH` (`sqlite::memory:` for an in-memory database, `sqlite:///abs/path`
 * accepted), `postgres://` / `postgresql://` and `mysql://` / `mariadb://` URLs.
 *
 * @throws {@link ConfigurationError} naming the URL with its password redacted.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new ConfigurationError('database URL: expected a non-empty string', { option: 'url' });
  }
  if (url.startsWith('sqlite:')) {
    let path = url.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (path === '') {
      throw new ConfigurationError(
        'database URL sqlite: names no file (sqlite:PATH or sqlite::memory:)',
        {
          option: 'url',
        },
      );
    }
    return { dialect: 'sqlite', path };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Unparsable text may hold a password anywhere: show its scheme at most.
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0];
    throw new ConfigurationError(
      `database URL${scheme === undefined ? '' : ` (${scheme}...)`} is not a valid URL; ` +
        'expected sqlite:PATH, postgres://user:pass@host:5432/db or mysql://user:pass@host:3306/db',
      { option: 'url' },
    );
  }
  const shown = redactUrl(url);
  const scheme = Object.hasOwn(SCHEMES, parsed.protocol) ? SCHEMES[parsed.protocol] : undefined;
  if (scheme === undefined) {
    throw new ConfigurationError(
      `database URL ${shown}: unsupported scheme ${JSON.stringify(parsed.protocol)}; ` +
        'use sqlite:PATH, postgres://, postgresql://, mysql:// or mariadb://',
      { option: 'url' },
    );
  }
  if (parsed.hostname === '') {
    throw new ConfigurationError(`database URL ${shown} names no host`, { option: 'url' });
  }
  if (scheme.needsDatabase && parsed.pathname.replace(/^\//, '') === '') {
    throw new ConfigurationError(
      `database URL ${shown} names no database (mysql://host/DATABASE)`,
      {
        option: 'url',
      },
    );
  }
  return { dialect: scheme.dialect, url: parsed };
}
