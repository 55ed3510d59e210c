/**
 * Bad usage of the built CLI: exit code 2, one clear line on stderr, nothing on stdout, nothing
 * written (no database file), no secret echoed. And `--help` on every command.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type CliRun, filesIn, runCli, tempDir } from './run-cli.js';

const SECRET = 'S3cret-pw-7f3a';
/** Nothing listens here; none of these invocations may get as far as connecting. */
const INSTANCE = 'http://127.0.0.1:9';
const CREDENTIALS = ['--instance', INSTANCE, '--user', 'sync.bot', '--password', SECRET];

const dirs: { remove(): void }[] = [];
afterAll(() => {
  for (const dir of dirs) dir.remove();
});

/** Runs in a fresh empty directory and checks the bad-usage contract. */
async function expectUsageError(
  args: readonly string[],
  message: RegExp,
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  const dir = tempDir();
  dirs.push(dir);
  const run = await runCli(args, { cwd: dir.path, env });
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^servicenow-sync: /);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toContain(SECRET);
  expect(filesIn(dir.path), 'bad usage must write nothing').toEqual([]);
  return run;
}

describe('bad usage exits 2 with one line and writes nothing', () => {
  it.concurrent('unknown command', async () => {
    await expectUsageError(['snyc'], /unknown command 'snyc'.*sync/);
  });

  it.concurrent('unknown option', async () => {
    await expectUsageError(
      ['sync', 'users', '--bogus', ...CREDENTIALS],
      /unknown option '--bogus'/,
    );
  });

  it.concurrent('missing target', async () => {
    await expectUsageError(['sync', ...CREDENTIALS], /Name what to sync: .*--table NAME/);
  });

  it.concurrent('--incremental with a window, or with --full', async () => {
    await expectUsageError(
      [
        'sync',
        'incidents',
        '--incremental',
        '--from',
        '2026-11-01',
        '--to',
        '2026-11-02',
        ...CREDENTIALS,
      ],
      /--incremental.*cannot be used with option '--from|--incremental takes no --from/,
    );
    await expectUsageError(
      ['sync', 'users', '--incremental', '--full', ...CREDENTIALS],
      /--incremental.*--full/,
    );
  });

  it.concurrent('--since without --incremental, a bad --since, an unknown --deletes', async () => {
    await expectUsageError(
      ['sync', 'incidents', '--since', '2026-01-01', ...CREDENTIALS],
      /--since and --overlap apply to incremental runs/,
    );
    await expectUsageError(
      ['sync', 'users', '--incremental', '--since', '2026-13-01', ...CREDENTIALS],
      /--since must be a real date/,
    );
    await expectUsageError(
      ['sync', 'users', '--deletes', 'sometimes', ...CREDENTIALS],
      /--deletes.*sometimes.*(none|audit|reconcile)/,
    );
    await expectUsageError(
      ['sync', 'users', '--partitions', '17', '--full', ...CREDENTIALS],
      /--partitions must be an integer from 1 to 16, received "17"/,
    );
    await expectUsageError(
      ['sync', 'configurations', '--partitions', '4', ...CREDENTIALS],
      /--partitions applies to full runs \(add --full\)/,
    );
    for (const bad of ['0', '-3', '2.5', 'many']) {
      await expectUsageError(
        ['sync', 'users', '--batch-size', bad, ...CREDENTIALS],
        /--batch-size/,
      );
    }
  });

  it.concurrent('missing instance', async () => {
    await expectUsageError(['sync', 'users', '--user', 'u', '--password', SECRET], /--instance/);
  });

  it.concurrent('missing credentials', async () => {
    await expectUsageError(['sync', 'users', '--instance', INSTANCE], /Missing credentials/);
  });

  it.concurrent('a password without a user, from the environment', async () => {
    await expectUsageError(['sync', 'users'], /--password needs --user/, {
      SN_INSTANCE: INSTANCE,
      SN_PASSWORD: SECRET,
    });
  });

  it.concurrent('a day that does not exist', async () => {
    await expectUsageError(
      ['sync', 'incidents', '--from', '2026-02-30', '--to', '2026-03-01', ...CREDENTIALS],
      /2026-02-30/,
    );
  });

  it.concurrent('a year before 1970', async () => {
    await expectUsageError(
      ['sync', 'incidents', '--from', '0000-01-01', '--to', '2026-03-01', ...CREDENTIALS],
      /0000-01-01 is before 1970-01-01/,
    );
  });

  it.concurrent('a reversed window', async () => {
    await expectUsageError(
      ['sync', 'incidents', '--from', '2026-03-02', '--to', '2026-03-01', ...CREDENTIALS],
      /reversed/,
    );
  });

  it.concurrent('only one end of the window', async () => {
    await expectUsageError(
      ['sync', 'incidents', '--from', '2026-03-02', ...CREDENTIALS],
      /both --from and --to/,
    );
  });

  it.concurrent('library messages name the flags, not the option names', async () => {
    for (const [args, message] of [
      [
        ['sync', 'incidents', '--from', '2026-03-02', '--to', '2026-03-01'],
        /^servicenow-sync: --from 2026-03-02 is after --to 2026-03-01: the window is reversed$/,
      ],
      [
        ['sync', 'users', '--page-size', '20000'],
        /^servicenow-sync: --page-size must be an integer from 1 to 10000, received "20000"$/,
      ],
      [
        ['sync', 'users', '--db', 'foo:bar'],
        /^servicenow-sync: --db foo:bar: unsupported scheme "foo:"/,
      ],
      [
        ['sync', 'users', '--instance', 'ftp://acme'],
        /^servicenow-sync: Invalid option --instance: /,
      ],
      [
        ['sync', 'users', '--incremental', '--overlap', '99999'],
        /^servicenow-sync: --overlap must be an integer from 0 to 10080/,
      ],
      [
        ['sync', 'users', '--filter', 'users=active='],
        /^servicenow-sync: --filter users=active=: Invalid encoded query at position 7: empty value/,
      ],
      [
        ['sync', 'users', '--filter', 'groups=active=true'],
        /^servicenow-sync: --filter groups=active=true: groups is not a task of this run \(users\)$/,
      ],
      [
        ['sync', 'users', '--filter', 'users=active=true^ORDERBYname'],
        /^servicenow-sync: The --filter of task users sorts \(ORDERBYname\)/,
      ],
    ] as const) {
      // The flags come after the credentials, so a bad --instance replaces the good one.
      const run = await expectUsageError(
        [...args.slice(0, 2), ...CREDENTIALS, ...args.slice(2)],
        message,
      );
      expect(run.stderr).not.toMatch(
        /pageSize|instanceUrl|window\.from|overlapMinutes|database URL/,
      );
    }
  });

  it.concurrent('a database URL with an unknown scheme', async () => {
    await expectUsageError(
      ['sync', 'users', '--db', 'foo://x/y', ...CREDENTIALS],
      /unsupported scheme/,
    );
  });

  it.concurrent('a database URL with a password and no host (not echoed)', async () => {
    await expectUsageError(
      ['sync', 'users', '--db', `postgres://admin:${SECRET}@/reports`, ...CREDENTIALS],
      /--db \(postgres:\.\.\.\) is not a valid URL/,
    );
  });

  it.concurrent('a SQLite file in a directory that does not exist', async () => {
    await expectUsageError(
      ['sync', 'users', '--db', 'sqlite:./no/such/dir/x.db', ...CREDENTIALS],
      /does not exist/,
    );
  });

  it.concurrent('an instance URL that is not http(s)', async () => {
    await expectUsageError(
      ['sync', 'users', '--instance', 'ftp://acme', '--user', 'u', '--password', SECRET],
      /--instance.*ftp/,
    );
  });

  it.concurrent('an instance URL with credentials in it (not echoed)', async () => {
    await expectUsageError(
      ['sync', 'users', '--user', 'u', '--password', 'p'],
      /credentials belong in the auth option/,
      { SN_INSTANCE: `https://bob:${SECRET}@acme.service-now.com` },
    );
  });

  it.concurrent('a filter with the ^Or typo a real instance would silently ignore', async () => {
    await expectUsageError(
      ['sync', 'users', '--filter', 'users=active=true^Orname=x', ...CREDENTIALS],
      /\^Or/,
    );
  });

  it.concurrent('a filter for a task that is not in the run', async () => {
    await expectUsageError(
      ['sync', 'users', '--filter', 'groups=active=true', ...CREDENTIALS],
      /not a task of this run/,
    );
  });

  it.concurrent('an unknown task', async () => {
    await expectUsageError(['sync', 'problems', ...CREDENTIALS], /Unknown job or task "problems"/);
  });

  it.concurrent('a concurrency of 0', async () => {
    await expectUsageError(
      ['sync', 'users', '--concurrency', '0', ...CREDENTIALS],
      /--concurrency/,
    );
  });

  it.concurrent('runs where no database exists (and none is created)', async () => {
    await expectUsageError(['runs'], /No database at .*servicenow\.db/);
  });

  it.concurrent('no command at all: usage on stderr, exit 2', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const run = await runCli([], { cwd: dir.path });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Usage: servicenow-sync/);
  });
});

