/**
 * How a task-definition message names the value it received.
 *
 * @module
 */

/**
 * A received value as a task-definition message names it: a string quoted, `nothing` for
 * `undefined`, otherwise its type (`number`, `object`).
 */
export const quote = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : value === undefined
      ? 'nothing'
      : typeof value;
