/**
 * The instance guard: one database (table, sync state) holds one instance's data. The run's
 * instance is checked once with its options; the sink's claim comes after the run's other
 * checks, before the execution log hears of the run and before anything else is written.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';
import type { InstanceSink } from '../sink/index.js';
import type { TaskDefinition } from '../tasks/index.js';
import type { RunTasksOptions } from './run-options.js';

/** Longest instance identity (the column's size). */
const MAX_INSTANCE = 255;

/**
 * The instance a run reads: `options.instance`, else the client's `instanceUrl`; `undefined`
 * when neither tells it (the guard is then skipped). @internal
 *
 * @throws {@link ConfigurationError} naming `instance` for an empty or too long identity.
 */
export function runInstance(options: RunTasksOptions): string | undefined {
  const given: unknown = options.instance;
  if (given === undefined) {
    const url = options.client.instanceUrl;
    return url === undefined || url === '' ? undefined : url;
  }
  if (
    typeof given !== 'string' ||
    given.trim() === '' ||
    given.length > MAX_INSTANCE ||
    given.includes('\u0000')
  ) {
    const shown = typeof given === 'string' ? JSON.stringify(given.slice(0, 80)) : String(given);
    throw new ConfigurationError(
      `instance must be a non-empty string of at most ${MAX_INSTANCE} characters (the instance URL or an identity such as mock:demo), received ${shown}`,
      { option: 'instance' },
    );
  }
  return given;
}

/** The part of the run's plan the guard reads. @internal */
export interface GuardPlan {
  readonly instance: string | undefined;
  readonly sinks: { readonly instanced: InstanceSink | undefined };
}

/**
 * Has the sink claim the run's target tables for its instance, when the sink records instances
 * and the instance is known; resolves to the run warnings to report (tables adopted from before
 * instances were recorded). @internal
 *
 * @throws `InstanceMismatchError` when a table holds another instance's data (nothing written).
 */
export async function claimInstance(
  tasks: readonly TaskDefinition[],
  plan: GuardPlan,
  signal: AbortSignal | undefined,
): Promise<string[]> {
  const sink = plan.sinks.instanced;
  const instance = plan.instance;
  if (sink === undefined || instance === undefined) return [];
  const { adopted } = await sink.claimInstance(
    instance,
    tasks,
    signal === undefined ? {} : { signal },
  );
  if (adopted.length === 0) return [];
  return [
    `Adopted ${adopted.join(', ')} for ${instance}: ${adopted.length === 1 ? 'this table was' : 'these tables were'} written by a version that did not record the instance. If ${adopted.length === 1 ? 'it holds' : 'they hold'} another instance's data (the demo's, say), drop ${adopted.length === 1 ? 'it' : 'them'} or use another database, then run again.`,
  ];
}
