/**
 * The zod schema of the shape of `defineTask` options, and how its issues read as
 * {@link TaskDefinitionIssue}s.
 *
 * @module
 */
import * as z from 'zod';
import { CODEC_NAMES, codecFromName, isFieldCodec } from '../fields/index.js';
import type { QueryInput } from '../query/index.js';
import { quote } from './quote-value.js';
import type { TaskDefinitionIssue } from './task-definition-error.js';
import type { FieldSpec, TaskQuery, TaskTransform } from './task-options.js';

const TASK_NAME = /^[a-z][a-z0-9_-]*$/;
const TABLE_NAME = /^[a-z][a-z0-9_]*$/;

/** The shape of `defineTask` options: types, names, ranges; no checks between options. */
export const taskOptionsSchema = z.strictObject({
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
  filter: z
    .custom<QueryInput>(
      (value) => typeof value === 'string' || (typeof value === 'object' && value !== null),
      { error: (issue) => `expected a query or a query builder, got ${quote(issue.input)}` },
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
  incremental: z
    .boolean({ error: (issue) => `expected true or false, got ${quote(issue.input)}` })
    .optional(),
  fullReason: z
    .string({ error: (issue) => `expected a string, got ${quote(issue.input)}` })
    .min(1, { error: 'must not be empty' })
    .max(200, { error: 'is longer than 200 characters' })
    .optional(),
});

/** The task-definition issues of one zod issue (one per unknown key). */
export function toIssues(issue: z.core.$ZodIssue): TaskDefinitionIssue[] {
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
