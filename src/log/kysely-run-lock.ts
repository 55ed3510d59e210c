/**
 * `KyselyRunLock`: the run lock in the same database as the data (SQLite, PostgreSQL, MySQL).
 *
 * @module
 */

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import createDebug from 'debug';
import type { Kysely } from 'kysely';
import { adapterOf } from '../database/index.js';
import type { SqlDialect } from '../fields/index.js';
import type { RunLease, RunLock, RunLockHolder, RunLockKey } from '../run/index.js';
import { RunInProgressError } from '../run/index.js';
import {
  type AnyKysely,
  createRunLockTable,
  type LogDatabase,
  type RunLockRow,
  readTimestamp,
  utcTimestamp,
} from './log-schema.js';
import { positiveOption } from './positive-option.js';

const debug = createDebug('servicenow-sync:log');

/** Options of {@link KyselyRunLock}. */
export interface KyselyRunLockOptions {
  /**
   * How often a live run refreshes its heartbeat, in milliseconds.
   * @default 15000
   */
  readonly heartbeatMs?: number;
  /**
   * A holder whose heartbeat is older than this (milliseconds) is considered dead: the next run
   * takes its place.
   * @default 120000
   */
  readonly staleAfterMs?: number;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
  /** Host name recorded with the lock. @default os.hostname() */
  readonly host?: string;
  /** Process id recorded with the lock. @default process.pid */
  readonly pid?: number;
}

/** Attempts at taking a lock whose holder releases it between our insert and our read. */
const ATTEMPTS = 3;

/**
 * One live run per job and instance, kept in `servicenow_run_lock` (created when missing). A
 * second run is refused with `RunInProgressError` until the first releases the lock or its
 * heartbeat goes stale (the process died); then the next run takes its place.
 *
 * @example
 * ```ts
 * const db = createDatabase('sqlite:./servicenow.db');
 * const lock = new KyselyRunLock(db);
 * await runTasks(incidentsJob(), { client, sink: new KyselySink(db), lock });
 * ```
 */
export class KyselyRunLock implements RunLock {
  readonly heartbeatMs: number;
  readonly #db: Kysely<LogDatabase>;
  readonly #dialect: SqlDialect;
  readonly #staleAfterMs: number;
  readonly #now: () => number;
  readonly #host: string;
  readonly #pid: number;
  #ready: Promise<void> | undefined;

