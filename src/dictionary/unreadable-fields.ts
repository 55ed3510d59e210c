/**
 * The fields the dictionary lists that the Table API leaves out for this user (field-level
 * ACLs), found from one sample record.
 *
 * @module
 */
import { type DiscoveryClient, firstPage, tableDenied } from './dictionary-reads.js';

/**
 * Reads one record of `table` asking for every element, and returns the elements missing from
 * it, in the order given; none when the table has no record.
 *
 * @throws {@link TableAccessError} on a 403 (naming `roleGuess` when the instance names none).
 * @internal
 */
export async function readUnreadableFields(
  client: DiscoveryClient,
  table: string,
  elements: readonly string[],
  roleGuess: string | undefined,
  signal: AbortSignal | undefined,
): Promise<readonly string[]> {
  const records = await firstPage(client, { table, query: '', fields: elements, signal }, 1).catch(
    (error: unknown) => {
      throw tableDenied(table, error, roleGuess);
    },
  );
  const sample = records[0];
  if (sample === undefined) return [];
  return elements.filter((element) => !Object.hasOwn(sample, element));
}
