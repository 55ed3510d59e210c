/**
 * The registry of shortened names of one database (`servicenow_sync_columns`), as a sink uses it:
 * read only when it exists, created only when there is a name to record.
 *
 * @module
 */
import {
  adapterOf,
  readColumns,
  runStatement,
  type SinkDatabase,
  type SinkQueryRunner,
  type SqlAdapter,
} from '../database/index.js';
import {
  createNameRegistrySql,
  insertNamesStatement,
  NAME_REGISTRY_TABLE,
  type NameRow,
  type ShortenedKind,
  selectNamesStatement,
} from './name-registry-sql.js';
import { messageOf, SinkError } from './sink-error.js';

/** What the registry holds for one SQL table. */
export interface RecordedNames {
  /** The full name recorded for the table itself, when its name was shortened. */
  readonly table: string | undefined;
  /** SQL names of its columns whose full names were too long, by full name. */
  readonly columns: ReadonlyMap<string, string>;
}

/** A registry with nothing recorded. */
export const NO_NAMES: RecordedNames = Object.freeze({ table: undefined, columns: new Map() });

/** `servicenow_sync_columns` of one database. */
export class NameRegistry {
  readonly #db: SinkQueryRunner;
  readonly #adapter: SqlAdapter;
  /** Set once the table is known to exist. */
  #exists = false;

  /**
   * @param db - The database holding the registry.
   * @param adapter - Its SQL adapter.
   */
  constructor(db: SinkQueryRunner, adapter: SqlAdapter) {
    this.#db = db;
    this.#adapter = adapter;
  }

  /** What is recorded for `sqlTable`; nothing when the registry does not exist (it is not created). */
  async read(sqlTable: string): Promise<RecordedNames> {
    try {
      if (!this.#exists) {
        this.#exists = (await readColumns(this.#db, this.#adapter, NAME_REGISTRY_TABLE)).length > 0;
        if (!this.#exists) return NO_NAMES;
      }
      const rows = await runStatement<NameRow>(
        this.#db,
        selectNamesStatement(this.#adapter, sqlTable),
      );
      return namesOf(rows);
    } catch (error) {
      throw new SinkError(NAME_REGISTRY_TABLE, `cannot read the names: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }

  /** Records `rows` (created when missing); rows already recorded keep their SQL name. */
  async record(rows: readonly NameRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    try {
      let statements = 1;
      if (!this.#exists) {
        await runStatement(this.#db, { sql: createNameRegistrySql(this.#adapter), parameters: [] });
        this.#exists = true;
        statements++;
      }
      await runStatement(this.#db, insertNamesStatement(this.#adapter, rows, new Date()));
      return statements;
    } catch (error) {
      throw new SinkError(NAME_REGISTRY_TABLE, `cannot record the names: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }
}

/** The recorded names of one table's rows. */
function namesOf(rows: readonly NameRow[]): RecordedNames {
  let table: string | undefined;
  const columns = new Map<string, string>();
  for (const row of rows) {
    if (row.kind === 'table') table = row.full_name;
    else columns.set(row.full_name, row.sql_name);
  }
  return { table, columns };
}

/** A name a sink shortened, as `servicenow_sync_columns` records it. */
export interface ShortenedName {
  /** The table's SQL name. */
  readonly targetTable: string;
  /** `table` for the table's own name, `column` for one of its columns. */
  readonly kind: ShortenedKind;
  /** The full name (a row's key, for a column). */
  readonly fullName: string;
  /** The name in SQL. */
  readonly sqlName: string;
}

/**
 * Every name shortened in the database (tables and columns whose full names are longer than it
 * keeps), by table; `[]` when none was. Creates and changes nothing.
 *
 * @example
 * ```ts
 * for (const name of await readShortenedNames(db)) console.log(name.fullName, '->', name.sqlName);
 * ```
 */
export async function readShortenedNames(
  db: SinkDatabase,
  options: { readonly signal?: AbortSignal } = {},
): Promise<ShortenedName[]> {
  const adapter = adapterOf(db, { caller: 'readShortenedNames' });
  options.signal?.throwIfAborted();
  if ((await readColumns(db, adapter, NAME_REGISTRY_TABLE)).length === 0) return [];
  const rows = await runStatement<NameRow>(db, selectNamesStatement(adapter));
  return rows.map((row) => ({
    targetTable: row.target_table,
    kind: row.kind,
    fullName: row.full_name,
    sqlName: row.sql_name,
  }));
}
