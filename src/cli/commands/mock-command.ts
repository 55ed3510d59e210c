/**
 * `servicenow-sync mock`: the mock ServiceNow server, standalone, with its fault switches, and a
 * banner with the URL, the credentials, the faults in effect and a ready-to-paste `sync`.
 *
 * @module
 */
import { createMockServiceNow, type MockServiceNow } from '../../mock/index.js';
import { type CliIo, line } from '../io.js';
import { UsageError } from '../usage-error.js';
import {
  checkMockFlags,
  describeFaults,
  type MockCommandOptions,
  mockFaultsOf,
  namedTables,
} from './mock-faults.js';

export type { MockCommandOptions } from './mock-faults.js';

const DAY_MS = 86_400_000;

/** The mock's default seed (`MockServiceNowOptions.seed`). */
const DEFAULT_SEED = 1;

/** Refuses tables and fields the flags name that the mock does not serve. */
function checkNames(mock: MockServiceNow, options: MockCommandOptions): void {
  for (const [flag, table] of namedTables(options)) {
    if (mock.data.schema(table) === undefined) {
      throw new UsageError(
        `${flag}: the mock has no table ${JSON.stringify(table)} (it serves ${mock.data.tableNames.join(', ')})`,
      );
    }
  }
  for (const entry of options.hideField ?? []) {
    const [table, field] = entry.split('.') as [string, string];
    if (!mock.data.schema(table)?.fields.some((f) => f.name === field)) {
      throw new UsageError(`--hide-field: table ${table} has no field ${JSON.stringify(field)}`);
    }
  }
}

/** `YYYY-MM-DD` of an epoch-ms instant, in UTC. */
function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A value quoted for a POSIX shell. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The `sync` command that reads the last week of the mock's incidents into a database of its own
 * (named after the port: the database remembers the instance it holds, and the URL has the port).
 */
export function syncCommandLine(mock: MockServiceNow, now: number): string {
  const port = new URL(mock.url).port;
  return [
    'servicenow-sync sync incidents',
    `--instance ${mock.url}`,
    `--user ${shellQuote(mock.credentials.username)}`,
    `--password ${shellQuote(mock.credentials.password)}`,
    `--from ${day(now - 7 * DAY_MS)} --to ${day(now - DAY_MS)}`,
    `--db sqlite:./servicenow-mock-${port}.db`,
  ].join(' ');
}

/** Starts the mock, prints the banner, and keeps it running until interrupted. */
export async function mockCommand(options: MockCommandOptions, io: CliIo): Promise<number> {
  checkMockFlags(options);
  const seed = options.seed ?? DEFAULT_SEED;
  const now = Date.now();
  // Data ends today, so the printed `sync` (the last week) finds incidents.
  const mock = await createMockServiceNow({
    now: () => Date.now(),
    port: options.port ?? 0,
    seed,
    ...(options.scale === undefined ? {} : { scale: options.scale }),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  try {
    checkNames(mock, options);
    // Set once the names are checked, before the URL is printed: no request has come yet.
    mock.setFaults(mockFaultsOf(options, options.faultSeed ?? seed, mock.credentials.username));
    printBanner(mock, options, now, io);
    await new Promise<void>((resolve) => {
      if (io.interrupted.aborted) resolve();
      else io.interrupted.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    await mock.close();
  }
  return 0;
}

function printBanner(
  mock: MockServiceNow,
  options: MockCommandOptions,
  now: number,
  io: CliIo,
): void {
  const { username, password } = mock.credentials;
  const faults = describeFaults(options);
  const out = (text: string) => line(io.stdout, text);
  out(`Mock ServiceNow listening on ${mock.url}`);
  out(`  basic auth:  ${username} / ${password}`);
  out(
    `  oauth:       client id ${mock.oauthClient.clientId} / secret ${mock.oauthClient.clientSecret}`,
  );
  out(
    `  data:        ${mock.data.count('incident')} incidents opened in the year to ${day(now)}, seed ${options.seed ?? DEFAULT_SEED}`,
  );
  const zone = options.timeZone ?? 'UTC';
  out(
    `  time zone:   ${zone} (the integration user's${zone === 'UTC' ? ')' : '; display values are in it, stored values in UTC)'}`,
  );
  out(`  faults:      ${faults.length === 0 ? 'none' : faults.join('; ')}`);
  out(
    `  try:         curl -u ${shellQuote(`${username}:${password}`)} '${mock.url}/api/now/table/incident?sysparm_limit=1'`,
  );
  out(`  sync:        ${syncCommandLine(mock, now)}`);
  out('Press Ctrl-C to stop.');
}
