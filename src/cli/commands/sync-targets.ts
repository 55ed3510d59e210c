/**
 * What `sync` and `plan` read from their targets and flags: the job or task list, the task
 * names, the tables to discover (`--table`) with their fields (`--fields`), and the filters by
 * task (each naming a task or table of the run, each a valid query). Everything here is checked
 * before any request.
 *
 * @module
 */
import type { Job, JobOptions, QueryInput, TaskDefinition } from '../../index.js';
import { catalog, catalogTasks, configurationsJob, incidentsJob, parseQuery } from '../../index.js';
import { UsageError } from '../usage-error.js';

/** The jobs the CLI names, by name. */
const JOBS: Readonly<Record<string, (options?: JobOptions) => Job>> = {
  incidents: incidentsJob,
  configurations: configurationsJob,
};

const NOTHING_NAMED =
  'Name what to sync: incidents, configurations, task names, or --table NAME (a ServiceNow table)';

/** A ServiceNow table name as `--table` takes it. */
const TABLE_NAME = /^[a-z0-9_]{1,80}$/i;

/** The flags that name what is read. */
export interface TargetFlags {
  readonly table?: readonly string[];
  readonly fields?: readonly string[];
  readonly filter?: readonly string[];
}

/** What a command reads, checked: built-in targets and tables to discover. */
export interface TargetRequest {
  /** The job or built-in task names given as arguments. */
  readonly targets: readonly string[];
  /** The built-in task names of the targets, in order, once each. */
  readonly taskNames: readonly string[];
  /** The tables to discover (`--table`), in order, once each; each is also its task's name. */
  readonly tables: readonly string[];
  /** `--filter` of the built-in tasks, by task name. */
  readonly catalogFilters: Readonly<Record<string, QueryInput>>;
  /** `--filter` of the discovered tables, by table. */
  readonly tableFilters: Readonly<Record<string, string>>;
  /** `--fields` by table (a table without an entry keeps every field). */
  readonly fields: ReadonlyMap<string, readonly string[]>;
}

/** Checks the targets and the `--table`, `--fields` and `--filter` flags. */
export function targetRequestOf(targets: readonly string[], flags: TargetFlags): TargetRequest {
  const tables = tablesOf(flags.table ?? []);
  if (targets.length === 0 && tables.length === 0) throw new UsageError(NOTHING_NAMED);
  const taskNames = targets.length === 0 ? [] : taskNamesOf(targets);
  const filters = filtersOf(flags.filter ?? [], [...taskNames, ...tables]);
  const catalogFilters: Record<string, QueryInput> = {};
  const tableFilters: Record<string, string> = {};
  for (const [name, filter] of Object.entries(filters)) {
    if (tables.includes(name)) tableFilters[name] = String(filter);
    else catalogFilters[name] = filter;
  }
  return {
    targets,
    taskNames,
    tables,
    catalogFilters,
    tableFilters,
    fields: fieldsOf(flags.fields ?? [], tables),
  };
}

/**
 * One job named (and no `--table`): that job. Otherwise the task list of every target, in order,
 * once each, then the discovered tasks.
 */
export function workOf(
  request: TargetRequest,
  options: JobOptions,
  discovered: readonly TaskDefinition[] = [],
): Job | TaskDefinition[] {
  const { targets } = request;
  const only =
    targets.length === 1 && discovered.length === 0 ? JOBS[targets[0] as string] : undefined;
  if (only !== undefined) return only(options);
  const builtIn = request.taskNames.length === 0 ? [] : catalogTasks(request.taskNames, options);
  if (builtIn.length + discovered.length === 0) throw new UsageError(NOTHING_NAMED);
  return [...builtIn, ...discovered];
}

/** The task names of the targets, in order, once each (a job gives its tasks). */
export function taskNamesOf(targets: readonly string[]): string[] {
  if (targets.length === 0) throw new UsageError(NOTHING_NAMED);
  const names: string[] = [];
  for (const target of targets) {
    const job = Object.hasOwn(JOBS, target) ? JOBS[target] : undefined;
    const expanded = job
      ? job().tasks.map((t) => t.name)
      : Object.hasOwn(catalog, target)
        ? [target]
        : undefined;
    if (!expanded) {
      throw new UsageError(
        `Unknown job or task ${JSON.stringify(target)}: use incidents, configurations, ${Object.keys(catalog).join(', ')}, or --table ${target} to discover a ServiceNow table`,
      );
    }
    for (const name of expanded) if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** `--table` values: table names, once each. */
export function tablesOf(values: readonly string[]): string[] {
  const tables: string[] = [];
  for (const value of values) {
    if (!TABLE_NAME.test(value)) {
      throw new UsageError(
        `--table takes a ServiceNow table name (letters, digits, _), received ${JSON.stringify(value)}`,
      );
    }
    if (!tables.includes(value)) tables.push(value);
  }
  return tables;
}

/**
 * `--fields a,b,c` (every discovered table) and `--fields TABLE=a,b` (one table), by table; a
 * later entry for the same table adds its fields.
 */
export function fieldsOf(
  entries: readonly string[],
  tables: readonly string[],
): Map<string, readonly string[]> {
  const fields = new Map<string, string[]>();
  if (entries.length > 0 && tables.length === 0) {
    throw new UsageError('--fields narrows the tables given with --table; name one with --table');
  }
  for (const entry of entries) {
    const at = entry.indexOf('=');
    const table = at < 0 ? undefined : entry.slice(0, at);
    if (table !== undefined && !tables.includes(table)) {
      throw new UsageError(
        `--fields ${entry}: ${table} is not a --table of this run (${tables.join(', ')})`,
      );
    }
    const names = entry
      .slice(at + 1)
      .split(',')
      .map((name) => name.trim());
    if (names.some((name) => !/^[a-z0-9_]+$/i.test(name))) {
      throw new UsageError(
        `--fields takes [TABLE=]field,field,... (e.g. number,state), received ${JSON.stringify(entry)}`,
      );
    }
    for (const name of table === undefined ? tables : [table]) {
      const list = fields.get(name) ?? [];
      for (const field of names) if (!list.includes(field)) list.push(field);
      fields.set(name, list);
    }
  }
  return fields;
}

/**
 * `--filter TASK=QUERY` entries by task, each naming a task of the run and holding a valid
 * encoded query (the library refuses one that sorts; the run's preflight, unknown fields).
 */
export function filtersOf(
  entries: readonly string[],
  tasks: readonly string[],
): Record<string, QueryInput> {
  const filters: Record<string, QueryInput> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at <= 0 || at === entry.length - 1) {
      throw new UsageError(
        `--filter takes TASK=QUERY (e.g. users=active=true), received ${JSON.stringify(entry)}`,
      );
    }
    const task = entry.slice(0, at);
    if (!tasks.includes(task)) {
      throw new UsageError(
        `--filter ${entry}: ${task} is not a task of this run (${tasks.join(', ')})`,
      );
    }
    if (filters[task] !== undefined) throw new UsageError(`--filter is given twice for ${task}`);
    const text = entry.slice(at + 1);
    try {
      parseQuery(text);
    } catch (error) {
      throw new UsageError(`--filter ${entry}: ${(error as Error).message}`);
    }
    filters[task] = text;
  }
  return filters;
}
