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

/** Parses a positive integer option, or throws a UsageError naming the option. */
export function positiveInteger(option: string): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
      throw new UsageError(
        `${option} must be a positive integer, received ${JSON.stringify(value)}`,
      );
    }
    return Number(value);
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
