/**
 * The schema-generated tables of the mock (fixed sizes, independent of the scale) and the
 * context their rows draw on.
 *
 * @module
 */
import {
  CMDB_CI_SERVER_SPEC,
  SC_CAT_ITEM_SPEC,
  U_RATE_CARD_SPEC,
  U_VENDOR_REVIEW_SPEC,
} from './other-table-specs.js';
import { ReferenceTargets } from './reference-targets.js';
import type { RowSource } from './row-source.js';
import type { SchemaContext } from './schema-row.js';
import { SchemaSource, type SchemaTableSpec } from './schema-source.js';
import {
  CHANGE_REQUEST_SPEC,
  PROBLEM_SPEC,
  SC_REQ_ITEM_SPEC,
  SC_REQUEST_SPEC,
} from './task-table-specs.js';
import type { UserSource } from './user-source.js';
import type { World } from './world.js';

/** The specs of the schema-generated tables. @internal */
export const SCHEMA_TABLE_SPECS: readonly SchemaTableSpec[] = [
  PROBLEM_SPEC,
  CHANGE_REQUEST_SPEC,
  SC_CAT_ITEM_SPEC,
  SC_REQUEST_SPEC,
  SC_REQ_ITEM_SPEC,
  CMDB_CI_SERVER_SPEC,
  U_VENDOR_REVIEW_SPEC,
  U_RATE_CARD_SPEC,
];

/**
 * The schema-generated tables, drawing references among `others` (the procedural tables,
 * already built) and themselves. @internal
 */
export function buildSchemaSources(
  world: World,
  users: UserSource,
  others: readonly RowSource[],
): SchemaSource[] {
  const sizes = new Map<string, number>(others.map((s) => [s.table, s.size]));
  for (const spec of SCHEMA_TABLE_SPECS) sizes.set(spec.schema.name, spec.size);
  const byTable = new Map<string, SchemaSource>();
  const context: SchemaContext = {
    world,
    users,
    targets: new ReferenceTargets(world, sizes),
    valueOf: (table, row, field) => {
      const source = byTable.get(table);
      return source === undefined || row < 0 || row >= source.size
        ? ''
        : source.reader(row).value(field);
    },
  };
  for (const spec of SCHEMA_TABLE_SPECS) {
    byTable.set(spec.schema.name, new SchemaSource(spec, context));
  }
  return [...byTable.values()];
}
