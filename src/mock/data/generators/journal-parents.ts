/**
 * The records that carry journal entries, in one parent space: incidents, then incident tasks
 * (the task space), then problems. For each: its table, sys_id, life span (opened to last
 * update) and who works on it.
 *
 * @module
 */
import { parseDateTime } from '../glide-format.js';
import type { RowSource } from './row-source.js';
import type { TaskSpace } from './task-space.js';
import type { World } from './world.js';

/** The parents of `sys_journal_field` rows, by parent index. @internal */
export class JournalParents {
  /** Number of task-space parents (incidents + incident tasks). */
  readonly tasks: number;
  /** Number of problems. */
  readonly problems: number;
  private readonly problemOpened: Int32Array;
  private readonly problemUpdated: Int32Array;

  constructor(
    readonly world: World,
    readonly space: TaskSpace,
    problems: RowSource | undefined,
  ) {
    this.tasks = space.size;
    this.problems = problems?.size ?? 0;
    this.problemOpened = new Int32Array(this.problems);
    this.problemUpdated = new Int32Array(this.problems);
    for (let row = 0; row < this.problems; row++) {
      const reader = (problems as RowSource).reader(row);
      const opened = parseDateTime(reader.value('sys_created_on')) ?? world.start;
      this.problemOpened[row] = opened;
      this.problemUpdated[row] = parseDateTime(reader.value('sys_updated_on')) ?? opened;
    }
  }

  /** Number of parents. */
  get size(): number {
    return this.tasks + this.problems;
  }

  /** Offset of the problems in the parent space. */
  get problemOffset(): number {
    return this.tasks;
  }

  /** The table of parent `p`. */
  table(p: number): string {
    return p < this.tasks ? this.space.table(p) : 'problem';
  }

  /** The sys_id of parent `p`. */
  sysId(p: number): string {
    return p < this.tasks ? this.space.sysId(p) : this.world.sysId('problem', p - this.tasks);
  }

  /** Epoch seconds at which parent `p` was opened. */
  opened(p: number): number {
    return p < this.tasks ? this.space.openedAt(p) : (this.problemOpened[p - this.tasks] as number);
  }

  /** Epoch seconds of the last update of parent `p` (no entry is newer). */
  updated(p: number): number {
    return p < this.tasks
      ? this.space.updatedAt(p)
      : (this.problemUpdated[p - this.tasks] as number);
  }

  /** The kind of parent `p`, for its number of entries. */
  kind(p: number): 'new-incident' | 'incident' | 'incident_task' | 'problem' {
    if (p >= this.tasks) return 'problem';
    if (p >= this.space.incidents) return 'incident_task';
    return this.space.stateOf(p) === 1 ? 'new-incident' : 'incident';
  }

  /** The assignment group (sys_user_group row) and assignee (sys_user row) of `p`, -1 when none. */
  workers(p: number): { readonly group: number; readonly assignee: number } {
    if (p >= this.tasks) return { group: -1, assignee: -1 };
    const life = this.space.life(p);
    return { group: life.group, assignee: life.assignee };
  }
}
