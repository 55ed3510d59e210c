/**
 * `defineTask`: a declarative, validated description of one table to copy.
 *
 * @module
 */
import type { ColumnTable } from 'arquero';
import type { FieldCodec } from '../fields/index.js';
import { andQuery, formatQuery, type QueryInput, toEncodedQuery } from '../query/index.js';
import { buildColumns, type TaskColumn } from './task-columns.js';
import { type TaskWindow, windowRange } from './task-window.js';
import { validateTaskOptions } from './validate-task-options.js';

/** A codec, or its name as a shorthand (`'dateTime'`, `'reference:sys_user'`). */
export type FieldSpec =
  | FieldCodec
  | 'string'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'dateTime'
  | 'date'
  | 'duration'
  | 'choice'
  | 'list'
  | `reference:${string}`;

/** A task's selection: a fixed query, or a function of the run window (absent on full loads). */
export type TaskQuery = QueryInput | ((window: TaskWindow | undefined) => QueryInput);

/**
 * Reshapes each decoded batch (derive columns, filter rows). It receives an arquero table whose
 * columns are the task's columns and returns one; new columns are added to the target table on
 * first write, typed from their values. It must keep `sys_id`.
 */
export type TaskTransform = (batch: ColumnTable) => ColumnTable;

/** Per-reference options. */
export interface ReferenceOptions {
  /**
   * Also store the referenced record's display value in `<field>_display`. `true` reads the
   * referenced table's display field ({@link defaultDisplayField}: `name` for users, groups and
   * companies, `number` for tasks); a string names the field of the referenced table to read
   * instead (`'user_name'`, or a dot-walk such as `'company.name'`), and is required for a
   * table whose display field is not known.
   *
   * The task requests the dot-walked field (`caller_id.name`) beside the reference, with raw
   * values (`sysparm_display_value=false`), and the column holds that field's raw value.
   * @default false
   */
  readonly display?: boolean | string;
}

/** What {@link defineTask} takes. */
export interface TaskOptions {
  /** The task's name: lowercase letters, digits, `_` and `-`, starting with a letter. */
  readonly name: string;
  /** The ServiceNow table read (`incident`). */
  readonly table: string;
  /**
   * The fields to read, by ServiceNow field name; each name becomes a column. `sys_id` is always
   * read and is the primary key.
   */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /**
   * The selection, ANDed with the window condition. Validated like any query.
   * @default everything
   */
  readonly query?: TaskQuery;
  /**
   * The date-time field the run window applies to: a `dateTime` field of the task
   * (`opened_at`), or a dot-walk through one of its reference fields (`task.opened_at`).
   * Without it the window does not narrow the selection.
   */
  readonly window?: string;
  /**
   * Options of reference fields, by field name (`{ assigned_to: { display: true } }`,
   * `{ time_card: { display: 'number' } }`).
   */
  readonly references?: Readonly<Record<string, ReferenceOptions>>;
  /** Reshapes each decoded batch; see {@link TaskTransform}. */
  readonly transform?: TaskTransform;
  /**
   * The database table written (a sink's `tablePrefix` may prefix it).
   * @default the ServiceNow table name
   */
  readonly target?: string;
  /**
   * Records per page (`sysparm_limit`), 1 to 10000.
   * @default the run's page size
   */
  readonly pageSize?: number;
}

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
  /** The field (possibly dot-walked) the run window applies to. */
  readonly window: string | undefined;
  /** Records per page, when the task sets it. */
  readonly pageSize: number | undefined;
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
   * The encoded query of a run: the task's selection ANDed (in every `^NQ` group) with
   * `<window field>>=<start>^<window field><=<end>` when a window is given.
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
  const { codecs, display, query, staticQuery } = valid;
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
    window: windowField,
    pageSize: valid.pageSize,
    fieldNames: Object.freeze([...Object.keys(codecs), ...Object.values(displayPaths)]),
    displayValue: 'false',
    columns: buildColumns(codecs, new Set(display.keys())),
    transform: valid.transform,
    buildQuery(window?: TaskWindow): string {
      const selection = typeof query === 'function' ? toEncodedQuery(query(window)) : staticQuery;
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
