/**
 * `KyselyRunLock`: the run lock in the same database as the data (SQLite, PostgreSQL, MySQL).
 *
 * @module
 */

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import createDebug from 'debug';
import type { Kysely } from 'kysely';
import { ConfigurationError } from '../core/index.js';
import { adapterOf } from '../database/index.js';
import type { SqlDialect } from '../fields/index.js';
import type {
  ReplacedHolder,
  RunLease,
  RunLock,
  RunLockHolder,
  RunLockKey,
  TakeoverReason,
} from '../run/index.js';
import { RunInProgressError } from '../run/index.js';
import { deleteLockRow, readLockHolders, tableExists } from './lock-rows.js';
import {
  type AnyKysely,
  createRunLockTable,
  type LogDatabase,
  type RunLockRow,
  utcTimestamp,
} from './log-schema.js';
import { positiveOption } from './positive-option.js';
import { isProcessAlive } from './process-alive.js';

const debug = createDebug('servicenow-sync:log');

/** Options of {@link KyselyRunLock}. */
export interface KyselyRunLockOptions {
  /**
   * How often a live run refreshes its heartbeat, in milliseconds.
   * @default 15000
   */
  readonly heartbeatMs?: number;
  /**
   * A holder on another host whose heartbeat is older than this (milliseconds) is considered
   * dead: the next run takes its place. Must be longer than `heartbeatMs`. A holder on this host
   * whose process is gone is replaced at once, whatever its heartbeat.
   * @default 120000
   */
  readonly staleAfterMs?: number;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
  /**
   * Host name recorded with the lock; holders with the same host name are checked by process
   * id. Machines or containers that share a database must not share a host name.
   * @default os.hostname()
   */
  readonly host?: string;
  /** Process id recorded with the lock. @default process.pid */
  readonly pid?: number;
  /**
   * Whether a process of this host is alive, for holders on this host (tests inject it).
   * @default isProcessAlive: `process.kill(pid, 0)`, ESRCH meaning gone
   */
  readonly isProcessAlive?: (pid: number) => boolean;
}

/** Attempts at taking a lock whose holder releases it between our insert and our read. */
const ATTEMPTS = 3;

/**
 * One live run per job and instance, kept in `servicenow_run_lock` (created when missing), with
 * the holder's host name and process id. A second run is refused with `RunInProgressError`
 * while the first lives. It takes the first one's place at once when the holder is on this host
 * and its process is gone (a killed run), and after `staleAfterMs` without a heartbeat when the
 * holder is on another host. A heartbeat that finds the holder's row gone (taken over, or
 * removed by `unlockJob` / `cancelRun`) resolves `false`: the run stops.
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
  readonly #isProcessAlive: (pid: number) => boolean;
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
    if (this.#staleAfterMs <= this.heartbeatMs) {
      throw new ConfigurationError(
        `KyselyRunLock option staleAfterMs (${this.#staleAfterMs}) must be longer than heartbeatMs (${this.heartbeatMs}): a live run would look dead between two heartbeats`,
        { option: 'staleAfterMs' },
      );
    }
    this.#now = options.now ?? Date.now;
    this.#host = options.host ?? hostname();
    this.#pid = options.pid ?? process.pid;
    this.#isProcessAlive = options.isProcessAlive ?? isProcessAlive;
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
      if (holder.host === this.#host && !this.#isProcessAlive(holder.pid)) {
        return { reason: 'process-gone', olderThan: undefined };
      }
      const staleBefore = this.#stamp(this.#now() - this.#staleAfterMs);
      if (holder.heartbeatAt >= staleBefore) {
        throw new RunInProgressError(key.job, holder.executionId, holder.heartbeatAt);
      }
      return { reason: 'stale', olderThan: staleBefore };
    });
  }

  async takeOver(key: RunLockKey): Promise<RunLease> {
    return this.#take(key, () => ({ reason: 'by-hand', olderThan: undefined }));
  }

  /** Refreshes the heartbeat; resolves `false` when the lease's row is gone (lock lost). */
  async heartbeat(lease: RunLease): Promise<boolean> {
    const result = await this.#db
      .updateTable('servicenow_run_lock')
      .set({ heartbeat_at: this.#stamp(this.#now()), execution_id: lease.executionId ?? null })
      .where('job', '=', lease.job)
      .where('instance', '=', lease.instance)
      .where('owner', '=', lease.owner)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) return true;
    // Some drivers count changed rows only (an unchanged heartbeat): ask whether the row is there.
    const { job, instance, owner } = lease;
    const held = (await readLockHolders(this.#db, { job, instance, owner })).length > 0;
    if (!held) debug('lock %s@%s lost by %s', lease.job, lease.instance, lease.owner);
    return held;
  }

  async release(lease: RunLease): Promise<void> {
    await deleteLockRow(this.#db, lease);
    debug('lock %s@%s released by %s', lease.job, lease.instance, lease.owner);
  }

  /**
   * The holders of the job's locks (every instance's), or of every lock when `job` is not
   * given; `[]` when none is held (the table is not created for it).
   */
  async holders(job?: string): Promise<RunLockHolder[]> {
    if (this.#ready === undefined && !(await tableExists(this.#db, 'servicenow_run_lock')))
      return [];
    return readLockHolders(this.#db, job === undefined ? {} : { job });
  }

  /**
   * Inserts our row; when a holder has it, asks `judge` whether it may be replaced (it throws,
   * or returns why and the heartbeat the holder must still be older than) and replaces it
   * atomically.
   */
  async #take(key: RunLockKey, judge: (holder: RunLockHolder) => Verdict): Promise<RunLease> {
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
      const { reason, olderThan } = judge(holder);
      if (await this.#replace(key, owner, holder, olderThan)) {
        debug('lock %s@%s taken over from %s (%s)', key.job, key.instance, holder.owner, reason);
        const replaced: ReplacedHolder = { ...holder, reason };
        return { ...key, owner, replaced };
      }
      if (attempt >= ATTEMPTS) {
        throw new RunInProgressError(key.job, holder.executionId, holder.heartbeatAt);
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

  async #holder(key: RunLockKey): Promise<RunLockHolder | undefined> {
    const [holder] = await readLockHolders(this.#db, { job: key.job, instance: key.instance });
    return holder;
  }

  /** Replaces `holder` by us, if it still holds the key (and is older than `olderThan`). */
  async #replace(
    key: RunLockKey,
    owner: string,
    holder: RunLockHolder,
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

/** Whether and how a holder may be replaced: why, and the heartbeat it must be older than. */
interface Verdict {
  readonly reason: TakeoverReason;
  readonly olderThan: string | undefined;
}
