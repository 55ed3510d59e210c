/**
 * `task_sla` rows: for each incident a response and a resolution SLA, for some incident tasks an
 * OLA. Timings follow the task: start = opened_at, stop = first response / resolution / closure,
 * cancel on cancellation, pause while on hold; active ones were refreshed recently by the SLA
 * jobs (servicenow-api.md section 8.3).
 *
 * @module
 */
import { formatDuration } from '../glide-format.js';
import { RowRandom } from '../random.js';
import { taskSlaSchema } from '../schemas/task-sla.js';
import { slaDefinition, slaRowFor } from './contract-sla-source.js';
import { CoreReader, CoreSource } from './core-source.js';
import { type Accessors, AccessorTable } from './row-source.js';
import { optionalDateTime, SYSTEM_ACCESSORS } from './system-values.js';
import type { TaskLife, TaskSpace } from './task-space.js';
import { DAY, type World } from './world.js';

type Stage = 'in_progress' | 'paused' | 'completed' | 'cancelled';

/** The computed timings of an SLA. Instants are epoch seconds, -1 = none. @internal */
export interface SlaCore {
  readonly row: number;
  readonly task: number;
  readonly life: TaskLife;
  /** contract_sla row. */
  readonly definition: number;
  readonly target: number;
  readonly start: number;
  readonly end: number;
  readonly pauseSince: number;
  readonly pauseSeconds: number;
  readonly elapsed: number;
  readonly stage: Stage;
  readonly updated: number;
  readonly modCount: number;
}

function slaCore(world: World, space: TaskSpace, row: number): SlaCore {
  const layout = world.taskSlas;
  const task = layout.parentOf(row);
  const ordinal = row - layout.start(task);
  const life = space.life(task);
  const r = new RowRandom(world.tableSeed('task_sla'), row);
  let definition: number;
  let stop: number;
  if (!life.isIncident) {
    definition = slaRowFor(world, 'ola', life.priority);
    stop = life.done;
  } else if (ordinal === 0) {
    definition = slaRowFor(world, 'response', life.priority);
    stop = life.responded;
  } else {
    definition =
      ordinal === 1
        ? slaRowFor(world, 'resolution', life.priority)
        : (15 + ordinal) % world.plan.contract_sla;
    stop = life.done;
  }
  const target = slaDefinition(definition).duration;
  const start = life.opened;
  const cancelled = stop < 0 ? life.cancelled : -1;
  const paused = stop < 0 && cancelled < 0 && ordinal > 0 && life.holdSince >= 0;
  const end = stop >= 0 ? stop : cancelled;
  const stage: Stage =
    stop >= 0 ? 'completed' : cancelled >= 0 ? 'cancelled' : paused ? 'paused' : 'in_progress';
  const pauseSince = paused ? life.holdSince : -1;
  const clock = end >= 0 ? end : paused ? life.holdSince : world.now;
  const elapsed = Math.max(0, clock - start);
  const active = end < 0;
  const updated = active
    ? Math.max(start, world.now - r.int(0, Math.min(DAY, Math.max(1, world.now - start))))
    : end;
  return {
    row,
    task,
    life,
    definition,
    target,
    start,
    end,
    pauseSince,
    pauseSeconds: paused ? world.now - life.holdSince : 0,
    elapsed,
    stage,
    updated,
    modCount: active ? 1 + r.int(1, 40) : 2 + r.int(1, 5),
  };
}

class TaskSlaReader extends CoreReader<TaskSlaSource, SlaCore> {
  readonly createdBy = 'system';
  readonly updatedBy = 'system';

  get createdOn(): number {
    return this.core.start;
  }

  value(field: string): string {
    return SLA_TABLE.value(this, field);
  }
}

const percent = (s: SlaCore) => ((s.elapsed / s.target) * 100).toFixed(2);
const left = (s: SlaCore) => formatDuration(Math.max(0, s.target - s.elapsed));
const breached = (s: SlaCore) => s.elapsed > s.target;

const SLA_ACCESSORS: Accessors<TaskSlaReader> = {
  ...SYSTEM_ACCESSORS,
  task: (s) => s.source.space.sysId(s.core.task),
  sla: (s) => s.world.sysId('contract_sla', s.core.definition),
  stage: (s) => s.core.stage,
  has_breached: (s) => (breached(s.core) ? 'true' : 'false'),
  active: (s) => (s.core.end < 0 ? 'true' : 'false'),
  start_time: (s) => optionalDateTime(s.core.start),
  end_time: (s) => optionalDateTime(s.core.end),
  planned_end_time: (s) => optionalDateTime(s.core.start + s.core.target + s.core.pauseSeconds),
  original_breach_time: (s) => optionalDateTime(s.core.start + s.core.target),
  pause_time: (s) => optionalDateTime(s.core.pauseSince),
  duration: (s) => formatDuration(s.core.elapsed),
  business_duration: (s) => formatDuration(s.core.elapsed),
  time_left: (s) => left(s.core),
  business_time_left: (s) => left(s.core),
  pause_duration: (s) => formatDuration(s.core.pauseSeconds),
  business_pause_duration: (s) => formatDuration(s.core.pauseSeconds),
  percentage: (s) => percent(s.core),
  business_percentage: (s) => percent(s.core),
  schedule: () => '',
  timezone: () => 'GMT',
};

const SLA_TABLE = new AccessorTable(SLA_ACCESSORS, taskSlaSchema.fields);

/** The `task_sla` table. @internal */
export class TaskSlaSource extends CoreSource<SlaCore, TaskSlaReader> {
  constructor(
    world: World,
    readonly space: TaskSpace,
  ) {
    super('task_sla', world, world.taskSlas.size, SLA_TABLE, 'start_time');
  }

  protected draw(row: number): SlaCore {
    return slaCore(this.world, this.space, row);
  }

  protected createdAt(row: number): number {
    return this.core(row).start;
  }

  protected updatedAt(row: number): number {
    return this.core(row).updated;
  }

  reader(row: number): TaskSlaReader {
    return new TaskSlaReader(this, row, this.core(row));
  }
}
