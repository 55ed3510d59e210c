/**
 * The common shape of the small generated tables: a reader per row, an accessor table that
 * renders it, and the system date-time indexes.
 *
 * @module
 */
import type { AccessorTable, RowReader, RowSource } from './row-source.js';
import { readerSeconds, SYSTEM_DATE_INDEXES } from './system-values.js';
import type { World } from './world.js';

/** The small tables whose size is the scale plan's. @internal */
export type SmallTable =
  | 'contract_sla'
  | 'sys_user_group'
  | 'core_company'
  | 'cmdb_ci_network_link';

/**
 * A table of `world.plan[table]` rows, row `row` read by `new Reader(world, row)` and rendered by
 * `accessors` (companies, groups, contract SLAs, network links). @internal
 */
export class ReaderSource<R extends RowReader> implements RowSource {
  readonly indexedDates = SYSTEM_DATE_INDEXES;
  readonly size: number;

  constructor(
    readonly table: SmallTable,
    readonly world: World,
    private readonly accessors: AccessorTable<R>,
    private readonly Reader: new (world: World, row: number) => R,
  ) {
    this.size = world.plan[table];
  }

  reader(row: number): R {
    return new this.Reader(this.world, row);
  }

  values(row: number): string[] {
    return this.accessors.values(this.reader(row));
  }

  seconds(row: number, field: string): number {
    return readerSeconds(this.reader(row), field);
  }
}
