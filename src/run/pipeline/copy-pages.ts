/**
 * The copy of a task's rows: pages read, decoded, transformed and handed to the write grouper,
 * with a progress report after each page.
 *
 * @module
 */
import createDebug from 'debug';
import type { Page, TableRecord } from '../../client/index.js';
import type { TaskDefinition } from '../../tasks/index.js';
import type { PageDecoder } from './decode-page.js';
import type { TaskReporter } from './task-reporter.js';
import type { TaskTally } from './task-tally.js';
import { transformRows } from './transform-rows.js';
import type { WriteGrouper } from './write-grouper.js';

const debug = createDebug('servicenow-sync:run');

/** The stages a copy runs through. @internal */
export interface CopyStages {
  readonly runId: string;
  readonly task: TaskDefinition;
  readonly pages: AsyncIterable<Page<TableRecord>>;
  readonly decode: PageDecoder;
  readonly grouper: WriteGrouper;
  readonly reporter: TaskReporter;
  readonly tally: TaskTally;
  /** Each page's cursor is the watermark saved with its rows (incremental runs). */
  readonly advances: boolean;
  readonly signal: AbortSignal;
}

/**
 * Copies every page, then writes what the grouper still holds. When a request fails, the rows
 * already read are written before the error is passed on (not when cancelled: the watermark
 * has not passed them, so the next run reads them again). @internal
 */
export async function copyPages(stages: CopyStages): Promise<void> {
  const { task, grouper, tally } = stages;
  try {
    for await (const page of stages.pages) {
      tally.addPage(page);
      const rows = await transformRows(task, stages.decode(page.records));
      const cursor = stages.advances ? page.cursor : undefined;
      await grouper.add(rows, cursor === undefined ? undefined : { watermark: cursor });
      await stages.reporter.progress(tally.counters);
    }
  } catch (readError) {
    if (!stages.signal.aborted && grouper.hasPendingRows) {
      await grouper.flush().catch((flushError: unknown) => {
        debug(
          'run %s task %s: rows read before the failure not written: %O',
          stages.runId,
          task.name,
          flushError,
        );
      });
    }
    throw readError;
  }
  await grouper.flush();
}
