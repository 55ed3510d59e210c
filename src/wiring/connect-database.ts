/**
 * `connectDatabase`: the one place that builds the Kysely sink, execution logger and run lock
 * over one database, for hosts, the CLI and the examples alike.
 *
 * @module
 */
import {
  type AnyKysely,
  KyselyExecutionLogger,
  type KyselyExecutionLoggerOptions,
  KyselyRunLock,
  type KyselyRunLockOptions,
} from '../log/index.js';
import { KyselySink, type KyselySinkOptions } from '../sink/index.js';

/** Options of {@link connectDatabase}. */
export interface ConnectDatabaseOptions {
  /** Prefix of the data tables' names (`sn_` gives `sn_incident`). @default none */
  readonly tablePrefix?: KyselySinkOptions['tablePrefix'];
  /** Rows per database transaction. @default by table width (see `KyselySink`) */
  readonly batchSize?: KyselySinkOptions['batchSize'];
  /** Run-lock heartbeat, in milliseconds. @default 15000 */
  readonly heartbeatMs?: KyselyRunLockOptions['heartbeatMs'];
  /**
   * Age of a heartbeat after which a run on another host counts as dead, in milliseconds (a
   * run of this host whose process is gone is replaced at once). @default 120000
   */
  readonly staleAfterMs?: KyselyRunLockOptions['staleAfterMs'];
  /** Minimum interval between two progress writes of one task, in milliseconds. @default 2000 */
  readonly progressIntervalMs?: KyselyExecutionLoggerOptions['progressIntervalMs'];
  /** Clock of the logger and the lock, for tests. @default Date.now */
  readonly now?: () => number;
}

/** The parts of a run that live in the database: spread them into the run's options. */
export interface DatabaseParts {
  /** Writes the rows (`KyselySink`). */
  readonly sink: KyselySink;
  /** Writes the execution log (`KyselyExecutionLogger`). */
  readonly logger: KyselyExecutionLogger;
  /** Keeps one live run per job and instance (`KyselyRunLock`). */
  readonly lock: KyselyRunLock;
}

/**
 * Builds the sink, the execution logger and the run lock over `db`. Nothing is opened or
 * created until a run uses them; closing `db` stays the caller's.
 *
 * @example
 * ```ts
 * const db = createDatabase('sqlite:./servicenow.db');
 * const result = await runTasks(incidentsJob(), { client, ...connectDatabase(db) });
 * ```
 */
export function connectDatabase(
  db: AnyKysely,
  options: ConnectDatabaseOptions = {},
): DatabaseParts {
  const now = options.now === undefined ? {} : { now: options.now };
  return {
    sink: new KyselySink(db, {
      ...(options.tablePrefix === undefined ? {} : { tablePrefix: options.tablePrefix }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    }),
    logger: new KyselyExecutionLogger(db, {
      ...now,
      ...(options.progressIntervalMs === undefined
        ? {}
        : { progressIntervalMs: options.progressIntervalMs }),
    }),
    lock: new KyselyRunLock(db, {
      ...now,
      ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
      ...(options.staleAfterMs === undefined ? {} : { staleAfterMs: options.staleAfterMs }),
    }),
  };
}
