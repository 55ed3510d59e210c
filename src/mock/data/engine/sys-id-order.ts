/**
 * A query in sys_id order (no `ORDERBY`, or `ORDERBY[DESC]sys_id`): each group's candidates
 * streamed in sys_id order from a binary-searched start (the keyset cursor), the groups merged,
 * overlay records merged in their place, stopping when the page is full.
 *
 * @module
 */
import { type CompiledQuery, matchesQuery } from './compile-query.js';
import { matchedExtras } from './matched-extras.js';
import type { GroupPlan } from './plan-group.js';
import type { Page } from './result-page.js';
import type { RowView, TableData } from './table-data.js';
import { sysIdBoundPosition } from './table-index.js';
import { pathWords, type WordListCache } from './word-lists.js';

/** One group's candidates as sys_id words, between its sys_id bounds. */
interface Stream {
  readonly words: Uint32Array;
  readonly from: number;
  readonly to: number;
  pos: number;
  /** Every candidate matches: the access path answers the whole group. */
  readonly exact: boolean;
}

function sysIdStreams(
  table: TableData,
  plans: readonly GroupPlan[],
  desc: boolean,
  cache: WordListCache,
): Stream[] {
  const key = table.key;
  return plans.map((plan) => {
    const words = pathWords(table, plan.path, cache);
    const lower = plan.sysLower;
    const upper = plan.sysUpper;
    const from =
      lower === undefined ? 0 : sysIdBoundPosition(words, lower.text, lower.inclusive, key);
    const to = Math.max(
      from,
      upper === undefined
        ? words.length
        : sysIdBoundPosition(words, upper.text, !upper.inclusive, key),
    );
    const exact = plan.group.terms.every((t) => plan.consumed.has(t) || plan.sysTerms.has(t));
    return { words, from, to, pos: desc ? to - 1 : from, exact };
  });
}

/** The first word (last when `desc`) at the streams' positions, or -1 when every one is done. */
function nextWord(streams: readonly Stream[], desc: boolean): number {
  let word = -1;
  for (const s of streams) {
    if (s.pos < s.from || s.pos >= s.to) continue;
    const w = s.words[s.pos] as number;
    if (word < 0 || (desc ? w > word : w < word)) word = w;
  }
  return word;
}

/** Moves past `word` the streams at it; `true` when one of them is exact. */
function advance(streams: readonly Stream[], word: number, desc: boolean): boolean {
  let exact = false;
  for (const s of streams) {
    if (s.pos >= s.from && s.pos < s.to && s.words[s.pos] === word) {
      s.pos += desc ? -1 : 1;
      exact ||= s.exact;
    }
  }
  return exact;
}

/** Fills `page` in sys_id order. @internal */
export function sysIdOrdered(
  table: TableData,
  query: CompiledQuery,
  plans: readonly GroupPlan[],
  desc: boolean,
  page: Page,
  cache: WordListCache,
): void {
  const key = table.key;
  const streams = sysIdStreams(table, plans, desc, cache);
  const extras = matchedExtras(table, query);
  if (desc) extras.reverse();
  let e = 0;
  const pristine = table.pristine;
  const single = streams.length === 1 ? streams[0] : undefined;
  // One exact stream on unchanged rows: every position matches, so positions count rows.
  const counted = single?.exact === true && pristine ? single : undefined;
  if (counted !== undefined) {
    // Skip the offset without visiting the rows.
    const skip = Math.min(page.options.offset, counted.to - counted.from);
    counted.pos += desc ? -skip : skip;
    page.total += skip;
  }
  for (let word = nextWord(streams, desc); word >= 0; word = nextWord(streams, desc)) {
    const exact = advance(streams, word, desc);
    const row = key.rowOfWord0(word);
    if (!pristine && table.shadowed(row)) continue;
    if (e < extras.length) {
      const id = key.sysId(row);
      while (e < extras.length) {
        const other = (extras[e] as RowView).get('sys_id');
        if (desc ? other <= id : other >= id) break;
        if (page.add(extras[e++] as RowView)) return;
      }
    }
    const view = table.view(row);
    if (!exact && !matchesQuery(query, view)) continue;
    if (page.add(view)) return;
    if (page.full && counted !== undefined) {
      page.total += desc ? counted.pos - counted.from + 1 : counted.to - counted.pos;
      return;
    }
  }
  while (e < extras.length) if (page.add(extras[e++] as RowView)) return;
}
