/**
 * The `state` command's definition: `state` shows every task's sync state, `state reset TASK...`
 * clears watermarks.
 *
 * @module
 */
import { type Command, Option } from 'commander';
import { ENVIRONMENT } from './connection.js';
import type { CliIo } from './io.js';

/** `state` and `state reset`: the incremental sync state of a database. */
export function addStateCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const dbOption = () => new Option('--db <url>', 'database URL').env(ENVIRONMENT.db);
  const state = program
    .command('state')
    .description("show each task's watermark, deletes checkpoint and instance")
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ servicenow-sync state',
        '  $ servicenow-sync state --db postgres://localhost/sn --json',
        '  $ servicenow-sync state reset users groups',
      ].join('\n'),
    )
    .action(async (flags) => {
      const { stateCommand } = await import('./commands/state-command.js');
      done(await stateCommand(flags, io));
    });
  state
    .command('reset')
    .description('clear the watermarks of tasks: their next incremental run loads everything')
    .argument('<tasks...>', 'task names, as `servicenow-sync state` lists them')
    .addOption(dbOption())
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ servicenow-sync state reset users',
        '  $ servicenow-sync state reset users groups companies --db postgres://localhost/sn',
        '',
        'The instance recorded for the tables stays: the next run must read the same instance.',
      ].join('\n'),
    )
    .action(async (tasks: string[], flags, command: Command) => {
      const { stateResetCommand } = await import('./commands/state-command.js');
      done(await stateResetCommand(tasks, { ...command.optsWithGlobals(), ...flags }, io));
    });
}
