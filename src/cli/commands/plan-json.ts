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
  /**
   * The class chain (`['incident', 'task']`), read from `sys_db_object` for built-in tasks too;
   * `[table]` when it could not be read.
   */
  readonly chain: readonly string[];
  /** `true` for a table discovered with `--table`. */
  readonly discovered: boolean;
  readonly columns: readonly PlanColumnJson[];
  /** Elements of unknown glide types, read as text: `element (type)`. */
  readonly fallbacks: readonly string[];
  /** Fields the API leaves out for this user (field ACLs): they would read as empty. */
  readonly unreadableFields: readonly string[];
  /** References without a display column (the referenced table's display field is unknown). */
  readonly referencesWithoutDisplay: readonly string[];
  /** Discovered tables: the estimated MySQL row and whether it fits; else `null`. */
  readonly mysqlRow: DiscoveredTable['mysqlRow'] | null;
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
  chains: ReadonlyMap<string, readonly string[]> = new Map(),
): PlanJson {
  const chainOf = (task: TaskSyncPlan): readonly string[] =>
    discovered.find((d) => d.task.name === task.name)?.chain ??
    chains.get(task.table) ?? [task.table];
  return {
    database,
    mode: report.mode,
    plannedAt: report.plannedAt,
    warnings: [...report.warnings, ...parentWarnings(report.tasks, chainOf)],
    tasks: report.tasks.map((task) =>
      taskJsonOf(
        task,
        chainOf(task),
        discovered.find((d) => d.task.name === task.name),
      ),
    ),
  };
}

/**
 * A parent class holds its children's rows (`task` holds every incident): two tasks of which one
 * reads a parent of the other's table copy those rows twice.
 */
function parentWarnings(
  tasks: readonly TaskSyncPlan[],
  chainOf: (task: TaskSyncPlan) => readonly string[],
): string[] {
  const warnings: string[] = [];
  for (const child of tasks) {
    const chain = chainOf(child);
    for (const parent of tasks) {
      if (parent.table !== child.table && chain.includes(parent.table)) {
        warnings.push(
          `${child.table} extends ${parent.table}: its rows are also rows of ${parent.table}, so tasks ${child.name} and ${parent.name} both copy them (into ${child.target} and ${parent.target}); filter ${parent.name} with sys_class_name if that is not wanted`,
        );
      }
    }
  }
  return warnings;
}

function taskJsonOf(
  task: TaskSyncPlan,
  chain: readonly string[],
  found: DiscoveredTable | undefined,
): PlanTaskJson {
  const changes = task.schemaChanges ?? null;
  const shortened = new Map<string, string>();
  for (const change of changes ?? []) {
    if (change.kind === 'shorten-name' && change.from !== undefined && change.column !== undefined)
      shortened.set(change.from, change.column);
  }
  const { columns, schemaChanges: _, ...rest } = task;
  return {
    ...rest,
    chain,
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
    referencesWithoutDisplay: found?.referencesWithoutDisplay ?? [],
    mysqlRow: found?.mysqlRow ?? null,
    schemaChanges: changes,
  };
}
