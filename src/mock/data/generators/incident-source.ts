/**
 * `incident` rows, built on {@link incidentCore}.
 *
 * @module
 */
import { formatDateTime, formatDuration } from '../glide-format.js';
import { incidentSchema } from '../schemas/incident.js';
import { slaDefinition, slaRowFor } from './contract-sla-source.js';
import { CoreReader, CoreSource } from './core-source.js';
import { HUGE_PERIOD, HUGE_PHASE, hostileTextOf, hugeDescription } from './hostile-values.js';
import { businessSeconds, type IncidentCore, incidentCore } from './incident-core.js';
import { type Accessors, AccessorTable } from './row-source.js';
import { optionalDateTime, SYSTEM_ACCESSORS } from './system-values.js';
import type { TaskSpace } from './task-space.js';
import type { TimeWorkedSource } from './time-worked-source.js';
import type { UserSource } from './user-source.js';
import {
  CATEGORY_TEXTS,
  CITIES,
  CLOSE_CODES_LIST,
  CLOSE_NOTES,
  SENTENCES,
} from './vocabulary/index.js';
import type { World } from './world.js';

/** Incident `row` is a child of incident `row - 1` when `row % 211 === 100`. */
const CHILD_PERIOD = 211;
const CHILD_PHASE = 100;
/** First draw slot of the `u_` columns (far above the slots of the other fields). */
const CUSTOM_SLOT = 900;

class IncidentReader extends CoreReader<IncidentSource, IncidentCore> {
  get createdOn(): number {
    return this.core.opened;
  }
  get createdBy(): string {
    return this.source.users.login(this.core.openedBy);
  }
  get updatedBy(): string {
    const c = this.core;
    if (c.state === 7 && c.autoClosed) return 'system';
    return this.source.users.login(c.assignee >= 0 ? c.assignee : c.openedBy);
  }

  user(row: number): string {
    return row < 0 ? '' : this.world.sysId('sys_user', row);
  }

  get resolutionTarget(): number {
    return slaDefinition(slaRowFor(this.world, 'resolution', this.core.priority)).duration;
  }

  get shortDescription(): string {
    const hostile = hostileTextOf(this.row);
    if (hostile !== undefined) return hostile;
    if (this.row % 97 === 41) return '';
    const texts = CATEGORY_TEXTS[this.core.category]?.texts ?? [''];
    const text = texts[this.core.text % texts.length] as string;
    return text
      .replace('{city}', CITIES[this.core.text % CITIES.length]?.[0] ?? '')
      .replace('{n}', String(2 + (this.core.text % 9)));
  }

  get description(): string {
    if (this.row % HUGE_PERIOD === HUGE_PHASE)
      return hugeDescription(this.source.world.key('incident').sysId(this.row));
    const hostile = hostileTextOf(this.row);
    if (this.row % 13 === 5) return '';
    const sentences = [0, 1, 2].map((k) => SENTENCES[(this.core.text + k * 7) % SENTENCES.length]);
    const body = sentences.slice(0, 1 + (this.core.text % 3)).join('\n');
    return hostile === undefined ? body : `${hostile}\n${body}`;
  }

  get calendar(): number {
    return this.core.resolved >= 0 ? this.core.resolved - this.core.opened : -1;
  }

  value(field: string): string {
    return INCIDENT_TABLE.value(this, field);
  }
}

const yes = (b: boolean) => (b ? 'true' : 'false');
const ended = (c: IncidentCore) => c.state === 7 || c.state === 8;

/** Minutes of outage of an incident (-1: none), from draws no other field uses. */
function outageMinutes(i: IncidentReader): number {
  if (i.core.priority > 3 || !i.rnd.chance(CUSTOM_SLOT, 0.6)) return -1;
  return 5 + i.rnd.int(CUSTOM_SLOT + 1, 12 * 60);
}

/** The customer's own `u_` columns, drawn from slots of their own so no other value changes. */
const CUSTOM_ACCESSORS: Accessors<IncidentReader> = {
  u_vendor_ticket: (i) =>
    i.rnd.chance(CUSTOM_SLOT + 2, 0.15)
      ? `VND-${String(100000 + i.rnd.int(CUSTOM_SLOT + 3, 900000))}`
      : '',
  u_outage_minutes: (i) => {
    const minutes = outageMinutes(i);
    return minutes < 0 ? '' : String(minutes);
  },
  u_customer_impact: (i) => {
    const minutes = outageMinutes(i);
    if (minutes < 0) return i.core.priority > 3 ? '' : 'none';
    return i.core.priority === 1 ? 'outage' : 'degraded';
  },
  u_cost: (i) => {
    const minutes = outageMinutes(i);
    return minutes < 0 ? '' : ((minutes * 1250 + i.rnd.int(CUSTOM_SLOT + 4, 100)) / 100).toFixed(2);
  },
};

