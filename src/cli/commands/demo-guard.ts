/**
 * The demo's own guard: it writes fake data, so it refuses any database holding data it did not
 * write itself (a real instance's, or tables from a version that did not record instances),
 * before either of its two runs writes anything.
 *
 * @module
 */
import {
  createDatabase,
  InstanceMismatchError,
  readRuns,
  readSyncStates,
  readTableClaims,
  redactUrl,
} from '../../index.js';
import { UsageError } from '../usage-error.js';

/** The demo's instance identity for a mock seed: a different seed is different data. */
export function demoInstance(seed: number | undefined): string {
  // 1 is the mock's default seed.
  return `mock:demo?seed=${seed ?? 1}`;
}

const ADVICE =
  "The demo writes only into a database of its own (by default ./servicenow-demo.db), never one with a real instance's data: pass another --db, a new file, to run it.";

/** Runs checked in the log: a demo database holds few. */
const LOGGED_RUNS = 500;

/**
 * Refuses `url` when it holds tables, sync state or logged runs of another instance than
 * `instance`, or one of the demo's `targets` tables without a recorded instance.
 *
 * @throws `InstanceMismatchError` (another instance), {@link UsageError} (unrecorded data).
 */
export async function checkDemoDatabase(
  url: string,
  instance: string,
  targets: readonly string[],
): Promise<void> {
  const db = createDatabase(url);
  try {
    const claims = await readTableClaims(db);
    const states = await readSyncStates(db);
    const runs = await readRuns(db, { limit: LOGGED_RUNS });
    const foreign =
      claims.find((c) => c.instance !== instance) ??
      states.find((s) => s.instance !== null && s.instance !== instance);
    if (foreign !== undefined && foreign.instance !== null) {
      throw new InstanceMismatchError({
        runInstance: instance,
        storedInstance: foreign.instance,
        table: foreign.targetTable,
        advice: ADVICE,
      });
    }
    const run = runs.find((r) => r.instance !== null && r.instance !== instance);
    if (run?.instance) {
      throw new InstanceMismatchError({
        runInstance: instance,
        storedInstance: run.instance,
        advice: `Its execution log holds run ${run.id} of ${run.instance}. ${ADVICE}`,
      });
    }
    const claimed = new Set(claims.map((c) => c.targetTable));
    const tables = new Set((await db.introspection.getTables()).map((t) => t.name));
    const unrecorded =
      targets.find((t) => tables.has(t) && !claimed.has(t)) ??
      states.find((s) => s.instance === null)?.targetTable ??
      (runs.some((r) => r.instance === null) ? 'servicenow_execution_log' : undefined);
    if (unrecorded !== undefined) {
      throw new UsageError(
        `${redactUrl(url)} holds data written before instances were recorded (table ${unrecorded}), maybe a real instance's. ${ADVICE}`,
      );
    }
  } finally {
    await db.destroy();
  }
}
