/**
 * The two row-size limits of a MySQL/MariaDB table (utf8mb4, InnoDB, `ROW_FORMAT=DYNAMIC`, 16 KiB
 * pages: the defaults), and the estimate of a row against both.
 *
 * - The server's limit: the declared sizes of all columns (`VARCHAR(n)` counts `4n` bytes plus
 *   its length bytes, a `LONGTEXT` 12 bytes) must not exceed 65,535 bytes.
 * - InnoDB's in-row limit under strict mode (MariaDB's default): the worst case of the record
 *   kept in the clustered index page must stay below 8,126 bytes. A variable column that may
 *   hold more than 255 bytes can go off-page and counts 21 bytes (a 20-byte pointer and one
 *   length byte); a shorter one (`VARCHAR(63)` and below) counts in full.
 *
 * Measured on MariaDB 10.11 with `CREATE TABLE`: 50 `VARCHAR(40)` columns fit beside a
 * `VARCHAR(255)` key, 51 do not; 382 `LONGTEXT` fit, 383 do not; 249 `VARCHAR(64)` fit the
 * server's limit, 250 do not.
 *
 * @module
 */

/** The server's limit on the declared size of a row, in bytes. */
export const MYSQL_ROW_LIMIT = 65_535;

/** InnoDB's in-row limit with 16 KiB pages (half a page, less the page overhead), in bytes. */
export const INNODB_IN_ROW_LIMIT = 8_126;

/** What one column costs against each limit, in bytes. */
export interface MysqlColumnBytes {
  /** Against {@link MYSQL_ROW_LIMIT}. */
  readonly row: number;
  /** Against {@link INNODB_IN_ROW_LIMIT} (the length bytes included). */
  readonly inRow: number;
}

/** The estimated size of a row, against both limits. */
export interface MysqlRowSize {
  /** Declared bytes, against the server's 65,535 (null flags included). */
  readonly rowBytes: number;
  /** Worst-case in-row bytes, against InnoDB's 8,126 (record header and system columns included). */
  readonly inRowBytes: number;
  /** `true` when both are within their limits. */
  readonly fits: boolean;
}

/** utf8mb4: up to 4 bytes a character. */
const BYTES_PER_CHAR = 4;
/** A column that can be stored off-page: a 20-byte pointer and a 1-byte length. */
const OFF_PAGE = 21;
/** The record header (5) and InnoDB's transaction id (6) and roll pointer (7). */
const IN_ROW_OVERHEAD = 5 + 6 + 7;

const FIXED: Readonly<Record<string, number>> = {
  TINYINT: 1,
  BOOLEAN: 1,
  BOOL: 1,
  SMALLINT: 2,
  INT: 4,
  INTEGER: 4,
  BIGINT: 8,
  FLOAT: 4,
  DOUBLE: 8,
  DATE: 3,
  TIME: 3,
  DATETIME: 5,
  TIMESTAMP: 4,
  YEAR: 1,
};

const BLOBS: Readonly<Record<string, number>> = {
  TINYTEXT: 9,
  TEXT: 10,
  MEDIUMTEXT: 11,
  LONGTEXT: 12,
  TINYBLOB: 9,
  BLOB: 10,
  MEDIUMBLOB: 11,
  LONGBLOB: 12,
  JSON: 12,
};

/** Bytes of a DECIMAL part of `digits` digits: 4 per 9 digits, and the leftover's share. */
function decimalPartBytes(digits: number): number {
  const leftover = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4][digits % 9] ?? 4;
  return Math.floor(digits / 9) * 4 + leftover;
}

/**
 * What a MySQL column type costs against each row limit (utf8mb4). An unknown type counts as
 * a `VARCHAR(255)`, the most a key column declares here.
 *
 * @example
 * ```ts
 * mysqlColumnBytes('VARCHAR(40)'); // { row: 161, inRow: 161 }
 * mysqlColumnBytes('LONGTEXT'); // { row: 12, inRow: 21 }
 * ```
 */
export function mysqlColumnBytes(type: string): MysqlColumnBytes {
  const upper = type.trim().toUpperCase();
  const varchar = /^VARCHAR\((\d+)\)$/.exec(upper);
  if (varchar !== null) {
    const bytes = Number(varchar[1]) * BYTES_PER_CHAR;
    return bytes > 255 ? { row: bytes + 2, inRow: OFF_PAGE } : { row: bytes + 1, inRow: bytes + 1 };
  }
  const char = /^CHAR\((\d+)\)$/.exec(upper);
  if (char !== null) {
    const bytes = Number(char[1]) * BYTES_PER_CHAR;
    return { row: bytes, inRow: bytes + 1 };
  }
  const decimal = /^DECIMAL\((\d+)(?:,\s*(\d+))?\)$/.exec(upper);
  if (decimal !== null) {
    const scale = Number(decimal[2] ?? 0);
    const bytes = decimalPartBytes(Number(decimal[1]) - scale) + decimalPartBytes(scale);
    return { row: bytes, inRow: bytes };
  }
  const blob = BLOBS[upper];
  if (blob !== undefined) return { row: blob, inRow: OFF_PAGE };
  const fixed = FIXED[upper.replace(/\(\d+\)$/, '')];
  if (fixed !== undefined) return { row: fixed, inRow: fixed };
  return mysqlColumnBytes('VARCHAR(255)');
}

/**
 * What a row of `columns` columns costs before its columns: the null flags (every column but
 * the key is nullable), and in-row the record header and InnoDB's system columns.
 */
export function mysqlRowOverhead(columns: number): MysqlColumnBytes {
  const nullFlags = Math.ceil(Math.max(columns - 1, 0) / 8);
  return { row: nullFlags, inRow: IN_ROW_OVERHEAD + nullFlags };
}

/**
 * The estimated size of a row of a MySQL table with these column types (every column but the
 * first, the `sys_id` key, is nullable).
 *
 * @example
 * ```ts
 * mysqlRowSize(['VARCHAR(255)', ...Array(200).fill('LONGTEXT')]).fits; // true
 * mysqlRowSize(['VARCHAR(255)', ...Array(60).fill('VARCHAR(40)')]).fits; // false (in-row)
 * ```
 */
export function mysqlRowSize(types: readonly string[]): MysqlRowSize {
  const overhead = mysqlRowOverhead(types.length);
  let rowBytes = overhead.row;
  let inRowBytes = overhead.inRow;
  for (const type of types) {
    const bytes = mysqlColumnBytes(type);
    rowBytes += bytes.row;
    inRowBytes += bytes.inRow;
  }
  return {
    rowBytes,
    inRowBytes,
    fits: rowBytes <= MYSQL_ROW_LIMIT && inRowBytes < INNODB_IN_ROW_LIMIT,
  };
}