const INCIDENT_ACCESSORS: Accessors<IncidentReader> = {
  ...SYSTEM_ACCESSORS,
  number: (i) => i.world.taskNumber('INC', i.row),
  task_effective_number: (i) => i.world.taskNumber('INC', i.row),
  short_description: (i) => i.shortDescription,
  description: (i) => i.description,
  state: (i) => String(i.core.state),
  incident_state: (i) => String(i.core.state),
  impact: (i) => String(i.core.impact),
  urgency: (i) => String(i.core.urgency),
  priority: (i) => String(i.core.priority),
  severity: (i) => (i.core.priority === 1 ? '1' : '3'),
  active: (i) => yes(!ended(i.core)),
  opened_by: (i) => i.user(i.core.openedBy),
  opened_at: (i) => formatDateTime(i.core.opened),
  assigned_to: (i) => i.user(i.core.assignee),
  assignment_group: (i) => (i.core.group < 0 ? '' : i.world.sysId('sys_user_group', i.core.group)),
  company: (i) => i.world.sysId('core_company', i.source.users.companyOf(i.core.caller)),
  cmdb_ci: (i) => (i.core.ci < 0 ? '' : i.world.sysId('cmdb_ci_network_link', i.core.ci)),
  contact_type: (i) => i.core.contact,
  closed_at: (i) => (ended(i.core) ? formatDateTime(i.core.closed) : ''),
  closed_by: (i) =>
    ended(i.core) ? i.user(i.core.assignee >= 0 ? i.core.assignee : i.core.openedBy) : '',
  close_notes: (i) => {
    const c = i.core;
    if (c.state === 8) return 'Canceled by the caller';
    if (c.state !== 6 && c.state !== 7) return '';
    return hostileTextOf(i.row + 1) ?? (CLOSE_NOTES[c.text % CLOSE_NOTES.length] as string);
  },
  close_code: (i) =>
    i.core.state === 6 || i.core.state === 7
      ? (CLOSE_CODES_LIST[i.core.text % CLOSE_CODES_LIST.length] as string)
      : '',
  resolved_at: (i) => optionalDateTime(i.core.resolved),
  resolved_by: (i) => (i.core.resolved >= 0 ? i.user(i.core.assignee) : ''),
  sla_due: (i) =>
    i.core.resolved < 0 && !ended(i.core) ? formatDateTime(i.core.opened + i.resolutionTarget) : '',
  work_start: (i) => optionalDateTime(i.core.responded),
  work_end: (i) => optionalDateTime(i.core.resolved),
  made_sla: (i) => {
    const c = i.core;
    const end = c.resolved >= 0 ? c.resolved : c.closed >= 0 ? c.closed : i.world.now;
    return yes(end - c.opened <= i.resolutionTarget);
  },
  knowledge: (i) => yes(i.rnd.chance(50, 0.05)),
  escalation: (i) => (i.core.priority === 1 && i.core.resolved < 0 && !ended(i.core) ? '1' : '0'),
  approval: () => 'not requested',
  upon_approval: () => 'proceed',
  upon_reject: () => 'cancel',
  business_duration: (i) => (i.calendar < 0 ? '' : formatDuration(businessSeconds(i.calendar))),
  calendar_duration: (i) => (i.calendar < 0 ? '' : formatDuration(i.calendar)),
  business_stc: (i) => (i.calendar < 0 ? '' : String(businessSeconds(i.calendar))),
  calendar_stc: (i) => (i.calendar < 0 ? '' : String(i.calendar)),
  time_worked: (i) => i.source.timeWorked.totalFor(i.row),
  reassignment_count: (i) => String(i.core.reassignments),
  watch_list: (i) =>
    i.rnd.chance(51, 0.1)
      ? [
          i.user(1 + i.rnd.int(52, i.world.users - 1)),
          i.user(1 + i.rnd.int(53, i.world.users - 1)),
        ].join(',')
      : '',
  correlation_id: (i) =>
    i.core.contact === 'monitoring' ? `EVT-${String(i.row).padStart(8, '0')}` : '',
  correlation_display: (i) => (i.core.contact === 'monitoring' ? 'Event Management' : ''),
  caller_id: (i) => i.user(i.core.caller),
  category: (i) => (i.row % 53 === 19 ? '' : i.core.category),
  subcategory: (i) => {
    const subs = CATEGORY_TEXTS[i.core.category]?.sub ?? [''];
    return subs[i.core.text % subs.length] as string;
  },
  notify: () => '1',
  hold_reason: (i) => (i.core.state === 3 ? String(i.core.holdReason) : ''),
  reopened_time: (i) => optionalDateTime(i.core.reopenedAt),
  reopened_by: (i) => (i.core.reopenedAt >= 0 ? i.user(i.core.caller) : ''),
  reopen_count: (i) => (i.core.reopenedAt >= 0 ? '1' : '0'),
  child_incidents: (i) =>
    String((i.row + 1) % CHILD_PERIOD === CHILD_PHASE && i.row + 1 < i.world.plan.incident ? 1 : 0),
  parent_incident: (i) =>
    i.row % CHILD_PERIOD === CHILD_PHASE && i.row > 0 ? i.world.sysId('incident', i.row - 1) : '',
  ...CUSTOM_ACCESSORS,
};

const INCIDENT_TABLE = new AccessorTable(INCIDENT_ACCESSORS, incidentSchema.fields);

/** The `incident` table. @internal */
export class IncidentSource extends CoreSource<IncidentCore, IncidentReader> {
  constructor(
    world: World,
    readonly space: TaskSpace,
    readonly users: UserSource,
    readonly timeWorked: TimeWorkedSource,
  ) {
    super('incident', world, world.plan.incident, INCIDENT_TABLE, 'opened_at');
  }

  protected draw(row: number): IncidentCore {
    return incidentCore(this.world, row);
  }

  protected createdAt(row: number): number {
    return this.space.openedAt(row);
  }

  protected updatedAt(row: number): number {
    return this.space.updatedAt(row);
  }

  reader(row: number): IncidentReader {
    return new IncidentReader(this, row, this.core(row));
  }
}
