/**
 * What running a query needs from the store: the planner's context, row resolution for
 * dot-walks and sorts, and the cache of word lists.
 *
 * @module
 */
import type { RowResolver } from './field-path.js';
import type { PlanContext } from './plan-context.js';
import type { WordListCache } from './word-lists.js';

/** What execution needs from the store. @internal */
export interface ExecuteContext extends PlanContext {
  readonly resolver: RowResolver;
  readonly cache: WordListCache;
}
