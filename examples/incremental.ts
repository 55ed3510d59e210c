/**
 * Incremental sync: the incidents job reads only what changed since its last run, and deletes
 * recorded in `sys_audit_delete` leave the database too.
 *
 * Run it against the bundled mock ServiceNow (started for you):
 *
 *   npx tsx examples/incremental.ts [--db ./incremental-example.db]
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createDatabase,
  loadIncidents,
  type RunResult,
  readRuns,
  ServiceNowClient,
} from 'servicenow-sync';
import { createMockServiceNow } from 'servicenow-sync/mock';

/** Options of {@link incrementalExample}. */
export interface IncrementalExampleOptions {
  /** `https://acme.service-now.com`, or the mock's `url`. */
  readonly instanceUrl: string;
  readonly username: string;
  readonly password: string;
  /** The SQLite file written (created when missing; its watermarks are kept in it). */
  readonly databaseFile: string;
}

/** What one incremental run read and did, per table. */
export interface IncrementalRunSummary {
  readonly result: RunResult;
  /** Per task: rows read, the instance's count for the same selection, rows deleted. */
  readonly tasks: Readonly<
    Record<string, { read: number; expected: number | null; deleted: number }>
  >;
  /** Rows now in each table. */
  readonly rows: Readonly<Record<string, number>>;
  /** The execution log's task rows of this run: `task_name -> sync_mode`. */
  readonly loggedModes: Readonly<Record<string, string | null>>;
}

/**
 * One incremental run of the incidents job into a SQLite file. The first run loads every
 * incident (with SLAs, time worked and incident tasks); each later run reads the rows updated
 * since the watermark each task keeps, and removes the records `sys_audit_delete` lists.
 */
export async function incrementalExample(
  options: IncrementalExampleOptions,
): Promise<IncrementalRunSummary> {
  const client = new ServiceNowClient({
    instanceUrl: options.instanceUrl,
    auth: { type: 'basic', username: options.username, password: options.password },
  });
  const db = createDatabase(`sqlite:${options.databaseFile}`);
  try {
    const result = await loadIncidents({ client, db, mode: 'incremental', deletes: 'audit' });
    const tasks: Record<string, { read: number; expected: number | null; deleted: number }> = {};
    const rows: Record<string, number> = {};
    for (const task of Object.values(result.tasks)) {
      tasks[task.name] = {
        read: task.recordsRead,
        expected: task.expectedRecords,
        deleted: task.recordsDeleted,
      };
      const row = await db
        .selectFrom(task.target)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      rows[task.target] = Number(row.n);
    }
    const [logged] = await readRuns(db, { id: result.id });
    const loggedModes = Object.fromEntries((logged?.tasks ?? []).map((t) => [t.name, t.mode]));
    return { result, tasks, rows, loggedModes };
  } finally {
    await db.destroy();
    await client.close();
  }
}

/** Starts the mock, syncs, changes a few records, syncs again, prints both runs. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string', default: 'incremental-example.db' } },
  });
  const mock = await createMockServiceNow({ seed: 1, scale: 1000 });
  console.log(`Mock ServiceNow on ${mock.url}`);
  const options = {
    instanceUrl: mock.url,
    username: mock.credentials.username,
    password: mock.credentials.password,
    databaseFile: values.db,
  };
  const show = (title: string, run: IncrementalRunSummary) => {
    console.log(`\n${title}: ${run.result.status} in ${run.result.durationSeconds.toFixed(1)}s`);
    for (const [name, t] of Object.entries(run.tasks)) {
      console.log(
        `  ${name.padEnd(18)} read ${String(t.read).padStart(6)} (instance counts ${t.expected}), deleted ${t.deleted}`,
      );
    }
  };
  try {
    show('First run (everything)', await incrementalExample(options));
    // Change the instance: edit two incidents, delete an incident task.
    const [first, second] = [...mock.data.rows('incident')];
    if (first) mock.data.update('incident', String(first.sys_id), { state: '6' });
    if (second) mock.data.update('incident', String(second.sys_id), { priority: '1' });
    const [child] = [...mock.data.rows('incident_task')];
    if (child) mock.data.delete('incident_task', String(child.sys_id));
    // A run reads up to the second it starts; let the edits fall before it.
    await sleep(1100);
    show('Second run (only the changes)', await incrementalExample(options));
    console.log(`\nThe data and the watermarks are in ${values.db} (servicenow_sync_state).`);
  } finally {
    await mock.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
