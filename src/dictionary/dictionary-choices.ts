/**
 * The choice lists of a class chain from `sys_choice`: for each element, the list of the
 * nearest table of the chain that has one (a child's list wins).
 *
 * @module
 */
import { rawValueOf, type TableRecord } from '../client/index.js';
import { query } from '../query/index.js';
import { allRecords, type DiscoveryClient, dictionaryDenied } from './dictionary-reads.js';
import type { DictionaryChoice } from './table-schema.js';

const FIELDS = ['name', 'element', 'value', 'label', 'sequence', 'inactive'] as const;

function choiceOf(record: TableRecord): DictionaryChoice {
  const value = rawValueOf(record, 'value') ?? '';
  const sequence = Number(rawValueOf(record, 'sequence') ?? '0');
  return Object.freeze({
    value,
    label: rawValueOf(record, 'label') ?? value,
    sequence: Number.isFinite(sequence) ? sequence : 0,
    inactive: rawValueOf(record, 'inactive') === 'true',
  });
}

/**
 * Reads the choices of `chain` in `language` (retired ones included, `inactive: true`), by
 * element, each list in `sequence` order (then by value).
 *
 * @throws {@link DictionaryAccessError} on a 403.
 * @internal
 */
export async function readChoices(
  client: DiscoveryClient,
  chain: readonly string[],
  language: string,
  signal: AbortSignal | undefined,
): Promise<ReadonlyMap<string, readonly DictionaryChoice[]>> {
  const records = await allRecords(client, {
    table: 'sys_choice',
    query: query().in('name', chain).equals('language', language).toString(),
    fields: FIELDS,
    signal,
  }).catch((error: unknown) => {
    throw dictionaryDenied('sys_choice', error);
  });
  const lists = new Map<string, Map<string, DictionaryChoice[]>>();
  for (const record of records) {
    const table = rawValueOf(record, 'name') ?? '';
    const element = rawValueOf(record, 'element') ?? '';
    if (element === '') continue;
    const ofTable = lists.get(table) ?? new Map<string, DictionaryChoice[]>();
    const list = ofTable.get(element) ?? [];
    list.push(choiceOf(record));
    ofTable.set(element, list);
    lists.set(table, ofTable);
  }
  const choices = new Map<string, readonly DictionaryChoice[]>();
  for (const table of chain) {
    for (const [element, list] of lists.get(table) ?? []) {
      if (choices.has(element)) continue; // a nearer table's list already won
      list.sort((a, b) => a.sequence - b.sequence || (a.value < b.value ? -1 : 1));
      choices.set(element, Object.freeze(list));
    }
  }
  return choices;
}
