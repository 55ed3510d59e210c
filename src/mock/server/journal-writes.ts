/**
 * Journal fields in Table API writes: as on an instance, a value written to `comments` or
 * `work_notes` is not stored in the record (its raw value stays `""`) but becomes a
 * `sys_journal_field` entry of the record, which the record's display value then shows.
 *
 * @module
 */
import type { MockDataStore, MockTableSchema } from '../types.js';

const JOURNAL_TABLE = 'sys_journal_field';
const WRITABLE_JOURNALS: ReadonlySet<string> = new Set(['journal', 'journal_input']);

/** A write's values without its journal fields, and the journal entries it adds. @internal */
export interface SplitWrite {
  readonly values: Readonly<Record<string, string>>;
  readonly entries: readonly { readonly element: string; readonly value: string }[];
}

/**
 * Takes the journal fields (`journal`, `journal_input`) out of a write's values: a non-empty one
 * becomes an entry, an empty one is nothing (a journal cannot be cleared). A `journal_list`
 * (`comments_and_work_notes`) is read-only and dropped. @internal
 */
export function splitJournalValues(
  schema: MockTableSchema,
  values: Readonly<Record<string, string>>,
): SplitWrite {
  const kept: Record<string, string> = {};
  const entries: { element: string; value: string }[] = [];
  const types = new Map(schema.fields.map((f) => [f.name, f.type]));
  for (const [name, value] of Object.entries(values)) {
    const type = types.get(name);
    if (type === 'journal_list') continue;
    if (type !== undefined && WRITABLE_JOURNALS.has(type)) {
      if (value !== '') entries.push({ element: name, value });
      continue;
    }
    kept[name] = value;
  }
  return { values: kept, entries };
}

/** Records the entries of a write on `table`'s record `sysId`, by `user`. @internal */
export function addJournalEntries(
  store: MockDataStore,
  table: string,
  sysId: string,
  entries: SplitWrite['entries'],
  user: string,
): void {
  if (entries.length === 0 || store.schema(JOURNAL_TABLE) === undefined) return;
  for (const entry of entries) {
    store.insert(JOURNAL_TABLE, {
      element: entry.element,
      element_id: sysId,
      name: table,
      value: entry.value,
      sys_created_by: user,
      sys_updated_by: user,
    });
  }
}
