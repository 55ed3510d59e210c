/**
 * The fields of a class chain from `sys_dictionary`: one query for the whole chain, a child's
 * row overriding its parent's for the same element, parents' fields first.
 *
 * @module
 */
import { rawValueOf, type TableRecord } from '../client/index.js';
import { query } from '../query/index.js';
import { allRecords, type DiscoveryClient, dictionaryDenied } from './dictionary-reads.js';
import type { DictionaryField } from './table-schema.js';

const FIELDS = [
  'name',
  'element',
  'column_label',
  'internal_type',
  'max_length',
  'reference',
  'mandatory',
  'read_only',
  'display',
  'virtual',
] as const;

const flag = (record: TableRecord, field: string): boolean => rawValueOf(record, field) === 'true';

/** A positive whole `max_length`, else `undefined`. */
function maxLengthOf(record: TableRecord): number | undefined {
  const text = rawValueOf(record, 'max_length');
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** One dictionary row as a field defined on `table`. */
function fieldOf(record: TableRecord, table: string, overridden: boolean): DictionaryField {
  const element = rawValueOf(record, 'element') ?? '';
  return Object.freeze({
    element,
    label: rawValueOf(record, 'column_label') ?? element,
    internalType: rawValueOf(record, 'internal_type') ?? 'string',
    maxLength: maxLengthOf(record),
    reference: rawValueOf(record, 'reference'),
    definedOn: table,
    overridden,
    mandatory: flag(record, 'mandatory'),
    readOnly: flag(record, 'read_only'),
    display: flag(record, 'display'),
    virtual: flag(record, 'virtual'),
  });
}

/**
 * Reads the fields of `chain` (the table first, its root last): every active dictionary row
 * with an element, of every table of the chain, in one paged query.
 *
 * Order: the root's fields first, then each child's own, each table's sorted by element
 * (`sys_id` always first); a child's row for an element its parent defines replaces the
 * parent's in place, with `overridden: true` and `definedOn` the child.
 *
 * @throws {@link DictionaryAccessError} on a 403.
 * @internal
 */
export async function readDictionaryFields(
  client: DiscoveryClient,
  chain: readonly string[],
  signal: AbortSignal | undefined,
): Promise<DictionaryField[]> {
  const selection = query().in('name', chain).equals('active', true).isNotEmpty('element');
  const records = await allRecords(client, {
    table: 'sys_dictionary',
    query: selection.toString(),
    fields: FIELDS,
    signal,
  }).catch((error: unknown) => {
    throw dictionaryDenied('sys_dictionary', error);
  });
  const byTable = new Map<string, TableRecord[]>();
  for (const record of records) {
    const name = rawValueOf(record, 'name') ?? '';
    const list = byTable.get(name) ?? [];
    list.push(record);
    byTable.set(name, list);
  }
  const fields = new Map<string, DictionaryField>();
  for (const table of [...chain].reverse()) {
    const rows = (byTable.get(table) ?? [])
      .filter((record) => (rawValueOf(record, 'element') ?? '') !== '')
      .sort((a, b) => compareElements(rawValueOf(a, 'element'), rawValueOf(b, 'element')));
    for (const record of rows) {
      const element = rawValueOf(record, 'element') ?? '';
      fields.set(element, fieldOf(record, table, fields.has(element)));
    }
  }
  return [...fields.values()];
}

/** `sys_id` first, then by code point. */
function compareElements(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === 'sys_id') return -1;
  if (b === 'sys_id') return 1;
  return (a ?? '') < (b ?? '') ? -1 : 1;
}
