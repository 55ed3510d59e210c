/**
 * What a `sys_id` may look like.
 *
 * @module
 */

/**
 * What a sys_id may look like: 32 hex digits on real instances, other ids (`global`, test data)
 * from the same safe characters: no slash, comma, `^` or other query character.
 */
export const SYS_ID_PATTERN = /^[A-Za-z0-9_.-]+$/;
