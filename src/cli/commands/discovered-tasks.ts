/**
 * `--table NAME`: each table discovered from the instance's dictionary (GET requests only) and
 * turned into an ordinary task named after the table, with `--fields` and `--filter` applied;
 * and the module `generate` writes for one.
 *
 * @module
 */
import type { SchemaTask, ServiceNowClient, TaskDefinition } from '../../index.js';
import { discoverTable, renderTaskModule, taskFromSchema } from '../../index.js';
import type { TargetRequest } from './sync-targets.js';

/** What discovery says of one column of a discovered task. */
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
  /** By column name. */
  readonly columns: ReadonlyMap<string, DiscoveredColumn>;
  /** The elements read as text because their glide type is unknown (`u_x (u_odd_type)`). */
  readonly fallbacks: readonly string[];
  /** Fields the API leaves out for this user (ACLs): they would read as empty. */
  readonly unreadableFields: readonly string[];
  /** References without a display column (the referenced table's display field is unknown). */
  readonly referencesWithoutDisplay: readonly string[];
  /** The estimated MySQL row size and whether it fits MySQL's and InnoDB's limits. */
  readonly mysqlRow: {
    readonly rowBytes: number;
    readonly inRowBytes: number;
    readonly fits: boolean;
  };
}

/** Options of {@link discoverTasks}. */
export interface DiscoverTasksOptions {
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

/** Discovers the request's tables, in order. */
export async function discoverTasks(
  client: ServiceNowClient,
  request: TargetRequest,
  options: DiscoverTasksOptions = {},
): Promise<DiscoveredTable[]> {
  const discovered: DiscoveredTable[] = [];
  for (const table of request.tables) {
    const filter = request.tableFilters[table];
    const fields = request.fields.get(table);
    const schemaTask = await discoverSchemaTask(client, table, {
      ...(fields === undefined ? {} : { fields }),
      ...(filter === undefined ? {} : { filter }),
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    discovered.push(discoveredOf(schemaTask));
  }
  return discovered;
}

/** The text of a table's generated module, and its column count. */
export async function renderTableModule(
  client: ServiceNowClient,
  table: string,
  options: { readonly fields: readonly string[] | undefined; readonly signal?: AbortSignal },
): Promise<{ text: string; columns: number }> {
  const schemaTask = await discoverSchemaTask(client, table, {
    ...(options.fields === undefined ? {} : { fields: options.fields }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return { text: renderTaskModule(schemaTask), columns: schemaTask.columns.length };
}

async function discoverSchemaTask(
  client: ServiceNowClient,
  table: string,
  options: {
    readonly fields?: readonly string[];
    readonly filter?: string;
    readonly pageSize?: number;
    readonly signal?: AbortSignal;
  },
): Promise<SchemaTask> {
  const { signal, ...taskOptions } = options;
  const schema = await discoverTable(client, table, signal === undefined ? {} : { signal });
  return taskFromSchema(schema, taskOptions);
}

function discoveredOf(schemaTask: SchemaTask): DiscoveredTable {
  const columns = new Map<string, DiscoveredColumn>();
  for (const column of schemaTask.columns) {
    columns.set(column.name, {
      glideType: column.internalType,
      definedOn: column.definedOn,
      reference: column.reference,
      fallback: column.fallback,
    });
  }
  const { mysqlRow } = schemaTask;
  return {
    table: schemaTask.schema.table,
    task: schemaTask.task,
    chain: schemaTask.schema.chain,
    columns,
    fallbacks: schemaTask.fallbacks.map((f) => `${f.element} (${f.internalType})`),
    unreadableFields: schemaTask.unreadableFields,
    referencesWithoutDisplay: schemaTask.referencesWithoutDisplay,
    mysqlRow: { rowBytes: mysqlRow.rowBytes, inRowBytes: mysqlRow.inRowBytes, fits: mysqlRow.fits },
  };
}

/**
 * What a sync of discovered tables must say before it runs, one line each: fields the API leaves
 * out for this user (field ACLs: they are copied as empty) and fields of an unknown glide type
 * (copied as text).
 */
export function discoveryWarnings(discovered: readonly DiscoveredTable[]): string[] {
  const lines: string[] = [];
  for (const table of discovered) {
    if (table.unreadableFields.length > 0) {
      lines.push(
        `${table.table}: ${table.unreadableFields.join(', ')} ${table.unreadableFields.length === 1 ? 'is' : 'are'} left out of records for this user (field ACLs): copied as empty; grant read access to copy ${table.unreadableFields.length === 1 ? 'it' : 'them'}`,
      );
    }
    if (table.fallbacks.length > 0) {
      lines.push(
        `${table.table}: ${table.fallbacks.join(', ')}: no codec for this glide type, copied as text`,
      );
    }
  }
  return lines;
}
