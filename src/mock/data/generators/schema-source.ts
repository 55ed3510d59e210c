/**
 * The generic, schema-driven generated table: row `i` is a pure function of (seed, table, i).
 * Each field takes its value from the table's spec when it has one, else from the `sys_` stamps,
 * else from a generic draw by type ({@link typeDraw}).
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { typeDraw } from './field-draws.js';
import { EMPTY_SECONDS, type RowSource } from './row-source.js';
import {
  type FieldDraw,
  type SchemaContext,
  SchemaRow,
  type SchemaRowOwner,
} from './schema-row.js';
import { SYSTEM_ACCESSORS } from './system-values.js';

/** What makes one schema-generated table. @internal */
export interface SchemaTableSpec {
  readonly schema: MockTableSchema;
  /** Number of generated rows. */
  readonly size: number;
  /** Values of particular fields; the others are drawn by type. */
  readonly fields?: Readonly<Record<string, FieldDraw>>;
}

const STAMPS = ['sys_created_on', 'sys_updated_on'];

/** A table generated from its schema. @internal */
export class SchemaSource implements RowSource, SchemaRowOwner {
  readonly table: string;
  readonly size: number;
  readonly indexedDates: Readonly<Record<string, string>>;
  private readonly draws = new Map<string, FieldDraw>();
  private readonly names: readonly string[];

  constructor(
    spec: SchemaTableSpec,
    readonly context: SchemaContext,
  ) {
    const { schema } = spec;
    this.table = schema.name;
    this.size = spec.size;
    this.names = schema.fields.map((f) => f.name);
    const system: Readonly<Record<string, FieldDraw>> = SYSTEM_ACCESSORS;
    for (const field of schema.fields) {
      const own = spec.fields?.[field.name];
      this.draws.set(field.name, own ?? system[field.name] ?? typeDraw(schema, field));
    }
    this.indexedDates = Object.fromEntries(
      STAMPS.filter((name) => this.draws.has(name)).map((name) => [name, name]),
    );
  }

  draw(row: SchemaRow, field: string): string {
    const draw = this.draws.get(field);
    return draw === undefined ? '' : draw(row);
  }

  reader(row: number): SchemaRow {
    return new SchemaRow(this, row);
  }

  values(row: number): string[] {
    const reader = this.reader(row);
    return this.names.map((name) => reader.value(name));
  }

  seconds(row: number, field: string): number {
    if (field === 'sys_created_on') return this.reader(row).createdOn;
    if (field === 'sys_updated_on') return this.reader(row).updatedOn;
    return EMPTY_SECONDS;
  }
}
