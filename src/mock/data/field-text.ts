/**
 * The one way the mock reads a field of a record: an own property only, so a field named
 * `constructor` (added with `addField`, absent from older records) is `''`, not
 * `Object.prototype.constructor`.
 *
 * @module
 */

/**
 * The text of `field` in `record`, or `''` when the record has no such own field.
 *
 * @example
 * ```ts
 * fieldText({ number: 'INC0010001' }, 'number'); // 'INC0010001'
 * fieldText({}, 'constructor'); // ''
 * ```
 * @internal
 */
export function fieldText(record: Readonly<Record<string, string>>, field: string): string {
  return Object.hasOwn(record, field) ? (record[field] ?? '') : '';
}
