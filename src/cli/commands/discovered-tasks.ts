/**
 * `--table NAME`: each table discovered from the instance's dictionary and turned into an
 * ordinary task (named after the table), with `--fields` and `--filter` applied.
 *
 * @module
 */
import type { ServiceNowClient, TaskDefinition } from '../../index.js';
import type { TargetRequest } from './sync-targets.js';

/** What discovery says of one column of a discovered task (by its logical column name). */
export interface DiscoveredColumn {
  /** The glide `internal_type` (`string`, `reference`...). */
  readonly glideType: string;
  /** The table of the chain that defines the field. */
  readonly definedOn: string;
  /** The referenced table, for references. */
  readonly reference: string | undefined;
  /** `true` when the type is unknown and the column is text (reported). */
  readonly fallback: boolean;
}

/** One discovered table and its task. */
export interface DiscoveredTable {
  readonly table: string;
  readonly task: TaskDefinition;
  /** The class chain, the table first. */
  readonly chain: readonly string[];
  /** Per column name. */
  readonly columns: ReadonlyMap<string, DiscoveredColumn>;
  /** The elements read as text because their type is unknown, with their type. */
  readonly fallbacks: readonly string[];
  /** Fields the API leaves out for this user (ACLs): they would read as empty. */
  readonly unreadableFields: readonly string[];
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

/** The text of a table's generated module, and its column count. */
export async function renderTableModule(
  _client: ServiceNowClient,
  _table: string,
  _options: { readonly fields: readonly string[] | undefined; readonly signal?: AbortSignal },
): Promise<{ text: string; columns: number }> {
  throw new Error('discovery is not available yet');
}
