/**
 * A row of a schema-generated table: its sys_id, creation and update instants, the users who
 * made them, and its field values, each drawn from (seed, table, row, field name) so a field
 * keeps its values when the schema gains or reorders other fields.
 *
 * @module
 */
import { hashString } from '../random.js';
import type { ReferenceTargets } from './reference-targets.js';
import { GeneratedRow } from './system-values.js';
import type { UserSource } from './user-source.js';
import { DAY, type World } from './world.js';

/** What schema-generated rows draw on: the world, the users, the reference targets. @internal */
export interface SchemaContext {
  readonly world: World;
  readonly users: UserSource;
  readonly targets: ReferenceTargets;
  /** The raw value of a field of row `row` of another schema-generated table (`''` if none). */
  valueOf(table: string, row: number, field: string): string;
}

/** Computes the raw value of one field of a row. @internal */
export type FieldDraw = (row: SchemaRow) => string;

/** What a row asks its table for. @internal */
export interface SchemaRowOwner {
  readonly table: string;
  readonly context: SchemaContext;
  /** The raw value of `field` for `row` (not cached). */
  draw(row: SchemaRow, field: string): string;
}

const slots = new Map<string, number>();

/** The draw slot of a name (a hash, so slots do not depend on field order). @internal */
export function slotOf(name: string): number {
  let slot = slots.get(name);
  if (slot === undefined) {
    slot = hashString(name) & 0x3fffffff;
    slots.set(name, slot);
  }
  return slot;
}

/** A reader of one schema-generated row. @internal */
export class SchemaRow extends GeneratedRow {
  readonly createdOn: number;
  readonly updatedOn: number;
  readonly modCount: number;
  readonly createdBy: string;
  readonly updatedBy: string;
  /** The sys_user row that created the record (its login is `sys_created_by`). */
  readonly creator: number;
  private readonly values = new Map<string, string>();

  constructor(
    readonly owner: SchemaRowOwner,
    row: number,
  ) {
    super(owner.table, owner.context.world, row);
    const w = this.world;
    const r = this.rnd;
    const span = w.now - w.start - DAY;
    this.createdOn = w.start + Math.floor(r.unit(1) * span);
    this.updatedOn = r.chance(2, 0.2)
      ? this.createdOn
      : this.createdOn + Math.floor(r.unit(3) * (w.now - this.createdOn));
    this.modCount = this.updatedOn === this.createdOn ? 0 : 1 + r.int(4, 25);
    const users = owner.context.users;
    this.creator = r.int(5, w.users);
    this.createdBy = users.login(this.creator);
    this.updatedBy = this.modCount === 0 ? this.createdBy : users.login(r.int(6, w.users));
  }

  get context(): SchemaContext {
    return this.owner.context;
  }

  /** The raw value of a field (computed once per reader). */
  value(field: string): string {
    let value = this.values.get(field);
    if (value === undefined) {
      value = this.owner.draw(this, field);
      this.values.set(field, value);
    }
    return value;
  }

  /** A uniform integer in [0, n) drawn for `name` (`k` selects further draws of one name). */
  int(name: string, n: number, k = 0): number {
    return this.rnd.int(slotOf(name) + k, n);
  }

  /** A uniform number in [0, 1) drawn for `name`. */
  unit(name: string, k = 0): number {
    return this.rnd.unit(slotOf(name) + k);
  }

  /** `true` with probability `p`, drawn for `name`. */
  chance(name: string, p: number, k = 0): boolean {
    return this.rnd.chance(slotOf(name) + k, p);
  }

  /** One element of a non-empty list, drawn for `name`. */
  pick<T>(name: string, items: readonly T[], k = 0): T {
    return this.rnd.pick(slotOf(name) + k, items);
  }

  /** The sys_id of a row of `table` (or a table extending it) drawn for `name`, or `''`. */
  reference(table: string, name: string, k = 0): string {
    const targets = this.context.targets;
    return targets.sysIdOf(targets.draw(table, this.rnd, slotOf(name) + k));
  }

  /** An instant between creation and the last update, drawn for `name`. */
  between(name: string, k = 0): number {
    return this.createdOn + Math.floor(this.unit(name, k) * (this.updatedOn - this.createdOn));
  }
}
