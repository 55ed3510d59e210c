/**
 * The instance's count of a selection (Stats API), for the completeness audit and the delete
 * checks.
 *
 * @module
 */
import createDebug from 'debug';
import { HttpError } from '../client/index.js';
import type { RunClient } from './run-options.js';

const debug = createDebug('servicenow-sync:run');

/**
 * How many rows of `table` match `query`; `null` when the client cannot count or the instance
 * refuses (an HTTP error: the Stats API may be closed to the integration user). Other failures
 * (network errors after retries, cancellation) throw. @internal
 */
export async function countOrNull(
  client: RunClient,
  table: string,
  query: string,
  signal: AbortSignal,
): Promise<number | null> {
  if (client.count === undefined) return null;
  try {
    return await client.count(table, query, { signal });
  } catch (error) {
    if (signal.aborted || !(error instanceof HttpError)) throw error;
    debug('no count of %s: %O', table, error);
    return null;
  }
}
