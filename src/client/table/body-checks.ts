/**
 * Shape checks of successful bodies: a list, one record, an aggregate count. Each returns the
 * problem, or `undefined` when the body is usable.
 *
 * @module
 */

/** Checks a list body: `{ result: [ {...}, ... ] }`. Returns the problem or `undefined`. */
export function checkListBody(body: unknown): string | undefined {
  const result = (body as { result?: unknown } | null)?.result;
  if (!Array.isArray(result)) return 'list response has no result array';
  for (let i = 0; i < result.length; i++) {
    const row: unknown = result[i];
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      return `list response row ${i} is not an object`;
    }
  }
  return undefined;
}

/** Checks a record body: `{ result: {...} }`. Returns the problem or `undefined`. */
export function checkRecordBody(body: unknown): string | undefined {
  const result = (body as { result?: unknown } | null)?.result;
  return typeof result === 'object' && result !== null && !Array.isArray(result)
    ? undefined
    : 'record response has no result object';
}

/** Checks an aggregate body: `{ result: { stats: { count } } }` with a numeric count. */
export function checkStatsBody(body: unknown): string | undefined {
  const count = (body as { result?: { stats?: { count?: unknown } } } | null)?.result?.stats?.count;
  if (typeof count !== 'string' && typeof count !== 'number') return 'stats response has no count';
  return Number.isFinite(Number(count))
    ? undefined
    : `stats count ${JSON.stringify(count)} is not a number`;
}
