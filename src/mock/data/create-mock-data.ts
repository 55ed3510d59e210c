/**
 * `createMockData()`: generates the mock instance's tables for a seed and a scale.
 *
 * @module
 */
import createDebug from 'debug';
import { ConfigurationError } from '../../core/index.js';
import type { ReverseIndex } from './engine/reverse-index.js';
import { TableData } from './engine/table-data.js';
import { buildTableIndex } from './engine/table-index.js';
import { buildSources, type GeneratedTables } from './generators/build-sources.js';
import type { RowSource } from './generators/row-source.js';
import { DAY } from './generators/world.js';
import { formatDateTime } from './glide-format.js';
import type { MockData } from './mock-data.js';
import { MockDataStoreImpl } from './mock-data-store.js';
import { type MockScale, planMockScale } from './mock-scale.js';
import { MOCK_DICTIONARY_TABLES } from './schemas/dictionary-tables.js';
import { MOCK_TABLE_NAMES, mockSchema } from './schemas/registry.js';

const debug = createDebug('servicenow-sync:mock');

/**
 * The reference time of generated data when none is given: 2026-11-01T00:00:00Z. A fixed
 * instant keeps the data identical from run to run; pass `now: Date.now()` for data that ends
 * today.
 */
export const DEFAULT_MOCK_REFERENCE_TIME = Date.UTC(2026, 10, 1);

/** Options of {@link createMockData}. */
export interface CreateMockDataOptions {
  /** Seed of every generated value: the same seed and scale give the same rows. @default 1 */
  readonly seed?: number;
  /**
   * Rows per table. A number is the number of incidents; the other tables derive from it
   * (see {@link MockScale}). @default 2000 incidents (about 1,000 incident tasks, 4,200 SLAs,
   * 1,900 time entries, 300 users, 40 groups, 25 companies, 20 SLA definitions, 60 links)
   */
  readonly scale?: number | Partial<MockScale>;
  /**
   * Reference time, epoch milliseconds: incidents are opened during the year before it, and
   * states and SLA timings are as they would be at that instant.
   * @default DEFAULT_MOCK_REFERENCE_TIME (2026-11-01T00:00:00Z)
   */
  readonly now?: number;
  /**
   * Clock of the stamps of inserts, updates and deletes, epoch milliseconds.
   * @default the later of the real time and the reference time advanced by the real time elapsed
   * since creation, so mutations always look newer than the generated rows
   */
  readonly clock?: () => number;
}

const EMPTY_SOURCE = (table: string): RowSource => ({
  table,
  size: 0,
  indexedDates: {},
  reader: () => ({ value: () => '' }),
  seconds: () => 0,
  values: () => [],
});

function reverseIndexes(generated: GeneratedTables): Map<string, ReverseIndex> {
  const { world, space, journals } = generated;
  const tasks = [
    { table: 'incident', offset: 0 },
    { table: 'incident_task', offset: space.incidents },
  ];
  const incidents = [{ table: 'incident', offset: 0 }];
  return new Map<string, ReverseIndex>([
    ['task_sla.task', { layout: world.taskSlas, parents: tasks }],
    ['task_time_worked.task', { layout: world.timeWorked, parents: tasks }],
    ['incident_task.incident', { layout: world.incidentTasks, parents: incidents }],
    ['incident_task.parent', { layout: world.incidentTasks, parents: incidents }],
    [
      'sys_journal_field.element_id',
      {
        layout: journals.layout,
        parents: [...tasks, { table: 'problem', offset: journals.parents.problemOffset }],
      },
    ],
  ]);
}

/** A few deletes at generation time, so sys_audit_delete is not empty (only unreferenced rows). */
function seedDeletes(store: MockDataStoreImpl, generated: GeneratedTables, now: number): void {
  const { world } = generated;
  const victims: { table: string; sysId: string }[] = [];
  for (const table of ['task_time_worked', 'task_sla']) {
    const size = generated.sources.get(table)?.size ?? 0;
    const count = Math.min(size, Math.max(2, Math.round(size / 2000)));
    for (let k = 0; k < count; k++) {
      victims.push({ table, sysId: world.sysId(table, Math.floor(((k + 0.5) * size) / count)) });
    }
  }
  // Incident tasks with no SLA and no time entry.
  const tasks = generated.space.tasks;
  const offset = generated.space.incidents;
  for (let row = 0, found = 0; row < tasks && found < 3; row += 1 + Math.floor(tasks / 50)) {
    const t = offset + row;
    const lonely =
      world.taskSlas.end(t) === world.taskSlas.start(t) &&
      world.timeWorked.end(t) === world.timeWorked.start(t);
    if (lonely) {
      victims.push({ table: 'incident_task', sysId: world.sysId('incident_task', row) });
      found++;
    }
  }
  victims.forEach((victim, k) => {
    const when = now - (victims.length - k) * 2 * DAY + ((k * 7919) % DAY);
    store.deleteAt(victim.table, victim.sysId, formatDateTime(when));
  });
}

/**
 * Generates a deterministic mock ServiceNow data set: incidents over the year before `now`, with
 * their tasks, SLAs and time entries, the SLA definitions, groups, companies, users and network
 * links they refer to, and a few deleted records in `sys_audit_delete`. Rows are procedural and
 * indexed, so even 1,000,000 incidents stay well under 2 GB.
 *
 * @example
 * ```ts
 * const data = createMockData({ seed: 7, scale: 500 });
 * data.count('incident'); // 500
 * ```
 */
export function createMockData(options: CreateMockDataOptions = {}): MockData {
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) {
    throw new ConfigurationError(`seed: expected an integer, got ${String(seed)}`, {
      option: 'seed',
    });
  }
  const referenceTime = options.now ?? DEFAULT_MOCK_REFERENCE_TIME;
  if (
    !Number.isFinite(referenceTime) ||
    referenceTime < Date.UTC(1971, 0, 1) ||
    referenceTime > Date.UTC(2037, 0, 1)
  ) {
    throw new ConfigurationError(
      `now: expected epoch milliseconds between 1971 and 2037, got ${String(referenceTime)}`,
      {
        option: 'now',
      },
    );
  }
  const plan = planMockScale(options.scale);
  const started = Date.now();
  const now = Math.floor(referenceTime / 1000);
  const generated = buildSources(seed, now, plan);
  const tables = new Map<string, TableData>();
  for (const name of [...MOCK_TABLE_NAMES, ...MOCK_DICTIONARY_TABLES]) {
    const schema = mockSchema(name);
    if (schema === undefined) continue;
    const source = generated.sources.get(name) ?? EMPTY_SOURCE(name);
    const key = generated.world.key(name);
    tables.set(name, new TableData(schema, source, key, buildTableIndex(source, key)));
  }
  const clock =
    options.clock ?? (() => Math.max(Date.now(), referenceTime + (Date.now() - started)));
  const store = new MockDataStoreImpl({
    seed,
    referenceTime,
    clock,
    tables,
    reverse: reverseIndexes(generated),
  });
  seedDeletes(store, generated, now);
  debug('mock data: seed %d, %o in %d ms', seed, store.scale, Date.now() - started);
  return store;
}
