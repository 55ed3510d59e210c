/**
 * Opening a database the CLI only reads or repairs (`unlock`, `runs cancel`): a SQLite file
 * that does not exist is a mistake, not a database to create.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AnyKysely, createDatabase, parseDatabaseUrl } from '../../index.js';
import { DEFAULT_DB, ENVIRONMENT } from '../connection.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';

/** The database of `--db` (else `SN_DB`, else the default); a UsageError for a missing file. */
export function openExistingDatabase(db: string | undefined, io: CliIo): AnyKysely {
  const url = db ?? io.env[ENVIRONMENT.db] ?? DEFAULT_DB;
  const target = parseDatabaseUrl(url);
  if ('path' in target && target.path !== ':memory:' && !existsSync(target.path)) {
    throw new UsageError(`No database at ${resolve(target.path)} (pass --db)`);
  }
  return createDatabase(url);
}
