/**
 * `client.integrationUser()`: the `sys_user` row of the user the client authenticates as, for
 * the time-zone guard of incremental sync (display values and `gs.dateGenerate()` are read in
 * that user's zone).
 *
 * @module
 */
import { formatQuery } from '../query/index.js';
import type { AuthOptions } from './auth/index.js';
import { PermissionError } from './errors/index.js';
import { checkListBody, rawValueOf } from './table/index.js';
import type { RequestExecutor } from './transport/index.js';

/**
 * The integration user as the instance describes it.
 *
 * @example
 * ```ts
 * const user = await client.integrationUser();
 * if (user !== undefined && user.timeZone !== '' && user.timeZone !== 'GMT') {
 *   console.warn(`${user.userName} reads dates in ${user.timeZone}`);
 * }
 * ```
 */
export interface IntegrationUser {
  /** `sys_user.user_name`. */
  readonly userName: string;
  /**
   * `sys_user.time_zone` as stored (`GMT`, `Europe/Paris`, `US/Pacific`...); `''` when the user
   * has none (the instance's default zone applies).
   */
  readonly timeZone: string;
}

/** Options of `client.integrationUser()`. */
export interface IntegrationUserOptions {
  /** Cancels the request. */
  readonly signal?: AbortSignal;
}

/**
 * The user name the credentials carry: Basic and the OAuth password grant have one; a bearer
 * token and the `client_credentials` grant do not.
 */
export function authUserName(auth: AuthOptions): string | undefined {
  if (auth.type === 'bearer') return undefined;
  return auth.username === undefined || auth.username === '' ? undefined : auth.username;
}

/**
 * Reads `sys_user` by `user_name` (fields `user_name,time_zone`, limit 1). `undefined` when the
 * row cannot be read: 403 (no rights on `sys_user`), 404, no row, or a `{}` row blanked by an
 * ACL. Other failures throw.
 */
export async function readIntegrationUser(
  executor: RequestExecutor,
  userName: string,
  signal: AbortSignal | undefined,
): Promise<IntegrationUser | undefined> {
  const params = {
    sysparm_query: formatQuery({
      groups: [{ terms: [[{ field: 'user_name', operator: '=', value: userName }]] }],
      orderBy: [],
    }),
    sysparm_fields: 'user_name,time_zone',
    sysparm_limit: '1',
    sysparm_display_value: 'false',
    sysparm_exclude_reference_link: 'true',
    sysparm_no_count: 'true',
    sysparm_suppress_pagination_header: 'true',
  };
  let body: unknown;
  try {
    const result = await executor.execute({
      method: 'GET',
      path: '/api/now/table/sys_user',
      params: () => params,
      signal,
      validate: checkListBody,
      allowNotFound: true,
    });
    if (result.notFound) return undefined;
    body = result.body;
  } catch (error) {
    if (error instanceof PermissionError) return undefined;
    throw error;
  }
  const row = (body as { result: Record<string, unknown>[] }).result[0];
  if (row === undefined) return undefined;
  const name = rawValueOf(row, 'user_name');
  if (name === undefined) return undefined;
  return { userName: name, timeZone: rawValueOf(row, 'time_zone') ?? '' };
}
