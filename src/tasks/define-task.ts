/**
 * `defineTask`: a declarative, validated description of one table to copy.
 *
 * @module
 */
import type { FieldCodec } from '../fields/index.js';
import { andQuery, formatQuery, toEncodedQuery } from '../query/index.js';
import { buildColumns, type TaskColumn } from './task-columns.js';
import type { TaskOptions, TaskTransform } from './task-options.js';
import { type TaskWindow, windowRange } from './task-window.js';
import { validateTaskOptions } from './validate-task-options.js';

/** A validated task, as runs and sinks use it. Build it with {@link defineTask}. */
export interface TaskDefinition {
  readonly name: string;
  /** The ServiceNow table read. */
  readonly table: string;
  /** The database table written, before any sink prefix. */
  readonly target: string;
  /** The codecs by field name, `sys_id` first. */
  readonly fields: Readonly<Record<string, FieldCodec>>;
  /** Reference fields whose display value is stored in `<field>_display`, in field order. */
  readonly displayFields: readonly string[];
  /**
   * The dot-walked field read for each display field, by reference field
   * (`{ caller_id: 'caller_id.name' }`); these names are also in {@link TaskDefinition.fieldNames}.
   */
  readonly displayPaths: Readonly<Record<string, string>>;
  /**
   * The task's extra filter ({@link TaskOptions.filter}) as canonical encoded text, already part
   * of every {@link TaskDefinition.buildQuery}; `undefined` without one. A run's preflight checks
   * the fields it names against the table.
   */
  readonly filter: string | undefined;
  /** The field (possibly dot-walked) the run window applies to. */
  readonly window: string | undefined;
  /** Records per page, when the task sets it. */
  readonly pageSize: number | undefined;
  /**
   * `false` when an incremental run reads this task's whole selection, as a full run does (a
   * table without `sys_updated_on`): {@link TaskOptions.incremental}.
   */
  readonly incremental: boolean;
  /** Why the task is always read in full, with `incremental: false`; else `undefined`. */
  readonly fullReason: string | undefined;
  /**
   * The fields to request (`sysparm_fields`): `sys_id`, the task's fields, then the dot-walked
   * field of each display field ({@link TaskDefinition.displayPaths}).
   */
  readonly fieldNames: readonly string[];
  /**
   * The `sysparm_display_value` to read with: always `'false'` (raw values), since display
   * values come from dot-walked fields. Records read with `'all'` decode too.
   */
  readonly displayValue: 'false' | 'all';
  /** The SQL columns the task's own fields give (a transform may add more). */
  readonly columns: readonly TaskColumn[];
  /** The batch transform, when there is one. */
  readonly transform: TaskTransform | undefined;
  /**
   * The encoded query of a run: the task's selection ANDed (in every `^NQ` group) with its
   * filter, then with `<window field>>=<start>^<window field><=<end>` when a window is given.
   *
   * @throws `QuerySyntaxError` when the selection is invalid; `ConfigurationError` for a bad window.
   */
  buildQuery(window?: TaskWindow): string;
}

/**
 * Defines a task: which ServiceNow table to read, which fields with which codecs, which records
 * (a query, possibly of the run window), and where they go. Everything is checked at once; a bad
 * definition throws a {@link TaskDefinitionError} listing every problem with its path.
 *
 * @throws {@link TaskDefinitionError}
 *
 * @example
 * ```ts
 * const openedIncidents = defineTask({
 *   name: 'incidents_opened',
 *   table: 'incident',
 *   fields: {
 *     number: fields.string(),
 *     opened_at: fields.dateTime(),
 *     assigned_to: fields.reference('sys_user'),
 *     priority: fields.integer(),
 *   },
 *   window: 'opened_at',
 *   query: 'active=true',
 *   references: { assigned_to: { display: true } },
 * });
 * openedIncidents.buildQuery({ from: '2026-03-01', to: '2026-03-01' });
 * // 'active=true^opened_at>=2026-03-01 00:00:00^opened_at<=2026-03-01 23:59:59'
 * ```
 */
export function defineTask(options: TaskOptions): TaskDefinition {
  const valid = validateTaskOptions(options);
  const { codecs, display, query, staticQuery, filter } = valid;
  const windowField = valid.window;
  const displayPaths: Record<string, string> = {};
  for (const [field, shown] of display) displayPaths[field] = `${field}.${shown}`;
  const task: TaskDefinition = {
    name: valid.name,
    table: valid.table,
    target: valid.target,
    fields: Object.freeze(codecs),
    displayFields: Object.freeze([...display.keys()]),
    displayPaths: Object.freeze(displayPaths),
    filter: filter === undefined ? undefined : formatQuery(filter),
    window: windowField,
    pageSize: valid.pageSize,
    incremental: valid.incremental,
    fullReason: valid.fullReason,
    fieldNames: Object.freeze([...Object.keys(codecs), ...Object.values(displayPaths)]),
    displayValue: 'false',
    columns: buildColumns(codecs, new Set(display.keys())),
    transform: valid.transform,
    buildQuery(window?: TaskWindow): string {
      const selected = typeof query === 'function' ? toEncodedQuery(query(window)) : staticQuery;
      const selection =
        filter === undefined ? selected : andQuery(selected ?? { groups: [], orderBy: [] }, filter);
      if (window === undefined || windowField === undefined) {
        return selection === undefined ? '' : formatQuery(selection);
      }
      const { start, end } = windowRange(window);
      const range = `${windowField}>=${start}^${windowField}<=${end}`;
      return formatQuery(andQuery(selection ?? { groups: [], orderBy: [] }, range));
    },
  };
  return Object.freeze(task);
}
