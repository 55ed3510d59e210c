/**
 * One task of a run: page its table, decode and transform each page, write consecutive pages
 * together up to the sink's batch size (with the watermark of the last in incremental mode),
 * then the completeness count and the deletes.
 *
 * @module
 */
import createDebug from 'debug';
import { rawValueOf } from '../client/index.js';
import { isAfterCursor, type PageCursor, parseUtcDateTime } from '../core/index.js';
import type { Row } from '../fields/index.js';
import {
  isKeyedSink,
  isStatefulSink,
  type SyncState,
  type SyncStateUpdate,
} from '../sink/index.js';
import type { TaskDefinition } from '../tasks/index.js';
import { applyTransform, createDecoder, RecordRejectedError } from '../tasks/index.js';
import { applyDeletes } from './deletes/index.js';
import { cancelReason } from './cancel-reason.js';
import { summarize } from './error-summary.js';
import type { ExecutionLogger } from './execution-logger.js';
import type { ProgressEvent } from './progress.js';
import type { RunClient, RunTasksOptions } from './run-options.js';
import type { RunPlan } from './run-plan.js';
import type { ErrorSummary, TaskResult, TaskStatus } from './run-result.js';
import { countOrNull } from './selection-count.js';
import { deleteModeOf, minusMinutes, planIncremental } from './sync-mode.js';

const debug = createDebug('servicenow-sync:run');

const MAX_REJECT_SAMPLES = 20;

