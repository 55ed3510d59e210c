/**
 * The preflight of a run, before its lock and its logger, so that a failure writes nothing:
 * the instance answers and accepts the credentials (one quick request, no retry), the sink's
 * database accepts a connection, and the fields each task's filter names exist on its table
 * (one read per filtered table).
 *
 * @module
 */
import createDebug from 'debug';
import type { TableRecord } from '../../client/index.js';
import { isPingableSink } from '../../sink/index.js';
import type { TaskDefinition } from '../../tasks/index.js';
import { cancelReason } from '../cancel-reason.js';
import type { RunTasksOptions } from '../run-options.js';
import { pingSink } from './check-database.js';
import { probeInstance } from './check-instance.js';
import { type Peek, unknownFilterFields } from './filter-fields.js';
import { FilterFieldError } from './preflight-error.js';
import { type PreflightSettings, preflightSettings } from './preflight-options.js';

const debug = createDebug('servicenow-sync:preflight');

/**
 * Runs the checks the options ask for (`preflight`, on by default).
 *
 * @throws `PreflightError` (instance, credentials, database), {@link FilterFieldError}, or the
 * run's `RunCancelledError` when its signal aborts meanwhile.
 * @internal
 */
export async function preflight(
  tasks: readonly TaskDefinition[],
  options: RunTasksOptions,
): Promise<void> {
  const settings = preflightSettings(options.preflight);
  if (settings === undefined || tasks.length === 0) return;
  try {
    await checkAll(tasks, options, settings);
  } catch (error) {
    if (options.signal?.aborted) throw cancelReason(options.signal);
    throw error;
  }
  if (options.signal?.aborted) throw cancelReason(options.signal);
}

async function checkAll(
  tasks: readonly TaskDefinition[],
  options: RunTasksOptions,
  settings: PreflightSettings,
): Promise<void> {
  const { client, sink } = options;
  const filtered = tasks.filter((task) => task.filter !== undefined);
  const probed = filtered[0] ?? (tasks[0] as TaskDefinition);
  const peek: Peek | undefined = client.peek?.bind(client);
  // Both sides at once; the instance's failure is reported first.
  const [instance, database] = await Promise.allSettled([
    peek === undefined
      ? Promise.resolve(undefined)
      : probeInstance(
          peek,
          { instanceUrl: client.instanceUrl, userName: client.userName },
          {
            table: probed.table,
            // A filtered table is read whole: the keys of its record are the table's fields.
            fields: probed.filter === undefined ? ['sys_id'] : undefined,
            timeoutMs: settings.timeoutMs,
            signal: deadline(options.signal, settings.timeoutMs),
          },
        ),
    isPingableSink(sink)
      ? pingSink(sink, settings.timeoutMs, options.signal)
      : Promise.resolve(debug('the sink cannot be pinged: its database is not checked')),
  ]);
  if (instance.status === 'rejected') throw instance.reason;
  if (database.status === 'rejected') throw database.reason;
  if (peek === undefined) {
    debug('the client cannot peek: the instance and the filters are not checked');
    return;
  }
  const read = new Map<string, Promise<readonly TableRecord[] | undefined>>();
  if (probed.filter !== undefined) read.set(probed.table, Promise.resolve(instance.value));
  for (const task of filtered) {
    const signal = deadline(options.signal, settings.timeoutMs);
    let records = read.get(task.table);
    if (records === undefined) {
      records = recordsOf(peek, task.table, settings.timeoutMs, signal);
      read.set(task.table, records);
    }
    const unknown = await unknownFilterFields(peek, task, await records, signal);
    if (unknown.length > 0) throw new FilterFieldError(task.name, task.table, unknown);
  }
}

/**
 * One record of a filtered table (`[]` when it has no readable row); `undefined` when it cannot
 * be read now: the filter is not checked, and the run says why the table failed.
 */
async function recordsOf(
  peek: Peek,
  table: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<readonly TableRecord[] | undefined> {
  try {
    return await peek(table, { timeoutMs, signal });
  } catch (error) {
    debug('%s cannot be read for the filter check (%O): the run goes on', table, error);
    return undefined;
  }
}

/** The run's signal with a check's deadline. */
function deadline(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
}
