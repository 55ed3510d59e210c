/**
 * The `servicenow-sync` command line: commands, help, exit codes.
 *
 * @module
 */
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_DEMO_DB, ENVIRONMENT } from './connection.js';
import { cliMessage } from './error-message.js';
import { EXIT_CODES, EXIT_CODES_HELP, errorKind, exitCodeOfError } from './exit-codes.js';
import { addGenerateCommand } from './generate-definition.js';
import { type CliIo, line } from './io.js';
import { addRunsCancelCommand, addUnlockCommand } from './lock-definitions.js';
import { addMockCommand } from './mock-definition.js';
import { addPlanCommand } from './plan-definition.js';
import { addStateCommand } from './state-definition.js';
import { addSyncCommand } from './sync-definition.js';
import { nonNegativeInteger, positiveInteger } from './usage-error.js';

const VERSION = '0.1.0';

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('servicenow-sync')
    .description(
      'Copy ServiceNow tables (incidents, SLAs, time worked, configurations, or any table) into SQL.',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Bad usage is one line on stderr: commander's "error: ..." plus any hint, then --help.
      outputError: (text, write) =>
        write(`servicenow-sync: ${oneLine(text.replace(/^error: /, ''))} (see --help)\n`),
    })
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ servicenow-sync demo',
        '  $ servicenow-sync sync incidents --from 2026-11-01 --to 2026-11-07 --instance https://acme.service-now.com',
        '  $ servicenow-sync plan --table problem --db postgres://localhost/sn',
        '  $ servicenow-sync sync --table problem --incremental --db postgres://localhost/sn',
        '  $ servicenow-sync generate --table u_vendor_review --out src/tasks',
        '  $ servicenow-sync runs',
        '  $ servicenow-sync state',
        '  $ servicenow-sync sync --help',
        '',
        EXIT_CODES_HELP,
      ].join('\n'),
    );

  const done = (code: number) => {
    exitCode = code;
  };
  addDemoCommand(program, io, done);
  addSyncCommand(program, io, done);
  addPlanCommand(program, io, done);
  addGenerateCommand(program, io, done);
  addRunsCommand(program, io, done);
  addUnlockCommand(program, io, done);
  addStateCommand(program, io, done);
  addMockCommand(program, io, done);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return exitCodeOf(error, io);
  }
}

async function exitCodeOf(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    // 'commander.help' with a non-zero code: no command given, the help went to stderr.
    if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : EXIT_CODES.usage;
    return EXIT_CODES.usage; // commander already printed the message
  }
  // Loaded here, not at the top: `--help` and bad flags answer without loading the library.
  const library = await import('../index.js');
  line(io.stderr, `servicenow-sync: ${oneLine(cliMessage(error, library))}`);
  return exitCodeOfError(errorKind(error, library), io.interrupted);
}

/** A possibly multi-line message as one line (`a:\n  - b\n  - c` becomes `a: - b - c`). */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}

/** `demo`: the bundled mock into SQLite. */
function addDemoCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('demo')
    .description('start the bundled mock ServiceNow and sync both jobs into SQLite')
    .option('--db <url>', 'database URL (never one holding a real instance)', DEFAULT_DEMO_DB)
    .option('--seed <n>', 'mock data seed', nonNegativeInteger('--seed'))
    .option('--scale <n>', 'number of mock incidents', positiveInteger('--scale'))
    .option('--quiet', 'no progress output')
    .option('--json', 'print the two RunResults as JSON on stdout')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ servicenow-sync demo',
        '  $ servicenow-sync demo --db sqlite:/tmp/demo.db --scale 20000',
        '',
        'The demo writes ./servicenow-demo.db, never the database of real syncs (./servicenow.db),',
        "and refuses a database that holds a real instance's data.",
      ].join('\n'),
    )
    .action(async (flags) => {
      const { demoCommand } = await import('./commands/demo-command.js');
      done(await demoCommand(flags, io));
    });
}

/** `runs`: the execution log. */
function addRunsCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const runs = program
    .command('runs')
    .description('show the execution log, newest first')
    .addOption(new Option('--db <url>', 'database URL').env(ENVIRONMENT.db))
    .option('--limit <n>', 'most runs shown', positiveInteger('--limit'))
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ servicenow-sync runs\n  $ servicenow-sync runs --db postgres://localhost/sn --json',
    )
    .action(async (flags) => {
      const { runsCommand } = await import('./commands/runs-command.js');
      done(await runsCommand(flags, io));
    });
  addRunsCancelCommand(runs, io, done);
}
