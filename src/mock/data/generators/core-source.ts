/**
 * The common shape of the incident-tree tables (incident, incident_task, task_sla,
 * task_time_worked): a row is first drawn as a core (its life or timings), then rendered by a
 * reader over that core; the dates indexed are when a row was created and last updated.
 *
 * @module
 */
import { type AccessorTable, EMPTY_SECONDS, type RowReader, type RowSource } from './row-source.js';
import { GeneratedRow } from './system-values.js';
import type { World } from './world.js';

/** What every drawn core tells the `sys_` columns. @internal */
export interface DrawnCore {
  /** Epoch seconds of the last update. */
  readonly updated: number;
  readonly modCount: number;
}

/**
 * A table whose row `row` is drawn once by `draw(row)` (the last core is cached: a row's fields,
 * and children reading their parent, ask for the same row in a row) and read by `reader(row)`.
 * @internal
 */
export abstract class CoreSource<C, R extends RowReader> implements RowSource {
  readonly indexedDates: Readonly<Record<string, string>>;
  private lastRow = -1;
  private lastCore: C | undefined;

  /**
   * @param createdField the date-time field indexed as the row's creation (`opened_at`,
   *   `start_time`); `sys_created_on` shares its index. `sys_updated_on` has its own.
   */
  constructor(
    readonly table: string,
    readonly world: World,
    readonly size: number,
    private readonly accessors: AccessorTable<R>,
    private readonly createdField: string,
  ) {
    // With createdField 'sys_created_on' the first two keys are one key.
    this.indexedDates = {
      [createdField]: createdField,
      sys_created_on: createdField,
      sys_updated_on: 'sys_updated_on',
    };
  }

  /** Draws row `row`: a pure function of the row. */
  protected abstract draw(row: number): C;
  /** Epoch seconds at which row `row` was created (the value of `createdField`). */
  protected abstract createdAt(row: number): number;
  /** Epoch seconds at which row `row` was last updated. */
  protected abstract updatedAt(row: number): number;

  abstract reader(row: number): R;

  /** The drawn core of row `row` (the last one is cached). */
  core(row: number): C {
    if (row === this.lastRow && this.lastCore !== undefined) return this.lastCore;
    const core = this.draw(row);
    this.lastRow = row;
    this.lastCore = core;
    return core;
  }

  values(row: number): string[] {
    return this.accessors.values(this.reader(row));
  }

  seconds(row: number, field: string): number {
    if (field === this.createdField || field === 'sys_created_on') return this.createdAt(row);
    if (field === 'sys_updated_on') return this.updatedAt(row);
    return EMPTY_SECONDS;
  }
}

/**
 * A reader of a row of a {@link CoreSource} `S` over its drawn core `C`: `updatedOn` and
 * `modCount` come from the core. @internal
 */
export abstract class CoreReader<
  S extends { readonly table: string; readonly world: World },
  C extends DrawnCore,
> extends GeneratedRow {
  constructor(
    readonly source: S,
    row: number,
    readonly core: C,
  ) {
    super(source.table, source.world, row);
  }

  get updatedOn(): number {
    return this.core.updated;
  }
  get modCount(): number {
    return this.core.modCount;
  }
}
