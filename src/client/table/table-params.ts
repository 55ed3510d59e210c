/**
 * Checks of table names, sys_ids and options, and the query parameters shared by `paginate()`,
 * `records()`, `get()` and `count()`.
 *
 * @module
 */

import { ConfigurationError, SYS_ID_PATTERN } from '../../core/index.js';
import { isValidFieldName } from '../../query/index.js';
import type { DisplayValueMode } from './table-record.js';

const TABLE_NAME = /^[a-z0-9_]+$/;

/** Throws a `ConfigurationError` unless `table` is a table name (`incident`, `x_acme_app_item`). */
export function checkTable(table: string): string {
  if (typeof table !== 'string' || !TABLE_NAME.test(table)) {
    throw new ConfigurationError(
      `Invalid table: expected lowercase letters, digits and _, received ${JSON.stringify(table)}`,
      { option: 'table' },
    );
  }
  return table;
}

/** Throws unless `sysId` is a non-empty id without slashes or query characters. */
export function checkSysId(sysId: string): string {
  if (typeof sysId !== 'string' || !SYS_ID_PATTERN.test(sysId)) {
    throw new ConfigurationError(`Invalid sysId: received ${JSON.stringify(sysId)}`, {
      option: 'sysId',
    });
  }
  return sysId;
}

/** `sysparm_fields`, validated; the `require`d fields (`sys_id`) are added when missing. */
export function fieldsParam(fields: readonly string[], require: readonly string[] = []): string {
  if (!Array.isArray(fields) || fields.length === 0) {
    throw new ConfigurationError(
      'Invalid option fields: expected a non-empty array of field names',
      {
        option: 'fields',
      },
    );
  }
  for (const field of fields) {
    if (typeof field !== 'string' || !isValidFieldName(field)) {
      throw new ConfigurationError(
        `Invalid option fields: ${JSON.stringify(field)} is not a field name ([a-z0-9_.])`,
        { option: 'fields' },
      );
    }
  }
  const missing = require.filter((field) => !fields.includes(field));
  return (missing.length === 0 ? fields : [...fields, ...missing]).join(',');
}

/** `sysparm_display_value` and `sysparm_exclude_reference_link`. */
export function displayParams(
  displayValue: DisplayValueMode | undefined,
  excludeReferenceLink: boolean | undefined,
): Record<string, string> {
  if (
    displayValue !== undefined &&
    displayValue !== true &&
    displayValue !== false &&
    displayValue !== 'all'
  ) {
    throw new ConfigurationError(
      `Invalid option displayValue: expected false, true or 'all', received ${JSON.stringify(displayValue)}`,
      { option: 'displayValue' },
    );
  }
  return {
    sysparm_display_value: String(displayValue ?? false),
    sysparm_exclude_reference_link: String(excludeReferenceLink ?? true),
  };
}

/** Throws unless `value` is an integer in `[min, max]`. */
export function checkInteger(
  option: string,
  value: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigurationError(
      `Invalid option ${option}: expected an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}, received ${String(value)}`,
      { option },
    );
  }
  return value;
}
