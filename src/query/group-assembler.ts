/**
 * Puts the conditions of an encoded query, term by term, into `^NQ` groups of AND'ed terms of
 * OR'ed conditions, refusing (strict) or dropping (lenient) what cannot join.
 *
 * @module
 */
import type { EncodedQuery, QueryCondition, QueryGroup, QueryOrder, QueryTerm } from './ast.js';
import type { Issue, Join } from './parse-segment.js';
import type { Segment } from './query-segments.js';
import { QuerySyntaxError } from './query-syntax-error.js';

interface GroupDraft {
  readonly terms: QueryCondition[][];
  /** A term of this group was dropped (lenient mode). */
  dropped: boolean;
}

/**
 * The groups of one query being parsed. Strict: a condition that cannot join throws a
 * {@link QuerySyntaxError}. Lenient: dropped terms are remembered, since a group that lost every
 * term matches every record.
 */
export class GroupAssembler {
  private readonly groups: GroupDraft[] = [{ terms: [], dropped: false }];
  /** `false` once the last condition was dropped: an `^OR` then has nothing valid to join. */
  private canJoin = true;

  /**
   * @param text - The query, for error messages.
   * @param strict - Throw for a condition that cannot join instead of joining it with AND.
   */
  constructor(
    private readonly text: string,
    private readonly strict: boolean,
  ) {}

  private get current(): GroupDraft {
    return this.groups[this.groups.length - 1]!;
  }

  private startGroup(): GroupDraft {
    const group: GroupDraft = { terms: [], dropped: false };
    this.groups.push(group);
    return group;
  }

  /** Records a term dropped in lenient mode. */
  drop(issue: Issue): void {
    let current = this.current;
    if (issue.join === 'group' && current.terms.length > 0) current = this.startGroup();
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
    this.canJoin = true;
    let current = this.current;
    if (join === 'group') {
      if (this.strict && current.terms.length === 0) {
        throw noConditionBefore('^NQ', this.text, segment);
      }
      if (current.terms.length > 0 || current.dropped) current = this.startGroup();
      current.terms.push([condition]);
      return;
    }
    const lastTerm = current.terms[current.terms.length - 1];
    if (join === 'or') {
      if (this.strict && afterOrder) throw noConditionBefore('^OR', this.text, segment);
      if (lastTerm !== undefined && joinable) {
        lastTerm.push(condition);
        return;
      }
      if (this.strict) throw noConditionBefore('^OR', this.text, segment);
    }
    current.terms.push([condition]);
  }

  /** The query: its non-empty groups, or none when a group lost every term (matches all). */
  finish(orderBy: readonly QueryOrder[]): EncodedQuery {
    if (this.groups.some((group) => group.terms.length === 0 && group.dropped)) {
      // An OR'ed group with no condition left matches every record, and so does the query.
      return { groups: [], orderBy };
    }
    const finished: QueryGroup[] = this.groups
      .filter((group) => group.terms.length > 0)
      .map((group) => ({ terms: group.terms.map((term): QueryTerm => term) }));
    return { groups: finished, orderBy };
  }
}

function noConditionBefore(keyword: string, text: string, segment: Segment): QuerySyntaxError {
  return new QuerySyntaxError(
    `"${keyword}" has no condition before it in term ${JSON.stringify(`^${segment.raw}`)}`,
    { query: text, position: segment.start - 1 },
  );
}
