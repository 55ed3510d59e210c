export type {
  Page,
  PageResponseInfo,
  PaginateOptions,
  PaginationStrategy,
} from './page.js';
export {
  type KeyRange,
  keysetFilter,
  keysetPageQuery,
  offsetQuery,
  partitionRanges,
  updatedPageQuery,
} from './page-query.js';
export { isPageTooLarge, PageSizer, type PageSizerOptions } from './page-size.js';
export {
  DEFAULT_PAGINATE_OPTIONS,
  type PaginationPlan,
  planPagination,
} from './pagination-plan.js';
export { pagingStrategy } from './paging-strategies.js';
export type {
  FirstPage,
  PagePosition,
  PageRows,
  PageStep,
  PagingStrategy,
} from './paging-strategy.js';
export { mergeByArrival, readAhead } from './read-ahead.js';
export type { PageData, PaginateContext } from './read-range.js';
export { recordIterator } from './record-iterator.js';
export { runPagination } from './run-pagination.js';
