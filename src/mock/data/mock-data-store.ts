/**
 * The in-memory ServiceNow the mock server serves: generated tables under a mutation overlay,
 * queried through compiled encoded queries and an index-aware planner.
 *
 * @module
 */
import type { EncodedQuery } from '../../index.js';
import type {
  MockDataStore,
  MockRecord,
  MockSelectOptions,
  MockSelectResult,
  MockTableSchema,
} from '../types.js';
import { compileQuery } from './engine/compile-query.js';
import { type ExecuteContext, executeQuery } from './engine/execute-query.js';
import { deletePayload, insertRecord, updatedRecord } from './engine/record-builder.js';
import type { ReverseIndex } from './engine/reverse-index.js';
import { compareKeyed, keyed } from './engine/sort-keys.js';
import type { RowView, TableData } from './engine/table-data.js';
import { WordListCache } from './engine/word-lists.js';
import {
  MockDuplicateRecordError,
  MockRecordNotFoundError,
  MockUnknownTableError,
} from './errors.js';
import { formatDateTime } from './glide-format.js';
import type { MockScale } from './mock-scale.js';
import { MOCK_TABLE_NAMES, mockSchema, servedTablesOf } from './schemas/registry.js';
import { counterSysId } from './sys-id.js';
import { assertTimeZone } from './time-zone.js';

/** Everything the store is built from. @internal */
export interface StoreParts {
  readonly seed: number;
  /** Reference time, epoch milliseconds. */
  readonly referenceTime: number;
  readonly clock: () => number;
  readonly tables: ReadonlyMap<string, TableData>;
  readonly reverse: ReadonlyMap<string, ReverseIndex>;
}

/**
 * The data of a mock instance: a {@link MockDataStore} plus what the server and tests may want
 * to know about how it was generated.
 */
export interface MockData extends MockDataStore {
  /** The seed the rows derive from. */
  readonly seed: number;
  /** The reference time the generated data ends at, epoch milliseconds. */
  readonly referenceTime: number;
  /** Generated row counts per table (before mutations and seeded deletes). */
  readonly scale: MockScale;
  /** The store's clock (epoch milliseconds), used for the stamps of mutations. */
  now(): number;
}

const DEFAULT_LIMIT = 10000;

/** The store. @internal */
export class MockDataStoreImpl implements MockData {
  readonly seed: number;
  readonly referenceTime: number;
  readonly tableNames: readonly string[] = MOCK_TABLE_NAMES;
  private readonly clock: () => number;
  private readonly tables: ReadonlyMap<string, TableData>;
  private readonly reverseIndexes: ReadonlyMap<string, ReverseIndex>;
  private readonly cache = new WordListCache();
  private readonly numbers = new Map<string, number>();
  private counter = 0;
  private readonly ctx: ExecuteContext;

  constructor(parts: StoreParts) {
    this.seed = parts.seed;
    this.referenceTime = parts.referenceTime;
    this.clock = parts.clock;
    this.tables = parts.tables;
    this.reverseIndexes = parts.reverse;
    this.ctx = {
      table: (name) => this.tables.get(name),
      concrete: (name) => this.concrete(name),
      reverse: (table, field) => this.reverseIndexes.get(`${table}.${field}`),
      resolver: this,
      cache: this.cache,
    };
  }

  get scale(): MockScale {
    const size = (name: string) => this.tables.get(name)?.size ?? 0;
    return {
      incident: size('incident'),
      incident_task: size('incident_task'),
      task_sla: size('task_sla'),
      task_time_worked: size('task_time_worked'),
      contract_sla: size('contract_sla'),
      sys_user_group: size('sys_user_group'),
      core_company: size('core_company'),
      sys_user: size('sys_user'),
      cmdb_ci_network_link: size('cmdb_ci_network_link'),
    };
  }

  now(): number {
    return this.clock();
  }

