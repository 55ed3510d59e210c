/**
 * The pages of one sys_id range (or of the whole `'updated'` / `'offset'` sequence): each
 * request asks the strategy's position for its parameters, the answer moves the position on,
 * and the read ends at an empty page or when the position stalls.
 *
 * @module
 */
import createDebug from 'debug';
import type { TableRecord } from '../table/index.js';
import { checkListBody } from '../table/index.js';
import type { MetricsRecorder, RequestExecutor } from '../transport/index.js';
import type { Page } from './page.js';
import type { KeyRange } from './page-query.js';
import { PageSizer } from './page-size.js';
import type { PaginationPlan } from './pagination-plan.js';
import type { PagePosition, PageRows, PageStep } from './paging-strategy.js';

const log = createDebug('servicenow-sync:paginate');

/** What the paginator needs from the client. */
export interface PaginateContext {
  readonly executor: RequestExecutor;
  readonly metrics: MetricsRecorder;
}

/** A page before the paginator numbers it. */
export type PageData = Omit<Page<TableRecord>, 'index'>;

/** The answer to one page request. */
interface PageAnswer {
  readonly rows: PageRows;
  /** The `sysparm_limit` of the attempt that succeeded. */
  readonly limit: number;
  readonly bytes: number;
  readonly attempts: number;
}

/** Requests the page at `position`, halving the page size on the failures that call for it. */
async function fetchPage(
  { executor, metrics }: PaginateContext,
  plan: PaginationPlan,
  position: PagePosition,
  sizer: PageSizer,
  signal: AbortSignal,
): Promise<PageAnswer> {
  let limit = sizer.current;
  const response = await executor.execute({
    method: 'GET',
    path: plan.path,
    signal,
    params: () => {
      limit = sizer.current;
      return { ...plan.params, ...position.params(limit) };
    },
    validate: checkListBody,
    onRetry: (failure) => {
      if (sizer.onFailure(failure)) {
        metrics.add('pageSizeReductions');
        log('%s: page size halved to %d after %s', plan.table, sizer.current, failure.kind);
      }
    },
  });
  sizer.onSuccess();
  const rows = (response.body as { result: Record<string, unknown>[] }).result;
  plan.onResponse?.({ attempts: response.attempts, bytes: response.bytes, rows: rows.length });
  return { rows, limit, bytes: response.bytes, attempts: response.attempts };
}

function toPage(
  position: PagePosition,
  step: PageStep,
  answer: PageAnswer,
  partition: number,
): PageData {
  return {
    records: step.records,
    partition,
    query: position.query,
    pageSize: answer.limit,
    offset: position.offset,
    rawCount: answer.rows.length,
    blankRows: step.blankRows,
    stalled: step.next === undefined,
    bytes: answer.bytes,
    attempts: answer.attempts,
    cursor: step.cursor,
  };
}

/** Reads the pages of one range, from the strategy's first position of it. */
export async function* readRange(
  context: PaginateContext,
  plan: PaginationPlan,
  partition: number,
  range: KeyRange,
  signal: AbortSignal,
): AsyncGenerator<PageData> {
  const sizer = new PageSizer({ max: plan.pageSize, min: plan.minPageSize });
  let position: PagePosition | undefined = plan.firstPage(range);
  while (position !== undefined) {
    const answer = await fetchPage(context, plan, position, sizer, signal);
    if (answer.rows.length === 0) return;
    const step = position.read(answer.rows, answer.limit);
    if (step.blankRows > 0) context.metrics.add('blankRows', step.blankRows);
    yield toPage(position, step, answer, partition);
    if (step.next === undefined) {
      context.metrics.add('stalls');
      log(
        '%s: paging stopped, the cursor cannot advance (%d of %d rows blank)',
        plan.table,
        step.blankRows,
        answer.rows.length,
      );
    }
    position = step.next;
  }
}
