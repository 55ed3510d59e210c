/**
 * The page a query fills: rows after the offset up to the limit, and the count of every match
 * when asked.
 *
 * @module
 */
import type { RowView } from './table-data.js';

/** Paging of a query. @internal */
export interface ExecuteOptions {
  readonly limit: number;
  readonly offset: number;
  readonly count: boolean;
  /** Shuffles rows equal on every `ORDERBY` key by this salt (see `tieSalt`); else sys_id order. */
  readonly tieSalt?: number | undefined;
}

/** Rows of a page, and the total when counted. @internal */
export interface ExecuteResult {
  readonly views: RowView[];
  readonly total?: number;
}

/** The page being filled; `add` says when nothing more is needed. @internal */
export class Page {
  readonly views: RowView[] = [];
  total = 0;

  constructor(readonly options: ExecuteOptions) {}

  /** Adds a matching row; `true` when nothing more is needed. */
  add(view: RowView): boolean {
    this.total++;
    if (this.total > this.options.offset && this.views.length < this.options.limit) {
      this.views.push(view);
    }
    return this.done;
  }

  /** The page holds `limit` rows. */
  get full(): boolean {
    return this.views.length >= this.options.limit;
  }

  /** Full, and no count asked: the query can stop. */
  get done(): boolean {
    return this.full && !this.options.count;
  }

  /** The rows, and the total when counted. */
  result(): ExecuteResult {
    return this.options.count ? { views: this.views, total: this.total } : { views: this.views };
  }
}
