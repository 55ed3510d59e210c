/**
 * The watermark of an incremental sync: a position in the `(sys_updated_on, sys_id)` order, and
 * that order. The client pages by it, runs advance it, sinks store it.
 *
 * @module
 */

/**
 * A position in the `(sys_updated_on, sys_id)` order of paging strategy `'updated'`: paging
 * resumes strictly after it.
 *
 * @example
 * ```ts
 * // every row changed at or after 2025-03-01 00:00:00 UTC
 * const since: PageCursor = { updatedOn: '2025-03-01 00:00:00', sysId: '' };
 * ```
 */
export interface PageCursor {
  /** `sys_updated_on` as the instance stores it: UTC `YYYY-MM-DD HH:MM:SS`. */
  readonly updatedOn: string;
  /**
   * `sys_id` of the row at that key; `''` is the key just before every row updated at
   * `updatedOn` (resuming after it reads every row with `sys_updated_on >= updatedOn`).
   */
  readonly sysId: string;
}

/**
 * `true` when the key `(updatedOn, sysId)` of `key` comes strictly after `cursor`, in the order
 * of strategy `'updated'` (`ORDERBYsys_updated_on^ORDERBYsys_id`).
 */
export function isAfterCursor(key: PageCursor, cursor: PageCursor): boolean {
  return (
    key.updatedOn > cursor.updatedOn ||
    (key.updatedOn === cursor.updatedOn && key.sysId > cursor.sysId)
  );
}
