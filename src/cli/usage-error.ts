/**
 * Bad command-line usage: the CLI prints one line and exits with code 2, writing nothing.
 *
 * @module
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses a positive integer option (at most `max` when given), or throws a UsageError naming
 * the option.
 */
export function positiveInteger(option: string, max?: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (
      !/^\d+$/.test(value) ||
      n < 1 ||
      !Number.isSafeInteger(n) ||
      (max !== undefined && n > max)
    ) {
      const range = max === undefined ? 'a positive integer' : `an integer from 1 to ${max}`;
      throw new UsageError(`${option} must be ${range}, received ${JSON.stringify(value)}`);
    }
    return n;
  };
}

/** Parses a non-negative integer option (a port may be 0). */
export function nonNegativeInteger(option: string): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
      throw new UsageError(
        `${option} must be a non-negative integer, received ${JSON.stringify(value)}`,
      );
    }
    return Number(value);
  };
}
