/**
 * One served table: its generated rows (procedural source + compact indexes) under an overlay of
 * mutations (inserted records, replaced records, tombstones). Generated rows are materialised
 * only when asked for; small tables keep their materialised rows.
 *
 * @module
 */

import type { MockRecord, MockTableSchema } from '../../types.js';
import { fieldText } from '../field-text.js';
import type { RowReader, RowSource } from '../generators/row-source.js';
import type { SysIdKey } from '../sys-id.js';
import { word0OfSysId } from '../sys-id.js';
import { type RecordFactory, recordFactory } from './record-factory.js';
import type { TableIndex } from './table-index.js';

/** Tables up to this size keep their materialised rows. */
const CACHE_LIMIT = 20_000;

/** A row seen by the query evaluator. @internal */
export interface RowView {
  readonly table: TableData;
  /** Generated row index, or -1 for an inserted record. */
  readonly row: number;
  get(field: string): string;
}

class GeneratedView implements RowView {
  private reader: RowReader | undefined;

  constructor(
    readonly table: TableData,
    readonly row: number,
  ) {}

  get(field: string): string {
    if (field === 'sys_id') return this.table.key.sysId(this.row);
    const cached = this.table.cachedRecord(this.row);
    if (cached !== undefined) return cached[field] ?? '';
    this.reader ??= this.table.source.reader(this.row);
    return this.reader.value(field);
  }
}

class RecordView implements RowView {
  constructor(
    readonly table: TableData,
    readonly row: number,
    private readonly record: MockRecord,
  ) {}

  get(field: string): string {
    return fieldText(this.record, field);
  }
}

/** A served table with its overlay. @internal */
export class TableData {
  /** Base rows deleted. */
  readonly deleted = new Set<number>();
  /** Base rows replaced by an updated record. */
  readonly updated = new Map<number, MockRecord>();
  /** Inserted records by sys_id (their later updates replace them here). */
  readonly inserted = new Map<string, MockRecord>();
  /** Bumped on every mutation. */
  version = 0;
  private cache: (MockRecord | undefined)[] | undefined;
  private readonly factory: RecordFactory;
  private extrasCache: { version: number; views: RowView[] } | undefined;
  /**
   * The table's current schema: the generated one, plus the fields added to the store since
   * (generated rows read them as `''`; the record factory keeps the generated field order).
   */
  schema: MockTableSchema;

  constructor(
    schema: MockTableSchema,
    readonly source: RowSource,
    readonly key: SysIdKey,
    readonly index: TableIndex,
  ) {
    this.schema = schema;
    if (source.size <= CACHE_LIMIT) this.cache = new Array(source.size);
    this.factory = recordFactory(schema);
  }

  get name(): string {
    return this.schema.name;
  }

  /** Number of generated rows. */
  get size(): number {
    return this.index.size;
  }

  /** Number of live rows. */
  get liveCount(): number {
    return this.size - this.deleted.size + this.inserted.size;
  }

  /** `true` when no mutation touched the table. */
  get pristine(): boolean {
    return this.deleted.size === 0 && this.updated.size === 0 && this.inserted.size === 0;
  }

  /** The generated row whose sys_id is `sysId`, or -1 (whether or not it was mutated). */
  rowOf(sysId: string): number {
    const word = word0OfSysId(sysId);
    if (word === undefined) return -1;
    const row = this.key.rowOfWord0(word);
    if (row >= this.size || this.key.sysId(row) !== sysId) return -1;
    return row;
  }

  /** Row of the k-th sys_id of the generated rows. */
  rowAtRank(rank: number): number {
    return this.key.rowOfWord0(this.index.order[rank] as number);
  }

  /** `true` when a generated row was deleted or replaced (the overlay answers for it). */
  shadowed(row: number): boolean {
    return this.deleted.has(row) || this.updated.has(row);
  }

  /** The materialised generated row (no overlay). */
  materialize(row: number): MockRecord {
    const cached = this.cachedRecord(row);
    if (cached !== undefined) return cached;
    return this.build(row);
  }

  /** The cached record of a small table's row (built on first use), else `undefined`. */
  cachedRecord(row: number): MockRecord | undefined {
    const cache = this.cache;
    if (cache === undefined) return undefined;
    let record = cache[row];
    if (record === undefined) {
      record = this.build(row);
      cache[row] = record;
    }
    return record;
  }

  private build(row: number): MockRecord {
    return this.factory(this.source.values(row));
  }

  /** The live record of a generated row, with the overlay applied, or `undefined` when deleted. */
  liveRecord(row: number): MockRecord | undefined {
    if (this.deleted.has(row)) return undefined;
    return this.updated.get(row) ?? this.materialize(row);
  }

  /** The live record with a sys_id, or `undefined`. */
  find(sysId: string): MockRecord | undefined {
    const inserted = this.inserted.get(sysId);
    if (inserted !== undefined) return inserted;
    const row = this.rowOf(sysId);
    return row < 0 ? undefined : this.liveRecord(row);
  }

  /** A view of a live record with a sys_id, or `undefined`. */
  findView(sysId: string): RowView | undefined {
    const inserted = this.inserted.get(sysId);
    if (inserted !== undefined) return new RecordView(this, -1, inserted);
    const row = this.rowOf(sysId);
    if (row < 0 || this.deleted.has(row)) return undefined;
    return this.view(row);
  }

  /** A view of a generated row (overlay applied; the row must not be deleted). */
  view(row: number): RowView {
    const updated = this.updated.get(row);
    return updated === undefined
      ? new GeneratedView(this, row)
      : new RecordView(this, row, updated);
  }

  /** Views of the records the indexes do not describe (updated and inserted), by sys_id. */
  extras(): readonly RowView[] {
    if (this.extrasCache?.version === this.version) return this.extrasCache.views;
    const views: RowView[] = [];
    for (const [row, record] of this.updated) views.push(new RecordView(this, row, record));
    for (const record of this.inserted.values()) views.push(new RecordView(this, -1, record));
    views.sort((a, b) => compareText(a.get('sys_id'), b.get('sys_id')));
    this.extrasCache = { version: this.version, views };
    return views;
  }

  /** The live record of a view (materialised when generated). */
  recordOf(view: RowView): MockRecord {
    if (view.row >= 0) {
      const updated = this.updated.get(view.row);
      return updated ?? this.materialize(view.row);
    }
    return this.inserted.get(view.get('sys_id')) ?? {};
  }
}

/** Code-unit order of two strings. @internal */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
