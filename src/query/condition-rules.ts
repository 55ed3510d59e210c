/**
 * Validation rules shared by the parser, the formatter and the builder, so that a condition the
 * builder accepts is exactly one the strict parser accepts.
 *
 * @module
 */
import type { QueryOperator } from './ast.js';
import { isUnaryOperator, matchOperator } from './operators.js';

const FIELD_NAME = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/;
const TABLE_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * `true` when `name` is a ServiceNow field name as queries spell it: lowercase `[a-z0-9_]`,
 * starting with a letter, optionally dot-walked (`caller_id.manager.name`).
 *
 * @example
 * ```ts
 * isValidFieldName('task.opened_at'); // true
 * isValidFieldName('Priority'); // false
 * ```
 */
export function isValidFieldName(name: string): boolean {
  return FIELD_NAME.test(name);
}

/**
 * Why `name` is not a valid field name, or `undefined` when it is.
 * @internal
 */
export function fieldNameProblem(name: string): string | undefined {
  if (FIELD_NAME.test(name)) return undefined;
  if (name === '') return 'missing field name';
  const quoted = JSON.stringify(name);
  if (!/^[a-z]/.test(name)) return `field name ${quoted} must start with a lowercase letter`;
  if (name.includes('..')) return `field name ${quoted} contains ".."`;
  if (name.endsWith('.')) return `field name ${quoted} ends with "."`;
  return `field name ${quoted} may contain only lowercase letters, digits, "_" and "."`;
}

/** A problem found in one condition; `offset` counts from the start of the value. */
export interface ConditionProblem {
  readonly message: string;
  readonly offset: number;
}

/**
 * The first problem of the value of a condition, or `undefined`. The field name is checked
 * separately ({@link fieldNameProblem}).
 * @internal
 */
export function valueProblem(operator: QueryOperator, value: string): ConditionProblem | undefined {
  if (isUnaryOperator(operator)) {
    return value === ''
      ? undefined
      : { message: `operator ${operator} takes no value, got ${JSON.stringify(value)}`, offset: 0 };
  }
  if (value === '') {
    return {
      message: `empty value for operator ${operator} (use ISEMPTY, ISNOTEMPTY or EMPTYSTRING)`,
      offset: 0,
    };
  }
  // A value that would glue onto the operator and read back as a longer one (`>` + `=5`).
  const reread = matchOperator(operator + value);
  if (reread !== undefined && reread.operator !== operator) {
    return {
      message: `value ${JSON.stringify(value)} after ${operator} would read as operator ${reread.operator}`,
      offset: 0,
    };
  }
  switch (operator) {
    case 'BETWEEN': {
      const at = value.indexOf('@');
      if (at < 0 || value.indexOf('@', at + 1) >= 0) {
        return {
          message: `BETWEEN needs exactly one "@" between its bounds, got ${JSON.stringify(value)}`,
          offset: 0,
        };
      }
      if (at === 0 || at === value.length - 1) {
        return { message: `BETWEEN has an empty bound in ${JSON.stringify(value)}`, offset: at };
      }
      return undefined;
    }
    case 'IN':
    case 'NOT IN': {
      let offset = 0;
      for (const element of value.split(',')) {
        if (element === '') {
          return {
            message: `${operator} list ${JSON.stringify(value)} has an empty element`,
            offset,
          };
        }
        offset += element.length + 1;
      }
      return undefined;
    }
    case 'SAMEAS':
    case 'NSAMEAS': {
      const problem = fieldNameProblem(value);
      return problem === undefined
        ? undefined
        : { message: `${operator} compares with another field: ${problem}`, offset: 0 };
    }
    case 'INSTANCEOF':
      return TABLE_NAME.test(value)
        ? undefined
        : { message: `INSTANCEOF needs a table name, got ${JSON.stringify(value)}`, offset: 0 };
    default:
      return undefined;
  }
}
