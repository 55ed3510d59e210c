/**
 * The `sync` command's definition: its arguments, flags (each with its environment variable
 * where it has one) and help.
 *
 * @module
 */
import { type Command, Option } from 'commander';
import { ENVIRONMENT } from './connection.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import type { CliIo } from './io.js';
import { nonNegativeInteger, positiveInteger } from './usage-error.js';

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** `sync`: a job or built-in tasks from an instance. */
export function addSyncCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('sync')
    .description('sync a job (incidents, configurations) or built-in tasks from an instance')
    .argument('<targets...>', 'incidents | configurations | task names')
    .option('--from <date>', 'first day of the window (YYYY-MM-DD, UTC)')
    .option('--to <date>', 'last day of the window, included (YYYY-MM-DD)')
    .addOption(new Option('--instance <url>', 'instance URL').env(ENVIRONMENT.instance))
    .addOption(
      new Option('--user <name>', 'basic auth or OAuth password-grant user').env(ENVIRONMENT.user),
    )
    .addOption(new Option('--password <secret>', 'password').env(ENVIRONMENT.password))
    .addOption(new Option('--client-id <id>', 'OAuth client id').env(ENVIRONMENT.clientId))
    .addOption(
      new Option('--client-secret <secret>', 'OAuth client secret').env(ENVIRONMENT.clientSecret),
    )
    .addOption(new Option('--token <token>', 'bearer token').env(ENVIRONMENT.token))
    .addOption(
      new Option('--db <url>', 'sqlite:PATH | postgres://... | mysql://...').env(ENVIRONMENT.db),
    )
    .option('--filter <task=query>', 'extra encoded query ANDed into a task (repeatable)', collect)
    .addOption(
      new Option('--incremental', "read what changed since each task's watermark").conflicts([
        'full',
        'from',
        'to',
      ]),
    )
    .option('--full', 'read the whole selection (or the --from/--to window)')
    .option('--since <date>', 'incremental: where tasks without a watermark start (YYYY-MM-DD)')
    .option(
      '--overlap <minutes>',
      'incremental: minutes re-read before each watermark (default 10)',
      nonNegativeInteger('--overlap'),
    )
    .addOption(
      new Option(
        '--deletes <mode>',
        'deletes: audit (sys_audit_delete), reconcile (every key) or none; default: audit when incremental, none when full',
      ).choices(['audit', 'reconcile', 'none']),
    )
    .option('--soft-delete', 'mark deleted records with sys_deleted_at instead of removing them')
    .option('--strict-time-zone', "refuse to run when the integration user's time zone is not GMT")
    .option('--concurrency <n>', 'tasks at once', positiveInteger('--concurrency'))
    .option(
      '--partitions <n>',
      'full runs: sys_id ranges read at once per table',
      positiveInteger('--partitions', 16),
    )
    .option('--page-size <n>', 'records per request', positiveInteger('--page-size', 10_000))
    .option(
      '--batch-size <n>',
      'rows per database transaction (default 1000-10000 by table width)',
      positiveInteger('--batch-size'),
    )
    .addOption(
      new Option(
        '--lock-stale <seconds>',
        "a run lock held on another host counts as dead after this long without a heartbeat (default 120; a dead run of this host's is replaced at once)",
      )
        .env('SN_LOCK_STALE')
        .argParser(positiveInteger('--lock-stale')),
    )
    .option(
      '--table-prefix <prefix>',
      "prefix of the data tables' names (another instance in the same database)",
    )
    .option('--json', 'print the RunResult as JSON on stdout')
    .option('--quiet', 'no progress output')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ servicenow-sync sync incidents --from 2026-11-01 --to 2026-11-07 \\',
        '      --instance https://acme.service-now.com --user sync.bot --password "$PW"',
        '  $ SN_INSTANCE=https://acme.service-now.com SN_TOKEN=... servicenow-sync sync configurations --db postgres://localhost/sn',
        "  $ servicenow-sync sync users groups --filter 'users=active=true' --json",
        '  $ servicenow-sync sync incidents --incremental --since 2026-01-01 --deletes reconcile',
        '',
        'Without --from/--to the incidents job loads yesterday (UTC).',
        'Configuration tables (the configurations job, or its tasks alone) sync incrementally',
        'unless --full: their first run loads everything.',
        'Incremental runs apply deletes from sys_audit_delete unless --deletes none; when the',
        'integration user cannot read it, the run warns once and copies the rows as usual.',
        '',
        EXIT_CODES_HELP,
      ].join('\n'),
    )
    .action(async (targets: string[], flags) => {
      const { syncCommand } = await import('./commands/sync-command.js');
      done(await syncCommand(targets, flags, io));
    });
}
