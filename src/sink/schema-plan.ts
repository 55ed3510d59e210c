/**
 * Planning a target table's DDL: from the table as the database has it (or its absence), the
 * columns wanted and the names recorded, the changes to make and their statements. Pure: both
 * `prepare` (which then runs them) and `planPrepare` (which only reports them) use it.
 *
 * @module
 */
import { type ColumnSpec, type SqlAdapter, shortIdentifier } from '../database/index.js';
import type { RecordedNames } from './name-registry.js';
import type { NameRow } from './name-registry-sql.js';
import type { SchemaChange } from './schema-change.js';
import { SinkError } from './sink-error.js';

/** The advice of a row-size refusal. */
export const ROW_SIZE_ADVICE =
  'store long text fields as fields.string() without maxLength (LONGTEXT, kept off the row) or sync fewer fields';

/** What a table plan starts from. */
export interface TableDesign {
  readonly adapter: SqlAdapter;
  /** The table's full name (prefix included). */
  readonly fullTable: string;
  /** Its SQL name (`fullTable` shortened when too long). */
  readonly sqlTable: string;
  /** Its columns (SQL names and types) as the database has them; `undefined` when it is missing. */
  readonly existing: readonly ColumnSpec[] | undefined;
  /** The columns wanted: full names (the rows' keys) and types in this database. */
  readonly wanted: readonly ColumnSpec[];
  /** What the registry records for `sqlTable`. */
  readonly names: RecordedNames;
}

/** The changes that make a table hold the wanted columns. */
export interface TablePlan {
  /** The changes, in order (statements in `sql`). */
  readonly changes: readonly SchemaChange[];
  /** Registry rows to record before the statements run (names newly shortened). */
  readonly record: readonly NameRow[];
  /** The table's columns afterwards (SQL names and types), in order. */
  readonly columns: readonly ColumnSpec[];
  /** SQL names of the wanted columns whose full names were too long, by full name. */
  readonly keys: ReadonlyMap<string, string>;
}

/** `true` when planning `wanted` for a table needs what the registry records. */
export function needsRegistry(
  adapter: SqlAdapter,
  fullTable: string,
  wanted: readonly ColumnSpec[],
): boolean {
  const max = adapter.maxIdentifierLength;
  return fullTable.length > max || wanted.some((column) => column.name.length > max);
}

/**
 * The plan of one table.
 *
 * @throws {@link SinkError} when two names shorten to one SQL name, a shortened name is already
 * another table's or column's, or (MySQL) a row of the table would exceed the row-size limit.
 */
export function planTable(design: TableDesign): TablePlan {
  const { adapter, sqlTable, existing } = design;
  const changes: SchemaChange[] = [];
  const record: NameRow[] = [];
  checkTableName(design, changes, record);
  const keys = resolveColumns(design, changes, record);
  const sqlName = (name: string) => keys.get(name) ?? name;
  const resolved = design.wanted.map((column) => ({
    name: sqlName(column.name),
    type: column.type,
  }));
  if (existing === undefined) {
    const problem = adapter.rowSizeProblem(resolved);
    if (problem !== undefined) {
      throw new SinkError(sqlTable, `cannot create the table: ${problem}; ${ROW_SIZE_ADVICE}`);
    }
    changes.push({
      kind: 'create-table',
      table: sqlTable,
      sql: adapter.createTableSql(sqlTable, resolved),
    });
    return { changes, record, columns: resolved, keys };
  }
  const columns = [...existing];
  const index = new Map(existing.map((column, i) => [column.name, i]));
  for (const column of resolved) {
    const at = index.get(column.name);
    if (at === undefined) {
      index.set(column.name, columns.length);
      columns.push(column);
      const sql = adapter.addColumnSql(sqlTable, column);
      changes.push({
        kind: 'add-column',
        table: sqlTable,
        column: column.name,
        type: column.type,
        sql,
      });
      continue;
    }
    const have = columns[at] as ColumnSpec;
    const comparison = adapter.compareTypes(have.type, column.type);
    if (comparison === 'same' || comparison === 'narrower') continue;
    const change = { table: sqlTable, column: column.name, type: column.type, from: have.type };
    if (comparison === 'wider' && column.name !== 'sys_id') {
      columns[at] = column;
      changes.push({
        kind: 'widen-column',
        ...change,
        sql: adapter.widenColumnSql(sqlTable, column),
      });
    } else {
      changes.push({ kind: 'type-mismatch', ...change });
    }
  }
  if (changes.some((change) => change.sql !== undefined)) {
    const problem = adapter.rowSizeProblem(columns);
    if (problem !== undefined) {
      throw new SinkError(sqlTable, `cannot change the table: ${problem}; ${ROW_SIZE_ADVICE}`);
    }
  }
  return { changes, record, columns, keys };
}

/** The table's own name: recorded when newly shortened, refused when it is another table's. */
function checkTableName(design: TableDesign, changes: SchemaChange[], record: NameRow[]): void {
  const { fullTable, sqlTable, names, existing } = design;
  if (sqlTable === fullTable || names.table === fullTable) return;
  if (names.table !== undefined) {
    throw new SinkError(
      sqlTable,
      `tables ${fullTable} and ${names.table} both shorten to ${sqlTable}; give one a shorter target or tablePrefix`,
    );
  }
  if (existing !== undefined) {
    throw new SinkError(
      sqlTable,
      `table ${fullTable} shortens to ${sqlTable}, the name of an existing table that is not recorded as its short name`,
    );
  }
  changes.push({ kind: 'shorten-name', table: sqlTable, from: fullTable });
  record.push({ target_table: sqlTable, kind: 'table', full_name: fullTable, sql_name: sqlTable });
}

/**
 * SQL names of the wanted columns whose full names are too long: recorded ones reused, new ones
 * shortened (and recorded). Refuses two names meaning one SQL column.
 */
function resolveColumns(
  design: TableDesign,
  changes: SchemaChange[],
  record: NameRow[],
): Map<string, string> {
  const { adapter, sqlTable, names, existing } = design;
  const keys = new Map<string, string>();
  const owners = new Map<string, string>(); // SQL name -> the full name that has it
  for (const [full, sql] of names.columns) owners.set(sql, full);
  const taken = new Map<string, string>(); // SQL name -> wanted full name
  const existingNames = new Set(existing?.map((column) => column.name));
  for (const { name } of design.wanted) {
    const recorded = names.columns.get(name);
    const sql = recorded ?? shortIdentifier(name, adapter.maxIdentifierLength);
    const twin = taken.get(sql) ?? (owners.get(sql) === name ? undefined : owners.get(sql));
    if (twin !== undefined) {
      throw new SinkError(
        sqlTable,
        `columns ${twin} and ${name} both have the SQL name ${sql}; rename one (a transform or a shorter field list)`,
      );
    }
    taken.set(sql, name);
    if (sql === name) continue;
    keys.set(name, sql);
    if (recorded !== undefined) continue;
    if (existingNames.has(sql)) {
      throw new SinkError(
        sqlTable,
        `column ${name} shortens to ${sql}, the name of an existing column that is not recorded as its short name`,
      );
    }
    changes.push({ kind: 'shorten-name', table: sqlTable, column: sql, from: name });
    record.push({ target_table: sqlTable, kind: 'column', full_name: name, sql_name: sql });
  }
  return keys;
}
