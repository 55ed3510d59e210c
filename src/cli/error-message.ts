/**
 * What the CLI prints for an error a command threw: library messages with flags for option
 * names, and a preflight failure with the flags to check.
 *
 * @module
 */
import type * as Library from '../index.js';
import { withFlagNames } from './flag-names.js';

/** The library's classes the messages depend on. */
export type MessageClasses = Pick<typeof Library, 'PreflightError' | 'ServiceNowError'>;

/** What to check after a preflight failure, by side, as flags and variables. */
const CHECK: Readonly<Record<Library.PreflightSide, string>> = {
  instance: 'check --instance (SN_INSTANCE) and the network',
  credentials:
    'check --user/--password, --client-id/--client-secret or --token (SN_USER, SN_PASSWORD, ...), and that the user is active and may use web services',
  database: 'check --db (SN_DB) and that the database server accepts connections',
};

/** The message of `error` as a CLI user reads it (possibly several lines; the caller joins them). */
export function cliMessage(error: unknown, classes: MessageClasses): string {
  if (error instanceof classes.PreflightError) {
    return `${error.problem}; ${CHECK[error.side] ?? error.hint}`;
  }
  // Library messages name options (`pageSize`, `window.from`): show them as flags.
  if (error instanceof classes.ServiceNowError) return withFlagNames(error);
  return error instanceof Error ? error.message : String(error);
}
