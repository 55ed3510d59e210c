/**
 * The SQL columns of a task: `sys_id`, one per field, a codec's companion (`<field>_currency`)
 * and `<field>_display` where asked.
 *
 * @module
 */

import type { FieldCodec, SqlTypes } from '../fields/index.js';
import { fields } from '../fields/index.js';

/** What a column holds. */
export type TaskColumnRole = 'key' | 'value' | 'companion' | 'display';

/** One SQL column of a task's target table. */
export interface TaskColumn {
  /** The column name (the field name, or `<field>_display`). */
  readonly name: string;
  /** The ServiceNow field it is read from. */
  readonly field: string;
  /**
   * `key` for `sys_id`, `value` for a field's value, `companion` for the second column a codec
   * fills ({@link FieldCodec.companion}: a currency's code), `display` for a reference's display
   * value.
   */
  readonly role: TaskColumnRole;
  /** The codec of the value (companion and display columns hold text). */
  readonly codec: FieldCodec;
  /** The column type in each dialect. */
  readonly sqlType: SqlTypes;
}

/** `sys_id` in every dialect: indexable text (MySQL cannot key a TEXT column). */
export const KEY_SQL_TYPE: SqlTypes = Object.freeze({
  sqlite: 'TEXT',
  postgres: 'text',
  mysql: 'VARCHAR(255)',
});

/** Suffix of display-value columns. */
export const DISPLAY_SUFFIX = '_display';

/**
 * The columns of a task, in order: `sys_id`, then each field followed by its codec's companion
 * column, if any, and its display column when `display` lists it.
 */
export function buildColumns(
  codecs: Readonly<Record<string, FieldCodec>>,
  display: ReadonlySet<string>,
): readonly TaskColumn[] {
  const text = fields.string();
  const columns: TaskColumn[] = [
    { name: 'sys_id', field: 'sys_id', role: 'key', codec: text, sqlType: KEY_SQL_TYPE },
  ];
  for (const [field, codec] of Object.entries(codecs)) {
    if (field === 'sys_id') continue;
    columns.push({ name: field, field, role: 'value', codec, sqlType: codec.sqlType });
    if (codec.companion !== undefined) {
      columns.push({
        name: `${field}${codec.companion.suffix}`,
        field,
        role: 'companion',
        codec: text,
        sqlType: codec.companion.sqlType,
      });
    }
    if (display.has(field)) {
      columns.push({
        name: `${field}${DISPLAY_SUFFIX}`,
        field,
        role: 'display',
        codec: text,
        sqlType: text.sqlType,
      });
    }
  }
  return Object.freeze(columns.map((column) => Object.freeze(column)));
}
