/**
 * The errors of `taskFromSchema`: options that name what the schema does not have.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';

/** `fields` names elements the discovered table does not have. */
export class UnknownFieldsError extends ConfigurationError {
  override readonly code: string = 'UNKNOWN_FIELDS';
  /** The table discovered. */
  readonly table: string;
  /** The elements asked for that it lacks. */
  readonly unknown: readonly string[];
  /** Every element it has. */
  readonly valid: readonly string[];

  constructor(table: string, unknown: readonly string[], valid: readonly string[]) {
    const shown = valid.length > 60 ? `${valid.slice(0, 60).join(', ')}, ...` : valid.join(', ');
    super(
      `fields: ${table} has no field ${unknown.map((name) => JSON.stringify(name)).join(', ')}; its fields are ${shown}`,
      { option: 'fields' },
    );
    this.table = table;
    this.unknown = Object.freeze([...unknown]);
    this.valid = Object.freeze([...valid]);
  }
}

/** Two columns of a discovered table would have the same name (`price_currency` twice). */
export class ColumnCollisionError extends ConfigurationError {
  override readonly code: string = 'COLUMN_COLLISION';

  /**
   * @param table - The table.
   * @param column - The column name both would have.
   * @param fields - The fields whose columns collide.
   */
  constructor(table: string, column: string, fields: readonly string[]) {
    super(
      `${table}: the column ${JSON.stringify(column)} would hold both ${fields.join(' and ')}; leave one out with the fields option`,
      { option: 'fields' },
    );
  }
}
