/**
 * `incident_task` rows: work items of an incident, opened after it and closed no later than its
 * resolution.
 *
 * @module
 */
import { formatDateTime, formatDuration } from '../glide-format.js';
import { RowRandom } from '../random.js';
import { incidentTaskSchema } from '../schemas/incident-task.js';
import { slaDefinition, slaRowFor } from './contract-sla-source.js';
import { CoreReader, CoreSource } from './core-source.js';
import { hostileTextOf } from './hostile-values.js';
import { businessSeconds, type IncidentCore } from './incident-core.js';
import type { IncidentSource } from './incident-source.js';
import { type Accessors, AccessorTable } from './row-source.js';
import { optionalDateTime, SYSTEM_ACCESSORS } from './system-values.js';
import type { TaskLife, TaskSpace } from './task-space.js';
import { CLOSE_NOTES, SENTENCES } from './vocabulary/index.js';
import type { World } from './world.js';

const HOUR = 3600;
const OPEN_STATES = [2, 2, 2, 1, 1, -5];
const ACTIONS = [
  'Collect logs for',
  'Replace hardware for',
  'Verify the fix of',
  'Call the caller back about',
  'Update the runbook after',
  'Check monitoring for',
];

/** The drawn life of an incident task. Instants are epoch seconds; -1 means "not (yet)". @internal */
export interface IncidentTaskCore {
  readonly row: number;
  /** incident row. */
  readonly parent: number;
  readonly opened: number;
  readonly closed: number;
  readonly state: number;
  readonly group: number;
  readonly assignee: number;
  readonly updated: number;
  readonly modCount: number;
  readonly action: number;
}

/** Draws incident task `row` from the facts of its incident. @internal */
export function incidentTaskCore(world: World, parent: TaskLife, row: number): IncidentTaskCore {
  const layout = world.incidentTasks;
  const ordinal = row - layout.start(parent.row);
  const count = layout.end(parent.row) - layout.start(parent.row);
  const r = new RowRandom(world.tableSeed('incident_task'), row);
  const over = parent.done >= 0 || parent.cancelled >= 0;
  const limit =
    parent.done >= 0 ? parent.done : parent.cancelled >= 0 ? parent.cancelled : world.now;
  let opened = parent.opened + (ordinal + 1) * (300 + r.int(0, 6 * HOUR));
  if (opened > limit)
    opened = parent.opened + Math.floor(((limit - parent.opened) * (ordinal + 1)) / (count + 1));
  const length = Math.max(600, Math.round(r.logNormal(1, 8 * HOUR, 1.2)));
  let closed: number;
  let state: number;
  if (over) {
    closed = Math.min(opened + length, limit);
    if (parent.cancelled >= 0) state = r.chance(2, 0.5) ? 4 : 7;
    else state = r.chance(2, 0.9) ? 3 : 4;
  } else if (opened + length <= world.now) {
    closed = opened + length;
    state = 3;
  } else {
    closed = -1;
    state = OPEN_STATES[r.int(2, OPEN_STATES.length)] as number;
  }
  const sameGroup = parent.group >= 0 && r.chance(3, 0.6);
  const group = sameGroup ? parent.group : r.int(4, world.groups);
  const agents = world.agentsIn(group);
  const unassigned = agents === 0 || ((state === 1 || state === -5) && r.chance(5, 0.5));
  const assignee = unassigned ? -1 : world.agentOf(group, r.int(6, agents));
  const updated = closed >= 0 ? closed : opened + Math.floor(r.unit(7) * (world.now - opened));
  return {
    row,
    parent: parent.row,
    opened,
    closed,
    state,
    group,
    assignee,
    updated,
    modCount: 1 + r.int(8, 6) + (closed >= 0 ? 2 : 0),
    action: r.int(9, ACTIONS.length),
  };
}

/** The facts children need of an incident task. @internal */
export function incidentTaskLife(
  core: IncidentTaskCore,
  priority: number,
): Omit<TaskLife, 'isIncident' | 'row'> {
  const incomplete = core.state === 4 || core.state === 7;
  return {
    opened: core.opened,
    done: incomplete ? -1 : core.closed,
    cancelled: incomplete ? core.closed : -1,
    holdSince: -1,
    responded: core.opened,
    priority,
    state: core.state,
    group: core.group,
    assignee: core.assignee,
    updated: core.updated,
  };
}

class IncidentTaskReader extends CoreReader<IncidentTaskSource, IncidentTaskCore> {
  readonly createdBy: string;

  constructor(source: IncidentTaskSource, row: number, core: IncidentTaskCore) {
    super(source, row, core);
    const ic = this.incident;
    this.createdBy = source.users.login(ic.assignee >= 0 ? ic.assignee : ic.openedBy);
  }

