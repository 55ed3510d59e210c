/**
 * The three dictionary tables of a store, kept in step with its schemas: filled once from the
 * schema registry, then given a row for each added field and an updated row for each altered
 * one. Their rows live in the tables' mutation overlay, so queries, paging and display values
 * work on them as on any other table.
 *
 * @module
 */
import type { MockField, MockRecord } from '../../types.js';
import type { TableData } from '../engine/table-data.js';
import {
  choiceRows,
  dictionaryRows,
  dictionarySysId,
  fieldRow,
  type RowStamp,
} from './dictionary-rows.js';
import { labelOf, maxLengthOf } from './field-attributes.js';
import type { MockSchemaSet } from './schema-set.js';

/** The tables the dictionary rows are written to. @internal */
export interface DictionaryTableData {
  readonly sysDbObject: TableData;
  readonly sysDictionary: TableData;
  readonly sysChoice: TableData;
}

function put(data: TableData, record: MockRecord): void {
  data.inserted.set(record.sys_id as string, record);
  data.version++;
}

/** Writes the dictionary of a {@link MockSchemaSet} into its tables. @internal */
export class DictionaryTables {
  constructor(
    private readonly set: MockSchemaSet,
    private readonly data: DictionaryTableData,
  ) {}

  /** Writes the rows of every schema of the set. */
  fill(stamp: RowStamp): void {
    const rows = dictionaryRows(this.set, stamp);
    for (const record of rows.tables) put(this.data.sysDbObject, record);
    for (const record of rows.dictionary) put(this.data.sysDictionary, record);
    for (const record of rows.choices) put(this.data.sysChoice, record);
  }

  /** Adds the `sys_dictionary` (and `sys_choice`) rows of a field added to `table`. */
  fieldAdded(table: string, field: MockField, stamp: RowStamp): void {
    const schema = this.set.schema(table);
    if (schema === undefined) return;
    put(this.data.sysDictionary, fieldRow(this.set, schema, field, stamp));
    for (const record of choiceRows(this.set, table, field, stamp))
      put(this.data.sysChoice, record);
  }

  /** Updates the `sys_dictionary` row of a field altered on `table` (stamp and counter bumped). */
  fieldAltered(table: string, field: MockField, stamp: RowStamp): void {
    const data = this.data.sysDictionary;
    const current = data.find(dictionarySysId(table, field.name));
    if (current === undefined) return;
    put(data, {
      ...current,
      max_length: String(maxLengthOf(field)),
      column_label: labelOf(field),
      sys_updated_on: stamp.on,
      sys_updated_by: stamp.by,
      sys_mod_count: String((Number(current.sys_mod_count) || 0) + 1),
    });
  }
}
