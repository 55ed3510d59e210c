/**
 * Puts the conditions of an encoded query, term by term, into `^NQ` groups of AND'ed terms of
 * OR'ed conditions, refusing (strict) or dropping (lenient) what cannot join.
 *
 * @module
 */
import type {
  EncodedQuery,
  QueryCondition,
  QueryGroup,
  QueryOrder,
  QuerySubquery,
  QueryTerm,
} from './ast.js';
import type { Issue, Join } from './parse-segment.js';
import type { Segment } from './query-segments.js';
import { QuerySyntaxError } from './query-syntax-error.js';

interface GroupDraft {
  readonly terms: QueryCondition[][];
  readonly subqueries: QuerySubquery[];
  /** A term of this group was dropped (lenient mode). */
  dropped: boolean;
}

/**
 * The groups of one query being parsed. Strict: a condition that cannot join throws a
 * {@link QuerySyntaxError}. Lenient: dropped terms are remembered, since a group that lost every
 * term matches every record.
 */
export class GroupAssembler {
  private readonly groups: GroupDraft[] = [{ terms: [], subqueries: [], dropped: false }];
  /** `false` once the last condition was dropped: an `^OR` then has nothing valid to join. */
  private canJoin = true;
  /** The last term was a JOIN or RLQUERY, which an `^OR` cannot join. */
  private afterSubquery = false;

  /**
   * @param text - The query, for error messages.
   * @param strict - Throw for a condition that cannot join instead of joining it with AND.
   * @param refuse - Throw for an `^OR` after a JOIN or RLQUERY, even in lenient mode.
   */
  constructor(
    private readonly text: string,
    private readonly strict: boolean,
    private readonly refuse: boolean = strict,
  ) {}

  private static empty(group: GroupDraft): boolean {
    return group.terms.length === 0 && group.subqueries.length === 0;
  }

  /**
   * Adds a JOIN or RLQUERY term (its join is `'and'` or `'group'`).
   *
   * @throws {@link QuerySyntaxError} in strict mode, for a `^NQ` with no condition before.
   */
  addSubquery(join: Join, subquery: QuerySubquery, segment: Segment, afterOrder: boolean): void {
    this.canJoin = true;
    this.afterSubquery = true;
    let current = this.current;
    if (join === 'group') {
      if (this.strict && (GroupAssembler.empty(current) || afterOrder)) {
        throw noConditionBefore('^NQ', this.text, segment);
      }
      if (!GroupAssembler.empty(current) || current.dropped) current = this.startGroup();
    }
    current.subqueries.push(subquery);
  }

  private get current(): GroupDraft {
    return this.groups[this.groups.length - 1]!;
  }

  private startGroup(): GroupDraft {
    const group: GroupDraft = { terms: [], subqueries: [], dropped: false };
    this.groups.push(group);
    return group;
  }

  /** Records a term dropped in lenient mode. */
  drop(issue: Issue): void {
    let current = this.current;
    this.afterSubquery = false;
    if (issue.join === 'group' && !GroupAssembler.empty(current)) current = this.startGroup();
    if (issue.condition) {
      current.dropped = true;
      if (issue.join !== 'or') this.canJoin = false;
    }
  }

  /**
   * Adds a condition as its join says.
   *
   * @param afterOrder - The term before it was an `ORDERBY`, so an `^OR` has nothing to join.
   * @throws {@link QuerySyntaxError} in strict mode, for an `^OR` or `^NQ` with no condition before.
   */
  add(join: Join, condition: QueryCondition, segment: Segment, afterOrder: boolean): void {
    const joinable = this.canJoin;
    const afterSubquery = this.afterSubquery;
    this.canJoin = true;
    this.afterSubquery = false;
    let current = this.current;
    if (join === 'group') {
      if (this.strict && GroupAssembler.empty(current)) {
        throw noConditionBefore('^NQ', this.text, segment);
      }
      if (!GroupAssembler.empty(current) || current.dropped) current = this.startGroup();
      current.terms.push([condition]);
      return;
    }
    const lastTerm = current.terms[current.terms.length - 1];
    if (join === 'or') {
      if (this.refuse && afterSubquery) {
        throw new QuerySyntaxError(
          `"^OR" cannot join a JOIN or RLQUERY term, in term ${JSON.stringify(`^${segment.raw}`)}`,
          { query: this.text, position: segment.start - 1 },
        );
      }
      if (this.strict && afterOrder) throw noConditionBefore('^OR', this.text, segment);
      if (lastTerm !== undefined && joinable && !afterSubquery) {
        lastTerm.push(condition);
        return;
      }
      if (this.strict) throw noConditionBefore('^OR', this.text, segment);
    }
    current.terms.push([condition]);
  }

  /** The query: its non-empty groups, or none when a group lost every term (matches all). */
  finish(orderBy: readonly QueryOrder[]): EncodedQuery {
    if (this.groups.some((group) => GroupAssembler.empty(group) && group.dropped)) {
      // An OR'ed group with no condition left matches every record, and so does the query.
      return { groups: [], orderBy };
    }
    const finished: QueryGroup[] = this.groups
      .filter((group) => !GroupAssembler.empty(group))
      .map((group) => {
        const terms = group.terms.map((term): QueryTerm => term);
        return group.subqueries.length === 0 ? { terms } : { terms, subqueries: group.subqueries };
      });
    return { groups: finished, orderBy };
  }
}

function noConditionBefore(keyword: string, text: string, segment: Segment): QuerySyntaxError {
  return new QuerySyntaxError(
    `"${keyword}" has no condition before it in term ${JSON.stringify(`^${segment.raw}`)}`,
    { query: text, position: segment.start - 1 },
  );
}
