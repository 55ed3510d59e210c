/**
 * The library's option names as the CLI's flags, so that its messages name what the user typed.
 *
 * @module
 */

/** A library error as {@link withFlagNames} reads it: its message and, maybe, the option at fault. */
export interface OptionMessage {
  readonly message: string;
  /** `ConfigurationError.option`. */
  readonly option?: string | undefined;
}

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
  filter: '--filter',
  strictTimeZone: '--strict-time-zone',
  url: '--db',
};

/** What a message calls an option in words, as the flag (`database URL x: ...` -> `--db x: ...`). */
const PHRASES: ReadonlyArray<readonly [option: string, phrase: RegExp, flag: string]> = [
  ['url', /^database URL\b/, '--db'],
];

/**
 * Option names that cannot be ordinary words (`pageSize`, `window.from`): written as flags
 * wherever a message names them. Plain words (`window`, `since`) only where the error is about
 * that option.
 */
const IDENTIFIERS = Object.keys(FLAGS)
  .filter((option) => /[A-Z.]/.test(option))
  .sort((a, b) => b.length - a.length);

/**
 * The message of a library error with the options it names written as the CLI's flags
 * (`Invalid option instanceUrl: ...` becomes `Invalid option --instance: ...`; `window.from
 * 2026-03-02 is after window.to 2026-03-01` names `--from` and `--to`). A message about an
 * option without a flag is returned as it is.
 *
 * @example
 * ```ts
 * withFlagNames(new ConfigurationError('pageSize must be ...', { option: 'pageSize' })); // '--page-size must be ...'
 * ```
 */
export function withFlagNames(error: OptionMessage): string {
  const named = error.option;
  const option = named ?? /^[\w.]+/.exec(error.message)?.[0];
  let message = error.message;
  for (const [about, phrase, flag] of PHRASES) {
    if (about === option) message = message.replace(phrase, flag);
  }
  const options = option !== undefined && !IDENTIFIERS.includes(option) ? [option] : [];
  for (const name of [...IDENTIFIERS, ...options]) {
    const flag = FLAGS[name];
    if (flag !== undefined) message = message.replace(wordPattern(name), flag);
  }
  return message;
}

/** `name` as a whole word (not part of `a.name`, `name.b` or `--name`). */
function wordPattern(name: string): RegExp {
  return new RegExp(`(?<![\\w.-])${name.replaceAll('.', '\\.')}(?![\\w.])`, 'g');
}
