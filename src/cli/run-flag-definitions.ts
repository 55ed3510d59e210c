/**
 * The flags `sync`, `plan` and `generate` share: the connection (each with its environment
 * variable) and what is read (tables to discover, fields, filters, the mode and its options).
 *
 * @module
 */
import { type Command, Option } from 'commander';
import { ENVIRONMENT } from './connection.js';
import { positiveInteger } from './usage-error.js';

/** The default `--out` of `generate`. */
export const DEFAULT_GENERATE_DIR = './servicenow-tasks';

/** A repeatable flag's values, in order. */
export const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** `--instance` and the credentials. */
export function addConnectionFlags(command: Command): Command {
  return command
    .addOption(new Option('--instance <url>', 'instance URL').env(ENVIRONMENT.instance))
    .addOption(
      new Option('--user <name>', 'basic auth or OAuth password-grant user').env(ENVIRONMENT.user),
    )
    .addOption(new Option('--password <secret>', 'password').env(ENVIRONMENT.password))
    .addOption(new Option('--client-id <id>', 'OAuth client id').env(ENVIRONMENT.clientId))
    .addOption(
      new Option('--client-secret <secret>', 'OAuth client secret').env(ENVIRONMENT.clientSecret),
    )
    .addOption(new Option('--token <token>', 'bearer token').env(ENVIRONMENT.token));
}

/** `--db`. */
export function addDbFlag(command: Command): Command {
  return command.addOption(
    new Option('--db <url>', 'sqlite:PATH | postgres://... | mysql://...').env(ENVIRONMENT.db),
  );
}

/** `--table` (repeatable) and `--fields`: tables discovered from the instance's dictionary. */
export function addTableFlags(command: Command): Command {
  return command
    .option(
      '--table <name>',
      "a ServiceNow table to discover from the instance's dictionary (repeatable)",
      collect,
    )
    .option(
      '--fields <[table=]a,b,c>',
      'only these fields of the discovered tables (sys_id and sys_updated_on are kept); TABLE= for one table (repeatable)',
      collect,
    );
}

/** What is read and how: filters, mode, since, deletes, partitions, the tables' prefix. */
export function addSelectionFlags(command: Command): Command {
  return command
    .option('--from <date>', 'first day of the window (YYYY-MM-DD, UTC)')
    .option('--to <date>', 'last day of the window, included (YYYY-MM-DD)')
    .option(
      '--filter <task=query>',
      'extra encoded query ANDed into a task or --table (repeatable)',
      collect,
    )
    .addOption(
      new Option('--incremental', "read what changed since each task's watermark").conflicts([
        'full',
        'from',
        'to',
      ]),
    )
    .option('--full', 'read the whole selection (or the --from/--to window)')
    .option('--since <date>', 'incremental: where tasks without a watermark start (YYYY-MM-DD)')
    .addOption(
      new Option(
        '--deletes <mode>',
        'deletes: audit (sys_audit_delete), reconcile (every key) or none; default: audit when incremental, none when full',
      ).choices(['audit', 'reconcile', 'none']),
    )
    .option(
      '--partitions <n>',
      'full runs: sys_id ranges read at once per table',
      positiveInteger('--partitions', 16),
    )
    .option('--page-size <n>', 'records per request', positiveInteger('--page-size', 10_000))
    .option(
      '--table-prefix <prefix>',
      "prefix of the data tables' names (another instance in the same database)",
    );
}
