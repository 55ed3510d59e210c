/**
 * A query in any other order: every match collected (generated candidates, then overlay
 * records), sorted by its `ORDERBY` keys (ties by sys_id, or shuffled by the page's tie salt),
 * sliced.
 *
 * @module
 */
import { type CompiledQuery, matchesQuery } from './compile-query.js';
import type { RowResolver } from './field-path.js';
import { matchedExtras } from './matched-extras.js';
import type { GroupPlan } from './plan-group.js';
import type { Page } from './result-page.js';
import { compareKeyed, keyed } from './sort-keys.js';
import type { RowView, TableData } from './table-data.js';
import { pathRows } from './word-lists.js';

/** Fills `page` from every match, sorted. @internal */
export function sortedGeneral(
  table: TableData,
  query: CompiledQuery,
  plans: readonly GroupPlan[],
  page: Page,
  resolver: RowResolver,
): void {
  const seen = new Uint8Array(table.size);
  const matched: RowView[] = [];
  const scan = plans.some((p) => p.path.kind === 'scan');
  const sources = scan
    ? [pathRows(table, { kind: 'scan' })]
    : plans.map((p) => pathRows(table, p.path));
  for (const rows of sources) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number;
      if (seen[row] === 1) continue;
      seen[row] = 1;
      if (table.shadowed(row)) continue;
      const view = table.view(row);
      if (matchesQuery(query, view)) matched.push(view);
    }
  }
  matched.push(...matchedExtras(table, query));
  const rows = matched.map((view) => keyed(view, query.orderBy, resolver, page.options.tieSalt));
  rows.sort(compareKeyed(query.orderBy));
  for (const row of rows) if (page.add(row.view)) return;
}
