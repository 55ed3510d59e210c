/**
 * MySQL/MariaDB column types read as the server spells them (`bigint(20)`, `tinyint(1)`,
 * `varchar(40)`): their canonical form, the characters a text type holds, and the bytes a
 * column takes in the 65,535-byte row limit.
 *
 * @module
 */
import {
  compareByCapacity,
  type ParsedType,
  parseType,
  type TypeComparison,
} from './column-type.js';
import type { ColumnSpec } from './sql-adapter.js';

/** MySQL's limit on a row's declared size, BLOB and TEXT columns counted by their pointers. */
export const MYSQL_MAX_ROW_BYTES = 65_535;

/** Bytes of one utf8mb4 character at most (the tables' character set). */
const CHAR_BYTES = 4;

const ALIASES: Readonly<Record<string, string>> = {
  integer: 'int',
  boolean: 'tinyint',
  bool: 'tinyint',
  'double precision': 'double',
  real: 'double',
  numeric: 'decimal',
  dec: 'decimal',
  'character varying': 'varchar',
  character: 'char',
};

const INTEGERS: Readonly<Record<string, number>> = {
  tinyint: 1,
  smallint: 2,
  mediumint: 3,
  int: 4,
  bigint: 8,
};

/** Characters held by each TEXT type (its byte limit over 4 bytes a character). */
const TEXTS: Readonly<Record<string, number>> = {
  tinytext: 63,
  text: 16_383,
  mediumtext: 4_194_303,
  longtext: Number.POSITIVE_INFINITY,
};

/** Bytes a TEXT or BLOB column counts in the row limit: its length prefix and pointer. */
const POINTERS: Readonly<Record<string, number>> = {
  tinytext: 9,
  tinyblob: 9,
  text: 10,
  blob: 10,
  mediumtext: 11,
  mediumblob: 11,
  longtext: 12,
  longblob: 12,
  json: 12,
};

const FIXED: Readonly<Record<string, number>> = {
  float: 4,
  double: 8,
  date: 3,
  time: 3,
  year: 1,
  datetime: 8,
  timestamp: 4,
};

/**
 * `type` in one canonical form: lowercase, aliases resolved (`BOOLEAN` is `tinyint`, `INTEGER`
 * `int`), integer display widths dropped, `decimal` with its default precision.
 */
export function mysqlType(type: string): ParsedType | undefined {
  const parsed = parseType(type, ALIASES);
  if (parsed === undefined) return undefined;
  if (parsed.base in INTEGERS) return { ...parsed, args: [] };
  if (parsed.base === 'decimal') {
    const [precision = 10, scale = 0] = parsed.args;
    return { ...parsed, args: [precision, scale] };
  }
  return parsed;
}

function capacity(type: ParsedType): number | undefined {
  if (type.base === 'varchar') return type.args[0];
  return TEXTS[type.base];
}

/** The characters a `varchar(n)` or `char(n)` holds; `undefined` for any other type. */
export function mysqlCharacterLimit(type: string): number | undefined {
  const parsed = mysqlType(type);
  if (parsed === undefined || (parsed.base !== 'varchar' && parsed.base !== 'char'))
    return undefined;
  return parsed.args[0];
}

/** MySQL's comparison: text types (`varchar(n)`, `text`, `longtext`) widen by capacity. */
export function compareMysqlTypes(existing: string, wanted: string): TypeComparison {
  return compareByCapacity(mysqlType(existing), mysqlType(wanted), capacity);
}

/** Bytes of a packed `decimal` part of `digits` digits. */
function decimalBytes(digits: number): number {
  const leftover = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4][digits % 9] ?? 4;
  return Math.floor(digits / 9) * 4 + leftover;
}

/** Bytes `type` counts in the row limit (an unknown type counts as a TEXT column's pointer). */
function columnBytes(type: ParsedType | undefined): number {
  if (type === undefined) return 12;
  const { base, args } = type;
  const fixed = INTEGERS[base] ?? FIXED[base] ?? POINTERS[base];
  if (fixed !== undefined) return fixed;
  const [first = 1, second = 0] = args;
  if (base === 'varchar' || base === 'varbinary') {
    const bytes = base === 'varchar' ? first * CHAR_BYTES : first;
    return bytes + (bytes > 255 ? 2 : 1);
  }
  if (base === 'char') return first * CHAR_BYTES;
  if (base === 'binary') return first;
  if (base === 'decimal') return decimalBytes(first - second) + decimalBytes(second);
  if (base === 'bit') return Math.ceil(first / 8);
  return 12;
}

/** The bytes a row of `columns` declares, as MySQL counts them against its 65,535-byte limit. */
export function mysqlRowBytes(columns: readonly ColumnSpec[]): number {
  let bytes = Math.ceil(columns.length / 8); // the NULL flags
  for (const column of columns) bytes += columnBytes(mysqlType(column.type));
  return bytes;
}
