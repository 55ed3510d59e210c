/**
 * `discoverTable`: a table's schema from the instance's own dictionary.
 *
 * @module
 */
import { readClassChain } from './class-chain.js';
import { readChoices } from './dictionary-choices.js';
import { readDictionaryFields } from './dictionary-fields.js';
import type { DiscoveryClient } from './dictionary-reads.js';
import { readReferenceDisplay } from './reference-display.js';
import type { DictionaryField, TableSchema } from './table-schema.js';
import { readUnreadableFields } from './unreadable-fields.js';

/** Options of {@link discoverTable}. */
export interface DiscoverOptions {
  /**
   * Also read the choice lists (`sys_choice`) of the chain into each field's `choices`.
   * @default false
   */
  readonly choices?: boolean;
  /**
   * The language of the choice labels read.
   * @default 'en'
   */
  readonly language?: string;
  /**
   * Also read the display field of every table a reference points at (one more query), into
   * {@link TableSchema.referenceDisplay}.
   * @default true
   */
  readonly referenceDisplay?: boolean;
  /** Cancels the reads. */
  readonly signal?: AbortSignal;
}

/**
 * Discovers `table` from the instance's dictionary, with GET requests only:
 * 1. `sys_db_object`: the table by name, then its `super_class` up to the root (one request a
 *    level);
 * 2. `sys_dictionary` for the whole chain in one paged query
 *    (`nameIN<chain>^active=true^elementISNOTEMPTY`): a child's row for an element overrides
 *    its parent's (`overridden: true`, `definedOn` the child); parents' fields come first;
 * 3. with `choices`, `sys_choice` for the chain (a child's list wins);
 * 4. the display fields of the referenced tables (`referenceDisplay`);
 * 5. one record of the table with every element in `sysparm_fields`: the elements it lacks are
 *    the {@link TableSchema.unreadableFields} (none when the table is empty).
 *
 * The integration user needs `personalize_dictionary` (or `admin`) for the dictionary tables,
 * and a read role on the table.
 *
 * @throws {@link UnknownTableError} when the table is not in `sys_db_object`.
 * @throws {@link DictionaryAccessError} on a 403 from a dictionary table (names the role to grant).
 * @throws {@link TableAccessError} on a 403 from the table itself.
 *
 * @example
 * ```ts
 * const schema = await discoverTable(client, 'problem', { choices: true });
 * schema.chain; // ['problem', 'task']
 * schema.fields.find((f) => f.element === 'state')?.choices?.map((c) => c.label);
 * ```
 */
export async function discoverTable(
  client: DiscoveryClient,
  table: string,
  options: DiscoverOptions = {},
): Promise<TableSchema> {
  const { signal } = options;
  const links = await readClassChain(client, table, signal);
  const chain = links.map((link) => link.name);
  let fields = await readDictionaryFields(client, chain, signal);
  if (options.choices === true) {
    const lists = await readChoices(client, chain, options.language ?? 'en', signal);
    fields = fields.map((field) => {
      const choices = lists.get(field.element);
      return choices === undefined ? field : Object.freeze({ ...field, choices });
    });
  }
  const referenced = [
    ...new Set(fields.flatMap((field) => (field.reference ? [field.reference] : []))),
  ].sort();
  const referenceDisplay =
    options.referenceDisplay === false
      ? undefined
      : await readReferenceDisplay(client, referenced, signal);
  const roleGuess = chain.includes('task') ? 'itil' : undefined;
  const elements = fields.map((field) => field.element);
  const unreadableFields = await readUnreadableFields(client, table, elements, roleGuess, signal);
  return Object.freeze({
    table: links[0]?.name ?? table,
    label: links[0]?.label ?? table,
    chain: Object.freeze(chain),
    fields: Object.freeze(sysIdFirst(fields)),
    hasUpdatedOn: fields.some((field) => field.element === 'sys_updated_on'),
    displayField: displayFieldOf(fields),
    unreadableFields: Object.freeze([...unreadableFields]),
    ...(referenceDisplay === undefined ? {} : { referenceDisplay }),
    discoveredAt: new Date(),
  });
}

/** The display field: the one marked `display`, the nearest table's when several are. */
function displayFieldOf(fields: readonly DictionaryField[]): string | undefined {
  const marked = fields.filter((field) => field.display);
  return marked.at(-1)?.element;
}

function sysIdFirst(fields: readonly DictionaryField[]): DictionaryField[] {
  const key = fields.filter((field) => field.element === 'sys_id');
  return [...key, ...fields.filter((field) => field.element !== 'sys_id')];
}
