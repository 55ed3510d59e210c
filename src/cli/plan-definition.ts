/**
 * The `plan` command's definition: the targets and flags of `sync` that shape what a run reads,
 * and `--json`.
 *
 * @module
 */
import type { Command } from 'commander';
import { EXIT_CODES_HELP } from './exit-codes.js';
import type { CliIo } from './io.js';
import {
  addConnectionFlags,
  addDbFlag,
  addSelectionFlags,
  addTableFlags,
} from './run-flag-definitions.js';

/** `plan`: what `sync` would do, without doing it. */
export function addPlanCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const command = program
    .command('plan')
    .description('show what sync would do (tables, columns, DDL, mode, rows), writing nothing')
    .argument('[targets...]', 'incidents | configurations | task names (optional with --table)');
  addConnectionFlags(command);
  addDbFlag(command);
  addTableFlags(command);
  addSelectionFlags(command)
    .option('--json', 'print the plan as JSON on stdout (shape: docs/any-table.md)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ servicenow-sync plan --table problem --table u_vendor_review --db postgres://localhost/sn',
        '  $ servicenow-sync plan configurations --json',
        '  $ servicenow-sync plan --table incident --fields number,state,caller_id --incremental',
        '',
        'Per table: the class chain, each column (element, glide type, SQL name and type,',
        'inherited from, reference), fallbacks and unreadable fields, the DDL against the',
        'database as it is now (create / add / widen), the mode and why, whether deletes can be',
        'captured, the instance row count of the selection, the partitions and the watermark.',
        'It sends only GET requests and writes nothing: a SQLite file that does not exist is',
        'not created (the plan shows every table created).',
        '',
        EXIT_CODES_HELP,
      ].join('\n'),
    )
    .action(async (targets: string[], flags) => {
      const { planCommand } = await import('./commands/plan-command.js');
      done(await planCommand(targets, flags, io));
    });
}
