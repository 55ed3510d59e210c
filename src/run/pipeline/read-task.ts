/**
 * The read phase of a task: its destination prepared, its state read, its selection chosen,
 * then every page copied to the sink.
 *
 * @module
 */
import createDebug from 'debug';
import { formatSchemaChange, type SyncState } from '../../sink/index.js';
import { cancelReason } from '../cancel-reason.js';
import { copyPages } from './copy-pages.js';
import { createPageDecoder } from './decode-page.js';
import { probeFullLoadMark } from './full-load-mark.js';
import { readPages } from './read-pages.js';
import type { TaskContext } from './task-context.js';
import { selectRows, type TaskSelection } from './task-selection.js';
import { WriteGrouper } from './write-grouper.js';

const debug = createDebug('servicenow-sync:run');

/** What the read phase passes on to the follow-up steps. @internal */
export interface TaskRead {
  /** The task's state as stored at its start. */
  readonly state: SyncState | undefined;
  /** The selection read. */
  readonly selection: TaskSelection;
  /** A full load of the whole selection: the newest `sys_updated_on` seen at its start. */
  readonly fullLoadMark: string | undefined;
}

/** Reads the task's selection into the sink; throws when it could not (or was cancelled). @internal */
export async function readTask(context: TaskContext): Promise<TaskRead> {
  const { runId, options, plan, taskPlan, signal, tally } = context;
  const { task } = taskPlan;
  if (signal.aborted) throw cancelReason(signal);
  const prepared = await plan.sinks.sink.prepare(task, { signal });
  const changes = prepared?.changes ?? [];
  tally.setSchemaChanges(changes);
  for (const change of changes) {
    debug('run %s task %s: %s', runId, task.name, formatSchemaChange(change));
  }
  const { stateSink } = taskPlan;
  const state = stateSink === undefined ? undefined : await stateSink.readState(task, { signal });
  tally.commitWatermark(state?.watermark ?? null);
  const decode = createPageDecoder(task, tally);
  const selection = selectRows(taskPlan, plan, state, context.until);
  const { client } = options;
  const fullLoadMark = taskPlan.fullLoadMark
    ? await probeFullLoadMark({ runId, client, task, selection: selection.query, signal, tally })
    : undefined;
  if (selection.incremental) {
    const from = selection.incremental.from ?? 'the beginning';
    debug('run %s task %s: incremental from %s to %s', runId, task.name, from, context.until);
  }
  const { sink } = plan.sinks;
  const { groupRows, pageSize } = taskPlan;
  await copyPages({
    runId,
    task,
    pages: readPages(client, taskPlan, plan, selection, signal, tally),
    decode,
    grouper: new WriteGrouper({ sink, task, groupRows, pageSize, signal, tally }),
    reporter: context.reporter,
    tally,
    advances: taskPlan.incremental,
    signal,
  });
  if (signal.aborted) throw cancelReason(signal);
  return { state, selection, fullLoadMark };
}
