/**
 * The `servicenow-sync` command line: commands, help, exit codes.
 *
 * @module
 */
import { Command, CommanderError, Option } from 'commander';
import { ENVIRONMENT } from './connection.js';
import { withFlagNames } from './flag-names.js';
import { type CliIo, line } from './io.js';
import { nonNegativeInteger, positiveInteger, UsageError } from './usage-error.js';

const VERSION = '0.1.0';

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('servicenow-sync')
    .description('Copy ServiceNow tables (incidents, SLAs, time worked, configurations) into SQL.')
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
        '  $ servicenow-sync runs',
        '  $ servicenow-sync sync --help',
      ].join('\n'),
    );

  program
    .command('demo')
    .description('start the bundled mock ServiceNow and sync both jobs into SQLite')
    .option('--db <url>', 'database URL', 'sqlite:./servicenow.db')
    .option('--seed <n>', 'mock data seed', nonNegativeInteger('--seed'))
    .option('--scale <n>', 'number of mock incidents', positiveInteger('--scale'))
    .option('--quiet', 'no progress output')
    .option('--json', 'print the two RunResults as JSON on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ servicenow-sync demo\n  $ servicenow-sync demo --db sqlite:/tmp/demo.db --scale 20000',
    )
    .action(async (flags) => {
      const { demoCommand } = await import('./commands/demo-command.js');
      exitCode = await demoCommand(flags, io);
    });

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
        'propagate deletes: none, audit (sys_audit_delete), reconcile',
      ).choices(['none', 'audit', 'reconcile']),
    )
    .option('--soft-delete', 'mark deleted records with sys_deleted_at instead of removing them')
    .option('--strict-time-zone', "refuse to run when the integration user's time zone is not GMT")
    .option('--concurrency <n>', 'tasks at once', positiveInteger('--concurrency'))
    .option(
      '--partitions <n>',
      'full runs: sys_id ranges read at once per table',
      positiveInteger('--partitions'),
    )
    .option('--page-size <n>', 'records per request', positiveInteger('--page-size'))
    .option(
      '--batch-size <n>',
      'rows per database transaction (default 1000-10000 by table width)',
      positiveInteger('--batch-size'),
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
        '  $ servicenow-sync sync incidents --incremental --since 2026-01-01 --deletes audit',
        '',
        'Without --from/--to the incidents job loads yesterday (UTC).',
        'Configuration tables (the configurations job, or its tasks alone) sync incrementally',
        'unless --full: their first run loads everything.',
        'Exit codes: 0 success, 1 a task failed, 2 bad usage.',
      ].join('\n'),
    )
    .action(async (targets: string[], flags) => {
      const { syncCommand } = await import('./commands/sync-command.js');
      exitCode = await syncCommand(targets, flags, io);
    });

  program
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
      exitCode = await runsCommand(flags, io);
    });

  program
    .command('mock')
    .description('run the mock ServiceNow server standalone')
    .option('--port <n>', 'port (0 picks a free one)', nonNegativeInteger('--port'), 0)
    .option('--seed <n>', 'data seed', nonNegativeInteger('--seed'))
    .option('--scale <n>', 'number of incidents', positiveInteger('--scale'))
    .option('--latency <ms>', 'added latency per request', nonNegativeInteger('--latency'))
    .addHelpText('after', '\nExamples:\n  $ servicenow-sync mock --port 8080 --scale 100000')
    .action(async (flags) => {
      const { mockCommand } = await import('./commands/mock-command.js');
      exitCode = await mockCommand(flags, io);
    });

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
    if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
    return 2; // commander already printed the message
  }
  // Loaded here, not at the top: `--help` and bad flags answer without loading the library.
  const { ConfigurationError, InvalidWindowError, ServiceNowError } = await import('../index.js');
  if (
    error instanceof UsageError ||
    error instanceof ConfigurationError ||
    error instanceof InvalidWindowError ||
    (error instanceof ServiceNowError &&
      (error.code === 'QUERY_SYNTAX' || error.code === 'TASK_DEFINITION_INVALID'))
  ) {
    const library = error instanceof ConfigurationError || error instanceof InvalidWindowError;
    line(io.stderr, `servicenow-sync: ${oneLine(library ? withFlagNames(error) : error.message)}`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  line(io.stderr, `servicenow-sync: ${oneLine(message)}`);
  return 1;
}

/** A possibly multi-line message as one line (`a:\n  - b\n  - c` becomes `a: - b - c`). */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}
