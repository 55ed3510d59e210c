/**
 * The in-memory ServiceNow the mock server serves: generated tables under a mutation overlay,
 * queried through compiled encoded queries and an index-aware planner.
 *
 * @module
 */

import type { EncodedQuery } from '../../query/index.js';
import type {
  MockField,
  MockFieldChange,
  MockRecord,
  MockSelectOptions,
  MockSelectResult,
  MockTableSchema,
} from '../types.js';
import type { RowStamp } from './dictionary/dictionary-rows.js';
import { DictionaryTables } from './dictionary/dictionary-tables.js';
import { MockSchemaSet } from './dictionary/schema-set.js';
import { compileQuery } from './engine/compile-query.js';
import type { ExecuteContext } from './engine/execute-context.js';
import { deletePayload, insertRecord, updatedRecord } from './engine/record-builder.js';
import type { ReverseIndex } from './engine/reverse-index.js';
import type { RowView, TableData } from './engine/table-data.js';
import { WordListCache } from './engine/word-lists.js';
import {
  MockDuplicateRecordError,
  MockRecordNotFoundError,
  MockUnknownTableError,
} from './errors.js';
import { fieldText } from './field-text.js';
import { formatDateTime } from './glide-format.js';
import { liveRows } from './live-rows.js';
import type { MockData } from './mock-data.js';
import type { MockScale } from './mock-scale.js';
import { RecordIds } from './record-ids.js';
import { MOCK_DICTIONARY_TABLES } from './schemas/dictionary-tables.js';
import { MOCK_TABLE_NAMES, mockSchemas, servedTablesOf } from './schemas/registry.js';
import { selectRows } from './select-rows.js';
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

const DEFAULT_LIMIT = 10000;
/** The dictionary rows are stamped this long before the reference time (three years). */
const DICTIONARY_AGE_SECONDS = 3 * 365 * 86400;

/** The store. @internal */
export class MockDataStoreImpl implements MockData {
  readonly seed: number;
  readonly referenceTime: number;
  readonly tableNames: readonly string[] = [...MOCK_TABLE_NAMES, ...MOCK_DICTIONARY_TABLES];
  /** The instance's schemas: the registry's plus the fields added since. @internal */
  readonly schemas = new MockSchemaSet(mockSchemas);
  private readonly dictionary: DictionaryTables | undefined;
  private readonly clock: () => number;
  private readonly tables: ReadonlyMap<string, TableData>;
  private readonly reverseIndexes: ReadonlyMap<string, ReverseIndex>;
  private readonly cache = new WordListCache();
  private readonly ids: RecordIds;
  private readonly ctx: ExecuteContext;

  constructor(parts: StoreParts) {
    this.seed = parts.seed;
    this.referenceTime = parts.referenceTime;
    this.clock = parts.clock;
    this.tables = parts.tables;
    this.reverseIndexes = parts.reverse;
    this.ids = new RecordIds(parts.seed);
    this.ctx = {
      table: (name) => this.tables.get(name),
      concrete: (name) => this.concrete(name),
      reverse: (table, field) => this.reverseIndexes.get(`${table}.${field}`),
      resolver: this,
      cache: this.cache,
    };
    const sysDbObject = this.tables.get('sys_db_object');
    const sysDictionary = this.tables.get('sys_dictionary');
    const sysChoice = this.tables.get('sys_choice');
    if (sysDbObject !== undefined && sysDictionary !== undefined && sysChoice !== undefined) {
      this.dictionary = new DictionaryTables(this.schemas, {
        sysDbObject,
        sysDictionary,
        sysChoice,
      });
      const created = Math.floor(parts.referenceTime / 1000) - DICTIONARY_AGE_SECONDS;
      this.dictionary.fill({ on: formatDateTime(created), by: 'system' });
    }
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
    return this.schemas.schema(table);
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
    const value = fieldText(record, name);
    const field = data.schema.fields.find((f) => f.name === name);
    if (field?.type !== 'reference' || field.reference === undefined || value === '' || depth > 2) {
      return value;
    }
    const target = this.locate(field.reference, value);
    return target === undefined ? value : this.displayOf(target.data, target.record, depth + 1);
  }

  select(table: string, query: EncodedQuery, options: MockSelectOptions = {}): MockSelectResult {
    const schema = this.schemas.schema(table);
    if (schema === undefined) throw new MockUnknownTableError(table);
    const timeZone = options.timeZone ?? 'UTC';
    assertTimeZone(timeZone);
    const compiled = compileQuery(table, query, {
      timeZone,
      now: Math.floor((options.now ?? this.clock()) / 1000),
      unknownFields: options.unknownFields ?? 'ignore',
      resolver: this,
      schemas: this.schemas,
      // A JOIN or RLQUERY condition: every matching row of its table.
      subselect: (other, inner) =>
        this.select(other, inner, {
          ...options,
          limit: Number.MAX_SAFE_INTEGER,
          offset: 0,
          count: false,
        }).rows,
    });
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const count = options.count === true;
    const slice = { limit, offset, count, tieSeed: options.tieSeed };
    return selectRows(table, this.concrete(table), compiled, slice, this.ctx);
  }

  rows(table: string): Iterable<MockRecord> {
    return liveRows(this.concrete(table));
  }

  private stamp(): string {
    return formatDateTime(Math.floor(this.clock() / 1000));
  }

  private rowStamp(): RowStamp {
    return { on: this.stamp(), by: 'admin' };
  }

  /** Points the served tables at their current schemas after a schema change. */
  private refreshSchemas(changed: readonly string[]): void {
    for (const name of changed) {
      const data = this.tables.get(name);
      const schema = this.schemas.schema(name);
      if (data === undefined || schema === undefined) continue;
      data.schema = schema;
      data.version++;
    }
  }

  addField(table: string, field: MockField): void {
    const changed = this.schemas.addField(table, field);
    this.refreshSchemas(changed);
    this.dictionary?.fieldAdded(table, field, this.rowStamp());
  }

  alterField(table: string, element: string, change: MockFieldChange): void {
    const { field, changed } = this.schemas.alterField(table, element, change);
    this.refreshSchemas(changed);
    this.dictionary?.fieldAltered(table, field, this.rowStamp());
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
      sysId = this.ids.nextSysId(data);
    }
    const record = insertRecord(data.schema, values, {
      sysId,
      now: this.stamp(),
      number: () => this.ids.nextNumber(data),
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
      { sysId: this.ids.nextSysId(audit), now: when, number: () => '' },
    );
    audit.inserted.set(entry.sys_id as string, entry);
    audit.version++;
  }
}
