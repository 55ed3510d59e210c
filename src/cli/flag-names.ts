/**
 * The library's option names as the CLI's flags, so that its messages name what the user typed.
 *
 * @module
 */
import type { ConfigurationError, InvalidWindowError } from '../index.js';

/** Each library option (`ConfigurationError.option`, or the name a message starts with) and its flag. */
const FLAGS: Readonly<Record<string, string>> = {
  instanceUrl: '--instance',
  auth: '--user/--password, --client-id/--client-secret or --token',
  'window.from': '--from',
  'window.to': '--to',
  window: '--from/--to',
  since: '--since',
  overlapMinutes: '--overlap',
  pageSize: '--page-size',
  batchSize: '--batch-size',
  tablePrefix: '--table-prefix',
  concurrency: '--concurrency',
  partitions: '--partitions',
  deletes: '--deletes',
  mode: '--incremental/--full',
  filters: '--filter',
  strictTimeZone: '--strict-time-zone',
  url: '--db',
};

/**
 * The message of a library error with the option it is about written as the CLI's flag
 * (`Invalid option instanceUrl: ...` becomes `Invalid option --instance: ...`). A message about
 * an option without a flag is returned as it is.
 *
 * @example
 * ```ts
 * withFlagNames(new ConfigurationError('pageSize must be ...', { option: 'pageSize' })); // '--page-size must be ...'
 * ```
 */
export function withFlagNames(error: ConfigurationError | InvalidWindowError): string {
  const named = 'option' in error ? error.option : undefined;
  const option = named ?? /^[\w.]+/.exec(error.message)?.[0];
  const flag = option === undefined ? undefined : FLAGS[option];
  if (option === undefined || flag === undefined) return error.message;
  const name = new RegExp(`(?<![\\w.-])${option.replace('.', '\\.')}(?![\\w.])`, 'g');
  return error.message.replace(name, flag);
}