describe('--help', () => {
  for (const args of [
    ['--help'],
    ['demo', '--help'],
    ['sync', '--help'],
    ['plan', '--help'],
    ['generate', '--help'],
    ['runs', '--help'],
    ['mock', '--help'],
  ]) {
    it.concurrent(`${args.join(' ')} exits 0 with examples, showing no secret`, async () => {
      const dir = tempDir();
      dirs.push(dir);
      const run = await runCli(args, {
        cwd: dir.path,
        env: { SN_PASSWORD: SECRET, SN_TOKEN: SECRET },
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: servicenow-sync/);
      expect(run.stdout).toContain('Examples:');
      expect(run.stdout).toContain('$ servicenow-sync');
      expect(run.stdout + run.stderr).not.toContain(SECRET);
      expect(filesIn(dir.path)).toEqual([]);
    });
  }

  it.concurrent('sync --help documents the environment variables and exit codes', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const run = await runCli(['sync', '--help'], { cwd: dir.path });
    for (const name of ['SN_INSTANCE', 'SN_USER', 'SN_PASSWORD', 'SN_TOKEN', 'SN_DB']) {
      expect(run.stdout).toContain(name);
    }
    expect(run.stdout).toMatch(/Exit codes:\n +0 +success\n +1 +failed/);
    for (const code of ['2', '3', '4', '130'])
      expect(run.stdout).toMatch(new RegExp(`\\n +${code} `));
  });
});
