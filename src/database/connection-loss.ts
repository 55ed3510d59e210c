/**
 * Telling a lost database connection from a refused statement, and keeping a driver's `error`
 * events from crashing the process.
 *
 * @module
 */
import type { EventEmitter } from 'node:events';
import createDebug from 'debug';

const debug = createDebug('servicenow-sync:database');

/**
 * Called with the error of a connection the database or the network closed while it sat in the
 * pool or between statements (the pool drops it and opens a new one when next needed).
 */
export type ConnectionErrorListener = (error: Error) => void;

/** The error codes of a PostgreSQL connection closed under the client (SQLSTATE and Node's). */
const PG_LOST_CODES: ReadonlySet<string> = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000', // connection_exception
  '08003', // connection_does_not_exist
  '08006', // connection_failure
  'ECONNRESET',
  'EPIPE',
]);

/** What pg says of a connection gone without a code. */
const PG_LOST_MESSAGES: readonly RegExp[] = [
  /^Connection terminated/,
  /is not queryable/,
  /^Client was closed and is not queryable/,
];

/** The error codes of a MySQL/MariaDB connection closed under the client. */
const MYSQL_LOST_CODES: ReadonlySet<string> = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'ECONNRESET',
  'EPIPE',
]);

/** `error` and its causes, outermost first. */
function* chain(error: unknown): Generator<unknown> {
  let current = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Whether `error` (or one of its causes) says the PostgreSQL connection was lost: terminated by
 * the server (`57P01`, `pg_terminate_backend`), reset by the network, or a client already dead.
 * @internal
 */
export function isPostgresConnectionLost(error: unknown): boolean {
  for (const e of chain(error)) {
    const code = codeOf(e);
    if (code !== undefined && PG_LOST_CODES.has(code)) return true;
    if (e instanceof Error && PG_LOST_MESSAGES.some((pattern) => pattern.test(e.message))) {
      return true;
    }
  }
  return false;
}

/**
 * Whether `error` (or one of its causes) says the MySQL/MariaDB connection was lost (a killed
 * connection, a server shutdown, a reset, or any error mysql2 marks `fatal`).
 * @internal
 */
export function isMysqlConnectionLost(error: unknown): boolean {
  for (const e of chain(error)) {
    const code = codeOf(e);
    if (code !== undefined && MYSQL_LOST_CODES.has(code)) return true;
    if ((e as { fatal?: unknown }).fatal === true) return true;
  }
  return false;
}

/** Reports a connection error: a debug line, then `listener`'s call. */
function report(listener: ConnectionErrorListener | undefined, where: string) {
  return (error: Error) => {
    debug('%s: connection error (the pool drops the connection): %s', where, error.message);
    try {
      listener?.(error);
    } catch (thrown) {
      debug('%s: the connection error listener threw: %O', where, thrown);
    }
  };
}

/**
 * Listens to a pg pool's `error` (an idle connection lost) and to every client's (a checked-out
 * connection lost between statements), so neither crashes the process as an unhandled `error`
 * event. A query on a lost connection still fails with its own error; the pool replaces the
 * connection on its next checkout.
 * @internal
 */
export function guardPgPool(pool: EventEmitter, listener?: ConnectionErrorListener): void {
  const onError = report(listener, 'postgres');
  pool.on('error', onError);
  pool.on('connect', (client: EventEmitter) => client.on('error', onError));
}

/**
 * Listens to the `error` of every connection of a mysql2 pool (it removes a failed connection
 * once; a second event would otherwise be unhandled).
 * @internal
 */
export function guardMysqlPool(pool: EventEmitter, listener?: ConnectionErrorListener): void {
  const onError = report(listener, 'mysql');
  pool.on('error', onError);
  pool.on('connection', (connection: EventEmitter) => connection.on('error', onError));
}
