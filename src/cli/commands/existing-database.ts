/**
 * Opening a database the CLI only reads or repairs (`runs`, `state`, `unlock`, `runs cancel`):
 * a SQLite file that does not exist is a mistake, not a database to create.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AnyKysely, createDatabase, parseDatabaseUrl, redactUrl } from '../../index.js';
import { DEFAULT_DB, ENVIRONMENT } from '../connection.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';

/**
 * The database URL of `--db` (else `SN_DB`, else the default); a UsageError when it names a
 * SQLite file that does not exist (none is created).
 */
export function existingDatabaseUrl(db: string | undefined, io: CliIo): string {
  const url = db ?? io.env[ENVIRONMENT.db] ?? DEFAULT_DB;
  const target = parseDatabaseUrl(url);
  if ('path' in target && target.path !== ':memory:' && !existsSync(target.path)) {
    throw new UsageError(
      `No database at ${resolve(target.path)} (run sync or demo first, or pass --db)`,
    );
  }
  return url;
}

/** The database of {@link existingDatabaseUrl}, opened. */
export function openExistingDatabase(db: string | undefined, io: CliIo): AnyKysely {
  return createDatabase(existingDatabaseUrl(db, io));
}

/** A database URL as messages show it: a SQLite file's absolute path, else without password. */
export function shownDatabase(url: string): string {
  return url.startsWith('sqlite:') ? resolve(url.slice('sqlite:'.length)) : redactUrl(url);
}
