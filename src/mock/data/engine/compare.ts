/**
 * Value comparison as the mock's "database" does it: numbers numerically, date-times as their
 * canonical UTC text, everything else as case-insensitive text.
 *
 * @module
 */
import type { ValueKind } from './field-path.js';

/** Compares two non-empty values of a kind: negative, 0 or positive. @internal */
export function compareValues(kind: ValueKind, a: string, b: string): number {
  if (kind === 'number') {
    const x = Number(a);
    const y = Number(b);
    if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) {
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
  if (kind === 'datetime' || kind === 'date') return a < b ? -1 : a > b ? 1 : 0;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Equality of two values of a kind (case-insensitive for text). @internal */
export function equalValues(kind: ValueKind, a: string, b: string): boolean {
  if (a === b) return true;
  return compareValues(kind, a, b) === 0;
}

/**
 * Sort order of two values (empty first), as `ORDERBY` uses it.
 * @internal
 */
export function compareForSort(kind: ValueKind, a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? -1 : 1;
  return compareValues(kind, a, b);
}
