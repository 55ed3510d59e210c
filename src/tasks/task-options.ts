/**
 * What `defineTask` takes: the task options and the shapes they are made of (field specs,
 * selections, transforms, reference options).
 *
 * @module
 */
import type { FieldCodec } from '../fields/index.js';
import type { QueryInput } from '../query/index.js';
import type { TaskWindow } from './task-window.js';

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
 * The part of an arquero table (`ColumnTable`) that a run reads back from a transform. The
 * published types name no arquero type, so they compile where arquero (an optional peer
 * dependency) is not installed.
 */
export interface TransformTable {
  /** The column names, in order. */
  columnNames(): string[];
  /** The rows, as objects keyed by column name. */
  objects(): object[];
}

/**
 * Reshapes each decoded batch (derive columns, filter rows). It receives an arquero
 * `ColumnTable` whose columns are the task's columns and returns one; new columns are added to
 * the target table on first write, typed from their values. It must keep `sys_id`.
 *
 * arquero is an optional peer dependency: install it (`npm install arquero`) to use
 * transforms, and type the parameter with its `ColumnTable` to use its verbs (declared as a
 * method, the signature accepts a function of arquero's richer table type):
 *
 * @example
 * ```ts
 * import type { ColumnTable } from 'arquero';
 * const transform = (batch: ColumnTable) =>
 *   batch.derive({ calendar_hours: (d) => d.calendar_stc / 3600 });
 * ```
 */
export type TaskTransform = {
  transform(batch: TransformTable): TransformTable;
}['transform'];

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
   * An extra filter ANDed into the selection in every `^NQ` group: the scope a team narrows a
   * task to (assignment groups, companies). It selects rows only and may not sort (`ORDERBY`);
   * a run's preflight checks that the fields it names exist on the table.
   * @default no filter
   */
  readonly filter?: QueryInput;
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
  /**
   * `false` for a table that cannot be read incrementally (it has no `sys_updated_on`): an
   * incremental run then reads this task's whole selection, as a full run does, and says why
   * ({@link TaskOptions.fullReason}).
   * @default true
   */
  readonly incremental?: boolean;
  /**
   * Why the task is always read in full (with `incremental: false`), as the run's plan shows it.
   * @default "the task is read in full (incremental: false)"
   */
  readonly fullReason?: string;
}
