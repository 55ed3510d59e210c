/**
 * `taskFromSchema`: an ordinary task definition for a discovered table, with what a plan shows
 * of it (each column, the fallbacks, the unreadable fields, the sync mode and why).
 *
 * @module
 */
import type { FieldCodec, GlideColumnInput, MysqlRowSize, SqlTypes } from '../fields/index.js';
import { planGlideColumns } from '../fields/index.js';
import type { QueryInput } from '../query/index.js';
import {
  defaultDisplayField,
  defineTask,
  type ReferenceOptions,
  type TaskColumnRole,
  type TaskDefinition,
} from '../tasks/index.js';
import { ColumnCollisionError, UnknownFieldsError } from './schema-task-errors.js';
import type { DictionaryField, TableSchema } from './table-schema.js';

/** Options of {@link taskFromSchema}. */
export interface SchemaTaskOptions {
  /** The task's name. @default the table's name */
  readonly name?: string;
  /** The database table written. @default the table's name */
  readonly target?: string;
  /**
   * Copy only these elements (`sys_id` is always kept, and `sys_updated_on` when the table has
   * it). An element the table lacks is an {@link UnknownFieldsError} listing the valid ones.
   * @default every field of the schema
   */
  readonly fields?: readonly string[];
  /** An extra filter ANDed into the selection (see `TaskOptions.filter`). @default none */
  readonly filter?: QueryInput;
  /**
   * Store the display value of every reference in `<field>_display`, read dot-walked through
   * the referenced table's display field: the one discovery read from its dictionary
   * ({@link TableSchema.referenceDisplay}), else {@link defaultDisplayField} (`name` for users,
   * groups, companies, locations and CIs; `number` for tasks). A reference to a table whose
   * display field is known neither way gets no display column (listed in
   * {@link SchemaTask.referencesWithoutDisplay}).
   * @default true
   */
  readonly displayReferences?: boolean;
  /** Records per page, 1 to 10000. @default the run's page size */
  readonly pageSize?: number;
}

/** One column of a discovered task, as a plan shows it. */
export interface SchemaColumn {
  /** The column name (`caller_id`, `caller_id_display`, `price_currency`). */
  readonly name: string;
  /** The element it is read from. */
  readonly element: string;
  /** What it holds: the key, a value, a companion (currency code) or a display value. */
  readonly role: TaskColumnRole;
  /** The element's `internal_type`. */
  readonly internalType: string;
  /** The column type in each dialect. */
  readonly sqlType: SqlTypes;
  /** The codec of the element. */
  readonly codec: FieldCodec;
  /** `true` when the type is unknown and copied as raw text. */
  readonly fallback: boolean;
  /** `true` when MySQL's row budget made this string or key `LONGTEXT`. */
  readonly longText: boolean;
  /** The table of the chain that defines (or overrides) the element. */
  readonly definedOn: string;
  /** The referenced table, for references. */
  readonly reference: string | undefined;
}

/** A task for a discovered table, and what a plan shows of it. */
export interface SchemaTask {
  /** The task: give it to `runTasks` like any other. */
  readonly task: TaskDefinition;
  /** The schema it was built from. */
  readonly schema: TableSchema;
  /** Every column, in table order. */
  readonly columns: readonly SchemaColumn[];
  /** Elements of unknown types, copied as raw text. */
  readonly fallbacks: readonly { readonly element: string; readonly internalType: string }[];
  /** Elements the API left out of a sample record for this user (they read as `null`). */
  readonly unreadableFields: readonly string[];
  /** References without a display column, the referenced table's display field being unknown. */
  readonly referencesWithoutDisplay: readonly string[];
  /** How runs read the table, and why. */
  readonly sync: {
    readonly mode: 'incremental' | 'full';
    /** `incremental on sys_updated_on`, or `full: the table has no sys_updated_on`. */
    readonly reason: string;
  };
  /** The estimated MySQL row against its two limits (see `mysqlRowSize`). */
  readonly mysqlRow: MysqlRowSize;
}

const INCREMENTAL_REASON = 'incremental on sys_updated_on';
const FULL_REASON = 'full: the table has no sys_updated_on';

/** The fields copied: all, or the ones asked for plus `sys_id` and `sys_updated_on`. */
function selectFields(
  schema: TableSchema,
  wanted: readonly string[] | undefined,
): DictionaryField[] {
  if (wanted === undefined) return [...schema.fields];
  const valid = schema.fields.map((field) => field.element);
  const unknown = wanted.filter((element) => !valid.includes(element));
  if (unknown.length > 0) throw new UnknownFieldsError(schema.table, unknown, valid);
  const kept = new Set([...wanted, 'sys_id', 'sys_updated_on']);
  return schema.fields.filter((field) => kept.has(field.element));
}