  schema(table: string): MockTableSchema | undefined {
    return mockSchema(table);
  }

  private concrete(name: string): TableData[] {
    const own = this.tables.get(name);
    if (own !== undefined) return [own];
    const result: TableData[] = [];
    for (const child of servedTablesOf(name)) {
      const data = this.tables.get(child);
      if (data !== undefined) result.push(data);
    }
    return result;
  }

  private served(table: string): TableData {
    const data = this.tables.get(table);
    if (data === undefined) throw new MockUnknownTableError(table);
    return data;
  }

  count(table: string): number {
    let total = 0;
    for (const data of this.concrete(table)) total += data.liveCount;
    return total;
  }

  /** @internal */
  resolve(table: string, sysId: string): RowView | undefined {
    for (const data of this.concrete(table)) {
      const view = data.findView(sysId);
      if (view !== undefined) return view;
    }
    return undefined;
  }

  private locate(
    table: string,
    sysId: string,
  ): { data: TableData; record: MockRecord } | undefined {
    for (const data of this.concrete(table)) {
      const record = data.find(sysId);
      if (record !== undefined) return { data, record };
    }
    return undefined;
  }

  get(table: string, sysId: string): MockRecord | undefined {
    return this.locate(table, sysId)?.record;
  }

  displayValue(table: string, sysId: string): string {
    if (sysId === 'global') return 'global';
    const found = this.locate(table, sysId);
    return found === undefined ? '' : this.displayOf(found.data, found.record);
  }

  /** The display value of a record: its display field, or the display value it references. */
  private displayOf(data: TableData, record: MockRecord, depth = 0): string {
    const name = data.schema.displayField;
    const value = record[name] ?? '';
    const field = data.schema.fields.find((f) => f.name === name);
    if (field?.type !== 'reference' || field.reference === undefined || value === '' || depth > 2) {
      return value;
    }
    const target = this.locate(field.reference, value);
    return target === undefined ? value : this.displayOf(target.data, target.record, depth + 1);
  }

  select(table: string, query: EncodedQuery, options: MockSelectOptions = {}): MockSelectResult {
    const schema = mockSchema(table);
    if (schema === undefined) throw new MockUnknownTableError(table);
    const timeZone = options.timeZone ?? 'UTC';
    assertTimeZone(timeZone);
    const compiled = compileQuery(table, query, {
      timeZone,
      now: Math.floor((options.now ?? this.clock()) / 1000),
      unknownFields: options.unknownFields ?? 'ignore',
      resolver: this,
    });
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const count = options.count === true;
    const parts = this.concrete(table);
    if (parts.length === 1 && parts[0]?.name === table) {
      const result = executeQuery(parts[0], compiled, { limit, offset, count }, this.ctx);
      const rows = result.views.map((view) => view.table.recordOf(view));
      return result.total === undefined ? { rows } : { rows, total: result.total };
    }
    // A base table (task, cmdb_ci): the first offset+limit rows of each child table, merged.
    let total = 0;
    const keyedRows = parts.flatMap((data) => {
      const result = executeQuery(
        data,
        compiled,
        { limit: offset + limit, offset: 0, count },
        this.ctx,
      );
      total += result.total ?? 0;
      return result.views.map((view) => keyed(view, compiled.orderBy, this));
    });
    keyedRows.sort(compareKeyed(compiled.orderBy));
    const rows = keyedRows.slice(offset, offset + limit).map((k) => k.view.table.recordOf(k.view));
    return count ? { rows, total } : { rows };
  }

