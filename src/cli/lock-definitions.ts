/**
 * The definitions of the commands that end a stuck run by hand: `unlock JOB` and
 * `runs cancel ID` (a subcommand of `runs`).
 *
 * @module
 */
import { type Command, Option } from 'commander';
import { ENVIRONMENT } from './connection.js';
import type { CliIo } from './io.js';

const EXIT_CODES = 'Exit codes: 0 done, or nothing to do (said so); 2 bad usage.';

/** `unlock`: remove a job's run lock and close its run as cancelled. */
export function addUnlockCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('unlock')
    .description("end a stuck run by hand: remove its job's lock, log the run as cancelled")
    .argument('<job...>', 'incidents | configurations | the task names given to sync')
    .addOption(
      new Option('--instance <url>', 'the lock of this instance (when several are locked)').env(
        ENVIRONMENT.instance,
      ),
    )
    .addOption(new Option('--db <url>', 'database URL').env(ENVIRONMENT.db))
    .option('--json', 'print what was done as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ servicenow-sync unlock incidents',
        '  $ servicenow-sync unlock users groups --db postgres://localhost/sn',
        '',
        'A run of this host whose process is gone, or one elsewhere silent for --lock-stale',
        'seconds, is taken over by the next sync without unlocking. A run still alive when',
        'its lock is removed stops at its next heartbeat (within 15 s).',
        EXIT_CODES,
      ].join('\n'),
    )
    .action(async (targets: string[], flags) => {
      const { unlockCommand } = await import('./commands/unlock-command.js');
      done(await unlockCommand(targets, flags, io));
    });
}

/** `runs cancel`: close a run as cancelled and remove its lock. */
export function addRunsCancelCommand(runs: Command, io: CliIo, done: (code: number) => void): void {
  runs
    .command('cancel')
    .description('end a stuck run by hand: log it as cancelled, remove its lock')
    .argument('<id>', 'execution id (see servicenow-sync runs)')
    .addOption(new Option('--db <url>', 'database URL').env(ENVIRONMENT.db))
    .option('--json', 'print what was done as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ servicenow-sync runs cancel 57',
        '',
        'A run still alive stops at its next heartbeat (within 15 s).',
        `${EXIT_CODES} An unknown id is bad usage.`,
      ].join('\n'),
    )
    .action(async (id: string, flags, command: Command) => {
      const { runsCancelCommand } = await import('./commands/unlock-command.js');
      // `runs --db X cancel 5`: the flags given before `cancel` belong to `runs`.
      done(await runsCancelCommand(id, { ...command.parent?.opts(), ...flags }, io));
    });
}