/** Runs one task to its end; never throws (a failure is the result's `error`). @internal */
export async function runTask(
  runId: string,
  task: TaskDefinition,
  options: RunTasksOptions,
  plan: RunPlan,
  signal: AbortSignal,
  until: string,
): Promise<TaskResult> {
  const startedAt = new Date();
  const counters = {
    recordsProcessed: 0,
    recordsRejected: 0,
    apiCalls: 0,
    dbOperations: 0,
    pages: 0,
  };
  let recordsRead = 0;
  let blankRows = 0;
  let expectedRecords: number | null = null;
  let recordsDeleted = 0;
  let watermark: PageCursor | null = null;
  const warnings: string[] = [];
  const rejects: ErrorSummary[] = [];
  let error: unknown;
  let stalled = false;
  const sink = options.sink;
  const deletes = deleteModeOf(options.deletes, task.name);
  const emit = (event: ProgressEvent) => {
    try {
      options.onProgress?.(event);
    } catch (listenerError) {
      debug('onProgress listener threw: %O', listenerError);
    }
  };
  // The logger, when there is one; its failures are debug lines, never the task's.
  const log = async (what: string, call: (logger: ExecutionLogger) => Promise<void>) => {
    if (options.logger === undefined) return;
    try {
      await call(options.logger);
    } catch (logError) {
      debug('run %s task %s: logger.%s failed: %O', runId, task.name, what, logError);
    }
  };
  emit({ type: 'taskStarted', task: task.name, table: task.table, at: startedAt });
  const logged = { name: task.name, table: task.table, target: task.target, startedAt };
  await log('taskStarted', (logger) => logger.taskStarted(runId, logged));
  const incremental = plan.mode === 'incremental';
  // A full load of the whole selection also leaves a watermark, so the next incremental run
  // reads only what changed after it.
  const wholeSelection = plan.window === undefined || task.window === undefined;
  try {
    if (signal.aborted) throw cancelReason(signal);
    await sink.prepare(task, { signal });
    const stateful = isStatefulSink(sink) ? sink : undefined;
    const keepsState = stateful !== undefined;
    const state: SyncState | undefined =
      stateful && (incremental || deletes !== 'none' || wholeSelection)
        ? await stateful.readState(task, { signal })
        : undefined;
    watermark = state?.watermark ?? null;
    const decode = createDecoder(task);
    const incrementalPlan = incremental
      ? planIncremental(task, state, {
          overlapMinutes: plan.overlapMinutes,
          until,
          ...(plan.since === undefined ? {} : { since: plan.since }),
        })
      : undefined;
    const query = incrementalPlan ? incrementalPlan.query : task.buildQuery(plan.window);
    // A full load of the whole selection leaves a watermark for later incremental runs: the
    // newest sys_updated_on at its start, as the instance's clock wrote it.
    const fullMark =
      !incremental && wholeSelection && keepsState
        ? await latestUpdate(options.client, task, query, signal, () => {
            counters.apiCalls += 1;
          }).catch((probeError: unknown) => {
            // Optional: without it the next incremental run reads the whole selection again.
            if (signal.aborted) throw probeError;
            debug('run %s task %s: no watermark probe: %O', runId, task.name, probeError);
            return undefined;
          })
        : undefined;
    if (incrementalPlan) {
      debug(
        'run %s task %s: incremental from %s to %s',
        runId,
        task.name,
        incrementalPlan.from ?? 'the beginning',
        until,
      );
    }
    const pageSize = task.pageSize ?? plan.pageSize;
    const pages = options.client.paginate(task.table, {
      query,
      fields: task.fieldNames,
      displayValue: task.displayValue === 'all' ? 'all' : false,
      pageSize,
      signal,
      ...(incrementalPlan
        ? { strategy: 'updated' as const }
        : plan.partitions > 1
          ? { partitions: plan.partitions }
          : {}),
      onResponse: (response) => {
        counters.apiCalls += response.attempts;
      },
    });
    // Consecutive pages are written together up to the sink's batch size (a page is never split):
    // fewer, larger transactions where commits are dear (SQLite), the watermark of the last page
    // saved with them.
    const groupRows = sink.batchSizeFor?.(task) ?? 1;
    let pending: Row[] = [];
    let pendingAdvance: SyncStateUpdate | undefined;
    const flush = async () => {
      if (pending.length === 0 && pendingAdvance === undefined) return;
      const rows = pending;
      const advance = pendingAdvance;
      pending = [];
      pendingAdvance = undefined;
      const written = await sink.write(task, rows, {
        signal,
        ...(advance === undefined ? {} : { state: advance }),
      });
      counters.recordsProcessed += written.written;
      counters.dbOperations += written.dbOperations;
      if (advance?.watermark) watermark = advance.watermark;
    };
    try {
      for await (const page of pages) {
        counters.pages += 1;
        recordsRead += page.records.length;
        blankRows += page.blankRows;
        if (page.stalled) stalled = true;
        let rows: Row[] = [];
        for (const record of page.records) {
          try {
            rows.push(decode(record));
          } catch (decodeError) {
            if (!(decodeError instanceof RecordRejectedError)) throw decodeError;
            counters.recordsRejected += 1;
            if (rejects.length < MAX_REJECT_SAMPLES) rejects.push(summarize(decodeError));
          }
        }
        if (task.transform) rows = (await applyTransform(task, rows)) as Row[];
        if (pending.length === 0) pending = rows;
        else for (const row of rows) pending.push(row);
        if (incremental && page.cursor !== undefined) pendingAdvance = { watermark: page.cursor };
        // Written now when one more full page would not fit.
        if (pending.length + pageSize > groupRows) await flush();
        emit({
          type: 'taskProgress',
          task: task.name,
          table: task.table,
          counters: { ...counters },
          at: new Date(),
        });
        await log('taskProgress', (logger) =>
          logger.taskProgress(runId, { ...logged, ...counters }),
        );
      }
    } catch (readError) {
      // Rows already read and decoded are committed before the task fails (not when cancelled:
      // the watermark has not passed them, so the next run reads them again).
      if (!signal.aborted && pending.length > 0) {
        await flush().catch((flushError: unknown) => {
          debug(
            'run %s task %s: rows read before the failure not written: %O',
            runId,
            task.name,
            flushError,
          );
        });
      }
      throw readError;
    }
    await flush();
    if (signal.aborted) throw cancelReason(signal);
    if (plan.audit && options.client.count !== undefined) {
      counters.apiCalls += 1;
      expectedRecords = await countOrNull(options.client, task.table, query, signal);
      const gap =
        expectedRecords === null ? undefined : auditGap(recordsRead, expectedRecords, blankRows);
      if (gap !== undefined) warnings.push(gap);
    }
    if (fullMark !== undefined && !stalled) {
      // Every row updated before the newest update seen at the start has been read.
      const mark = { updatedOn: fullMark, sysId: '' };
      if (stateful && (watermark === null || isAfterCursor(mark, watermark))) {
        await stateful.saveState(task, { watermark: mark }, { signal });
        counters.dbOperations += 1;
        watermark = mark;
      }
    }
    if (deletes !== 'none' && isKeyedSink(sink)) {
      const checked = state?.deletesCheckedAt ?? null;
      const outcome = await applyDeletes({
        client: options.client,
        sink,
        task,
        mode: deletes,
        soft: plan.softDelete,
        since: checked === null ? plan.since : minusMinutes(checked, plan.overlapMinutes),
        signal,
        onApiCalls: (calls) => {
          counters.apiCalls += calls;
        },
        onDbOperations: (operations) => {
          counters.dbOperations += operations;
        },
      });
      recordsDeleted = outcome.deleted;
      warnings.push(...outcome.warnings);
      // The audit checkpoint follows the instance's clock (the newest audit row read), never
      // this machine's, so a clock difference cannot hide deletes.
      if (outcome.auditedUpTo !== undefined && outcome.warnings.length === 0) {
        await sink.saveState(task, { deletesCheckedAt: outcome.auditedUpTo }, { signal });
        counters.dbOperations += 1;
      }
    }
    if (signal.aborted) throw cancelReason(signal);
  } catch (caught) {
    error = signal.aborted ? cancelReason(signal) : caught;
    debug('run %s task %s failed: %O', runId, task.name, caught);
  }
  const endedAt = new Date();
  if (stalled && error === undefined) {
    warnings.unshift(
      'Paging stopped on a page of unreadable rows (access rules hide them); later rows could not be reached. Compare with the instance count.',
    );
  }
  const status: TaskStatus =
    error !== undefined
      ? 'error'
      : counters.recordsRejected > 0 || warnings.length > 0
        ? 'partial'
        : 'success';
  const errorSummary: ErrorSummary | undefined =
    error !== undefined
      ? summarize(error)
      : stalled
        ? { name: 'PagingStalled', message: warnings.join(' ') }
        : warnings.length > 0
          ? { name: 'IncompleteTask', message: warnings.join(' ') }
          : undefined;
  const result: TaskResult = {
    name: task.name,
    table: task.table,
    target: task.target,
    status,
    recordsProcessed: counters.recordsProcessed,
    recordsRejected: counters.recordsRejected,
    apiCalls: counters.apiCalls,
    dbOperations: counters.dbOperations,
    startedAt,
    endedAt,
    durationSeconds: (endedAt.getTime() - startedAt.getTime()) / 1000,
    rejects,
    mode: plan.mode,
    recordsRead,
    expectedRecords,
    recordsDeleted,
    watermark,
    warnings,
    ...(errorSummary ? { error: errorSummary } : {}),
  };
  await log('taskFinished', (logger) => logger.taskFinished(runId, result));
  emit({ type: 'taskFinished', task: task.name, table: task.table, result, at: endedAt });
  return result;
}

