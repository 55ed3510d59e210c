/**
 * Where a generated reference may point: the live rows of the served tables that are the
 * referenced table or extend it (`task` -> incident, problem, change_request, ...), leaving out
 * the tables whose rows the generation deletes, so a reference never dangles.
 *
 * @module
 */

import type { RowRandom } from '../random.js';
import { servedTablesOf } from '../schemas/registry.js';
import type { World } from './world.js';

/** Tables that lose rows at generation time (seeded deletes) or hold audit rows only. */
const UNSTABLE = new Set(['incident_task', 'task_sla', 'task_time_worked', 'sys_audit_delete']);

interface Candidates {
  readonly tables: readonly string[];
  /** Cumulative row counts, one per table. */
  readonly ends: readonly number[];
  readonly total: number;
}

/** A reference drawn: the table holding the row, and the row. @internal */
export interface DrawnReference {
  readonly table: string;
  readonly row: number;
}

/** The targets of generated references, from the sizes of the served tables. @internal */
export class ReferenceTargets {
  private readonly candidates = new Map<string, Candidates>();

  /** @param sizes - Generated row count of each served table. */
  constructor(
    private readonly world: World,
    private readonly sizes: ReadonlyMap<string, number>,
  ) {}

  private of(table: string): Candidates {
    let found = this.candidates.get(table);
    if (found === undefined) {
      const tables = servedTablesOf(table).filter(
        (t) => !UNSTABLE.has(t) && (this.sizes.get(t) ?? 0) > 0,
      );
      const ends: number[] = [];
      let total = 0;
      for (const t of tables) {
        total += this.sizes.get(t) ?? 0;
        ends.push(total);
      }
      found = { tables, ends, total };
      this.candidates.set(table, found);
    }
    return found;
  }

  /** Generated rows a reference to `table` can choose from (0: the reference stays empty). */
  size(table: string): number {
    return this.of(table).total;
  }

  /** The `k`-th row (0 <= k < size(table)) among the targets of `table`. */
  at(table: string, k: number): DrawnReference | undefined {
    const { tables, ends, total } = this.of(table);
    if (k < 0 || k >= total) return undefined;
    let i = 0;
    while (k >= (ends[i] as number)) i++;
    const start = i === 0 ? 0 : (ends[i - 1] as number);
    return { table: tables[i] as string, row: k - start };
  }

  /** A row drawn with `rnd` at `slot` among the targets of `table`, or `undefined`. */
  draw(table: string, rnd: RowRandom, slot: number): DrawnReference | undefined {
    const total = this.size(table);
    return total === 0 ? undefined : this.at(table, rnd.int(slot, total));
  }

  /** The sys_id of a drawn reference, `''` when the table has no target rows. */
  sysIdOf(drawn: DrawnReference | undefined): string {
    return drawn === undefined ? '' : this.world.sysId(drawn.table, drawn.row);
  }
}
