/**
 * Validation of `defineTask` options: the zod schema of their shape, then the checks between
 * options (window and references against fields, identifiers, the fixed query).
 *
 * @module
 */
import * as z from 'zod';
import type { FieldCodec } from '../fields/index.js';
import { CODEC_NAMES, codecFromName, isFieldCodec, sqlIdentifierProblem } from '../fields/index.js';
import { type EncodedQuery, type QueryInput, toEncodedQuery } from '../query/index.js';
import type {
  FieldSpec,
  ReferenceOptions,
  TaskOptions,
  TaskQuery,
  TaskTransform,
} from './define-task.js';
import { defaultDisplayField } from './display-fields.js';
import { DISPLAY_SUFFIX } from './task-columns.js';
import { TaskDefinitionError, type TaskDefinitionIssue } from './task-definition-error.js';

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
  readonly transform: TaskTransform | undefined;
  readonly query: TaskQuery | undefined;
  /** The fixed selection, parsed (undefined for none or a function). */
  readonly staticQuery: EncodedQuery | undefined;
}

const TASK_NAME = /^[a-z][a-z0-9_-]*$/;
const TABLE_NAME = /^[a-z][a-z0-9_]*$/;
const DOT_WALK = /^[a-z0-9_]+(?:\.[a-z0-9_]+)+$/;
/** A field of a referenced table, possibly dot-walked further (`name`, `company.name`). */
const DISPLAY_PATH = /^[a-z0-9_]+(?:\.[a-z0-9_]+)*$/;

const quote = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : value === undefined
      ? 'nothing'
      : typeof value;

const optionsSchema = z.strictObject({
  name: z
    .string({ error: (issue) => `expected a string, got ${quote(issue.input)}` })
    .max(100, { error: 'is longer than 100 characters' })
    .regex(TASK_NAME, {
      error: (issue) =>
        `${quote(issue.input)} is not a task name (lowercase letters, digits, _ and -, starting with a letter)`,
    }),
  table: z
    .string({ error: (issue) => `expected a string, got ${quote(issue.input)}` })
    .max(80, { error: 'is longer than 80 characters' })
    .regex(TABLE_NAME, {
      error: (issue) => `${quote(issue.input)} is not a ServiceNow table name`,
    }),
  fields: z.record(
    z.string(),
    z.custom<FieldSpec>(
      (value) =>
        isFieldCodec(value) || (typeof value === 'string' && codecFromName(value) !== undefined),
      {
        error: (issue) =>
          `unknown codec ${quote(issue.input)}; use fields.<codec>() or one of ${CODEC_NAMES.join(', ')}`,
      },
    ),
    { error: (issue) => `expected an object of field codecs, got ${quote(issue.input)}` },
  ),
  query: z
    .custom<TaskQuery>(
      (value) =>
        typeof value === 'function' ||
        typeof value === 'string' ||
        (typeof value === 'object' && value !== null),
      {
        error: (issue) =>
          `expected a query, a query builder or a function, got ${quote(issue.input)}`,
      },
    )
    .optional(),
  window: z
    .string({ error: (issue) => `expected a field name, got ${quote(issue.input)}` })
    .optional(),
  references: z
    .record(
      z.string(),
      z.strictObject({
        display: z
          .union([z.boolean(), z.string()], {
            error: (issue) =>
              `expected true, false or a field name of the referenced table, got ${quote(issue.input)}`,
          })
          .optional(),
      }),
    )
    .optional(),
  transform: z
    .custom<TaskTransform>((value) => typeof value === 'function', {
      error: (issue) => `expected a function, got ${quote(issue.input)}`,
    })
    .optional(),
  target: z.string({ error: (issue) => `expected a string, got ${quote(issue.input)}` }).optional(),
  pageSize: z
    .number({ error: (issue) => `expected a number, got ${quote(issue.input)}` })
    .int({ error: 'must be a whole number' })
    .min(1, { error: (issue) => `must be between 1 and 10000, got ${String(issue.input)}` })
    .max(10_000, { error: (issue) => `must be between 1 and 10000, got ${String(issue.input)}` })
    .optional(),
});

/**
 * Checks `defineTask` options and normalises them.
 *
 * @throws {@link TaskDefinitionError} listing every problem.
 */
export function validateTaskOptions(options: TaskOptions): ValidatedTaskOptions {
  const parsed = optionsSchema.safeParse(options);
  const issues: TaskDefinitionIssue[] = parsed.success ? [] : parsed.error.issues.flatMap(toIssues);
  const input: Partial<Record<keyof TaskOptions, unknown>> =
    typeof options === 'object' && options !== null ? options : {};
  const codecs = normalizeFields(input.fields, issues);
  const display = checkReferences(input.references, codecs, issues);
  checkWindow(input.window, codecs, issues);
  const target = input.target ?? input.table;
  if (typeof target === 'string') {
    const problem = sqlIdentifierProblem(target);
    if (problem !== undefined)
      issues.push({
        path: input.target === undefined ? 'table' : 'target',
        message: `cannot be the target table: ${problem}`,
      });
  }
  const staticQuery = checkStaticQuery(input.query, issues);
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
    transform: data.transform,
    query: data.query,
    staticQuery,
  };
}

