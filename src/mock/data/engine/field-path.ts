/**
 * Field names of queries, possibly dot-walked (`task.opened_at`, `caller_id.company.name`),
 * resolved against the schemas, and read from rows through references.
 *
 * @module
 */

import type { MockField, MockTableSchema } from '../../types.js';
import type { RowView } from './table-data.js';

/** The schemas a query is resolved against (the store's, with its added fields). @internal */
export interface SchemaLookup {
  schema(table: string): MockTableSchema | undefined;
  field(table: string, name: string): MockField | undefined;
}

/** Finds the live row of a reference (`table` may be a base table such as `task`). @internal */
export interface RowResolver {
  resolve(table: string, sysId: string): RowView | undefined;
}

/** How values of a field compare. @internal */
export type ValueKind = 'number' | 'datetime' | 'date' | 'reference' | 'text';

/** A resolved field path. @internal */
export interface FieldPath {
  readonly text: string;
  /** Reference fields walked through, in order. */
  readonly hops: readonly MockField[];
  /** The final field. */
  readonly field: MockField;
  /** The table owning the final field (`task` for `task.opened_at`). */
  readonly table: string;
  readonly kind: ValueKind;
  /** The walk enters a table the mock does not know: the value is always `''`. */
  readonly opaque: boolean;
}

/** How the values of a field compare. @internal */
export function valueKind(field: MockField): ValueKind {
  switch (field.type) {
    case 'integer':
    case 'longint':
    case 'decimal':
    case 'float':
    case 'currency':
    case 'price':
    case 'percent_complete':
      return 'number';
    case 'choice':
      return field.integerChoice === true ? 'number' : 'text';
    case 'glide_date_time':
    case 'due_date':
    case 'glide_duration':
    case 'timer':
    case 'glide_time':
      return 'datetime';
    case 'glide_date':
      return 'date';
    case 'reference':
    case 'domain_id':
      return 'reference';
    default:
      return 'text';
  }
}

const OPAQUE_FIELD: MockField = { name: '', type: 'string' };

/** Resolves `path` on `table`, or `undefined` when a segment is unknown. @internal */
export function resolvePath(
  table: string,
  path: string,
  schemas: SchemaLookup,
): FieldPath | undefined {
  const segments = path.split('.');
  const hops: MockField[] = [];
  let current = table;
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i] as string;
    const field = schemas.field(current, name);
    if (field === undefined) return undefined;
    if (i === segments.length - 1) {
      return { text: path, hops, field, table: current, kind: valueKind(field), opaque: false };
    }
    if (
      (field.type !== 'reference' && field.type !== 'domain_id') ||
      field.reference === undefined
    ) {
      return undefined;
    }
    hops.push(field);
    if (schemas.schema(field.reference) === undefined) {
      // A table the mock does not serve (cmn_location): the walk is valid but leads nowhere.
      return {
        text: path,
        hops,
        field: OPAQUE_FIELD,
        table: field.reference,
        kind: 'text',
        opaque: true,
      };
    }
    current = field.reference;
  }
  return undefined;
}

/** The row reached by walking the hops of `path` from `view`, or `undefined`. @internal */
export function walk(view: RowView, path: FieldPath, resolver: RowResolver): RowView | undefined {
  let current: RowView | undefined = view;
  for (const hop of path.hops) {
    const id: string = current.get(hop.name);
    if (id === '') return undefined;
    current = resolver.resolve(hop.reference as string, id);
    if (current === undefined) return undefined;
  }
  return current;
}

/** The value of `path` on `view` (`''` when a reference on the way is empty or dangling). @internal */
export function readPath(view: RowView, path: FieldPath, resolver: RowResolver): string {
  if (path.opaque) return '';
  if (path.hops.length === 0) return view.get(path.field.name);
  const target = walk(view, path, resolver);
  return target === undefined ? '' : target.get(path.field.name);
}

/** The display value of the record a reference path points at (`''` when none). @internal */
export function readReferenceDisplay(
  view: RowView,
  path: FieldPath,
  resolver: RowResolver,
): string {
  const id = readPath(view, path, resolver);
  if (id === '' || path.field.reference === undefined) return '';
  const target = resolver.resolve(path.field.reference, id);
  if (target === undefined) return '';
  return target.get(target.table.schema.displayField);
}
