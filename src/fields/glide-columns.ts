/**
 * The columns of a discovered table: each field's codec from the glide type mapping, with
 * MySQL's row budget spent deterministically in field order.
 *
 * @module
 */
import type { FieldCodec } from './field-codec.js';
import { type GlideFieldShape, glideCodec } from './glide-types.js';
import {
  INNODB_IN_ROW_LIMIT,
  MYSQL_ROW_LIMIT,
  type MysqlRowSize,
  mysqlColumnBytes,
  mysqlRowOverhead,
  mysqlRowSize,
} from './mysql-row-size.js';

/**
 * Bytes of each MySQL limit left unspent by the plan, for columns the table gains later: about
 * 25 `LONGTEXT` columns in-row, and room for a few `VARCHAR(255)` keys.
 */
export const MYSQL_ROW_RESERVE = { row: 4_000, inRow: 525 } as const;

/** A field to plan a column for. */
export interface GlideColumnInput extends GlideFieldShape {
  /** The field (`sys_id` is skipped: the key column is always there). */
  readonly element: string;
  /** `true` when a `<field>_display` text column follows it. */
  readonly display?: boolean;
}

/** The planned column of one field. */
export interface GlideColumnPlan {
  readonly element: string;
  /** The codec chosen. */
  readonly codec: FieldCodec;
  /** `true` when the type is unknown and copied as text. */
  readonly fallback: boolean;
  /** `true` when the row budget made a `VARCHAR` of MySQL a `LONGTEXT`. */
  readonly longText: boolean;
}

/** The planned columns of a table, and the estimated MySQL row. */
export interface GlideColumnsPlan {
  /** One per field, in the order given (`sys_id` left out). */
  readonly columns: readonly GlideColumnPlan[];
  /** The MySQL row as planned (key, values, companions and display columns). */
  readonly mysql: MysqlRowSize;
}

const KEY = 'VARCHAR(255)';
const DISPLAY = 'LONGTEXT';

/** The MySQL types of one field's columns with `codec`: its value, companion and display. */
function mysqlTypes(codec: FieldCodec, display: boolean): string[] {
  const types = [codec.sqlType.mysql];
  if (codec.companion !== undefined) types.push(codec.companion.sqlType.mysql);
  if (display) types.push(DISPLAY);
  return types;
}

function bytesOf(types: readonly string[]): {
  readonly row: number;
  readonly inRow: number;
  readonly columns: number;
} {
  let row = 0;
  let inRow = 0;
  for (const type of types) {
    const bytes = mysqlColumnBytes(type);
    row += bytes.row;
    inRow += bytes.inRow;
  }
  return { row, inRow, columns: types.length };
}

/**
 * Plans the columns of `inputs`: each field's codec ({@link glideCodec}), a string, choice or
 * key being `VARCHAR(n)` on MySQL while both row limits (less {@link MYSQL_ROW_RESERVE}) still
 * hold with every later field at its smallest, then `LONGTEXT`. The same fields always give the
 * same plan; SQLite and PostgreSQL columns do not depend on it.
 *
 * @example
 * ```ts
 * const plan = planGlideColumns(schema.fields);
 * plan.mysql; // { rowBytes: 21890, inRowBytes: 7580, fits: true }
 * plan.columns.filter((c) => c.longText).map((c) => c.element); // the fields past the budget
 * ```
 */
export function planGlideColumns(inputs: readonly GlideColumnInput[]): GlideColumnsPlan {
  const fields = inputs.filter((input) => input.element !== 'sys_id');
  const choices = fields.map((field) => {
    const long = glideCodec(field, { longText: true });
    const short = glideCodec(field);
    const display = field.display === true;
    return { field, long, short, longBytes: bytesOf(mysqlTypes(long.codec, display)), display };
  });
  // Start from every field at its smallest (LONGTEXT), then upgrade in field order.
  const key = mysqlColumnBytes(KEY);
  let row = key.row;
  let inRow = key.inRow;
  let count = 1;
  for (const choice of choices) {
    row += choice.longBytes.row;
    inRow += choice.longBytes.inRow;
    count += choice.longBytes.columns;
  }
  const overhead = mysqlRowOverhead(count);
  const rowTarget = MYSQL_ROW_LIMIT - MYSQL_ROW_RESERVE.row - overhead.row;
  const inRowTarget = INNODB_IN_ROW_LIMIT - MYSQL_ROW_RESERVE.inRow - overhead.inRow;
  const columns: GlideColumnPlan[] = [];
  const types: string[] = [KEY];
  for (const { field, long, short, longBytes, display } of choices) {
    let chosen = long;
    if (short.codec.sqlType.mysql !== long.codec.sqlType.mysql) {
      const shortBytes = bytesOf(mysqlTypes(short.codec, display));
      const nextRow = row - longBytes.row + shortBytes.row;
      const nextInRow = inRow - longBytes.inRow + shortBytes.inRow;
      if (nextRow <= rowTarget && nextInRow <= inRowTarget) {
        chosen = short;
        row = nextRow;
        inRow = nextInRow;
      }
    }
    columns.push({
      element: field.element,
      codec: chosen.codec,
      fallback: chosen.fallback,
      longText: chosen.codec !== short.codec,
    });
    types.push(...mysqlTypes(chosen.codec, display));
  }
  return { columns, mysql: mysqlRowSize(types) };
}
