/**
 * The part of a Kysely instance the sink uses.
 *
 * @module
 */
import type { CompiledQuery, QueryResult } from 'kysely';

/** Runs compiled statements: a Kysely instance, a transaction or a connection. */
export interface SinkQueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/**
 * What `KyselySink` needs from a database: any `Kysely<DB>` instance satisfies it (from
 * `createDatabase` or built by hand with Kysely's SQLite, PostgreSQL or MySQL dialect).
 */
export interface SinkDatabase extends SinkQueryRunner {
  /** A transaction builder (`db.transaction()`). */
  transaction(): {
    execute<T>(callback: (trx: SinkQueryRunner) => Promise<T>): Promise<T>;
  };
  /** A single-connection builder (`db.connection()`). */
  connection(): {
    execute<T>(callback: (connection: SinkQueryRunner) => Promise<T>): Promise<T>;
  };
}
