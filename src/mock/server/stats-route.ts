/**
 * `GET /api/now/stats/{table}`, the Aggregate API (servicenow-api.md section 7.1): count,
 * min/max/avg/sum per field, optionally grouped.
 *
 * @module
 */

import { fieldText } from '../data/field-text.js';
import { MockUnsupportedQueryError } from '../data/index.js';
import type { MockField, MockRecord } from '../types.js';
import { MockUnknownFieldError } from '../types.js';
import {
  type Answer,
  insufficientQueryRights,
  invalidTable,
  jsonAnswer,
  unsupportedQuery,
} from './answers.js';
import { displayText } from './display-text.js';
import { commaList, flag, readFilter, readTableParams } from './request-params.js';
import { type ApiRequest, renderContext } from './table-route.js';

type Aggregate = 'min' | 'max' | 'avg' | 'sum';
const AGGREGATES: readonly Aggregate[] = ['min', 'max', 'avg', 'sum'];

const NUMERIC_TYPES: ReadonlySet<string> = new Set([
  'integer',
  'longint',
  'decimal',
  'float',
  'currency',
  'price',
  'percent_complete',
]);

function isNumeric(field: MockField): boolean {
  return NUMERIC_TYPES.has(field.type) || (field.type === 'choice' && field.integerChoice === true);
}

function aggregate(op: Aggregate, field: MockField, rows: readonly MockRecord[]): string {
  const values = rows.map((row) => fieldText(row, field.name)).filter((value) => value !== '');
  if (values.length === 0) return '';
  const numeric = isNumeric(field);
  if (op === 'min' || op === 'max') {
    const sign = op === 'min' ? 1 : -1;
    const compare = (a: string, b: string) =>
      numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;
    return values.reduce((best, value) => (sign * compare(value, best) < 0 ? value : best));
  }
  if (!numeric) return '';
  const sum = values.reduce((total, value) => total + Number(value), 0);
  if (op === 'avg') return (sum / values.length).toFixed(4);
  return Number.isInteger(sum) ? String(sum) : String(Number(sum.toFixed(6)));
}

function statsOf(
  rows: readonly MockRecord[],
  count: number | undefined,
  fields: Partial<Record<Aggregate, readonly MockField[]>>,
): Record<string, unknown> {
  const stats: Record<string, unknown> = {};
  if (count !== undefined) stats.count = String(count);
  for (const op of AGGREGATES) {
    const list = fields[op];
    if (list === undefined || list.length === 0) continue;
    stats[op] = Object.fromEntries(list.map((field) => [field.name, aggregate(op, field, rows)]));
  }
  return stats;
}

/** A Stats API GET. @internal */
export function answerStats(request: ApiRequest, table: string): Answer {
  const { store, params } = request;
  const schema = store.schema(table);
  if (schema === undefined) return invalidTable(table);
  const known = (name: string) =>
    (commaList(params, name) ?? [])
      .map((fieldName) => schema.fields.find((field) => field.name === fieldName))
      .filter((field): field is MockField => field !== undefined);
  const fields: Partial<Record<Aggregate, readonly MockField[]>> = {};
  for (const op of AGGREGATES) fields[op] = known(`sysparm_${op}_fields`);
  const groupBy = known('sysparm_group_by');
  const wantCount = flag(params, 'sysparm_count');
  const needRows = groupBy.length > 0 || AGGREGATES.some((op) => (fields[op]?.length ?? 0) > 0);

  let rows: readonly MockRecord[];
  let total: number;
  try {
    const selected = store.select(table, readFilter(params, schema), {
      limit: needRows ? Number.MAX_SAFE_INTEGER : 0,
      count: true,
      timeZone: request.timeZone,
      unknownFields: request.strictQueryFields ? 'reject' : 'ignore',
      now: request.now,
    });
    rows = selected.rows;
    total = selected.total ?? selected.rows.length;
  } catch (error) {
    if (error instanceof MockUnknownFieldError) return insufficientQueryRights();
    if (error instanceof MockUnsupportedQueryError)
      return unsupportedQuery(error.term, error.reason);
    throw error;
  }

  if (groupBy.length === 0) {
    return jsonAnswer(200, {
      result: { stats: statsOf(rows, wantCount ? total : undefined, fields) },
    });
  }
  const groups = new Map<string, MockRecord[]>();
  for (const row of rows) {
    const key = JSON.stringify(groupBy.map((field) => fieldText(row, field.name)));
    const members = groups.get(key);
    if (members === undefined) groups.set(key, [row]);
    else members.push(row);
  }
  const context = renderContext(request, undefined, readTableParams(params));
  const result = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, members]) => {
      const values = JSON.parse(key) as string[];
      return {
        stats: statsOf(members, wantCount ? members.length : undefined, fields),
        groupby_fields: groupBy.map((field, index) => {
          const value = values[index] ?? '';
          if (context.mode === 'false') return { field: field.name, value };
          const display = displayText(context, field, value);
          return context.mode === 'true'
            ? { field: field.name, value: display }
            : { field: field.name, value, display_value: display };
        }),
      };
    });
  return jsonAnswer(200, { result });
}
