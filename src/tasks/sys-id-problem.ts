/**
 * What makes a `sys_id` unusable as a key: the checks the decoder applies before a record can
 * become a row on any database.
 *
 * @module
 */

/** A C0 control character, DEL or a C1 control character (U+0000–U+001F, U+007F–U+009F). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** Whitespace at the start or the end (any Unicode white space, as `String.prototype.trim`). */
const EDGE_SPACE = /^\s|\s$/u;

/**
 * Why `sysId` (a non-empty string) cannot be a record's key, or `undefined` when it can. A
 * `sys_id` with leading or trailing white space would merge with the one without it on a
 * MySQL/MariaDB `PAD SPACE` column, and one holding a control character is never a real
 * ServiceNow key: both are refused on every database, so all three dialects keep the same rows.
 *
 * @example
 * ```ts
 * sysIdProblem('1c741bd70b2322007518478d83673af3'); // undefined
 * sysIdProblem('abc '); // 'is not a valid sys_id: it has leading or trailing white space'
 * ```
 */
export function sysIdProblem(sysId: string): string | undefined {
  if (EDGE_SPACE.test(sysId)) {
    return 'is not a valid sys_id: it has leading or trailing white space';
  }
  const control = CONTROL.exec(sysId);
  if (control !== null) {
    const code = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return `is not a valid sys_id: it holds the control character U+${code}`;
  }
  return undefined;
}
