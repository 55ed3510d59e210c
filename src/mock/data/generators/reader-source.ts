/**
 * The common shape of the small generated tables: a reader per row, an accessor table that
 * renders it, and the system date-time indexes.
 *
 * @module
 */
import type { AccessorTable, RowReader, RowSource } from './row-source.js';
import { readerSeconds, SYSTEM_DATE_INDEXES } from './system-values.js';
import type { World } from './world.js';

/**
 * A table whose row `row` is read by `read(row)` and rendered by `accessors` (companies, groups,
 * users, contract SLAs, network links). @internal
 */
export class ReaderSource<R extends RowReader> implements RowSource {
  readonly indexedDates = SYSTEM_DATE_INDEXES;

  constructor(
    readonly table: string,
    readonly world: World,
    readonly size: number,
    private readonly accessors: AccessorTable<R>,
    private readonly read: (row: number) => R,
  ) {}

  reader(row: number): R {
    return this.read(row);
  }

  values(row: number): string[] {
    return this.accessors.values(this.reader(row));
  }

  seconds(row: number, field: string): number {
    return readerSeconds(this.reader(row), field);
  }
}
