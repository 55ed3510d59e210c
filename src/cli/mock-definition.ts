/**
 * The `mock` command's definition: the data (port, seed, scale, the integration user's time
 * zone) and a flag per fault switch of the mock, each validated as it is read.
 *
 * @module
 */
import { type Command, Option } from 'commander';
import type { CliIo } from './io.js';
import { nonNegativeInteger, positiveInteger, UsageError } from './usage-error.js';

/** A chance from 0 (exclusive) to 1 (inclusive), or a UsageError naming the flag. */
function probability(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1) {
      throw new UsageError(
        `${flag} must be a probability above 0 and at most 1, received ${JSON.stringify(value)}`,
      );
    }
    return n;
  };
}

/** A share from 0 (exclusive) to 1 (exclusive): some rows must stay visible. */
function share(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n >= 1) {
      throw new UsageError(
        `${flag} must be a share above 0 and below 1, received ${JSON.stringify(value)}`,
      );
    }
    return n;
  };
}

/** A ServiceNow table name (repeatable flag). */
function tableName(flag: string): (value: string, previous: string[] | undefined) => string[] {
  return (value, previous) => {
    if (!/^[a-z][a-z0-9_]*$/.test(value)) {
      throw new UsageError(`${flag} must be a table name, received ${JSON.stringify(value)}`);
    }
    return [...(previous ?? []), value];
  };
}

/** `TABLE.FIELD` (repeatable flag). */
function tableField(flag: string): (value: string, previous: string[] | undefined) => string[] {
  return (value, previous) => {
    if (!/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/.test(value)) {
      throw new UsageError(
        `${flag} must be TABLE.FIELD (e.g. sys_user.email), received ${JSON.stringify(value)}`,
      );
    }
    return [...(previous ?? []), value];
  };
}

/** The statuses the mock injects (repeatable flag). */
function serverErrorStatus(
  flag: string,
): (value: string, previous: number[] | undefined) => number[] {
  return (value, previous) => {
    if (!['500', '502', '503', '504'].includes(value)) {
      throw new UsageError(
        `${flag} must be 500, 502, 503 or 504, received ${JSON.stringify(value)}`,
      );
    }
    return [...(previous ?? []), Number(value)];
  };
}

/** An IANA time zone. */
function timeZone(flag: string): (value: string) => string {
  return (value) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
    } catch {
      throw new UsageError(
        `${flag} must be an IANA time zone (e.g. Europe/Paris), received ${JSON.stringify(value)}`,
      );
    }
    return value;
  };
}

/** A fault that hits every request, or a share of them: `--flag` or `--flag 0.1`. */
function chance(flag: string, description: string): Option {
  return new Option(`${flag} [probability]`, `${description} (every request, or this share)`)
    .preset('1')
    .argParser(probability(flag));
}

const HELP = [
  '',
  'Examples:',
  '  $ servicenow-sync mock --port 8080 --scale 100000',
  '  $ servicenow-sync mock --time-zone America/New_York --latency 50 --jitter 30',
  '  $ servicenow-sync mock --server-errors 0.05 --rate-limit 0.02 --retry-after 2',
  '  $ servicenow-sync mock --acl-hidden-share 0.1 --hide-field sys_user.email --deny-table sys_audit_delete',
  '  $ servicenow-sync mock --shuffle-ties --read-only',
  '',
  'On start it prints the URL, the credentials, the faults in effect and a ready-to-paste',
  '`sync` command. Faults with a probability draw from a generator seeded by --fault-seed',
  '(default: --seed), so a run is repeatable.',
].join('\n');

/** `mock`: the mock server standalone, with every fault switch. */
export function addMockCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('mock')
    .description('run the mock ServiceNow server standalone')
    .option('--port <n>', 'port (0 picks a free one)', nonNegativeInteger('--port'), 0)
    .option('--seed <n>', 'data seed', nonNegativeInteger('--seed'))
    .option('--scale <n>', 'number of incidents', positiveInteger('--scale'))
    .option(
      '--time-zone <zone>',
      "the integration user's time zone: display values differ from stored ones (default UTC)",
      timeZone('--time-zone'),
    )
    .option(
      '--fault-seed <n>',
      'seed of fault probabilities, jitter, ACL shares and tie order',
      nonNegativeInteger('--fault-seed'),
    )
    .option('--latency <ms>', 'added latency per request', nonNegativeInteger('--latency'))
    .option('--jitter <ms>', 'extra random latency, 0..ms', nonNegativeInteger('--jitter'))
    .option(
      '--hang <ms>',
      'hold answers this long (longer than a client timeout)',
      positiveInteger('--hang'),
    )
    .option(
      '--hang-probability <p>',
      'share of requests --hang holds (default every one)',
      probability('--hang-probability'),
    )
    .addOption(chance('--hibernate', 'answer with the hibernating-instance HTML page'))
    .option(
      '--requests-per-second <n>',
      'accept at most n requests a second, bare 429 for the rest',
      positiveInteger('--requests-per-second'),
    )
    .addOption(chance('--rate-limit', 'answer 429 with Retry-After and X-RateLimit-* headers'))
    .option(
      '--retry-after <seconds>',
      'Retry-After of --rate-limit (default 1)',
      positiveInteger('--retry-after'),
    )
    .addOption(chance('--bare-429', 'answer 429 without rate-limit headers'))
    .addOption(chance('--server-errors', 'answer 5xx'))
    .option(
      '--server-error-status <status>',
      'status of --server-errors: 500, 502, 503, 504 (repeatable, used in turn; default 503)',
      serverErrorStatus('--server-error-status'),
    )
    .option('--html-errors', "send --server-errors' 502/503/504 as a proxy's HTML page")
    .addOption(chance('--truncate-json', 'cut JSON answers mid-body'))
    .addOption(chance('--quota-cancel', 'cancel list answers by a quota rule (partial result)'))
    .option(
      '--read-denied <table>',
      "403 'Insufficient rights to read records' on this table (repeatable)",
      tableName('--read-denied'),
    )
    .option(
      '--deny-table <table>',
      "403 'User Not Authorized' (a missing role) on this table (repeatable)",
      tableName('--deny-table'),
    )
    .option(
      '--hide-field <table.field>',
      'a field ACL: leave this field out of the records (repeatable)',
      tableField('--hide-field'),
    )
    .option(
      '--acl-hidden-share <share>',
      'a row ACL hides this seeded share of rows (short pages)',
      share('--acl-hidden-share'),
    )
    .option(
      '--acl-blank-share <share>',
      'a row ACL blanks this seeded share of rows (sent as {})',
      share('--acl-blank-share'),
    )
    .option(
      '--acl-table <table>',
      'limit the row ACL shares to this table (repeatable; default every table)',
      tableName('--acl-table'),
    )
    .option('--read-only', 'refuse writes with 403, as an ACL would')
    .option('--shuffle-ties', 'break ties of a non-unique ORDERBY in a seeded order, not by sys_id')
    .addHelpText('after', HELP)
    .action(async (flags) => {
      const { mockCommand } = await import('./commands/mock-command.js');
      done(await mockCommand(flags, io));
    });
}
