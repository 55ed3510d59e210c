/**
 * The plan of a `sysparm_fields` list on a schema: plain names resolved to their field once per
 * request and row schema, dot-walked names kept as paths.
 *
 * @module
 */
import type { MockField, MockTableSchema } from '../types.js';
import { fieldOf } from './schema-fields.js';

/** One requested name of `sysparm_fields`, resolved against a schema once per request shape. @internal */
export interface FieldStep {
  readonly name: string;
  /** The field of a plain (not dot-walked) name. */
  readonly field?: MockField;
  /** The path of a dot-walked name. */
  readonly path?: readonly string[];
}

/**
 * Plans by requested field list (the same array for every row of a request), then by row schema.
 * Keyed by the array itself, so a plan lives as long as its request.
 */
const fieldPlans = new WeakMap<readonly string[], Map<MockTableSchema, readonly FieldStep[]>>();

/**
 * The steps that render `fields` of rows of `schema`: plain names resolved to their field (unknown
 * names left out), dot-walked names kept as paths. Resolved once per request and row schema
 * rather than once per row.
 * @internal
 */
export function fieldPlan(
  schema: MockTableSchema,
  fields: readonly string[],
): readonly FieldStep[] {
  let plans = fieldPlans.get(fields);
  if (plans === undefined) {
    plans = new Map();
    fieldPlans.set(fields, plans);
  }
  let plan = plans.get(schema);
  if (plan === undefined) {
    const steps: FieldStep[] = [];
    for (const name of fields) {
      if (name.includes('.')) steps.push({ name, path: name.split('.') });
      else {
        const field = name === '' ? undefined : fieldOf(schema, name);
        if (field !== undefined) steps.push({ name, field });
      }
    }
    plans.set(schema, steps);
    plan = steps;
  }
  return plan;
}
