/**
 * `servicenow-sync runs`: the execution log, newest first.
 *
 * @module
 */
import { formatSchemaChange, readRuns } from '../../index.js';
import { type CliIo, line } from '../io.js';
import { openExistingDatabase } from './existing-database.js';

/** Flags of the `runs` command. */
export interface RunsFlags {
  readonly db?: string;
  readonly json?: boolean;
  readonly limit?: number;
}

/** Prints the log; resolves to the exit code. */
export async function runsCommand(flags: RunsFlags, io: CliIo): Promise<number> {
  // Reading the log must not create an empty SQLite file where none was.
  const db = openExistingDatabase(flags.db, io);
  try {
    const runs = await readRuns(db, { limit: flags.limit ?? 20 });
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      line(io.stdout, 'No runs logged yet.');
      return 0;
    }
    for (const run of runs) {
      const window = run.startDate ? ` ${run.startDate}..${run.endDate}` : '';
      const duration = run.durationSeconds === null ? '' : ` ${run.durationSeconds.toFixed(1)}s`;
      line(
        io.stdout,
        `#${run.id} ${run.executionType}${window} ${run.status} started ${run.startedAt} UTC,${duration} ${run.totalRecordsProcessed} records, ${run.apiCalls} API calls${run.instance === null ? '' : `, ${run.instance}`}`,
      );
      // A run closed from outside (taken over, ended by hand) says why under its line.
      if ((run.status === 'abandoned' || run.status === 'cancelled') && run.errorMessage)
        line(io.stdout, `    ${run.errorMessage.split('\n')[0]}`);
      for (const warning of runWarnings(run.errorMessage))
        line(io.stdout, `    warning: ${warning}`);
      for (const t of run.tasks) {
        const error = t.errorMessage ? ` - ${t.errorMessage.split('\n')[0]}` : '';
        line(
          io.stdout,
          `    ${t.name.padEnd(22)} ${t.status.padEnd(8)} ${String(t.recordsProcessed).padStart(8)} records${t.expectedRecords === null ? '' : ` (instance counts ${t.expectedRecords})`}${t.recordsRejected ? ` (${t.recordsRejected} rejected)` : ''}${t.recordsDeleted ? ` (${t.recordsDeleted} deleted)` : ''}${t.mode === 'incremental' ? ' incremental' : ''}${error}`,
        );
        // What the run changed in the table's schema (created, columns added or widened).
        for (const change of t.schemaChanges)
          line(io.stdout, `      schema: ${formatSchemaChange(change)}`);
      }
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

/** The run-wide warnings of a logged run's message (its `Warning: ...` lines). */
function runWarnings(message: string | null): string[] {
  if (message === null) return [];
  const prefix = 'Warning: ';
  return message
    .split('\n')
    .filter((part) => part.startsWith(prefix))
    .map((part) => part.slice(prefix.length));
}
