/**
 * The life of one incident, drawn from (seed, row): when it was opened, how urgent it is, who
 * called and who works on it, when it was answered, resolved, closed or canceled, and so its
 * state at the reference time. Every date obeys opened <= responded <= resolved <= closed <= now.
 *
 * @module
 */
import { RowRandom } from '../random.js';
import type { TaskLife } from './task-space.js';
import { TEAMS } from './vocabulary/index.js';
import { DAY, type World } from './world.js';

const HOUR = 3600;
const CATEGORY_NAMES = ['inquiry', 'software', 'hardware', 'network', 'database'] as const;
const CATEGORY_WEIGHTS = [0.25, 0.3, 0.2, 0.17, 0.08];
/** Teams (indexes of TEAMS) that handle each category. */
const TEAMS_OF: Readonly<Record<string, readonly number[]>> = {
  inquiry: [TEAMS.indexOf('Service Desk')],
  software: [
    TEAMS.indexOf('Software'),
    TEAMS.indexOf('Email'),
    TEAMS.indexOf('Application Support'),
  ],
  hardware: [TEAMS.indexOf('Hardware'), TEAMS.indexOf('Field Services')],
  network: [TEAMS.indexOf('Network'), TEAMS.indexOf('Telecom')],
  database: [TEAMS.indexOf('Database'), TEAMS.indexOf('Storage')],
};
const CONTACTS = ['email', 'phone', 'self-service', 'walk-in', 'chat', 'monitoring'];
const CONTACT_WEIGHTS = [0.3, 0.25, 0.3, 0.05, 0.07, 0.03];
const RESOLVE_MEDIAN = [2 * HOUR, 4 * HOUR, 16 * HOUR, 36 * HOUR, 3 * DAY];
const RESPONSE_MEDIAN = [8 * 60, 20 * 60, 90 * 60, 4 * HOUR, 10 * HOUR];
const HOLD_REASONS = [1, 3, 4, 5];
const IMPACT_WEIGHTS = [0.1, 0.3, 0.6];
const URGENCY_WEIGHTS = [0.15, 0.35, 0.5];
const REASSIGNMENT_WEIGHTS = [0.6, 0.25, 0.1, 0.05];

/** The drawn life of an incident. Instants are epoch seconds; -1 means "not (yet)". @internal */
export interface IncidentCore {
  readonly row: number;
  readonly opened: number;
  readonly impact: number;
  readonly urgency: number;
  readonly priority: number;
  readonly category: string;
  /** Index of the short-description template of the category. */
  readonly text: number;
  readonly contact: string;
  /** sys_user rows; `assignee` -1 when unassigned. */
  readonly caller: number;
  readonly openedBy: number;
  readonly assignee: number;
  /** sys_user_group row, -1 when none. */
  readonly group: number;
  /** cmdb_ci_network_link row, -1 when none. */
  readonly ci: number;
  readonly state: number;
  readonly responded: number;
  readonly resolved: number;
  /** Closing instant; for a canceled incident, the cancel instant. */
  readonly closed: number;
  readonly holdSince: number;
  readonly holdReason: number;
  readonly updated: number;
  readonly modCount: number;
  readonly reassignments: number;
  readonly reopenedAt: number;
  /** Auto-closed by the system (no human touched the closure). */
  readonly autoClosed: boolean;
}

/** The timeline of an incident: its state at the reference time and the instants that led there. */
interface Timeline {
  readonly state: number;
  readonly responded: number;
  readonly resolved: number;
  readonly closed: number;
  readonly holdSince: number;
  readonly holdReason: number;
  readonly autoClosed: boolean;
}

/** Draws when an incident is answered, resolved, closed or canceled, and so its state now. */
function drawTimeline(r: RowRandom, opened: number, priority: number, now: number): Timeline {
  const resolveDelay = Math.max(
    300,
    Math.round(r.logNormal(6, RESOLVE_MEDIAN[priority - 1] ?? DAY, 1)),
  );
  const responseDelay = Math.min(
    resolveDelay,
    Math.max(30, Math.round(r.logNormal(8, RESPONSE_MEDIAN[priority - 1] ?? HOUR, 0.9))),
  );
  const responded = opened + responseDelay;
  const resolved = opened + resolveDelay;
  const open = { responded, resolved: -1, closed: -1, holdSince: -1, holdReason: 0 };
  const cancelAt = r.chance(10, 0.025) ? opened + 600 + r.int(11, 2 * DAY) : -1;
  if (cancelAt >= 0 && cancelAt <= now && cancelAt < resolved) {
    const answered = responded > cancelAt ? -1 : responded;
    return { ...open, state: 8, closed: cancelAt, responded: answered, autoClosed: false };
  }
  if (resolved > now) {
    if (responded > now) return { ...open, state: 1, responded: -1, autoClosed: false };
    if (r.chance(12, 0.15)) {
      const holdSince = responded + Math.floor(r.unit(13) * (now - responded));
      const holdReason = r.pick(14, HOLD_REASONS);
      return { ...open, state: 3, holdSince, holdReason, autoClosed: false };
    }
    return { ...open, state: 2, autoClosed: false };
  }
  const autoClosed = r.chance(15, 0.7);
  const closeDelay = autoClosed ? 3 * DAY + r.int(16, HOUR) : HOUR + r.int(16, 47 * HOUR);
  const closes = resolved + closeDelay <= now;
  return {
    ...open,
    resolved,
    state: closes ? 7 : 6,
    closed: closes ? resolved + closeDelay : -1,
    autoClosed,
  };
}

