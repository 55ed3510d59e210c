/**
 * The schemas of one mock instance: the registry's schemas under an overlay of the fields added
 * or altered through the store's `addField` / `alterField`. It answers which table's
 * dictionary defines each field (the table that introduces it, or a child that overrides it).
 *
 * @module
 */
import type { MockField, MockFieldChange, MockTableSchema } from '../../types.js';
import { MockSchemaChangeError, MockUnknownTableError } from '../errors.js';
import { sameDefinition } from './field-attributes.js';

/** A field with a row of its own in a table's dictionary. @internal */
export interface DefinedField {
  readonly field: MockField;
  /** `true` when the table's parent has the field too (a dictionary override). */
  readonly override: boolean;
}

const FIELD_NAME = /^[a-z_][a-z0-9_]*$/;

/** The schemas of one instance, mutable through {@link addField} and {@link alterField}. @internal */
export class MockSchemaSet {
  private readonly schemas = new Map<string, MockTableSchema>();
  private readonly fieldMaps = new Map<string, ReadonlyMap<string, MockField>>();

  constructor(base: Readonly<Record<string, MockTableSchema>>) {
    for (const [name, schema] of Object.entries(base)) this.schemas.set(name, schema);
  }

  /** Every table name, base tables and dictionary tables included, in registry order. */
  names(): readonly string[] {
    return [...this.schemas.keys()];
  }

  /** The current schema of a table, or `undefined`. */
  schema(table: string): MockTableSchema | undefined {
    return this.schemas.get(table);
  }

  /** A field of a table by name, or `undefined`. */
  field(table: string, name: string): MockField | undefined {
    let map = this.fieldMaps.get(table);
    if (map === undefined) {
      const schema = this.schemas.get(table);
      if (schema === undefined) return undefined;
      map = new Map(schema.fields.map((f) => [f.name, f]));
      this.fieldMaps.set(table, map);
    }
    return map.get(name);
  }

  /** The parent of a table when the set knows it, else `undefined` (a root). */
  parentOf(table: string): string | undefined {
    const parent = this.schemas.get(table)?.extends;
    return parent !== undefined && this.schemas.has(parent) ? parent : undefined;
  }

  /** The table and its ancestors, the table first and the root last. */
  chain(table: string): readonly string[] {
    const chain: string[] = [];
    for (let t: string | undefined = table; t !== undefined; t = this.parentOf(t)) {
      if (chain.includes(t)) break;
      chain.push(t);
    }
    return chain;
  }

  /** The tables that extend `table`, directly or not. */
  descendants(table: string): readonly string[] {
    return this.names().filter((name) => name !== table && this.chain(name).includes(table));
  }

  /** `true` when some table extends `table`. */
  hasChildren(table: string): boolean {
    return this.names().some((name) => this.parentOf(name) === table);
  }

  /** The fields the table's dictionary has rows for (new on this table, or overridden). */
  definedFields(table: string): readonly DefinedField[] {
    const schema = this.schemas.get(table);
    if (schema === undefined) return [];
    const parent = this.parentOf(table);
    const defined: DefinedField[] = [];
    for (const field of schema.fields) {
      const inherited = parent === undefined ? undefined : this.field(parent, field.name);
      if (inherited === undefined) defined.push({ field, override: false });
      else if (!sameDefinition(field, inherited)) defined.push({ field, override: true });
    }
    return defined;
  }

  /** The table whose dictionary row describes `element` as `table` sees it, or `undefined`. */
  definingTable(table: string, element: string): string | undefined {
    for (const t of this.chain(table)) {
      if (this.definedFields(t).some((d) => d.field.name === element)) return t;
    }
    return undefined;
  }

  private replace(table: string, fields: readonly MockField[]): void {
    const schema = this.schemas.get(table);
    if (schema === undefined) return;
    this.schemas.set(table, { ...schema, fields });
    this.fieldMaps.delete(table);
  }

  /**
   * Adds a field to a table and to every table extending it that has no field of that name.
   * Returns the tables whose schema changed, `table` first.
   */
  addField(table: string, field: MockField): readonly string[] {
    if (!this.schemas.has(table)) throw new MockUnknownTableError(table);
    if (!FIELD_NAME.test(field.name)) {
      throw new MockSchemaChangeError(table, field.name, 'not a column name ([a-z_][a-z0-9_]*)');
    }
    if (this.field(table, field.name) !== undefined) {
      const owner = this.definingTable(table, field.name) ?? table;
      throw new MockSchemaChangeError(table, field.name, `already defined on ${owner}`);
    }
    const changed: string[] = [];
    for (const t of [table, ...this.descendants(table)]) {
      const schema = this.schemas.get(t);
      if (schema === undefined || this.field(t, field.name) !== undefined) continue;
      this.replace(t, [...schema.fields, field]);
      changed.push(t);
    }
    return changed;
  }

  /**
   * Changes the max length or label of a field on the table whose dictionary has its row, and
   * on every table extending it that inherits that row. Returns the new field and the tables
   * whose schema changed.
   */
  alterField(
    table: string,
    element: string,
    change: MockFieldChange,
  ): { readonly field: MockField; readonly changed: readonly string[] } {
    if (!this.schemas.has(table)) throw new MockUnknownTableError(table);
    const current = this.definedFields(table).find((d) => d.field.name === element)?.field;
    if (current === undefined) {
      const owner = this.definingTable(table, element);
      const reason =
        owner === undefined ? 'the table has no such field' : `it is defined on ${owner}`;
      throw new MockSchemaChangeError(table, element, reason);
    }
    if (
      change.maxLength !== undefined &&
      !(Number.isInteger(change.maxLength) && change.maxLength > 0)
    ) {
      throw new MockSchemaChangeError(
        table,
        element,
        `maxLength must be a positive integer, got ${String(change.maxLength)}`,
      );
    }
    const next: MockField = {
      ...current,
      ...(change.maxLength === undefined ? {} : { maxLength: change.maxLength }),
      ...(change.label === undefined ? {} : { label: change.label }),
    };
    const changed: string[] = [];
    for (const t of [table, ...this.descendants(table)]) {
      const schema = this.schemas.get(t);
      const own = this.field(t, element);
      if (schema === undefined || own === undefined || !sameDefinition(own, current)) continue;
      this.replace(
        t,
        schema.fields.map((f) => (f.name === element ? next : f)),
      );
      changed.push(t);
    }
    return { field: next, changed };
  }
}
