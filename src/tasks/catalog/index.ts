export type { CatalogTaskOptions } from './catalog-options.js';
export { networkLinksTask } from './cmdb-ci-network-link.js';
export { companiesTask } from './companies.js';
export { contractSlaTask } from './contract-sla.js';
export { groupsTask } from './groups.js';
export { incidentSlaTask } from './incident-sla.js';
export { incidentTaskTask } from './incident-task.js';
export { incidentsOpenedTask } from './incidents-opened.js';
export {
  CONFIGURATIONS_JOB_TASKS,
  catalog,
  catalogTasks,
  configurationsJob,
  INCIDENTS_JOB_TASKS,
  incidentsJob,
  type JobOptions,
  type TaskFactory,
} from './jobs.js';
export { taskTimeWorkedTask } from './task-time-worked.js';
export { usersTask } from './users.js';