  *rows(table: string): Iterable<MockRecord> {
    const iterators = this.concrete(table).map((data) => this.tableRows(data)[Symbol.iterator]());
    const heads = iterators.map((it) => it.next());
    for (;;) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const head = heads[i] as IteratorResult<MockRecord>;
        if (head.done === true) continue;
        const current = heads[best]?.value as MockRecord | undefined;
        if (best < 0 || (head.value.sys_id as string) < (current?.sys_id as string)) best = i;
      }
      if (best < 0) return;
      yield (heads[best] as IteratorYieldResult<MockRecord>).value;
      heads[best] = (iterators[best] as Iterator<MockRecord>).next();
    }
  }

  /** Live rows of one table in sys_id order. */
  private *tableRows(data: TableData): Generator<MockRecord> {
    const extras = data.extras().filter((view) => view.row < 0);
    let e = 0;
    for (let rank = 0; rank < data.size; rank++) {
      const row = data.rowAtRank(rank);
      if (data.deleted.has(row)) continue;
      if (e < extras.length) {
        const id = data.key.sysId(row);
        while (e < extras.length && (extras[e] as RowView).get('sys_id') < id) {
          yield data.recordOf(extras[e++] as RowView);
        }
      }
      const record = data.liveRecord(row);
      if (record !== undefined) yield record;
    }
    while (e < extras.length) yield data.recordOf(extras[e++] as RowView);
  }

  private stamp(): string {
    return formatDateTime(Math.floor(this.clock() / 1000));
  }

  private nextSysId(data: TableData): string {
    for (;;) {
      const id = counterSysId(this.seed, this.counter++);
      if (data.find(id) === undefined && data.rowOf(id) < 0) return id;
    }
  }

  private nextNumber(data: TableData): string {
    const next = this.numbers.get(data.name) ?? data.size;
    this.numbers.set(data.name, next + 1);
    const prefix = data.name === 'incident' ? 'INC' : 'TASK';
    return `${prefix}${String(next + 10001).padStart(7, '0')}`;
  }

  insert(table: string, values: Readonly<Record<string, string>>): MockRecord {
    const data = this.served(table);
    const given = values.sys_id;
    let sysId: string;
    if (typeof given === 'string' && given !== '') {
      if (data.find(given) !== undefined || data.rowOf(given) >= 0) {
        throw new MockDuplicateRecordError(table, given);
      }
      sysId = given;
    } else {
      sysId = this.nextSysId(data);
    }
    const record = insertRecord(data.schema, values, {
      sysId,
      now: this.stamp(),
      number: () => this.nextNumber(data),
    });
    data.inserted.set(sysId, record);
    data.version++;
    return record;
  }

  update(table: string, sysId: string, values: Readonly<Record<string, string>>): MockRecord {
    const found = this.locate(table, sysId);
    if (found === undefined) throw new MockRecordNotFoundError(table, sysId);
    const { data, record: current } = found;
    const record = updatedRecord(data.schema, current, values, this.stamp());
    if (data.inserted.has(sysId)) data.inserted.set(sysId, record);
    else data.updated.set(data.rowOf(sysId), record);
    data.version++;
    return record;
  }

  delete(table: string, sysId: string): void {
    this.deleteAt(table, sysId, this.stamp());
  }

  /** Deletes a record with a given audit time (`YYYY-MM-DD HH:MM:SS`). @internal */
  deleteAt(table: string, sysId: string, when: string): void {
    const found = this.locate(table, sysId);
    if (found === undefined) throw new MockRecordNotFoundError(table, sysId);
    const { data, record } = found;
    if (data.inserted.has(sysId)) {
      data.inserted.delete(sysId);
    } else {
      const row = data.rowOf(sysId);
      data.updated.delete(row);
      data.deleted.add(row);
    }
    data.version++;
    const audit = this.served('sys_audit_delete');
    const entry = insertRecord(
      audit.schema,
      {
        tablename: data.name,
        documentkey: sysId,
        display_value: this.displayOf(data, record),
        payload: deletePayload(data.name, record),
        sys_created_on: when,
        sys_updated_on: when,
      },
      { sysId: this.nextSysId(audit), now: when, number: () => '' },
    );
    audit.inserted.set(entry.sys_id as string, entry);
    audit.version++;
  }
}
