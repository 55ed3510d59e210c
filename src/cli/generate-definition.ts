/**
 * The `generate` command's definition: `--table` (repeatable), `--fields`, `--out`, `--force`
 * and the connection flags.
 *
 * @module
 */
import type { Command } from 'commander';
import { EXIT_CODES_HELP } from './exit-codes.js';
import type { CliIo } from './io.js';
import { addConnectionFlags, addTableFlags, DEFAULT_GENERATE_DIR } from './run-flag-definitions.js';

/** `generate`: a TypeScript task module per discovered table. */
export function addGenerateCommand(
  program: Command,
  io: CliIo,
  done: (code: number) => void,
): void {
  const command = program
    .command('generate')
    .description(
      'write a TypeScript module per table (its row type and an editable defineTask) from the dictionary',
    );
  addConnectionFlags(command);
  addTableFlags(command)
    .option('--out <dir>', 'directory of the generated files', DEFAULT_GENERATE_DIR)
    .option('--force', 'overwrite files that exist')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ servicenow-sync generate --table u_vendor_review --out src/tasks',
        '  $ servicenow-sync generate --table problem --table change_request --fields number,state',
        '',
        'Each table gives <out>/<table>.ts, importing from "servicenow-sync": the record type of',
        'the copied row and a defineTask({...}) to edit, commit and run with runTasks. A file',
        'that exists is not overwritten without --force (nothing is written then: exit 2).',
        '',
        EXIT_CODES_HELP,
      ].join('\n'),
    )
    .action(async (flags) => {
      const { generateCommand } = await import('./commands/generate-command.js');
      done(await generateCommand(flags, io));
    });
}
