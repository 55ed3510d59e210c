/**
 * What `sync` reads from its targets and `--filter` flags: the job or task list, the task names,
 * the filters by task (each naming a task of the run, each a valid query).
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

/** One job named: that job. Otherwise the task list of every target, in order, once each. */
export function workOf(targets: readonly string[], options: JobOptions): Job | TaskDefinition[] {
  if (targets.length === 0)
    throw new UsageError('Name what to sync: incidents, configurations, or task names');
  const only = targets.length === 1 ? JOBS[targets[0] as string] : undefined;
  if (only !== undefined) return only(options);
  return catalogTasks(taskNamesOf(targets), options);
}

/** The task names of the targets, in order, once each (a job gives its tasks). */
export function taskNamesOf(targets: readonly string[]): string[] {
  if (targets.length === 0)
    throw new UsageError('Name what to sync: incidents, configurations, or task names');
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
        `Unknown job or task ${JSON.stringify(target)}: use incidents, configurations, or ${Object.keys(catalog).join(', ')}`,
      );
    }
    for (const name of expanded) if (!names.includes(name)) names.push(name);
  }
  return names;
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