function toIssues(issue: z.core.$ZodIssue): TaskDefinitionIssue[] {
  const path = formatPath(issue.path);
  if (issue.code === 'invalid_key') {
    return [{ path, message: 'invalid key' }];
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: path ? `${path}.${key}` : key,
      message: 'unknown option',
    }));
  }
  return [{ path, message: issue.message }];
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part) => String(part)).join('.');
}

/** The codecs by field name, `sys_id` first; field-name problems go to `issues`. */
function normalizeFields(
  value: unknown,
  issues: TaskDefinitionIssue[],
): Record<string, FieldCodec> {
  const codecs: Record<string, FieldCodec> = { sys_id: codecFromName('string') as FieldCodec };
  if (typeof value !== 'object' || value === null) return codecs;
  const entries = Object.entries(value);
  if (entries.filter(([name]) => name !== 'sys_id').length === 0) {
    issues.push({ path: 'fields', message: 'lists no field besides sys_id' });
  }
  for (const [name, spec] of entries) {
    const problem = sqlIdentifierProblem(name);
    if (problem !== undefined) {
      issues.push({ path: `fields.${name}`, message: `cannot be a column: ${problem}` });
      continue;
    }
    const codec = isFieldCodec(spec)
      ? spec
      : typeof spec === 'string'
        ? codecFromName(spec)
        : undefined;
    if (codec === undefined) continue; // reported by the schema
    if (name === 'sys_id' && codec.kind !== 'string') {
      issues.push({
        path: 'fields.sys_id',
        message: 'sys_id is the primary key and must be fields.string()',
      });
      continue;
    }
    codecs[name] = codec;
  }
  return codecs;
}

/**
 * Reference fields whose display value is stored, with the field of the referenced table read for
 * each, in field order; problems go to `issues`.
 */
function checkReferences(
  value: unknown,
  codecs: Readonly<Record<string, FieldCodec>>,
  issues: TaskDefinitionIssue[],
): Map<string, string> {
  const wanted = new Map<string, string>();
  if (typeof value !== 'object' || value === null) return wanted;
  for (const [name, options] of Object.entries(value)) {
    const codec = codecs[name];
    if (codec === undefined) {
      issues.push({
        path: `references.${name}`,
        message: `${quote(name)} is not a field of the task`,
      });
      continue;
    }
    if (codec.kind !== 'reference') {
      issues.push({
        path: `references.${name}`,
        message: `${quote(name)} is a ${codec.kind} field, not a reference`,
      });
      continue;
    }
    const display =
      typeof options === 'object' && options !== null
        ? (options as ReferenceOptions).display
        : undefined;
    if (display !== true && typeof display !== 'string') continue; // false, absent, or reported
    const field = displayField(name, codec.referenceTable, display, issues);
    if (field === undefined) continue;
    const column = `${name}${DISPLAY_SUFFIX}`;
    const problem = sqlIdentifierProblem(column);
    if (problem !== undefined) {
      issues.push({ path: `references.${name}`, message: `display column ${problem}` });
    } else if (column in codecs) {
      issues.push({
        path: `references.${name}`,
        message: `display column ${quote(column)} is also a field of the task`,
      });
    } else {
      wanted.set(name, field);
    }
  }
  // In field order, whatever the order of `references`.
  return new Map(
    Object.keys(codecs).flatMap((name) => {
      const field = wanted.get(name);
      return field === undefined ? [] : [[name, field] as const];
    }),
  );
}

/** The field of the referenced table whose value fills `<name>_display`, or `undefined` (reported). */
function displayField(
  name: string,
  table: string | undefined,
  display: true | string,
  issues: TaskDefinitionIssue[],
): string | undefined {
  if (typeof display === 'string') {
    if (DISPLAY_PATH.test(display)) return display;
    issues.push({
      path: `references.${name}.display`,
      message: `${quote(display)} is not a field name of the referenced table (lowercase letters, digits and _, dot-walks with .)`,
    });
    return undefined;
  }
  const known = table === undefined ? undefined : defaultDisplayField(table);
  if (known !== undefined) return known;
  issues.push({
    path: `references.${name}.display`,
    message: `${quote(name)} references ${table === undefined ? 'a table' : quote(table)}, whose display field is not known; name it: { display: '<field of ${table ?? 'that table'}>' }`,
  });
  return undefined;
}

function checkWindow(
  value: unknown,
  codecs: Readonly<Record<string, FieldCodec>>,
  issues: TaskDefinitionIssue[],
): void {
  if (typeof value !== 'string') return;
  if (DOT_WALK.test(value)) {
    const head = value.slice(0, value.indexOf('.'));
    const codec = codecs[head];
    if (codec?.kind !== 'reference') {
      issues.push({
        path: 'window',
        message: `${quote(value)} walks through ${quote(head)}, which is not a reference field of the task`,
      });
    }
    return;
  }
  const codec = codecs[value];
  if (codec === undefined) {
    issues.push({
      path: 'window',
      message: `${quote(value)} is not a field of the task (add it as fields.dateTime())`,
    });
  } else if (codec.kind !== 'dateTime') {
    issues.push({
      path: 'window',
      message: `${quote(value)} is a ${codec.kind} field; the window needs a dateTime field`,
    });
  }
}

/** A fixed selection, validated now; a function is validated when a run calls it. */
function checkStaticQuery(value: unknown, issues: TaskDefinitionIssue[]): EncodedQuery | undefined {
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) return undefined;
  try {
    return toEncodedQuery(value as QueryInput);
  } catch (error) {
    issues.push({ path: 'query', message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}
