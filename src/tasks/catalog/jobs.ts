/**
 * The built-in catalog by name, and the two built-in jobs: `incidents` (4 tasks) and
 * `configurations` (5 tasks).
 *
 * @module
 */
import { ConfigurationError } from '../../core/index.js';
import type { QueryInput } from '../../query/index.js';
import type { TaskDefinition } from '../define-task.js';
import { defineJob, type Job } from '../job.js';
import { yesterdayUtc } from '../yesterday-utc.js';
import type { CatalogTaskOptions } from './catalog-options.js';
import { networkLinksTask } from './cmdb-ci-network-link.js';
import { companiesTask } from './companies.js';
import { contractSlaTask } from './contract-sla.js';
import { groupsTask } from './groups.js';
import { incidentSlaTask } from './incident-sla.js';
import { incidentTaskTask } from './incident-task.js';
import { incidentsOpenedTask } from './incidents-opened.js';
import { taskTimeWorkedTask } from './task-time-worked.js';
import { usersTask } from './users.js';

/** Options of {@link incidentsJob} and {@link configurationsJob}. */
export interface JobOptions {
  /**
   * Extra filters by task name (`{ incidents_opened: 'assignment_group.nameSTARTSWITHNOC' }`),
   * each ANDed into that task's selection in every `^NQ` group.
   * @default none
   */
  readonly filters?: Readonly<Record<string, QueryInput>>;
  /** Records per page for every task of the job. @default the run's page size */
  readonly pageSize?: number;
}

/** Builds a built-in task from its options. */
export type TaskFactory = (options?: CatalogTaskOptions) => TaskDefinition;

/** Every built-in task, by name. */
export const catalog: Readonly<Record<string, TaskFactory>> = Object.freeze({
  incidents_opened: incidentsOpenedTask,
  incident_sla: incidentSlaTask,
  task_time_worked: taskTimeWorkedTask,
  incident_task: incidentTaskTask,
  contract_sla: contractSlaTask,
  groups: groupsTask,
  companies: companiesTask,
  users: usersTask,
  cmdb_ci_network_link: networkLinksTask,
});

/** Task names of the incidents job, in order. */
export const INCIDENTS_JOB_TASKS = [
  'incidents_opened',
  'incident_sla',
  'task_time_worked',
  'incident_task',
] as const;
/** Task names of the configurations job, in order. */
export const CONFIGURATIONS_JOB_TASKS = [
  'contract_sla',
  'groups',
  'companies',
  'users',
  'cmdb_ci_network_link',
] as const;

/**
 * Built-in tasks by name, with per-task filters. Throws a `ConfigurationError` for an unknown
 * task name (in `names` or in `filters`).
 *
 * @example
 * ```ts
 * const tasks = catalogTasks(['users', 'groups'], { filters: { users: 'active=true' } });
 * ```
 */
export function catalogTasks(names: readonly string[], options: JobOptions = {}): TaskDefinition[] {
  const filters = options.filters ?? {};
  for (const name of [...names, ...Object.keys(filters)]) {
    if (!Object.hasOwn(catalog, name)) {
      throw new ConfigurationError(
        `Unknown task ${JSON.stringify(name)}; built-in tasks are ${Object.keys(catalog).join(', ')}`,
        { option: 'tasks' },
      );
    }
  }
  const unused = Object.keys(filters).find((name) => !names.includes(name));
  if (unused !== undefined) {
    throw new ConfigurationError(
      `A filter names ${JSON.stringify(unused)}, which is not a task of this run (${names.join(', ')})`,
      { option: 'filters' },
    );
  }
  return names.map((name) => {
    const factory = catalog[name] as TaskFactory;
    const filter = filters[name];
    return factory({
      ...(filter === undefined ? {} : { filter }),
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    });
  });
}

/**
 * The incidents job: incidents opened in the window, their SLAs, time worked and incident tasks.
 * Its 4 tasks run at once; a full run given no window loads yesterday (UTC), as the old
 * endpoint did.
 *
 * @example
 * ```ts
 * await runTasks(incidentsJob(), { client, sink, window: { from: '2026-11-01', to: '2026-11-01' } });
 * ```
 */
export function incidentsJob(options: JobOptions = {}): Job {
  return defineJob({
    name: 'incidents',
    tasks: catalogTasks(INCIDENTS_JOB_TASKS, options),
    concurrency: 4,
    mode: 'full',
    window: yesterdayUtc,
  });
}

/**
 * The configurations job: contract SLAs, groups, companies, users and network links, at most 3
 * at a time as a pool. It runs incrementally unless told otherwise: the first run loads every
 * row, later runs what changed since.
 *
 * @example
 * ```ts
 * await runTasks(configurationsJob(), { client, sink: new KyselySink(db) });
 * ```
 */
export function configurationsJob(options: JobOptions = {}): Job {
  return defineJob({
    name: 'configurations',
    tasks: catalogTasks(CONFIGURATIONS_JOB_TASKS, options),
    concurrency: 3,
    mode: 'incremental',
  });
}
