export {
  type ConnectDatabaseOptions,
  connectDatabase,
  type DatabaseParts,
} from './connect-database.js';
export {
  type LoadJobOptions,
  loadConfigurations,
  loadIncidents,
  startConfigurations,
  startIncidents,
} from './load-jobs.js';
