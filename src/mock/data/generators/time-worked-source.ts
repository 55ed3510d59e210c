/**
 * `task_time_worked` rows: time entries of the agents who worked on an incident or task, dated
 * within the task's working life.
 *
 * @module
 */
import { formatDate, formatDuration } from '../glide-format.js';
import { RowRandom } from '../random.js';
import { taskTimeWorkedSchema } from '../schemas/task-time-worked.js';
import { CoreReader, CoreSource } from './core-source.js';
import { hostileTextOf } from './hostile-values.js';
import { type Accessors, AccessorTable } from './row-source.js';
import { SYSTEM_ACCESSORS } from './system-values.js';
import type { TaskLife, TaskSpace } from './task-space.js';
import type { UserSource } from './user-source.js';
import { WORK_COMMENTS } from './vocabulary/index.js';
import type { World } from './world.js';

const CATEGORIES = ['task_work', 'meeting', 'admin', 'travel', 'training'];
const CATEGORY_WEIGHTS = [0.8, 0.08, 0.05, 0.04, 0.03];

/** Seconds of time entry `row` (5 minutes to 4 hours): a function of the row alone. @internal */
export function entrySeconds(world: World, row: number): number {
  return 300 * (1 + new RowRandom(world.tableSeed('task_time_worked'), row).int(0, 48));
}

/** The drawn entry. @internal */
export interface TimeEntryCore {
  readonly row: number;
  readonly task: number;
  readonly life: TaskLife;
  readonly at: number;
  readonly updated: number;
  readonly user: number;
  readonly seconds: number;
  /** 1 when the entry was edited after it was written. */
  readonly modCount: number;
}

class TimeWorkedReader extends CoreReader<TimeWorkedSource, TimeEntryCore> {
  get createdOn(): number {
    return this.core.at;
  }
  get createdBy(): string {
    return this.source.users.login(this.core.user);
  }
  get updatedBy(): string {
    return this.createdBy;
  }

  value(field: string): string {
    return TIME_TABLE.value(this, field);
  }
}

const TIME_ACCESSORS: Accessors<TimeWorkedReader> = {
  ...SYSTEM_ACCESSORS,
  task: (w) => w.source.space.sysId(w.core.task),
  user: (w) => w.world.sysId('sys_user', w.core.user),
  time_worked: (w) => formatDuration(w.core.seconds),
  time_in_seconds: (w) => String(w.core.seconds),
  work_date: (w) => formatDate(w.core.at),
  category: (w) => CATEGORIES[w.rnd.weighted(5, CATEGORY_WEIGHTS)] as string,
  comments: (w) => hostileTextOf(w.row) ?? w.rnd.pick(6, WORK_COMMENTS),
  time_card: () => '',
  rate_type: () => '',
};

const TIME_TABLE = new AccessorTable(TIME_ACCESSORS, taskTimeWorkedSchema.fields);

/** The `task_time_worked` table. @internal */
export class TimeWorkedSource extends CoreSource<TimeEntryCore, TimeWorkedReader> {
  constructor(
    world: World,
    readonly users: UserSource,
    readonly space: TaskSpace,
  ) {
    super('task_time_worked', world, world.timeWorked.size, TIME_TABLE, 'sys_created_on');
  }

  /** The `time_worked` timer of task `t`: the sum of its entries, `''` when it has none. */
  totalFor(t: number): string {
    const layout = this.world.timeWorked;
    if (layout === undefined || t >= layout.parents) return '';
    const start = layout.start(t);
    const end = layout.end(t);
    if (start === end) return '';
    let seconds = 0;
    for (let row = start; row < end; row++) seconds += entrySeconds(this.world, row);
    return formatDuration(seconds);
  }

  protected draw(row: number): TimeEntryCore {
    const world = this.world;
    const layout = world.timeWorked;
    const task = layout.parentOf(row);
    const ordinal = row - layout.start(task);
    const count = layout.end(task) - layout.start(task);
    const life = this.space.life(task);
    const r = new RowRandom(world.tableSeed('task_time_worked'), row);
    const end = life.done >= 0 ? life.done : life.cancelled >= 0 ? life.cancelled : world.now;
    const span = Math.max(0, end - life.opened);
    const position = (ordinal + 0.1 + 0.8 * r.unit(1)) / count;
    const at = life.opened + Math.floor(span * position);
    const updated = r.chance(2, 0.1) ? at + Math.floor(r.unit(3) * (world.now - at)) : at;
    const agents = life.group >= 0 ? world.agentsIn(life.group) : 0;
    let user: number;
    if (life.assignee >= 0 && r.chance(4, 0.8)) user = life.assignee;
    else if (agents > 0) user = world.agentOf(life.group, r.int(7, agents));
    else user = 1 + r.int(7, world.agents);
    return {
      row,
      task,
      life,
      at,
      updated,
      user,
      seconds: entrySeconds(world, row),
      modCount: updated > at ? 1 : 0,
    };
  }

  protected createdAt(row: number): number {
    return this.core(row).at;
  }

  protected updatedAt(row: number): number {
    return this.core(row).updated;
  }

  reader(row: number): TimeWorkedReader {
    return new TimeWorkedReader(this, row, this.core(row));
  }
}
