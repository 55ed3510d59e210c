/**
 * `planSync`: what a run of a job or task list would do, without doing it. It sends only GET
 * requests (counts, one `sys_audit_delete` record) and writes nothing: no table, no state, not
 * even the sink's own bookkeeping tables.
 *
 * @module
 */
import { formatUtcDateTime } from '../../core/index.js';
import type { SqlDialect } from '../../fields/index.js';
import { isPlanningSink, isStatePeekSink, type Sink, type SyncState } from '../../sink/index.js';
import type { Job, TaskDefinition } from '../../tasks/index.js';
import { planTask, selectRows } from '../pipeline/index.js';
import type { RunClient, RunTasksOptions } from '../run-options.js';
import { runWork } from '../run-options.js';
import { planRun, type RunPlan } from '../run-plan.js';
import { countOrNull } from '../selection-count.js';
import { type AuditAccess, plannedDeletes, probeAudit } from './plan-deletes.js';
import { PLAN_ONLY_SINK } from './plan-only-sink.js';
import { plannedPartitions, taskModeReason } from './plan-reasons.js';
import type { PlanClient, PlanSyncOptions } from './plan-sync-options.js';
import { plannedWatermark } from './plan-watermark.js';
import type { PlannedColumn, SyncPlanReport, TaskSyncPlan } from './sync-plan-types.js';

/** What the plan asks of the sink beyond `Sink`, each optional. */
interface PlanningAbilities {
  readonly dialect?: SqlDialect;
  tableName?(task: TaskDefinition): string;
}

/** The plan's shared context. */
interface PlanContext {
  readonly plan: RunPlan;
  readonly client: PlanClient;
  readonly sink: (Sink & PlanningAbilities) | undefined;
  readonly until: string;
  readonly signal: AbortSignal;
  /** The `sys_audit_delete` probe, made once when a task needs it. */
  audit(): Promise<AuditAccess>;
}

/**
 * Plans a run of `work` with `options` as `runTasks` would run it (the same checks of the
 * options, the same defaults), without running it: per task its mode and why, the selection and
 * the instance's count of it, the partitions, the watermark it would start from, whether deletes
 * can be captured, its columns and the DDL the sink would run. Sends only GET requests and writes
 * nothing (not even the sink's state table).
 *
 * @throws `ConfigurationError` / `InvalidWindowError` for options a run would refuse; a client
 * error when the instance cannot be reached.
 *
 * @example
 * ```ts
 * const plan = await planSync(configurationsJob(), { client, sink: new KyselySink(db) });
 * for (const task of plan.tasks) console.log(task.name, task.modeReason, task.count);
 * ```
 */
export async function planSync(
  work: Job | readonly TaskDefinition[],
  options: PlanSyncOptions,
): Promise<SyncPlanReport> {
  const now = new Date();
  const { client, sink } = options;
  const signal = options.signal ?? new AbortController().signal;
  const runOptions = toRunOptions(options);
  const { tasks, options: resolved } = runWork(work, runOptions, now);
  const plan = planRun(tasks, resolved);
  let audit: Promise<AuditAccess> | undefined;
  const context: PlanContext = {
    plan,
    client,
    sink: sink as (Sink & PlanningAbilities) | undefined,
    until: formatUtcDateTime(now),
    signal,
    audit: () => {
      audit ??= probeAudit(client, signal);
      return audit;
    },
  };
  const planned: TaskSyncPlan[] = [];
  for (const task of tasks) planned.push(await planOneTask(context, task));
  return {
    mode: plan.mode,
    dialect: context.sink?.dialect,
    plannedAt: context.until,
    tasks: planned,
    warnings: overlapWarnings(planned),
  };
}

/** The run options `planRun` checks: the plan's, with a stand-in client and sink. */
function toRunOptions(options: PlanSyncOptions): RunTasksOptions {
  const { client } = options;
  const runClient: RunClient = {
    ...(client.instanceUrl === undefined ? {} : { instanceUrl: client.instanceUrl }),
    paginate: () => {
      throw new Error('planSync reads no pages');
    },
  };
  const optional = {
    mode: options.mode,
    since: options.since,
    overlapMinutes: options.overlapMinutes,
    partitions: options.partitions,
    deletes: options.deletes,
    window: options.window,
    pageSize: options.pageSize,
  };
  const given = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return { ...given, client: runClient, sink: options.sink ?? PLAN_ONLY_SINK };
}

async function planOneTask(context: PlanContext, task: TaskDefinition): Promise<TaskSyncPlan> {
  const { plan, sink, signal } = context;
  const taskPlan = planTask(task, plan);
  const state = await storedState(sink, task, signal);
  const selection = selectRows(taskPlan, plan, state, context.until);
  const count = await countOrNull(context.client as RunClient, task.table, selection.query, signal);
  const deleteMode = plan.deletes.get(task.name) ?? 'none';
  const audit = deleteMode === 'audit' ? await context.audit() : undefined;
  const schemaChanges =
    sink !== undefined && isPlanningSink(sink)
      ? await sink.planPrepare(task, { signal })
      : undefined;
  return {
    name: task.name,
    table: task.table,
    target: sink?.tableName?.(task) ?? task.target,
    mode: selection.incremental === undefined ? 'full' : 'incremental',
    modeReason: taskModeReason(task, plan, selection),
    query: selection.query,
    count,
    partitions: plannedPartitions(plan, selection),
    watermark: plannedWatermark(state, selection),
    deletes: plannedDeletes(deleteMode, audit),
    columns: columnsOf(task, sink?.dialect ?? 'sqlite'),
    schemaChanges,
  };
}

/** The task's stored state, when the sink can read it without writing. */
async function storedState(
  sink: Sink | undefined,
  task: TaskDefinition,
  signal: AbortSignal,
): Promise<SyncState | undefined> {
  if (sink === undefined || !isStatePeekSink(sink)) return undefined;
  return sink.peekState(task, { signal });
}

function columnsOf(task: TaskDefinition, dialect: SqlDialect): PlannedColumn[] {
  return task.columns.map((column) => ({
    name: column.name,
    field: column.field,
    role: column.role,
    sqlType: column.sqlType[dialect],
  }));
}

/** Two tasks reading the same ServiceNow table into different target tables. */
function overlapWarnings(tasks: readonly TaskSyncPlan[]): string[] {
  const warnings: string[] = [];
  for (const [i, a] of tasks.entries()) {
    for (const b of tasks.slice(i + 1)) {
      if (a.table === b.table && a.target !== b.target) {
        warnings.push(
          `Tasks ${a.name} and ${b.name} both read ${a.table} (into ${a.target} and ${b.target}): rows matching both selections are copied twice`,
        );
      }
    }
  }
  return warnings;
}
