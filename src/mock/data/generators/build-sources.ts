/**
 * Wires the generators together: small tables first, then the incident tree (incidents, their
 * tasks, the SLAs and time entries of both), with the parent/child layouts computed from each
 * parent's natural child count (or spread to an explicit total).
 *
 * @module
 */
import type { ScalePlan } from '../mock-scale.js';
import { RowRandom } from '../random.js';
import { ChildLayout } from './child-layout.js';
import { CompanySource } from './company-source.js';
import { ContractSlaSource } from './contract-sla-source.js';
import { GroupSource } from './group-source.js';
import { incidentCore, incidentLife } from './incident-core.js';
import { IncidentSource } from './incident-source.js';
import { IncidentTaskSource, incidentTaskCore, incidentTaskLife } from './incident-task-source.js';
import { JournalParents } from './journal-parents.js';
import { JournalSource, journalLayout } from './journal-source.js';
import { NetworkLinkSource } from './network-link-source.js';
import type { RowSource } from './row-source.js';
import { buildSchemaSources } from './schema-tables.js';
import { TaskSlaSource } from './task-sla-source.js';
import { TaskSpace } from './task-space.js';
import { TimeWorkedSource } from './time-worked-source.js';
import { UserSource } from './user-source.js';
import { World } from './world.js';

/** Share of incident tasks that carry an OLA. */
const TASK_OLA_SHARE = 0.2;
const TASKS_PER_INCIDENT = [0.7, 0.15, 0.1, 0.05];
const ENTRIES_PER_INCIDENT = [0.3, 0.45, 0.2, 0.05];
const ENTRIES_PER_TASK = [0.7, 0.25, 0.05];

/** The generated tables and their shared context. @internal */
export interface GeneratedTables {
  readonly world: World;
  readonly space: TaskSpace;
  readonly sources: ReadonlyMap<string, RowSource>;
  /** The `sys_journal_field` rows of each journal parent (incidents, incident tasks, problems). */
  readonly journals: { readonly layout: ChildLayout; readonly parents: JournalParents };
}

function layout(
  parents: number,
  total: number | undefined,
  natural: (p: number) => number,
): ChildLayout {
  if (total === undefined) return ChildLayout.fromCounts(parents, natural);
  return ChildLayout.fromWeights(parents, total, (p) => natural(p) + 0.05);
}

/** Builds every generated table for a seed, a reference time (epoch seconds) and a scale. @internal */
export function buildSources(seed: number, now: number, plan: ScalePlan): GeneratedTables {
  const world = new World({ seed, now, plan });
  const small: readonly [string, number][] = [
    ['sys_user', plan.sys_user],
    ['sys_user_group', plan.sys_user_group],
    ['core_company', plan.core_company],
    ['contract_sla', plan.contract_sla],
    ['cmdb_ci_network_link', plan.cmdb_ci_network_link],
  ];
  for (const [table, size] of small) if (size <= 100_000) world.cacheSysIds(table, size);
  const users = new UserSource(world);
  const incidentSeed = world.tableSeed('incident');
  const taskSeed = world.tableSeed('incident_task');
  const incidentCount = plan.incident;
  world.incidentTasks = layout(incidentCount, plan.incident_task, (i) =>
    new RowRandom(incidentSeed, i).weighted(60, TASKS_PER_INCIDENT),
  );
  const space = new TaskSpace(world, incidentCount, world.incidentTasks.size);
  for (let i = 0; i < incidentCount; i++) space.set(i, incidentLife(incidentCore(world, i)));
  for (let row = 0; row < space.tasks; row++) {
    const parent = space.life(world.incidentTasks.parentOf(row));
    space.set(
      incidentCount + row,
      incidentTaskLife(incidentTaskCore(world, parent, row), parent.priority),
    );
  }
  world.taskSlas = layout(space.size, plan.task_sla, (t) =>
    t < incidentCount
      ? 2
      : new RowRandom(taskSeed, t - incidentCount).chance(61, TASK_OLA_SHARE)
        ? 1
        : 0,
  );
  world.timeWorked = layout(space.size, plan.task_time_worked, (t) => {
    const state = space.stateOf(t);
    if (t < incidentCount) {
      return state === 1 ? 0 : new RowRandom(incidentSeed, t).weighted(62, ENTRIES_PER_INCIDENT);
    }
    return state === 1 || state === -5
      ? 0
      : new RowRandom(taskSeed, t - incidentCount).weighted(62, ENTRIES_PER_TASK);
  });
  const timeWorked = new TimeWorkedSource(world, users, space);
  const incidents = new IncidentSource(world, space, users, timeWorked);
  const tasks = new IncidentTaskSource(world, space, incidents, users, (row) =>
    timeWorked.totalFor(incidentCount + row),
  );
  const slas = new TaskSlaSource(world, space);
  const sources: RowSource[] = [
    incidents,
    tasks,
    slas,
    timeWorked,
    new ContractSlaSource(world),
    new GroupSource(world),
    new CompanySource(world),
    users,
    new NetworkLinkSource(world),
  ];
  sources.push(...buildSchemaSources(world, users, sources));
  // Drawn last, from their own seed: no other table's values depend on the journal rows.
  const parents = new JournalParents(
    world,
    space,
    sources.find((s) => s.table === 'problem'),
  );
  const journalRows = journalLayout(world, parents);
  sources.push(new JournalSource(world, users, parents, journalRows));
  return {
    world,
    space,
    sources: new Map(sources.map((s) => [s.table, s])),
    journals: { layout: journalRows, parents },
  };
}
