/**
 * The `sync` command's definition: its arguments, flags (each with its environment variable
 * where it has one) and help.
 *
 * @module
 */
import { type Command, Option } from 'commander';
import { EXIT_CODES_HELP } from './exit-codes.js';
import type { CliIo } from './io.js';
import {
  addConnectionFlags,
  addDbFlag,
  addSelectionFlags,
  addTableFlags,
} from './run-flag-definitions.js';
import { nonNegativeInteger, positiveInteger } from './usage-error.js';

/** `sync`: a job, built-in tasks, or tables discovered from the instance. */
export function addSyncCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const command = program
    .command('sync')
    .description(
      'sync a job (incidents, configurations), built-in tasks, or any table (--table) from an instance',
    )
    .argument('[targets...]', 'incidents | configurations | task names (optional with --table)');
  addConnectionFlags(command);
  addDbFlag(command);
  addTableFlags(command);
  addSelectionFlags(command)
    .option(
      '--overlap <minutes>',
      'incremental: minutes re-read before each watermark (default 10)',
      nonNegativeInteger('--overlap'),
    )
    .option('--soft-delete', 'mark deleted records with sys_deleted_at instead of removing them')
    .option('--strict-time-zone', "refuse to run when the integration user's time zone is not GMT")
    .option('--concurrency <n>', 'tasks at once', positiveInteger('--concurrency'))
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
        '  $ servicenow-sync sync --table problem --table u_vendor_review --incremental',
        "  $ servicenow-sync sync --table change_request --fields number,state,risk --filter 'change_request=active=true'",
        '',
        'Without --from/--to the incidents job loads yesterday (UTC).',
        'Configuration tables (the configurations job, or its tasks alone) sync incrementally',
        'unless --full: their first run loads everything.',
        "--table reads the table's dictionary first (sys_db_object, sys_dictionary), then syncs",
        'it like a built-in task named after the table: in full unless --incremental (as any',
        'task list); a table without sys_updated_on is then read in full, with a run warning.',
        'Run `servicenow-sync plan` with the same flags first to see what would happen.',
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
