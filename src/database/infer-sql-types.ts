/**
 * Column types of columns that no codec describes (derived by a transform), from their values.
 *
 * @module
 */
import type { SqlTypes } from '../fields/index.js';
import { fields } from '../fields/index.js';

/**
 * The column type for a column a transform derived, from its values: text, double precision,
 * boolean or date-time; text when every value is null.
 *
 * @example
 * ```ts
 * inferSqlTypes([null, 1.5]).postgres; // 'double precision'
 * ```
 */
export function inferSqlTypes(values: Iterable<unknown>): SqlTypes {
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'number') return fields.decimal().sqlType;
    if (typeof value === 'boolean') return fields.boolean().sqlType;
    if (value instanceof Date) return fields.dateTime().sqlType;
    return fields.string().sqlType;
  }
  return fields.string().sqlType;
}
