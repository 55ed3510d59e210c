export {
  type LoadJobOptions,
  loadConfigurations,
  loadIncidents,
  startConfigurations,
  startIncidents,
} from './load-jobs.js';
