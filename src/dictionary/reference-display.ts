/**
 * The display fields of the tables a schema references, from their `sys_dictionary` rows
 * marked `display=true`: what `<field>_display` columns read, dot-walked.
 *
 * @module
 */
import { rawValueOf } from '../client/index.js';
import { query } from '../query/index.js';
import { allRecords, type DiscoveryClient, dictionaryDenied } from './dictionary-reads.js';

/**
 * The display field of each of `tables` that defines one itself (a table that inherits its
 * display field from a parent is left out), in one query.
 *
 * @throws {@link DictionaryAccessError} on a 403.
 * @internal
 */
export async function readReferenceDisplay(
  client: DiscoveryClient,
  tables: readonly string[],
  signal: AbortSignal | undefined,
): Promise<Readonly<Record<string, string>>> {
  if (tables.length === 0) return {};
  const selection = query().in('name', tables).equals('display', true).equals('active', true);
  const records = await allRecords(client, {
    table: 'sys_dictionary',
    query: selection.isNotEmpty('element').toString(),
    fields: ['name', 'element'],
    signal,
  }).catch((error: unknown) => {
    throw dictionaryDenied('sys_dictionary', error);
  });
  const display: Record<string, string> = {};
  for (const record of records) {
    const table = rawValueOf(record, 'name');
    const element = rawValueOf(record, 'element');
    if (table !== undefined && element !== undefined && !Object.hasOwn(display, table)) {
      display[table] = element;
    }
  }
  return Object.freeze(display);
}