/** The completeness audit's verdict: `undefined` when the rows read match the instance's count. */
function auditGap(read: number, expected: number, blank: number): string | undefined {
  if (read === expected) return undefined;
  if (read < expected) {
    const hidden =
      blank > 0
        ? `${blank} row(s) came back blank: access rules hide them`
        : 'rows hidden by access rules (short pages) or inserted during the run';
    return `Read ${read} of the ${expected} rows the instance counts for this selection (${expected - read} missing): likely ${hidden}. Check the integration user's read access, then re-run.`;
  }
  return `Read ${read} rows but the instance now counts ${expected} for this selection (${read - expected} more): rows changed during the run (updated out of the selection or deleted); the next run catches up.`;
}

/** The newest `sys_updated_on` of a selection (one request), `undefined` when it is empty. */
async function latestUpdate(
  client: RunClient,
  task: TaskDefinition,
  selection: string,
  signal: AbortSignal,
  onApiCall: () => void,
): Promise<string | undefined> {
  const query =
    selection === '' ? 'ORDERBYDESCsys_updated_on' : `${selection}^ORDERBYDESCsys_updated_on`;
  for await (const page of client.paginate(task.table, {
    query,
    fields: ['sys_updated_on'],
    pageSize: 1,
    strategy: 'offset',
    readAhead: 0,
    signal,
    onResponse: onApiCall,
  })) {
    const first = page.records[0];
    const text = first === undefined ? undefined : rawValueOf(first, 'sys_updated_on');
    return text !== undefined && !Number.isNaN(parseUtcDateTime(text)) ? text : undefined;
  }
  return undefined;
}