/** The display field dot-walked for a reference, when known. */
function displayOf(schema: TableSchema, field: DictionaryField): string | undefined {
  if (field.internalType !== 'reference' || !field.reference) return undefined;
  return schema.referenceDisplay?.[field.reference] ?? defaultDisplayField(field.reference);
}

/**
 * Builds the task of a discovered table with `defineTask`: one column per field through the
 * glide type mapping (MySQL's row budget spent in field order, see `planGlideColumns`),
 * references with their display values, and the sync mode the table allows: incremental on
 * `sys_updated_on`, or, for a table without it, `incremental: false` (every run reads it in
 * full, with the reason).
 *
 * @throws {@link UnknownFieldsError} when `fields` names elements the table lacks.
 * @throws {@link ColumnCollisionError} when two columns would share a name.
 * @throws `TaskDefinitionError` when an element cannot be a column (not a safe identifier).
 *
 * @example
 * ```ts
 * const schema = await discoverTable(client, 'problem');
 * const { task, sync, fallbacks } = taskFromSchema(schema, { fields: ['number', 'state'] });
 * await runTasks([task], { client, sink, mode: 'incremental' });
 * ```
 */
export function taskFromSchema(schema: TableSchema, options: SchemaTaskOptions = {}): SchemaTask {
  const chosen = selectFields(schema, options.fields);
  const displayWanted = options.displayReferences !== false;
  const displays = new Map<string, string>();
  const withoutDisplay: string[] = [];
  for (const field of chosen) {
    if (!displayWanted || field.internalType !== 'reference') continue;
    const shown = displayOf(schema, field);
    if (shown === undefined) withoutDisplay.push(field.element);
    else displays.set(field.element, shown);
  }
  const inputs: GlideColumnInput[] = chosen.map((field) => ({
    element: field.element,
    internalType: field.internalType,
    maxLength: field.maxLength,
    reference: field.reference,
    display: displays.has(field.element),
  }));
  const planned = planGlideColumns(inputs);
  const codecs: Record<string, FieldCodec> = {};
  for (const column of planned.columns) codecs[column.element] = column.codec;
  const references: Record<string, ReferenceOptions> = {};
  for (const [element, shown] of displays) references[element] = { display: shown };
  const incremental = schema.hasUpdatedOn;
  const task = defineTask({
    name: options.name ?? schema.table,
    table: schema.table,
    fields: codecs,
    references,
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.filter === undefined ? {} : { filter: options.filter }),
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(incremental ? {} : { incremental: false, fullReason: FULL_REASON }),
  });
  const columns = describeColumns(schema, task, planned.columns);
  return Object.freeze({
    task,
    schema,
    columns,
    fallbacks: Object.freeze(
      planned.columns
        .filter((column) => column.fallback)
        .map((column) => ({
          element: column.element,
          internalType: fieldOf(schema, column.element)?.internalType ?? '',
        })),
    ),
    unreadableFields: schema.unreadableFields.filter(
      (element) => element in codecs || element === 'sys_id',
    ),
    referencesWithoutDisplay: Object.freeze(withoutDisplay),
    sync: Object.freeze(
      incremental
        ? { mode: 'incremental' as const, reason: INCREMENTAL_REASON }
        : { mode: 'full' as const, reason: FULL_REASON },
    ),
    mysqlRow: planned.mysql,
  });
}

function fieldOf(schema: TableSchema, element: string): DictionaryField | undefined {
  return schema.fields.find((field) => field.element === element);
}

/** The task's columns with what the schema and the plan say of each; collisions refused. */
function describeColumns(
  schema: TableSchema,
  task: TaskDefinition,
  planned: readonly {
    readonly element: string;
    readonly fallback: boolean;
    readonly longText: boolean;
  }[],
): readonly SchemaColumn[] {
  const byElement = new Map(planned.map((column) => [column.element, column]));
  const seen = new Map<string, string>();
  const columns = task.columns.map((column): SchemaColumn => {
    const other = seen.get(column.name);
    if (other !== undefined) {
      throw new ColumnCollisionError(schema.table, column.name, [other, column.field]);
    }
    seen.set(column.name, column.field);
    const field = fieldOf(schema, column.field);
    const plan = byElement.get(column.field);
    return Object.freeze({
      name: column.name,
      element: column.field,
      role: column.role,
      internalType:
        column.role === 'value' || column.role === 'key'
          ? (field?.internalType ?? 'GUID')
          : 'string',
      sqlType: column.sqlType,
      codec: column.codec,
      fallback: column.role === 'value' && plan?.fallback === true,
      longText: column.role === 'value' && plan?.longText === true,
      definedOn: field?.definedOn ?? schema.table,
      reference: column.role === 'value' ? field?.reference : undefined,
    });
  });
  return Object.freeze(columns);
}
