/**
 * Every live row of one or more tables in sys_id order: generated rows not deleted (with their
 * updates) merged with inserted ones.
 *
 * @module
 */
import type { MockRecord } from '../types.js';
import type { RowView, TableData } from './engine/table-data.js';

/** Live rows of one table in sys_id order. */
function* tableRows(data: TableData): Generator<MockRecord> {
  const extras = data.extras().filter((view) => view.row < 0);
  let e = 0;
  for (let rank = 0; rank < data.size; rank++) {
    const row = data.rowAtRank(rank);
    if (data.deleted.has(row)) continue;
    if (e < extras.length) {
      const id = data.key.sysId(row);
      while (e < extras.length && (extras[e] as RowView).get('sys_id') < id) {
        yield data.recordOf(extras[e++] as RowView);
      }
    }
    const record = data.liveRecord(row);
    if (record !== undefined) yield record;
  }
  while (e < extras.length) yield data.recordOf(extras[e++] as RowView);
}

/** Live rows of several tables (a base table's children), merged in sys_id order. @internal */
export function* liveRows(tables: readonly TableData[]): Generator<MockRecord> {
  const iterators = tables.map((data) => tableRows(data)[Symbol.iterator]());
  const heads = iterators.map((it) => it.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i] as IteratorResult<MockRecord>;
      if (head.done === true) continue;
      const current = heads[best]?.value as MockRecord | undefined;
      if (best < 0 || (head.value.sys_id as string) < (current?.sys_id as string)) best = i;
    }
    if (best < 0) return;
    yield (heads[best] as IteratorYieldResult<MockRecord>).value;
    heads[best] = (iterators[best] as Iterator<MockRecord>).next();
  }
}