  /** The parent incident's drawn life. */
  get incident(): IncidentCore {
    return this.source.incidents.core(this.core.parent);
  }

  get createdOn(): number {
    return this.core.opened;
  }
  get updatedBy(): string {
    return this.core.assignee >= 0 ? this.source.users.login(this.core.assignee) : this.createdBy;
  }
  get incidentSysId(): string {
    return this.world.sysId('incident', this.core.parent);
  }
  get calendar(): number {
    return this.core.closed >= 0 ? this.core.closed - this.core.opened : -1;
  }

  value(field: string): string {
    return TASK_TABLE.value(this, field);
  }
}

const user = (t: IncidentTaskReader, row: number) =>
  row < 0 ? '' : t.world.sysId('sys_user', row);

const TASK_ACCESSORS: Accessors<IncidentTaskReader> = {
  ...SYSTEM_ACCESSORS,
  number: (t) => t.world.taskNumber('TASK', t.row),
  task_effective_number: (t) => t.world.taskNumber('TASK', t.row),
  short_description: (t) =>
    hostileTextOf(t.row) ??
    `${ACTIONS[t.core.action]} ${t.world.taskNumber('INC', t.incident.row)}`,
  description: (t) =>
    t.row % 4 === 1 ? '' : (SENTENCES[(t.row + t.core.action) % SENTENCES.length] as string),
  state: (t) => String(t.core.state),
  impact: (t) => String(t.incident.impact),
  urgency: (t) => String(t.incident.urgency),
  priority: (t) => String(t.incident.priority),
  active: (t) => (t.core.closed < 0 ? 'true' : 'false'),
  opened_by: (t) => user(t, t.incident.assignee >= 0 ? t.incident.assignee : t.incident.openedBy),
  opened_at: (t) => formatDateTime(t.core.opened),
  assigned_to: (t) => user(t, t.core.assignee),
  assignment_group: (t) => t.world.sysId('sys_user_group', t.core.group),
  company: (t) => t.world.sysId('core_company', t.source.users.companyOf(t.incident.caller)),
  cmdb_ci: (t) => (t.incident.ci < 0 ? '' : t.world.sysId('cmdb_ci_network_link', t.incident.ci)),
  closed_at: (t) => optionalDateTime(t.core.closed),
  closed_by: (t) => (t.core.closed >= 0 ? user(t, t.core.assignee) : ''),
  close_notes: (t) =>
    t.core.closed >= 0 ? (CLOSE_NOTES[(t.row + t.core.action) % CLOSE_NOTES.length] as string) : '',
  work_start: (t) => formatDateTime(t.core.opened),
  work_end: (t) => optionalDateTime(t.core.closed),
  made_sla: (t) => {
    const target = slaDefinition(slaRowFor(t.world, 'ola', t.incident.priority)).duration;
    const end = t.core.closed >= 0 ? t.core.closed : t.world.now;
    return end - t.core.opened <= target ? 'true' : 'false';
  },
  knowledge: () => 'false',
  escalation: () => '0',
  approval: () => 'not requested',
  upon_approval: () => 'proceed',
  upon_reject: () => 'cancel',
  business_duration: (t) => (t.calendar < 0 ? '' : formatDuration(businessSeconds(t.calendar))),
  calendar_duration: (t) => (t.calendar < 0 ? '' : formatDuration(t.calendar)),
  time_worked: (t) => t.source.timeWorkedTotal(t.row),
  reassignment_count: (t) => String(t.row % 5 === 2 ? 1 : 0),
  order: (t) => String((t.row - t.world.incidentTasks.start(t.incident.row)) * 100 + 100),
  incident: (t) => t.incidentSysId,
  parent: (t) => t.incidentSysId,
};

const TASK_TABLE = new AccessorTable(TASK_ACCESSORS, incidentTaskSchema.fields);

/** The `incident_task` table. @internal */
export class IncidentTaskSource extends CoreSource<IncidentTaskCore, IncidentTaskReader> {
  constructor(
    world: World,
    readonly space: TaskSpace,
    readonly incidents: IncidentSource,
    readonly users: IncidentSource['users'],
    readonly timeWorkedTotal: (row: number) => string,
  ) {
    super('incident_task', world, world.incidentTasks.size, TASK_TABLE, 'opened_at');
  }

  protected draw(row: number): IncidentTaskCore {
    const parent = this.space.life(this.world.incidentTasks.parentOf(row));
    return incidentTaskCore(this.world, parent, row);
  }

  protected createdAt(row: number): number {
    return this.space.openedAt(this.space.incidents + row);
  }

  protected updatedAt(row: number): number {
    return this.space.updatedAt(this.space.incidents + row);
  }

  reader(row: number): IncidentTaskReader {
    return new IncidentTaskReader(this, row, this.core(row));
  }
}
