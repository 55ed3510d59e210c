/**
 * The time-zone guard: display values and `gs.dateGenerate` follow the integration user's time
 * zone, so a user not on GMT/UTC makes them disagree with the UTC values the loader stores
 * (servicenow-api.md section 3.4).
 *
 * @module
 */
import { summarize } from './error-summary.js';
import { TimeZoneMismatchError } from './errors.js';
import type { RunClient } from './run-options.js';

/** Zone names ServiceNow uses for UTC. */
const UTC_ZONES = new Set(['GMT', 'UTC', 'Etc/UTC', 'Etc/GMT', 'Greenwich', 'Universal', 'Zulu']);

/** True when a `sys_user.time_zone` value means UTC. */
export function isUtcZone(zone: string): boolean {
  return UTC_ZONES.has(zone);
}

/**
 * Reads the integration user's time zone once and returns the warning to log, if any. With
 * `strict`, throws {@link TimeZoneMismatchError} instead of warning, also when the zone cannot be
 * read.
 */
export async function checkTimeZone(
  client: RunClient,
  options: { readonly strict: boolean; readonly signal?: AbortSignal | undefined },
): Promise<string | undefined> {
  if (client.integrationUser === undefined) {
    return refuseOrWarn(
      options.strict,
      'The time zone of the integration user cannot be checked: the client cannot read it.',
    );
  }
  let user: Awaited<ReturnType<NonNullable<RunClient['integrationUser']>>>;
  try {
    user = await client.integrationUser(
      options.signal === undefined ? {} : { signal: options.signal },
    );
  } catch (error) {
    return refuseOrWarn(
      options.strict,
      `The time zone of the integration user could not be read (${summarize(error).message}).`,
    );
  }
  if (user === undefined) {
    return refuseOrWarn(
      options.strict,
      'The time zone of the integration user could not be read (no user name in the credentials, or sys_user is not readable); make sure it is GMT.',
    );
  }
  if (isUtcZone(user.timeZone)) return undefined;
  const zone = user.timeZone === '' ? 'not set (the instance default applies)' : user.timeZone;
  return refuseOrWarn(
    options.strict,
    `The integration user ${user.userName} has time zone ${zone}, not GMT: display values and gs.dateGenerate() follow that zone and disagree with the UTC values stored; set the user's time zone to GMT.`,
  );
}

function refuseOrWarn(strict: boolean, message: string): string {
  if (strict) throw new TimeZoneMismatchError(`${message} (strictTimeZone refuses the run)`);
  return message;
}
