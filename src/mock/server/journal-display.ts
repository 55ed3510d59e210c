/**
 * The display value of journal fields (`comments`, `work_notes`, `comments_and_work_notes`)
 * with `sysparm_display_value=true|all`: the record's `sys_journal_field` entries, newest first,
 * each `YYYY-MM-DD HH:MM:SS - <author name> (<field label>)\n<text>\n\n` with the time in the
 * user's zone (servicenow-api.md 2.5). The raw value stays as stored (`''`).
 *
 * @module
 */
import type { EncodedQuery } from '../../query/index.js';
import type { MockField, MockRecord, MockTableSchema } from '../types.js';
import { shiftDateTime } from './display-format.js';
import type { RenderContext } from './render-context.js';

const JOURNAL_TABLE = 'sys_journal_field';
const JOURNAL_TYPES: ReadonlySet<string> = new Set(['journal', 'journal_input', 'journal_list']);
/** Labels of the two standard journals as the entry headers show them. */
const LABELS: Readonly<Record<string, string>> = {
  comments: 'Additional comments',
  work_notes: 'Work notes',
};
const COMMENTS_AND_WORK_NOTES = ['comments', 'work_notes'];

/** One entry of a record's journals. */
interface JournalEntry {
  readonly element: string;
  readonly createdOn: string;
  readonly author: string;
  readonly value: string;
}

/** The entries and author names looked up in one request. */
interface JournalCache {
  /** Entries of each record, by sys_id, newest first. */
  readonly entries: Map<string, readonly JournalEntry[]>;
  /** Author names by login (`sys_user.user_name` -> `name`). */
  readonly names: Map<string, string>;
}

const caches = new WeakMap<RenderContext, JournalCache>();

function cacheOf(context: RenderContext): JournalCache {
  let cache = caches.get(context);
  if (cache === undefined) {
    cache = { entries: new Map(), names: new Map() };
    caches.set(context, cache);
  }
  return cache;
}

/** `true` for the field types whose display value is the journal text. @internal */
export function isJournalField(field: MockField): boolean {
  return JOURNAL_TYPES.has(field.type);
}

/**
 * `<field>IN<values>`, unordered: an `ORDERBY` on a date would walk the whole table's date
 * index, where the `element_id` index reads only the page's entries (sorted here instead).
 */
function inQuery(field: string, values: readonly string[]): EncodedQuery {
  return {
    groups: [{ terms: [[{ field, operator: 'IN', value: values.join(',') }]] }],
    orderBy: [],
  };
}

/** Newest first; entries of the same second by sys_id. */
function newestFirst(a: MockRecord, b: MockRecord): number {
  const left = a.sys_created_on ?? '';
  const right = b.sys_created_on ?? '';
  if (left !== right) return left > right ? -1 : 1;
  return (a.sys_id ?? '') < (b.sys_id ?? '') ? -1 : 1;
}

/** Looks up the names of the logins not yet known. */
function lookupNames(context: RenderContext, cache: JournalCache, logins: Iterable<string>): void {
  const missing = [...new Set(logins)].filter((login) => !cache.names.has(login));
  if (missing.length === 0) return;
  const { rows } = context.store.select('sys_user', inQuery('user_name', missing), {
    limit: missing.length * 2,
  });
  for (const user of rows) {
    const login = user.user_name ?? '';
    if (login !== '' && !cache.names.has(login)) cache.names.set(login, user.name || login);
  }
  // A login without a user row shows as it is.
  for (const login of missing) if (!cache.names.has(login)) cache.names.set(login, login);
}

/** Reads the entries of records not read yet in this request, with one query. */
function loadEntries(context: RenderContext, cache: JournalCache, sysIds: readonly string[]): void {
  const wanted = [...new Set(sysIds)].filter((id) => id !== '' && !cache.entries.has(id));
  if (wanted.length === 0) return;
  for (const id of wanted) cache.entries.set(id, []);
  if (context.store.schema(JOURNAL_TABLE) === undefined) return;
  const { rows } = context.store.select(JOURNAL_TABLE, inQuery('element_id', wanted), {
    limit: Number.MAX_SAFE_INTEGER,
  });
  const sorted = [...rows].sort(newestFirst);
  const byRecord = new Map<string, JournalEntry[]>();
  for (const row of sorted) {
    const id = row.element_id ?? '';
    let list = byRecord.get(id);
    if (list === undefined) {
      list = [];
      byRecord.set(id, list);
    }
    list.push({
      element: row.element ?? '',
      createdOn: row.sys_created_on ?? '',
      author: row.sys_created_by ?? '',
      value: row.value ?? '',
    });
  }
  for (const [id, list] of byRecord) if (cache.entries.has(id)) cache.entries.set(id, list);
  lookupNames(
    context,
    cache,
    rows.map((row) => row.sys_created_by ?? ''),
  );
}

/**
 * Reads, with one query, the journal entries of the records of a page when the request renders
 * display values of journal fields; a record not prefetched is read when rendered.
 * @internal
 */
export function prefetchJournals(
  context: RenderContext,
  schema: MockTableSchema,
  rows: readonly MockRecord[],
  fields: readonly string[] | undefined,
): void {
  if (context.mode === 'false') return;
  const shown = (field: MockField) =>
    isJournalField(field) && (fields === undefined || fields.includes(field.name));
  if (!schema.fields.some(shown)) return;
  loadEntries(
    context,
    cacheOf(context),
    rows.map((row) => row.sys_id ?? ''),
  );
}

/** The elements a journal field shows: its own, or both standard ones for the list field. */
function elementsOf(field: MockField, rowSchema: MockTableSchema): readonly string[] {
  if (field.type !== 'journal_list') return [field.name];
  if (field.name === 'comments_and_work_notes') return COMMENTS_AND_WORK_NOTES;
  return rowSchema.fields
    .filter((f) => f.type === 'journal' || f.type === 'journal_input')
    .map((f) => f.name);
}

function labelOf(element: string, rowSchema: MockTableSchema): string {
  return LABELS[element] ?? rowSchema.fields.find((f) => f.name === element)?.label ?? element;
}

/**
 * The display text of journal field `field` of `record`: its entries, newest first, each
 * `YYYY-MM-DD HH:MM:SS - <author name> (<label>)\n<text>\n\n` in the user's time zone.
 * @internal
 */
export function journalDisplay(
  context: RenderContext,
  rowSchema: MockTableSchema,
  field: MockField,
  record: MockRecord,
): string {
  const sysId = record.sys_id ?? '';
  if (sysId === '') return '';
  const cache = cacheOf(context);
  loadEntries(context, cache, [sysId]);
  const entries = cache.entries.get(sysId) ?? [];
  if (entries.length === 0) return '';
  const elements = elementsOf(field, rowSchema);
  let text = '';
  for (const entry of entries) {
    if (!elements.includes(entry.element)) continue;
    const when = shiftDateTime(entry.createdOn, context.timeZone);
    const author = cache.names.get(entry.author) ?? entry.author;
    text += `${when} - ${author} (${labelOf(entry.element, rowSchema)})\n${entry.value}\n\n`;
  }
  return text;
}
