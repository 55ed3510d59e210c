/**
 * The filter check of the preflight: every field a task's filter names exists on its table. An
 * instance drops a term on an unknown field silently and reads the whole table instead
 * (servicenow-api.md section 3.5), so a typo is refused before the run.
 *
 * The table's fields are the keys of one of its records read without `sysparm_fields`, with
 * the task's declared fields. A table without a readable row is checked in `sys_dictionary`
 * when the user may read it, and let through otherwise.
 *
 * @module
 */
import createDebug from 'debug';
import type { TableRecord } from '../../client/index.js';
import { type EncodedQuery, parseQuery } from '../../query/index.js';
import type { TaskDefinition } from '../../tasks/index.js';
import type { RunClient } from '../run-options.js';

const debug = createDebug('servicenow-sync:preflight');

/** The reads the check makes. @internal */
export type Peek = NonNullable<RunClient['peek']>;

/** The fields a filter names: the first part of each dot-walk, and the field a SAMEAS compares to. */
export function filterFields(filter: string): string[] {
  const names = new Set<string>();
  for (const group of parseQuery(filter).groups) {
    for (const term of group.terms) {
      for (const condition of term) {
        names.add(firstPart(condition.field));
        if (condition.operator === 'SAMEAS' || condition.operator === 'NSAMEAS') {
          names.add(firstPart(condition.value));
        }
      }
    }
  }
  return [...names];
}

/**
 * The fields `task`'s filter names that its table does not have, given what a read of the table
 * gave (`undefined`: it could not be read, and nothing is checked).
 */
export async function unknownFilterFields(
  peek: Peek,
  task: TaskDefinition,
  records: readonly TableRecord[] | undefined,
  signal: AbortSignal,
): Promise<string[]> {
  if (task.filter === undefined || records === undefined) return [];
  const declared = new Set(task.fieldNames.map(firstPart));
  const named = filterFields(task.filter).filter((field) => !declared.has(field));
  if (named.length === 0) return [];
  const record = records.find((r) => Object.keys(r).length > 0);
  if (record !== undefined) return named.filter((field) => !Object.hasOwn(record, field));
  debug('%s has no readable row: checking %s in sys_dictionary', task.table, named.join(', '));
  return (await missingFromDictionary(peek, task.table, named, signal)) ?? [];
}

/**
 * The fields without any `sys_dictionary` row (on any table: inherited fields are defined on
 * the parent's); `undefined` when the dictionary cannot be read for `table`.
 */
async function missingFromDictionary(
  peek: Peek,
  table: string,
  fields: readonly string[],
  signal: AbortSignal,
): Promise<string[] | undefined> {
  const read = (query: EncodedQuery) =>
    peek('sys_dictionary', { query, fields: ['element'], limit: 1, signal });
  try {
    const own = await read(equals('name', table));
    if (!own.some((row) => Object.hasOwn(row, 'element'))) {
      debug('sys_dictionary shows no row of %s: the filter is not checked', table);
      return undefined;
    }
    const missing: string[] = [];
    for (const field of fields)
      if ((await read(equals('element', field))).length === 0) missing.push(field);
    return missing;
  } catch (error) {
    debug('sys_dictionary cannot be read (%O): the filter is not checked', error);
    return undefined;
  }
}

function equals(field: string, value: string): EncodedQuery {
  return { groups: [{ terms: [[{ field, operator: '=', value }]] }], orderBy: [] };
}

function firstPart(field: string): string {
  const dot = field.indexOf('.');
  return dot === -1 ? field : field.slice(0, dot);
}
