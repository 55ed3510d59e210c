/**
 * The options of a run (`runTasks`, `startRun`), the part of the client it uses, the handle
 * of a started run, and the defaults a job gives them.
 *
 * @module
 */
import type {
  CountOptions,
  IntegrationUser,
  Page,
  PaginateOptions,
  PeekOptions,
  TableRecord,
} from '../client/index.js';
import type { QueryInput } from '../query/index.js';
import type { Sink } from '../sink/index.js';
import { isJob, type Job, type TaskDefinition, type TaskWindow } from '../tasks/index.js';
import type { ExecutionLogger } from './execution-logger.js';
import type { PreflightOptions } from './preflight/preflight-options.js';
import type { ProgressEvent } from './progress.js';
import type { RunLock, RunLockKey } from './run-lock.js';
import type { RunResult, RunWindow } from './run-result.js';
import type { DeleteMode, SyncMode } from './sync-mode.js';

/** The part of `ServiceNowClient` a run uses; any object with it will do (tests, wrappers). */
export interface RunClient {
  /** The instance, normalised: part of the run lock's key. Without it the lock keys on the job. */
  readonly instanceUrl?: string;
  paginate(table: string, options?: PaginateOptions): AsyncIterable<Page<TableRecord>>;
  /** The instance's count for a query (completeness audit); without it the audit is skipped. */
  count?(table: string, query?: QueryInput, options?: CountOptions): Promise<number>;
  /** The user name of the credentials, for the preflight's messages. */
  readonly userName?: string | undefined;
  /**
   * A few records in one quick request without retries (the preflight: instance, credentials,
   * the fields of a filtered table); without it the preflight checks only the sink.
   */
  peek?(table: string, options?: PeekOptions): Promise<TableRecord[]>;
  /** The integration user and its time zone (time-zone guard); without it the guard is skipped. */
  integrationUser?(options?: {
    readonly signal?: AbortSignal;
  }): Promise<IntegrationUser | undefined>;
}

/** Options of {@link runTasks} and {@link startRun}. */
export interface RunTasksOptions {
  /** Reads ServiceNow. */
  readonly client: RunClient;
  /** Receives the rows. */
  readonly sink: Sink;
  /**
   * The identity of the instance read, recorded with every table written, its sync state and
   * the execution log: a sink that records it (`KyselySink`) refuses, before anything is
   * written, a run whose tables hold another instance's data (`InstanceMismatchError`). Set it
   * when the client's URL does not identify the instance (a proxy, a mock on a random port: the
   * CLI's demo uses `mock:demo?seed=N`). At most 255 characters.
   * @default the client's `instanceUrl` (normalised, e.g. `https://acme.service-now.com`);
   * without either, tables are not checked
   */
  readonly instance?: string;
  /** Receives run events (execution log). @default none */
  readonly logger?: ExecutionLogger;
  /**
   * Keeps a second run of the same job against the same instance out while this one lives
   * (`KyselyRunLock`). Without one, nothing stops two runs from interleaving.
   * @default none
   */
  readonly lock?: RunLock;
  /**
   * Tasks running at once, as a pool (a finished task frees its slot at once).
   * @default the job's concurrency; a task list: all the tasks
   */
  readonly concurrency?: number;
  /**
   * The days to load, both included, in UTC unless `timeZone` is set. Tasks with a `window`
   * field are restricted to it; tasks without one read their whole selection.
   * @default a full run of a job: the job's window (the incidents job: yesterday, UTC); else none
   */
  readonly window?: TaskWindow;
  /**
   * Before the lock and the logger: one quick request shows that the instance answers and
   * accepts the credentials, the sink's database accepts a connection (a `PingableSink`), and
   * the fields a task's filter names exist on its table. A failure rejects the run with a
   * `PreflightError` (or a `FilterFieldError`) before anything is written. `false` turns it off;
   * `timeoutMs` bounds each check (milliseconds).
   * @default true (`{ timeoutMs: 10000 }`)
   */
  readonly preflight?: boolean | PreflightOptions;
  /** Stops the run: in-flight requests are aborted, committed batches stay. */
  readonly signal?: AbortSignal;
  /** Called for each progress event; must not throw. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /**
   * The `execution_type` of the log: `incidents`, `configurations`, or `tasks`.
   * @default the job's name; a task list: 'tasks'
   */
  readonly executionType?: string;
  /**
   * Records per page for tasks that do not set their own.
   * @default 1000
   */
  readonly pageSize?: number;
  /**
   * Full mode: split each task's sys_id keyspace into this many ranges read at once (client
   * `partitions`), within the client's in-flight cap. Big tables load faster when the instance,
   * not this process, is the bottleneck; memory grows with the ranges (each reads ahead).
   * Incremental runs follow `sys_updated_on` order and refuse it (`ConfigurationError`).
   * @default 1
   */
  readonly partitions?: number;
  /**
   * `full` reads each task's selection (narrowed by `window`); `incremental` reads what changed
   * since each task's watermark, kept in the sink's database (`servicenow_sync_state`), and
   * takes no window. See {@link SyncMode}.
   * @default the job's mode (the configurations job: 'incremental'); a task list: 'full'
   */
  readonly mode?: SyncMode;
  /**
   * Incremental mode: where a task without a watermark starts (`YYYY-MM-DD` or
   * `YYYY-MM-DD HH:MM:SS`, UTC).
   * @default its whole selection
   */
  readonly since?: string;
  /**
   * Incremental mode: minutes before the watermark re-read at each run, for rows committed
   * late with an older `sys_updated_on`. 0 resumes exactly after the watermark.
   * @default 10
   */
  readonly overlapMinutes?: number;
  /**
   * How deleted records reach the database: one {@link DeleteMode} for every task, or modes
   * by task name (tasks not named take the default). With `audit`, an unreadable
   * `sys_audit_delete` is one run warning (`RunResult.warnings`), not a failure.
   * @default incremental runs into a `KeyedSink` (such as `KyselySink`): 'audit'; full runs and
   * other sinks: 'none'
   */
  readonly deletes?: DeleteMode | Readonly<Record<string, DeleteMode>>;
  /**
   * Mark deleted records with `sys_deleted_at` instead of removing their rows.
   * @default false
   */
  readonly softDelete?: boolean;
  /**
   * Completeness audit: after each task, ask the instance's count for the same selection and
   * mark the task `partial` when it differs from the rows read (needs `client.count`).
   * @default true
   */
  readonly audit?: boolean;
  /**
   * Read the integration user's time zone once and warn when it is not GMT/UTC (needs
   * `client.integrationUser`).
   * @default true
   */
  readonly checkTimeZone?: boolean;
  /**
   * Refuse the run (`TimeZoneMismatchError`) when the integration user's time zone is not
   * GMT/UTC or cannot be read.
   * @default false
   */
  readonly strictTimeZone?: boolean;
}

