/**
 * A custom task: `defineTask` for your own selection of a table, with an arquero transform that
 * drops unresolved incidents and derives reporting columns (resolution hours, the target for the
 * priority, whether it was met) before the rows reach the database.
 *
 * Run it against the bundled mock ServiceNow (started for you):
 *
 *   npx tsx examples/custom-task.ts [--db ./custom-task.db]
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type ColumnTable, escape as escapeExpression, op } from 'arquero';
import {
  connectDatabase,
  createDatabase,
  defineTask,
  fields,
  type RunResult,
  runTasks,
  ServiceNowClient,
  type TaskDefinition,
} from 'servicenow-sync';
import { createMockServiceNow } from 'servicenow-sync/mock';

/** Hours allowed to resolve an incident, by priority (`1` critical ... `5` planning). */
export const RESOLUTION_TARGET_HOURS: Readonly<Record<string, number>> = {
  '1': 4,
  '2': 8,
  '3': 24,
  '4': 72,
  '5': 120,
};

/** The database table the task writes. */
export const RESOLUTION_TABLE = 'incident_resolution';

/**
 * Resolved and closed incidents opened in the run window, one row each in
 * `incident_resolution`, with three derived columns:
 *
 * - `resolution_hours`: `calendar_stc` (seconds from opening to resolution) in hours, 2 decimals;
 * - `target_hours`: {@link RESOLUTION_TARGET_HOURS} for the incident's priority;
 * - `met_target`: `resolution_hours <= target_hours`.
 *
 * Incidents with no `resolved_at` or no `calendar_stc` are filtered out by the transform.
 */
export function resolutionTask(): TaskDefinition {
  return defineTask({
    name: 'incident_resolution',
    table: 'incident',
    target: RESOLUTION_TABLE,
    window: 'opened_at',
    query: 'stateIN6,7', // Resolved or Closed
    fields: {
      number: fields.string(),
      short_description: fields.string(),
      priority: fields.choice(),
      opened_at: fields.dateTime(),
      resolved_at: fields.dateTime(),
      calendar_stc: fields.integer(),
      assignment_group: fields.reference('sys_user_group'),
    },
    references: { assignment_group: { display: true } },
    // Arquero parses table expressions into fast column code: use `op.*` functions in them.
    // A function that needs outside values (a closure) goes through arquero's `escape()`,
    // which calls it as is, row by row.
    // arquero is an optional peer dependency: typing the batch with its ColumnTable gives its verbs.
    transform: (batch: ColumnTable) =>
      batch
        .filter((d) => d.resolved_at != null && d.calendar_stc != null)
        .derive({
          resolution_hours: (d) => op.round(d.calendar_stc / 36) / 100,
          target_hours: escapeExpression(
            (d: { priority: string | null }) => RESOLUTION_TARGET_HOURS[d.priority ?? ''] ?? null,
          ),
        })
        .derive({ met_target: (d) => d.resolution_hours <= d.target_hours }),
  });
}

/** Options of {@link customTaskExample}. */
export interface CustomTaskExampleOptions {
  readonly instanceUrl: string;
  readonly username: string;
  readonly password: string;
  /** The SQLite file written (created when missing). */
  readonly databaseFile: string;
  /** Days whose opened incidents are read, both included, UTC. */
  readonly window: { readonly from: string; readonly to: string };
}

/** One line of the report {@link customTaskExample} reads back. */
export interface PriorityReport {
  readonly priority: string;
  readonly incidents: number;
  readonly metTarget: number;
  readonly avgResolutionHours: number;
}

/** Runs {@link resolutionTask} into a SQLite file and reports target compliance per priority. */
export async function customTaskExample(
  options: CustomTaskExampleOptions,
): Promise<{ readonly result: RunResult; readonly report: readonly PriorityReport[] }> {
  const client = new ServiceNowClient({
    instanceUrl: options.instanceUrl,
    auth: { type: 'basic', username: options.username, password: options.password },
  });
  const db = createDatabase(`sqlite:${options.databaseFile}`);
  try {
    const result = await runTasks([resolutionTask()], {
      client,
      ...connectDatabase(db),
      window: options.window,
    });
    const rows = await db
      .selectFrom(RESOLUTION_TABLE)
      .select((eb) => [
        'priority',
        eb.fn.countAll<number>().as('incidents'),
        eb.fn.sum<number>('met_target').as('met'),
        eb.fn.avg<number>('resolution_hours').as('avg_hours'),
      ])
      .groupBy('priority')
      .orderBy('priority')
      .execute();
    const report = rows.map((r) => ({
      priority: String(r.priority),
      incidents: Number(r.incidents),
      metTarget: Number(r.met),
      avgResolutionHours: Math.round(Number(r.avg_hours) * 10) / 10,
    }));
    return { result, report };
  } finally {
    await db.destroy();
    await client.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string', default: 'custom-task.db' } },
  });
  const mock = await createMockServiceNow({ seed: 1, scale: 2000 });
  console.log(`Mock ServiceNow on ${mock.url}`);
  try {
    const window = { from: '2026-07-01', to: '2026-09-30' };
    const { result, report } = await customTaskExample({
      instanceUrl: mock.url,
      username: mock.credentials.username,
      password: mock.credentials.password,
      databaseFile: values.db,
      window,
    });
    const task = result.tasks.incident_resolution;
    console.log(
      `\n${task?.recordsProcessed} resolved incidents opened ${window.from}..${window.to} ` +
        `written to ${RESOLUTION_TABLE} in ${values.db} (${result.status})`,
    );
    console.log('Resolution targets per priority:');
    console.table(
      report.map((r) => ({
        ...r,
        targetHours: RESOLUTION_TARGET_HOURS[r.priority],
        metPercent: Math.round((100 * r.metTarget) / r.incidents),
      })),
    );
  } finally {
    await mock.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
