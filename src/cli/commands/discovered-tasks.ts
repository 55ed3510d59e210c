/**
 * `--table NAME`: each table discovered from the instance's dictionary and turned into an
 * ordinary task (named after the table), with `--fields` and `--filter` applied.
 *
 * @module
 */
import type { ServiceNowClient, TaskDefinition } from '../../index.js';
import type { TargetRequest } from './sync-targets.js';

/** One discovered table and its task. */
export interface DiscoveredTable {
  readonly table: string;
  readonly task: TaskDefinition;
}

/** Options of {@link discoverTasks}. */
export interface DiscoverTasksOptions {
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

/** Discovers the request's tables, in order (GET requests only). */
export async function discoverTasks(
  _client: ServiceNowClient,
  request: TargetRequest,
  _options: DiscoverTasksOptions = {},
): Promise<DiscoveredTable[]> {
  if (request.tables.length === 0) return [];
  throw new Error('discovery is not available yet');
}
