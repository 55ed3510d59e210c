/**
 * The paginator behind `client.paginate()`: the ranges of a plan read with bounded read-ahead
 * (merged in arrival order when partitioned), pages numbered as they are yielded, and a `break`
 * in the caller's loop that aborts every in-flight request.
 *
 * @module
 */
import type { TableRecord } from '../table/index.js';
import type { Page } from './page.js';
import type { PaginationPlan } from './pagination-plan.js';
import { mergeByArrival, readAhead } from './read-ahead.js';
import { type PageData, type PaginateContext, readRange } from './read-range.js';

const ignore = (): void => {};

/** The pages of every range, read ahead as the plan allows. */
function readRanges(
  context: PaginateContext,
  plan: PaginationPlan,
  signal: AbortSignal,
): AsyncGenerator<PageData> {
  const sources = plan.ranges.map((range, partition) =>
    readRange(context, plan, partition, range, signal),
  );
  if (sources.length === 1)
    return readAhead(sources[0] as AsyncGenerator<PageData>, plan.readAhead);
  return mergeByArrival(
    plan.readAhead > 1 ? sources.map((source) => readAhead(source, plan.readAhead - 1)) : sources,
  );
}

/** Runs a plan: yields pages in arrival order; closing the generator aborts in-flight requests. */
export async function* runPagination<T = TableRecord>(
  context: PaginateContext,
  plan: PaginationPlan,
): AsyncGenerator<Page<T>, void, undefined> {
  const controller = new AbortController();
  const signal =
    plan.signal === undefined
      ? controller.signal
      : AbortSignal.any([plan.signal, controller.signal]);
  const pages = readRanges(context, plan, signal);
  let index = 0;
  try {
    for (;;) {
      const next = await pages.next();
      if (next.done) return;
      const page = next.value;
      context.metrics.add('pages');
      context.metrics.add('records', page.records.length);
      yield { ...page, index: index++ } as unknown as Page<T>;
    }
  } finally {
    controller.abort();
    await pages.return(undefined).catch(ignore);
  }
}
