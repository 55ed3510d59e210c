/**
 * The check of the millisecond options of the execution log and the run lock.
 *
 * @module
 */

/**
 * `value` when it is a positive finite number, `fallback` when absent; otherwise a `RangeError`
 * naming the class and the option (`KyselyRunLock option heartbeatMs must be ...`).
 */
export function positiveOption(
  owner: string,
  option: string,
  value: number | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(
      `${owner} option ${option} must be a positive number, received ${String(value)}`,
    );
  }
  return value;
}
