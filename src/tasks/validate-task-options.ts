/**
 * Validation of `defineTask` options: the zod schema of their shape, then the checks between
 * options (window and references against fields, identifiers, the fixed query).
 *
 * @module
 */
import type { FieldCodec } from '../fields/index.js';
import { sqlIdentifierProblem } from '../fields/index.js';
import { type EncodedQuery, type QueryInput, toEncodedQuery } from '../query/index.js';
import { checkReferences } from './check-references.js';
import { checkWindow } from './check-window.js';
import { normalizeTaskFields } from './normalize-task-fields.js';
import { TaskDefinitionError, type TaskDefinitionIssue } from './task-definition-error.js';
import { filterProblem } from './task-filter.js';
import type { TaskOptions, TaskQuery, TaskTransform } from './task-options.js';
import { taskOptionsSchema, toIssues } from './task-options-schema.js';
import { toolTableProblem } from './tool-tables.js';

/** Options that passed validation, normalised. */
export interface ValidatedTaskOptions {
  readonly name: string;
  readonly table: string;
  readonly target: string;
  /** Codecs by field name, `sys_id` first. */
  readonly codecs: Record<string, FieldCodec>;
  /**
   * Reference fields whose display value is stored, each with the field of the referenced table
   * read for it (`caller_id` -> `name`), in field order.
   */
  readonly display: ReadonlyMap<string, string>;
  readonly window: string | undefined;
  readonly pageSize: number | undefined;
  /** `false` when incremental runs read the task in full. */
  readonly incremental: boolean;
  /** Why, with `incremental: false`; `undefined` otherwise. */
  readonly fullReason: string | undefined;
  readonly transform: TaskTransform | undefined;
  readonly query: TaskQuery | undefined;
  /** The fixed selection, parsed (undefined for none or a function). */
  readonly staticQuery: EncodedQuery | undefined;
  /** The extra filter, parsed (undefined for none, or one that selects everything). */
  readonly filter: EncodedQuery | undefined;
}

/**
 * Checks `defineTask` options and normalises them.
 *
 * @throws {@link TaskDefinitionError} listing every problem.
 */
export function validateTaskOptions(options: TaskOptions): ValidatedTaskOptions {
  const parsed = taskOptionsSchema.safeParse(options);
  const issues: TaskDefinitionIssue[] = parsed.success ? [] : parsed.error.issues.flatMap(toIssues);
  const input: Partial<Record<keyof TaskOptions, unknown>> =
    typeof options === 'object' && options !== null ? options : {};
  const codecs = normalizeTaskFields(input.fields, issues);
  const display = checkReferences(input.references, codecs, issues);
  checkWindow(input.window, codecs, issues);
  const target = input.target ?? input.table;
  if (typeof target === 'string') {
    const problem = sqlIdentifierProblem(target) ?? toolTableProblem(target);
    if (problem !== undefined)
      issues.push({
        path: input.target === undefined ? 'table' : 'target',
        message: `cannot be the target table: ${problem}`,
      });
  }
  if (input.fullReason !== undefined && input.incremental !== false) {
    issues.push({ path: 'fullReason', message: 'applies only with incremental: false' });
  }
  const staticQuery = checkStaticQuery(input.query, issues);
  const filter = checkFilter(input.filter, issues);
  if (issues.length > 0 || !parsed.success) {
    throw new TaskDefinitionError(typeof input.name === 'string' ? input.name : undefined, issues);
  }
  const data = parsed.data;
  return {
    name: data.name,
    table: data.table,
    target: data.target ?? data.table,
    codecs,
    display,
    window: data.window,
    pageSize: data.pageSize,
    incremental: data.incremental !== false,
    fullReason:
      data.incremental === false
        ? (data.fullReason ?? 'the task is read in full (incremental: false)')
        : undefined,
    transform: data.transform,
    query: data.query,
    staticQuery,
    filter,
  };
}

/** A fixed selection, validated now; a function is validated when a run calls it. */
function checkStaticQuery(value: unknown, issues: TaskDefinitionIssue[]): EncodedQuery | undefined {
  return parseOption('query', value, issues);
}

/** The extra filter: a valid query that does not sort. */
function checkFilter(value: unknown, issues: TaskDefinitionIssue[]): EncodedQuery | undefined {
  const filter = parseOption('filter', value, issues);
  if (filter === undefined) return undefined;
  const problem = filterProblem(filter);
  if (problem !== undefined) issues.push({ path: 'filter', message: problem });
  return filter.groups.length === 0 ? undefined : filter;
}

/** A query option parsed strictly; a problem is an issue at `path`. */
function parseOption(
  path: 'query' | 'filter',
  value: unknown,
  issues: TaskDefinitionIssue[],
): EncodedQuery | undefined {
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) return undefined;
  try {
    return toEncodedQuery(value as QueryInput);
  } catch (error) {
    issues.push({ path, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}
