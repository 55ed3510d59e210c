/**
 * Claiming target tables for an instance: every table written, and its sync state rows, hold
 * one instance's data. First everything is read and checked, then the claims are written in one
 * transaction (and checked again there, against a concurrent claim), so a refused claim writes
 * nothing.
 *
 * @module
 */
import { InstanceMismatchError } from '../core/index.js';
import {
  readColumns,
  runStatement,
  type SinkDatabase,
  type SinkQueryRunner,
  type SqlAdapter,
} from '../database/index.js';
import {
  adoptStateStatement,
  type ClaimRow,
  type ClaimTarget,
  createRegistrySql,
  INSTANCE_TABLE,
  insertClaimsStatement,
  type StateInstanceRow,
  selectClaimsStatement,
  selectStateInstancesStatement,
} from './instance-registry-sql.js';
import type { InstanceClaim } from './sink.js';
import { messageOf, SinkError } from './sink-error.js';
import { SYNC_STATE_TABLE } from './sync-state.js';
import type { SyncStateStore } from './sync-state-store.js';

/** What a claim works with. */
export interface ClaimContext {
  readonly db: SinkDatabase;
  readonly adapter: SqlAdapter;
  readonly state: SyncStateStore;
}

/** What the database records of the targets, read before anything is written. */
interface Found {
  /** The registry's claims, by target table. */
  readonly claims: ReadonlyMap<string, string>;
  /** State rows of the targets (instance `null` when not recorded). */
  readonly states: readonly StateInstanceRow[];
  /** Whether the state table exists. */
  readonly stateTable: boolean;
  /** Unclaimed targets whose data table exists already. */
  readonly existing: ReadonlySet<string>;
}

/**
 * Checks that no target holds another instance's data, then records them as `instance`'s.
 * Returns the targets adopted (data or state written before instances were recorded).
 *
 * @throws {@link InstanceMismatchError} naming the first table that holds another instance's data.
 */
export async function claimTables(
  context: ClaimContext,
  instance: string,
  targets: readonly ClaimTarget[],
  signal?: AbortSignal,
): Promise<InstanceClaim> {
  signal?.throwIfAborted();
  const unique = [...new Map(targets.map((t) => [t.target, t])).values()];
  if (unique.length === 0) return { adopted: [] };
  const names = unique.map((t) => t.target);
  const found = await guarded('read the instances of the tables', () => inspect(context, names));
  for (const target of names) {
    const stored = storedInstance(found, target);
    if (stored !== undefined && stored !== instance) {
      throw new InstanceMismatchError({
        runInstance: instance,
        storedInstance: stored,
        table: target,
      });
    }
  }
  const adopted = names.filter(
    (target) =>
      !found.claims.has(target) &&
      (found.existing.has(target) ||
        found.states.some((row) => row.target_table === target && row.instance === null)),
  );
  signal?.throwIfAborted();
  const unclaimed = unique.filter((t) => !found.claims.has(t.target));
  await record(context, instance, unclaimed, names, found.stateTable);
  for (const target of names) context.state.claim(target, instance);
  return { adopted };
}

/** The instance a target's claim or state rows record, `undefined` when none. */
function storedInstance(found: Found, target: string): string | undefined {
  const claimed = found.claims.get(target);
  if (claimed !== undefined) return claimed;
  return found.states.find((row) => row.target_table === target && row.instance !== null)
    ?.instance as string | undefined;
}

async function inspect(context: ClaimContext, targets: readonly string[]): Promise<Found> {
  const { db, adapter } = context;
  const registry = await readColumns(db, adapter, INSTANCE_TABLE);
  const claims = new Map<string, string>();
  if (registry.length > 0) {
    const rows = await runStatement<ClaimRow>(db, selectClaimsStatement(adapter, targets));
    for (const row of rows) claims.set(row.target_table, row.instance);
  }
  const stateColumns = await readColumns(db, adapter, SYNC_STATE_TABLE);
  const states =
    stateColumns.length === 0
      ? []
      : await runStatement<StateInstanceRow>(
          db,
          selectStateInstancesStatement(adapter, targets, stateColumns.includes('instance')),
        );
  const existing = new Set<string>();
  for (const target of targets) {
    if (!claims.has(target) && (await readColumns(db, adapter, target)).length > 0) {
      existing.add(target);
    }
  }
  return { claims, states, stateTable: stateColumns.length > 0, existing };
}

/**
 * Writes the claims of `unclaimed` and the instance of the targets' unrecorded state rows in one
 * transaction, then reads the claims back there: a concurrent claim by another instance rolls
 * it back.
 */
async function record(
  context: ClaimContext,
  instance: string,
  unclaimed: readonly ClaimTarget[],
  targets: readonly string[],
  stateTable: boolean,
): Promise<void> {
  const { db, adapter } = context;
  await guarded('create the table', () => createRegistry(db, adapter));
  if (stateTable) await context.state.ensure();
  await guarded('record the instance', () =>
    db.transaction().execute(async (trx) => {
      if (unclaimed.length > 0) {
        await runStatement(trx, insertClaimsStatement(adapter, unclaimed, instance, new Date()));
      }
      if (stateTable) await runStatement(trx, adoptStateStatement(adapter, targets, instance));
      const rows = await runStatement<ClaimRow>(trx, selectClaimsStatement(adapter, targets));
      const other = rows.find((row) => row.instance !== instance);
      // Thrown inside the transaction, so that it is rolled back.
      if (other !== undefined) {
        throw new InstanceMismatchError({
          runInstance: instance,
          storedInstance: other.instance,
          table: other.target_table,
        });
      }
    }),
  );
}

/** Creates the registry when missing, tolerating another writer creating it at the same moment. */
async function createRegistry(runner: SinkQueryRunner, adapter: SqlAdapter): Promise<void> {
  try {
    await runStatement(runner, { sql: createRegistrySql(adapter), parameters: [] });
  } catch (error) {
    if ((await readColumns(runner, adapter, INSTANCE_TABLE).catch(() => [])).length === 0) {
      throw error;
    }
  }
}

/** Runs `work`, a database failure becoming a {@link SinkError} of the registry. */
async function guarded<T>(verb: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SinkError || error instanceof InstanceMismatchError) throw error;
    throw new SinkError(INSTANCE_TABLE, `cannot ${verb}: ${messageOf(error)}`, { cause: error });
  }
}
