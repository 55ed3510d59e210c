/**
 * A table's class chain from `sys_db_object`: the table, its `super_class`, and so on up to the
 * root (`cmdb_ci_server` -> `cmdb_ci_computer` -> `cmdb_ci_hardware` -> `cmdb_ci` -> `cmdb`).
 *
 * @module
 */
import { rawValueOf } from '../client/index.js';
import { query } from '../query/index.js';
import { type DiscoveryClient, dictionaryDenied, firstPage } from './dictionary-reads.js';
import { UnknownTableError } from './discovery-errors.js';

/** One table of a chain. @internal */
export interface ChainLink {
  readonly name: string;
  readonly label: string;
}

const FIELDS = ['name', 'label', 'super_class', 'sys_id'] as const;

/** More levels than any real hierarchy has: a loop in `super_class` stops here. */
const MAX_DEPTH = 32;

/**
 * The class chain of `table` from `sys_db_object`, the table first and the root last (`incident`
 * -> `['incident', 'task']`): one GET per level, nothing else read. What a plan shows for tasks
 * it did not discover, and how it finds two tasks whose tables overlap.
 *
 * @throws {@link UnknownTableError} when `table` is not in `sys_db_object`;
 * {@link DictionaryAccessError} when the user may not read `sys_db_object`.
 *
 * @example
 * ```ts
 * await discoverClassChain(client, 'cmdb_ci_network_link'); // ['cmdb_ci_network_link', 'cmdb_ci', 'cmdb']
 * ```
 */
export async function discoverClassChain(
  client: DiscoveryClient,
  table: string,
  options: { readonly signal?: AbortSignal } = {},
): Promise<string[]> {
  return (await readClassChain(client, table, options.signal)).map((link) => link.name);
}

/**
 * Reads the chain of `table`, one request per level: by name, then each parent by its sys_id.
 *
 * @throws {@link UnknownTableError} when `table` is not in `sys_db_object`;
 * {@link DictionaryAccessError} on a 403.
 * @internal
 */
export async function readClassChain(
  client: DiscoveryClient,
  table: string,
  signal: AbortSignal | undefined,
): Promise<readonly ChainLink[]> {
  const chain: ChainLink[] = [];
  let selection = query().equals('name', table).toString();
  while (chain.length < MAX_DEPTH) {
    const records = await firstPage(
      client,
      { table: 'sys_db_object', query: selection, fields: FIELDS, signal },
      1,
    ).catch((error: unknown) => {
      throw dictionaryDenied('sys_db_object', error);
    });
    const record = records[0];
    if (record === undefined) {
      if (chain.length === 0) throw new UnknownTableError(table);
      break; // a super_class that points nowhere: the chain ends at the last table found
    }
    const name = rawValueOf(record, 'name') ?? '';
    chain.push({ name, label: rawValueOf(record, 'label') ?? name });
    const parent = rawValueOf(record, 'super_class') ?? '';
    if (parent === '') break;
    selection = query().equals('sys_id', parent).toString();
  }
  return chain;
}
