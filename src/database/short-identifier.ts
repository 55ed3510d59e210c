/**
 * Shortening a table or column name that is longer than a database keeps: deterministic, so the
 * same full name always gives the same SQL name.
 *
 * @module
 */
import { createHash } from 'node:crypto';

/** Hex digits of the full name's hash kept in a shortened name. */
const HASH_DIGITS = 8;

/**
 * `name` when it has at most `maxLength` characters; otherwise its first characters, `_` and
 * the first 8 hex digits of its SHA-256, `maxLength` characters in all.
 *
 * @example
 * ```ts
 * shortIdentifier('u_a_very_long_custom_field_name_from_a_scoped_application_display', 63);
 * // 'u_a_very_long_custom_field_name_from_a_scoped_applicat_18d08a31' (63 characters)
 * ```
 */
export function shortIdentifier(name: string, maxLength: number): string {
  if (name.length <= maxLength) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, HASH_DIGITS);
  return `${name.slice(0, maxLength - HASH_DIGITS - 1)}_${hash}`;
}