/** A run that has started: answer at once, let the work go on. */
export interface RunHandle {
  /** Execution id (the log row id with a database logger). */
  readonly id: string;
  /** The days the run loads (a job's default window included); `null` when it has none. */
  readonly window: RunWindow | null;
  /** Resolves with the result when the run ends; never rejects. */
  readonly done: Promise<RunResult>;
  /**
   * Stops the run; `done` then resolves with status `cancelled` and the reason in its `error`
   * (tasks that had ended keep their status).
   */
  cancel(reason?: string): void;
}

/** What a run works on, with a job's defaults filled into its options. @internal */
export interface RunWork {
  readonly tasks: readonly TaskDefinition[];
  readonly options: RunTasksOptions;
  /** The key of the run lock: the job (a task list: its task names) and the instance. */
  lockKey(): RunLockKey;
}

/**
 * A job's defaults (execution type, concurrency, mode, window) under the caller's options, which
 * win; a task list keeps the options as given. @internal
 */
export function runWork(
  work: Job | readonly TaskDefinition[],
  options: RunTasksOptions,
  now: Date,
): RunWork {
  const instance = options.instance ?? options.client.instanceUrl ?? '';
  if (!isJob(work)) {
    return { tasks: work, options, lockKey: () => ({ job: lockJobOf(work), instance }) };
  }
  const mode = options.mode ?? work.mode;
  const window =
    options.window ?? (mode === 'full' && work.window !== undefined ? work.window(now) : undefined);
  const concurrency = options.concurrency ?? work.concurrency;
  return {
    tasks: work.tasks,
    options: {
      ...options,
      executionType: options.executionType ?? work.name,
      mode,
      ...(window === undefined ? {} : { window }),
      ...(concurrency === undefined ? {} : { concurrency }),
    },
    lockKey: () => ({ job: lockJobOf(work), instance }),
  };
}

/**
 * The job name a run of `work` takes its lock under (`RunLockKey.job`): a job's name, or for a
 * task list `tasks:` and its task names, sorted (`tasks:groups,users`). What `unlockJob` takes.
 *
 * @example
 * ```ts
 * lockJobOf(incidentsJob()); // 'incidents'
 * lockJobOf([usersTask(), groupsTask()]); // 'tasks:groups,users'
 * ```
 */
export function lockJobOf(work: Job | readonly TaskDefinition[]): string {
  if (isJob(work)) return work.name;
  return `tasks:${work
    .map((t) => t.name)
    .sort()
    .join(',')}`;
}