  constructor(db: AnyKysely, options: KyselyRunLockOptions = {}) {
    this.#db = db as Kysely<LogDatabase>;
    this.#dialect = adapterOf(db, { caller: 'KyselyRunLock' }).dialect;
    this.heartbeatMs = positiveOption('KyselyRunLock', 'heartbeatMs', options.heartbeatMs, 15_000);
    this.#staleAfterMs = positiveOption(
      'KyselyRunLock',
      'staleAfterMs',
      options.staleAfterMs,
      120_000,
    );
    this.#now = options.now ?? Date.now;
    this.#host = options.host ?? hostname();
    this.#pid = options.pid ?? process.pid;
  }

  /** Creates the lock table when missing (done automatically on first use). */
  ensureTable(): Promise<void> {
    this.#ready ??= createRunLockTable(this.#db, this.#dialect).catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async acquire(key: RunLockKey): Promise<RunLease> {
    return this.#take(key, (holder) => {
      const staleBefore = this.#stamp(this.#now() - this.#staleAfterMs);
      if (holder.heartbeat_at >= staleBefore) {
        throw new RunInProgressError(
          key.job,
          holder.execution_id ?? undefined,
          holder.heartbeat_at,
        );
      }
      return staleBefore;
    });
  }

  async takeOver(key: RunLockKey): Promise<RunLease> {
    return this.#take(key, () => undefined);
  }

  async heartbeat(lease: RunLease): Promise<void> {
    await this.#db
      .updateTable('servicenow_run_lock')
      .set({ heartbeat_at: this.#stamp(this.#now()), execution_id: lease.executionId ?? null })
      .where('job', '=', lease.job)
      .where('instance', '=', lease.instance)
      .where('owner', '=', lease.owner)
      .execute();
  }

  async release(lease: RunLease): Promise<void> {
    await this.#db
      .deleteFrom('servicenow_run_lock')
      .where('job', '=', lease.job)
      .where('instance', '=', lease.instance)
      .where('owner', '=', lease.owner)
      .execute();
    debug('lock %s@%s released by %s', lease.job, lease.instance, lease.owner);
  }

  /**
   * Inserts our row; when a holder has it, asks `judge` whether it may be replaced (it throws,
   * or returns the heartbeat the holder must still be older than) and replaces it atomically.
   */
  async #take(
    key: RunLockKey,
    judge: (holder: RunLockRow) => string | undefined,
  ): Promise<RunLease> {
    await this.ensureTable();
    const owner = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const refused = await this.#insert(key, owner);
      if (refused === undefined) return { ...key, owner };
      const holder = await this.#holder(key);
      if (holder === undefined) {
        if (attempt < ATTEMPTS) continue; // released meanwhile: try again
        throw refused; // no holder: the insert failed for another reason
      }
      const olderThan = judge(holder);
      if (await this.#replace(key, owner, holder, olderThan)) {
        debug('lock %s@%s taken over from %s', key.job, key.instance, holder.owner);
        return { ...key, owner, replaced: holderOf(holder) };
      }
      if (attempt >= ATTEMPTS) {
        throw new RunInProgressError(
          key.job,
          holder.execution_id ?? undefined,
          holder.heartbeat_at,
        );
      }
    }
  }

  /** Inserts our row; resolves to the database's refusal when it fails (a holder has the key). */
  async #insert(key: RunLockKey, owner: string): Promise<unknown> {
    try {
      await this.#db
        .insertInto('servicenow_run_lock')
        .values({ ...this.#row(key, owner), execution_id: null })
        .execute();
      return undefined;
    } catch (error) {
      debug('lock %s@%s: insert refused (%s)', key.job, key.instance, String(error));
      return error ?? new Error('insert refused');
    }
  }

  async #holder(key: RunLockKey): Promise<RunLockRow | undefined> {
    const row = await this.#db
      .selectFrom('servicenow_run_lock')
      .selectAll()
      .where('job', '=', key.job)
      .where('instance', '=', key.instance)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      ...row,
      pid: Number(row.pid),
      execution_id: row.execution_id === null ? null : String(row.execution_id),
      heartbeat_at: readTimestamp(row.heartbeat_at) ?? '',
    };
  }

  /** Replaces `holder` by us, if it still holds the key (and is older than `olderThan`). */
  async #replace(
    key: RunLockKey,
    owner: string,
    holder: RunLockRow,
    olderThan: string | undefined,
  ): Promise<boolean> {
    const result = await this.#db
      .updateTable('servicenow_run_lock')
      .set({ ...this.#row(key, owner), execution_id: null })
      .where('job', '=', key.job)
      .where('instance', '=', key.instance)
      .where('owner', '=', holder.owner)
      .$if(olderThan !== undefined, (q) => q.where('heartbeat_at', '<', olderThan as string))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  #row(key: RunLockKey, owner: string): Omit<RunLockRow, 'execution_id'> {
    return {
      job: key.job,
      instance: key.instance,
      owner,
      host: this.#host,
      pid: this.#pid,
      heartbeat_at: this.#stamp(this.#now()),
    };
  }

  #stamp(ms: number): string {
    return utcTimestamp(new Date(ms));
  }
}

function holderOf(row: RunLockRow): RunLockHolder {
  return {
    job: row.job,
    instance: row.instance,
    owner: row.owner,
    host: row.host,
    pid: row.pid,
    executionId: row.execution_id ?? undefined,
    heartbeatAt: row.heartbeat_at,
  };
}
