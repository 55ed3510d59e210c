/**
 * Where a database is, for messages (its URL without the password), and the one trivial query
 * that shows it accepts a connection.
 *
 * @module
 */
import { CompiledQuery } from 'kysely';
import type { SinkQueryRunner } from './sink-database.js';

/** The redacted URL of each instance `createDatabase` opened. */
const LOCATIONS = new WeakMap<object, string>();

/** Records the URL (already redacted) `db` was opened from. @internal */
export function rememberLocation(db: object, redactedUrl: string): void {
  LOCATIONS.set(db, redactedUrl);
}

/**
 * The URL a Kysely instance was opened from by `createDatabase`, without its password
 * (`postgres://reporting:***@db:5499/sn`); `'the database'` for an instance built by hand.
 *
 * @example
 * ```ts
 * databaseLocation(createDatabase('sqlite:./servicenow.db')); // 'sqlite:./servicenow.db'
 * ```
 */
export function databaseLocation(db: object): string {
  return LOCATIONS.get(db) ?? 'the database';
}

/** `select 1`: resolves once the database answered, rejects with the driver's error. */
export async function pingDatabase(db: SinkQueryRunner): Promise<void> {
  await db.executeQuery(CompiledQuery.raw('select 1'));
}
