/**
 * The watermark of a full load of a whole selection: the newest `sys_updated_on` at its start,
 * as the instance's clock wrote it, saved once every row has been read, so the next
 * incremental run reads only what changed after it.
 *
 * @module
 */
import createDebug from 'debug';
import { rawValueOf } from '../../client/index.js';
import { isAfterCursor, parseUtcDateTime } from '../../core/index.js';
import { query } from '../../query/index.js';
import type { StatefulSink } from '../../sink/index.js';
import type { TaskDefinition } from '../../tasks/index.js';
import type { RunClient } from '../run-options.js';
import type { TaskPart } from './task-part.js';
import type { TaskTally } from './task-tally.js';

const debug = createDebug('servicenow-sync:run');

/** What the probe reads. @internal */
export interface MarkProbe {
  readonly runId: string;
  readonly client: RunClient;
  readonly task: TaskDefinition;
  /** The selection the task reads. */
  readonly selection: string;
  readonly signal: AbortSignal;
  readonly tally: TaskTally;
}

/**
 * The newest `sys_updated_on` of the selection (one request), `undefined` when it is empty or
 * could not be read: the probe is optional, without it the next incremental run reads the
 * whole selection again. Cancellation still throws. @internal
 */
export async function probeFullLoadMark(probe: MarkProbe): Promise<string | undefined> {
  try {
    return await latestUpdate(probe);
  } catch (probeError) {
    if (probe.signal.aborted) throw probeError;
    debug('run %s task %s: no watermark probe: %O', probe.runId, probe.task.name, probeError);
    return undefined;
  }
}

async function latestUpdate(probe: MarkProbe): Promise<string | undefined> {
  const newestFirst = query(probe.selection).orderByDesc('sys_updated_on');
  for await (const page of probe.client.paginate(probe.task.table, {
    query: newestFirst.toString(),
    fields: ['sys_updated_on'],
    pageSize: 1,
    strategy: 'offset',
    readAhead: 0,
    signal: probe.signal,
    onResponse: () => probe.tally.addApiCalls(1),
  })) {
    const first = page.records[0];
    const text = first === undefined ? undefined : rawValueOf(first, 'sys_updated_on');
    return text !== undefined && !Number.isNaN(parseUtcDateTime(text)) ? text : undefined;
  }
  return undefined;
}

/** What saving the mark needs. @internal */
export interface MarkSave {
  readonly sink: StatefulSink;
  readonly task: TaskDefinition;
  /** The probed `sys_updated_on`. */
  readonly updatedOn: string;
  readonly signal: AbortSignal;
  readonly tally: TaskTally;
}

/**
 * Saves the mark when it is after the task's watermark (every row updated before the newest
 * update seen at the start has been read); resolves to it, or to no part when it is not. @internal
 */
export async function saveFullLoadMark(save: MarkSave): Promise<TaskPart> {
  const mark = { updatedOn: save.updatedOn, sysId: '' };
  const current = save.tally.watermark;
  if (current !== null && !isAfterCursor(mark, current)) return {};
  await save.sink.saveState(save.task, { watermark: mark }, { signal: save.signal });
  save.tally.addDbOperations(1);
  return { watermark: mark };
}
