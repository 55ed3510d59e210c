/**
 * The `plan --json` document: the library's plan of each task with what discovery and the
 * database add (the chain, each column's glide type and SQL name). Its shape is documented in
 * docs/any-table.md and kept stable.
 *
 * @module
 */
import type { SchemaChange, SyncPlanReport, TaskSyncPlan } from '../../index.js';
import type { DiscoveredTable } from './discovered-tasks.js';

/** The database a plan was made against. */
export interface PlanDatabase {
  /** The URL, without its password (a SQLite file: its absolute path). */
  readonly url: string;
  readonly dialect: string;
  /** `false` for a SQLite file that does not exist yet: everything would be created. */
  readonly exists: boolean;
}

/** One column as `plan` shows it. */
export interface PlanColumnJson {
  /** The logical column name (the field, or `<field>_display`). */
  readonly name: string;
  /** The ServiceNow field read. */
  readonly field: string;
  readonly role: string;
  /** The glide type (discovered tables), else `null`. */
  readonly glideType: string | null;
  /** The SQL column name (shortened when the dialect needs it). */
  readonly sqlName: string;
  /** The SQL type in the database's dialect. */
  readonly sqlType: string;
  /** The table of the chain that defines the field (discovered tables), else `null`. */
  readonly definedOn: string | null;
  /** The referenced table, else `null`. */
  readonly reference: string | null;
  /** `true` when an unknown glide type is read as text. */
  readonly fallback: boolean;
}

/** One task of `plan --json`. */
export interface PlanTaskJson extends Omit<TaskSyncPlan, 'columns' | 'schemaChanges'> {
  /** The class chain (discovered tables: `['incident', 'task']`), else `[table]`. */
  readonly chain: readonly string[];
  /** `true` for a table discovered with `--table`. */
  readonly discovered: boolean;
  readonly columns: readonly PlanColumnJson[];
  readonly fallbacks: readonly string[];
  readonly unreadableFields: readonly string[];
  /**
   * The DDL against the current database (`[]`: the table is up to date); `null` when the sink
   * cannot plan it.
   */
  readonly schemaChanges: readonly SchemaChange[] | null;
}

/** The whole `plan --json` document. */
export interface PlanJson {
  readonly database: PlanDatabase;
  readonly mode: SyncPlanReport['mode'];
  readonly plannedAt: string;
  readonly warnings: readonly string[];
  readonly tasks: readonly PlanTaskJson[];
}

/** The document of a plan. */
export function planJsonOf(
  report: SyncPlanReport,
  database: PlanDatabase,
  discovered: readonly DiscoveredTable[],
): PlanJson {
  return {
    database,
    mode: report.mode,
    plannedAt: report.plannedAt,
    warnings: report.warnings,
    tasks: report.tasks.map((task) =>
      taskJsonOf(
        task,
        discovered.find((d) => d.task.name === task.name),
      ),
    ),
  };
}

function taskJsonOf(task: TaskSyncPlan, found: DiscoveredTable | undefined): PlanTaskJson {
  const changes = task.schemaChanges ?? null;
  const shortened = new Map<string, string>();
  for (const change of changes ?? []) {
    if (change.kind === 'shorten-name' && change.from !== undefined && change.column !== undefined)
      shortened.set(change.from, change.column);
  }
  const { columns, schemaChanges: _, ...rest } = task;
  return {
    ...rest,
    chain: found?.chain ?? [task.table],
    discovered: found !== undefined,
    columns: columns.map((column) => {
      const info = found?.columns.get(column.name);
      return {
        name: column.name,
        field: column.field,
        role: column.role,
        glideType: info?.glideType ?? null,
        sqlName: shortened.get(column.name) ?? column.name,
        sqlType: column.sqlType,
        definedOn: info?.definedOn ?? null,
        reference: info?.reference ?? null,
        fallback: info?.fallback ?? false,
      };
    }),
    fallbacks: found?.fallbacks ?? [],
    unreadableFields: found?.unreadableFields ?? [],
    schemaChanges: changes,
  };
}