/** Draws the assignment group (-1 for none) and assignee (-1 for none) of an incident. */
function drawAssignment(
  world: World,
  r: RowRandom,
  state: number,
  category: string,
): { readonly group: number; readonly assignee: number } {
  const unassigned = state === 1 && r.chance(17, 0.3);
  const teams = TEAMS_OF[category] ?? [0];
  const team = teams[r.int(18, teams.length)] ?? 0;
  const teamGroups = world.groupsOfTeam(team);
  const group = unassigned ? -1 : world.groupOfTeam(team, r.int(19, Math.max(1, teamGroups)));
  const agents = group >= 0 ? world.agentsIn(group) : 0;
  const assignee = state === 1 || agents === 0 ? -1 : world.agentOf(group, r.int(20, agents));
  return { group, assignee };
}

/** The last update of an incident: its latest step, or a moment of work in progress. */
function lastUpdate(r: RowRandom, opened: number, timeline: Timeline, now: number): number {
  const { state, responded } = timeline;
  if (state === 7 || state === 8) return timeline.closed;
  if (state === 6) return timeline.resolved;
  if (state === 3) return timeline.holdSince;
  if (state === 2) return responded + Math.floor(r.unit(25) * (now - responded));
  return opened;
}

/** Draws the life of incident `row`. @internal */
export function incidentCore(world: World, row: number): IncidentCore {
  const r = new RowRandom(world.tableSeed('incident'), row);
  const now = world.now;
  const total = Math.max(1, world.plan.incident);
  const opened = world.arrivals.at((row + r.unit(0)) / total);
  const impact = 1 + r.weighted(1, IMPACT_WEIGHTS);
  const urgency = 1 + r.weighted(2, URGENCY_WEIGHTS);
  const priority = impact + urgency - 1;
  const category = CATEGORY_NAMES[r.weighted(3, CATEGORY_WEIGHTS)] as string;
  const contact = CONTACTS[r.weighted(4, CONTACT_WEIGHTS)] as string;
  const caller = 1 + r.int(5, world.users - 1);
  const openedBy =
    contact === 'self-service' || contact === 'chat' ? caller : serviceDeskAgent(world, r);
  const timeline = drawTimeline(r, opened, priority, now);
  const { state, resolved } = timeline;
  const { group, assignee } = drawAssignment(world, r, state, category);
  const links = world.plan.cmdb_ci_network_link;
  const ci = r.chance(21, category === 'network' ? 0.8 : 0.05) ? r.int(22, links) : -1;
  const reassignments = r.weighted(23, REASSIGNMENT_WEIGHTS);
  const reopenedAt =
    resolved >= 0 && r.chance(24, 0.04) ? opened + Math.floor((resolved - opened) * 0.6) : -1;
  const updated = lastUpdate(r, opened, timeline, now);
  const modCount =
    1 +
    reassignments +
    (state === 7 ? 4 : state === 6 ? 3 : 1) +
    r.int(26, 8) +
    (reopenedAt >= 0 ? 2 : 0);
  return {
    row,
    opened,
    impact,
    urgency,
    priority,
    category,
    text: r.int(27, 1000),
    contact,
    caller,
    openedBy,
    assignee,
    group,
    ci,
    ...timeline,
    updated,
    modCount,
    reassignments,
    reopenedAt,
  };
}

const SERVICE_DESK = TEAMS.indexOf('Service Desk');

function serviceDeskAgent(world: World, r: RowRandom): number {
  const desk = SERVICE_DESK;
  const groups = world.groupsOfTeam(desk);
  const group = world.groupOfTeam(desk, r.int(40, Math.max(1, groups)));
  const agents = world.agentsIn(group);
  return agents > 0 ? world.agentOf(group, r.int(41, agents)) : 1 + r.int(41, world.agents);
}

/** The facts children need of an incident. @internal */
export function incidentLife(core: IncidentCore): Omit<TaskLife, 'isIncident' | 'row'> {
  return {
    opened: core.opened,
    done: core.resolved,
    cancelled: core.state === 8 ? core.closed : -1,
    holdSince: core.holdSince,
    responded: core.responded,
    priority: core.priority,
    state: core.state,
    group: core.group,
    assignee: core.assignee,
    updated: core.updated,
  };
}

/** Rough business seconds (40 of 168 hours a week) of a calendar span. @internal */
export function businessSeconds(calendar: number): number {
  return Math.floor((calendar * 40) / 168);
}
