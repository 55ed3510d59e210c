/**
 * The sys_ids and numbers of records inserted into a mock store: sys_ids from the seed and a
 * counter (never one a table already holds), numbers after the generated ones.
 *
 * @module
 */
import type { TableData } from './engine/table-data.js';
import { counterSysId } from './sys-id.js';

/** Number prefixes of the task tables (other tables with a `number` use `TASK`). */
const NUMBER_PREFIXES: Readonly<Record<string, string>> = {
  incident: 'INC',
  problem: 'PRB',
  change_request: 'CHG',
  sc_request: 'REQ',
  sc_req_item: 'RITM',
};

/** Hands out the sys_ids and numbers of inserted records. @internal */
export class RecordIds {
  private readonly numbers = new Map<string, number>();
  private counter = 0;

  /** @param seed - The store's seed, which the sys_ids derive from. */
  constructor(private readonly seed: number) {}

  /** A sys_id no row of `data` has. */
  nextSysId(data: TableData): string {
    for (;;) {
      const id = counterSysId(this.seed, this.counter++);
      if (data.find(id) === undefined && data.rowOf(id) < 0) return id;
    }
  }

  /** The next number of a table (`INC0010301`, `TASK0010151`). */
  nextNumber(data: TableData): string {
    const next = this.numbers.get(data.name) ?? data.size;
    this.numbers.set(data.name, next + 1);
    const prefix = NUMBER_PREFIXES[data.name] ?? 'TASK';
    return `${prefix}${String(next + 10001).padStart(7, '0')}`;
  }
}
