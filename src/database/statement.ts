/**
 * A SQL statement with its bound parameters, and running one through Kysely.
 *
 * @module
 */
import { CompiledQuery } from 'kysely';
import type { SinkQueryRunner } from './sink-database.js';

/** A statement and its parameters. */
export interface Statement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** `statement` as a Kysely compiled query. */
export function compiled<R>(statement: Statement): CompiledQuery<R> {
  return CompiledQuery.raw(statement.sql, statement.parameters as unknown[]) as CompiledQuery<R>;
}

/** Runs a statement on `runner` (a Kysely instance, transaction or connection); returns its rows. */
export async function runStatement<R>(runner: SinkQueryRunner, statement: Statement): Promise<R[]> {
  const result = await runner.executeQuery(compiled<R>(statement));
  return result.rows;
}
