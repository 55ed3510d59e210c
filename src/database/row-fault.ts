/**
 * Telling a database's refusal of one row (a value it cannot store, a constraint the row breaks)
 * from a refusal of the whole statement or connection, per database.
 *
 * @module
 */

/** A database error caused by one row's values, not by the statement or the connection. */
export interface RowFault {
  /** The column the database named, when it named one. */
  readonly column: string | undefined;
  /** The database's message. */
  readonly reason: string;
}

/** The driver errors of `error`: itself and its causes (a wrapped driver error is found too). */
function* chain(error: unknown): Generator<Record<string, unknown>> {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    yield current as Record<string, unknown>;
    current = (current as { cause?: unknown }).cause;
  }
}

function fault(error: Record<string, unknown>, column: string | undefined): RowFault {
  return { column, reason: String(error.message ?? error) };
}

/**
 * PostgreSQL: SQLSTATE class 22 (data exception: invalid text for a type, a value out of range,
 * an invalid byte sequence) and class 23 (integrity constraint: `NOT NULL`, `CHECK`, foreign
 * key; not a unique violation, which is no one row's fault). The column is the driver's `column` field, else the one the message quotes.
 */
export function postgresRowFault(error: unknown): RowFault | undefined {
  for (const e of chain(error)) {
    const code = e.code;
    if (typeof code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(code) || code === '23505') continue;
    const named =
      typeof e.column === 'string' ? e.column : /column "([^"]+)"/.exec(String(e.message))?.[1];
    return fault(e, named);
  }
  return undefined;
}

/** MySQL/MariaDB error numbers a row's values cause. */
const MYSQL_ROW_ERRORS = new Set([
  1048, // ER_BAD_NULL_ERROR
  1264, // ER_WARN_DATA_OUT_OF_RANGE
  1265, // WARN_DATA_TRUNCATED
  1292, // ER_TRUNCATED_WRONG_VALUE
  1300, // ER_INVALID_CHARACTER_STRING
  1366, // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD (incorrect string or number)
  1406, // ER_DATA_TOO_LONG
  1452, // ER_NO_REFERENCED_ROW_2
  3140, // ER_INVALID_JSON_TEXT
  3819, // ER_CHECK_CONSTRAINT_VIOLATED (MySQL)
  4025, // ER_CONSTRAINT_FAILED (MariaDB)
]);

/** MySQL/MariaDB: the error numbers of bad values and broken constraints; the column its message quotes. */
export function mysqlRowFault(error: unknown): RowFault | undefined {
  for (const e of chain(error)) {
    if (typeof e.errno !== 'number' || !MYSQL_ROW_ERRORS.has(e.errno)) continue;
    return fault(e, /column '([^']+)'/.exec(String(e.message))?.[1]);
  }
  return undefined;
}

/**
 * SQLite: a constraint the row breaks (`NOT NULL`, `CHECK`, foreign key), a value too big or of
 * the wrong type for a strict table (not a unique violation, nor a trigger's `RAISE`). The column is the one a `NOT NULL` message names.
 */
export function sqliteRowFault(error: unknown): RowFault | undefined {
  for (const e of chain(error)) {
    const code = e.code;
    if (typeof code !== 'string') continue;
    if (!/^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH)/.test(code)) continue;
    // A trigger's RAISE is the trigger's verdict, as a PostgreSQL RAISE or a MySQL SIGNAL is.
    if (/^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE|TRIGGER)$/.test(code)) continue;
    const named = /NOT NULL constraint failed: [^.\s]+\.(\S+)/.exec(String(e.message))?.[1];
    return fault(e, named);
  }
  return undefined;
}
