/**
 * Accessors of the `sys_` columns, shared by every generated table.
 *
 * @module
 */
import { formatDateTime, parseDateTime } from '../glide-format.js';
import { RowRandom } from '../random.js';
import { type Accessors, EMPTY_SECONDS, type RowReader } from './row-source.js';
import type { World } from './world.js';

/** What a generated row knows about its own `sys_` columns. @internal */
export interface SystemValues {
  readonly table: string;
  readonly sysId: string;
  /** Epoch seconds. */
  readonly createdOn: number;
  /** Epoch seconds. */
  readonly updatedOn: number;
  readonly createdBy: string;
  readonly updatedBy: string;
  readonly modCount: number;
}

/**
 * A reader of row `row` of a generated table: its sys_id and random draws. Each table's reader
 * adds the `sys_` stamps and renders its fields in `value`. @internal
 */
export abstract class GeneratedRow implements SystemValues, RowReader {
  readonly sysId: string;
  private draws: RowRandom | undefined;

  constructor(
    readonly table: string,
    readonly world: World,
    readonly row: number,
  ) {
    this.sysId = world.sysId(table, row);
  }

  /** The row's draws: `rnd.u32(slot)` is a pure function of (seed, table, row, slot). */
  get rnd(): RowRandom {
    this.draws ??= new RowRandom(this.world.tableSeed(this.table), this.row);
    return this.draws;
  }

  abstract readonly createdOn: number;
  abstract readonly updatedOn: number;
  abstract readonly createdBy: string;
  abstract readonly updatedBy: string;
  abstract readonly modCount: number;
  abstract value(field: string): string;
}

/** Accessors of sys_id, sys_class_name, sys_domain(_path), sys_created/updated_on/by, ... @internal */
export const SYSTEM_ACCESSORS: Accessors<SystemValues> = {
  sys_id: (r) => r.sysId,
  sys_class_name: (r) => r.table,
  sys_domain: () => 'global',
  sys_domain_path: () => '/',
  sys_created_on: (r) => formatDateTime(r.createdOn),
  sys_created_by: (r) => r.createdBy,
  sys_updated_on: (r) => formatDateTime(r.updatedOn),
  sys_updated_by: (r) => r.updatedBy,
  sys_mod_count: (r) => String(r.modCount),
  sys_tags: () => '',
};

/** Epoch seconds of a date-time field read through a reader. @internal */
export function readerSeconds(reader: RowReader, field: string): number {
  const value = reader.value(field);
  if (value === '') return EMPTY_SECONDS;
  return parseDateTime(value) ?? EMPTY_SECONDS;
}

/** Formats epoch seconds, or `''` for a negative (absent) instant. @internal */
export function optionalDateTime(seconds: number): string {
  return seconds < 0 ? '' : formatDateTime(seconds);
}

/** The standard indexed date fields of a table without its own. @internal */
export const SYSTEM_DATE_INDEXES: Readonly<Record<string, string>> = {
  sys_created_on: 'sys_created_on',
  sys_updated_on: 'sys_updated_on',
};
