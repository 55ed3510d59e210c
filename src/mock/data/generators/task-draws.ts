/**
 * The values every schema-generated `task` child shares: a number with the table's prefix, a
 * state that follows the row's age, priority from impact and urgency, an agent of the assigned
 * group, and the closing fields of closed rows.
 *
 * @module
 */
import { formatDateTime, formatDuration } from '../glide-format.js';
import type { FieldDraw, SchemaRow } from './schema-row.js';
import { CLOSE_NOTES } from './vocabulary/index.js';
import { DAY } from './world.js';

/** How a task child's states read. @internal */
export interface TaskStates {
  /** States of an open row. */
  readonly open: readonly string[];
  /** States of a closed row (inactive, with closed_at). */
  readonly closed: readonly string[];
}

/** `true` when the row's state is one of `states.closed`. @internal */
export function isClosed(r: SchemaRow, states: TaskStates): boolean {
  return states.closed.includes(r.value('state'));
}

/** The sys_user_group row a task is assigned to. @internal */
export function groupRow(r: SchemaRow): number {
  return r.int('assignment_group', r.world.groups);
}

const NONE = () => '';

/**
 * The task columns of a child table whose rows are numbered `prefix` + 7 digits, with short
 * descriptions from `texts`. @internal
 */
export function taskDraws(
  prefix: string,
  states: TaskStates,
  texts: readonly string[],
): Readonly<Record<string, FieldDraw>> {
  const closed = (r: SchemaRow) => isClosed(r, states);
  const user = (r: SchemaRow, row: number) => (row < 0 ? '' : r.world.sysId('sys_user', row));
  const agent = (r: SchemaRow) => {
    const g = groupRow(r);
    const count = r.world.agentsIn(g);
    if (count === 0 || r.value('state') === states.open[0]) return '';
    return user(r, r.world.agentOf(g, r.int('assigned_to', count)));
  };
  const impact = (r: SchemaRow) => 1 + r.int('impact', 3);
  const urgency = (r: SchemaRow) => 1 + r.int('urgency', 3);
  return {
    number: (r) => r.world.taskNumber(prefix, r.row),
    task_effective_number: (r) => r.world.taskNumber(prefix, r.row),
    short_description: (r) => r.pick('short_description', texts),
    state: (r) => {
      const old = r.world.now - r.updatedOn > 14 * DAY;
      const done = r.chance('state', old ? 0.85 : 0.25);
      return done ? r.pick('state', states.closed, 1) : r.pick('state', states.open, 2);
    },
    active: (r) => (closed(r) ? 'false' : 'true'),
    impact: (r) => String(impact(r)),
    urgency: (r) => String(urgency(r)),
    priority: (r) => String(impact(r) + urgency(r) - 1),
    opened_by: (r) => user(r, r.creator),
    opened_at: (r) => formatDateTime(r.createdOn),
    assignment_group: (r) => r.world.sysId('sys_user_group', groupRow(r)),
    assigned_to: agent,
    closed_at: (r) => (closed(r) ? formatDateTime(r.updatedOn) : ''),
    closed_by: (r) => (closed(r) ? agent(r) || user(r, r.creator) : ''),
    close_notes: (r) => (closed(r) ? r.pick('close_notes', CLOSE_NOTES) : ''),
    work_end: (r) => (closed(r) ? formatDateTime(r.updatedOn) : ''),
    business_duration: (r) =>
      closed(r) ? formatDuration(Math.floor((r.updatedOn - r.createdOn) / 3)) : '',
    calendar_duration: (r) => (closed(r) ? formatDuration(r.updatedOn - r.createdOn) : ''),
    reassignment_count: (r) => String(r.int('reassignment_count', 4)),
    escalation: () => '0',
    knowledge: (r) => (r.chance('knowledge', 0.05) ? 'true' : 'false'),
    upon_approval: () => 'proceed',
    upon_reject: () => 'cancel',
    order: NONE,
    route_reason: NONE,
    parent: NONE,
    universal_request: NONE,
    delivery_task: NONE,
    correlation_id: NONE,
    correlation_display: NONE,
    user_input: NONE,
  };
}
