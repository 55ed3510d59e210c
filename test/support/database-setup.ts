/**
 * Which real database servers the test run uses, decided once before any test file loads
 * (`test/global-setup.ts`). A URL in the environment wins. Without one, CI fails the run: a
 * dialect's tests must never be skipped there in silence. Locally, the usual servers on
 * 127.0.0.1 are tried (PostgreSQL on 5432 as `postgres`, MariaDB/MySQL on 3306 as `root`), a
 * database `servicenow_sync_local` is created on each one that answers, and its URL is set for
 * the workers; a dialect without a server is skipped with a loud banner.
 */

/** The database every local run shares on a found server. */
export const LOCAL_DATABASE = 'servicenow_sync_local';

/** One dialect the suite can run against besides SQLite. */
export interface ServerDialect {
  readonly label: string;
  /** The variable the test files read. */
  readonly variable: 'SN_TEST_PG_URL' | 'SN_TEST_MYSQL_URL';
  /** The URL of {@link LOCAL_DATABASE} on the local server. */
  readonly localUrl: string;
}

export const SERVER_DIALECTS: readonly ServerDialect[] = [
  {
    label: 'PostgreSQL',
    variable: 'SN_TEST_PG_URL',
    localUrl: `postgres://postgres@127.0.0.1:5432/${LOCAL_DATABASE}`,
  },
  {
    label: 'MariaDB/MySQL',
    variable: 'SN_TEST_MYSQL_URL',
    localUrl: `mysql://root@127.0.0.1:3306/${LOCAL_DATABASE}`,
  },
];

/** Creates {@link LOCAL_DATABASE} on a local server; rejects when the server does not answer. */
export type LocalServerProbe = (dialect: ServerDialect) => Promise<void>;

/** What the setup decided. */
export interface DatabaseChoice {
  /** Variables to set for the workers. */
  readonly set: Readonly<Record<string, string>>;
  /** One line per dialect: where its tests run, or that they are skipped and why. */
  readonly lines: readonly string[];
  /** Dialects whose tests are skipped. */
  readonly skipped: readonly string[];
}

/** Thrown when CI runs without a database URL: the run must not pass with a dialect skipped. */
export class MissingTestDatabaseError extends Error {
  override readonly name = 'MissingTestDatabaseError';
}

/** `CI` as CI services set it (`true`, `1`); empty, `0` and `false` mean a local run. */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/**
 * Decides, dialect by dialect, the URL the tests use. `SN_TEST_LOCAL_DATABASES=0` turns the
 * local probe off (the dialects without a URL are then skipped).
 *
 * @throws {@link MissingTestDatabaseError} under CI when a URL is missing, naming the variable.
 */
export async function chooseTestDatabases(
  env: Readonly<Record<string, string | undefined>>,
  probe: LocalServerProbe,
): Promise<DatabaseChoice> {
  const set: Record<string, string> = {};
  const lines: string[] = [];
  const skipped: string[] = [];
  const missing = SERVER_DIALECTS.filter((d) => !env[d.variable]);
  if (isCi(env) && missing.length > 0) {
    const names = missing.map((d) => `${d.variable} (${d.label})`).join(', ');
    throw new MissingTestDatabaseError(
      `CI is set but ${names} ${missing.length === 1 ? 'is' : 'are'} not: the tests of that database would be skipped. Set the URL of a test database (see .ci/run).`,
    );
  }
  const probing = env.SN_TEST_LOCAL_DATABASES !== '0';
  for (const dialect of SERVER_DIALECTS) {
    const given = env[dialect.variable];
    if (given) {
      lines.push(`${dialect.label}: ${dialect.variable} is set, its tests run`);
      continue;
    }
    if (!probing) {
      skipped.push(dialect.label);
      lines.push(`${dialect.label}: SKIPPED (${dialect.variable} unset, local probe off)`);
      continue;
    }
    try {
      await probe(dialect);
      set[dialect.variable] = dialect.localUrl;
      lines.push(`${dialect.label}: found on 127.0.0.1, its tests run on ${dialect.localUrl}`);
    } catch (error) {
      skipped.push(dialect.label);
      const reason = error instanceof Error ? error.message : String(error);
      lines.push(
        `${dialect.label}: SKIPPED (${dialect.variable} unset, no server at ${dialect.localUrl}: ${reason})`,
      );
    }
  }
  return { set, lines, skipped };
}

/** The banner printed when a dialect is skipped: impossible to miss in a test log. */
export function skipBanner(choice: DatabaseChoice): string {
  const rule = '!'.repeat(78);
  return [
    rule,
    `!! DATABASE TESTS SKIPPED: ${choice.skipped.join(', ')}`,
    ...choice.lines.map((line) => `!!   ${line}`),
    '!! Set SN_TEST_PG_URL / SN_TEST_MYSQL_URL, or start the servers on 127.0.0.1.',
    rule,
  ].join('\n');
}
