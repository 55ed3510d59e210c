/**
 * The codecs of a task's `fields` option, by field name, `sys_id` first.
 *
 * @module
 */
import type { FieldCodec } from '../fields/index.js';
import { codecFromName, isFieldCodec, sqlIdentifierProblem } from '../fields/index.js';
import type { TaskDefinitionIssue } from './task-definition-error.js';

/** The codecs by field name, `sys_id` first; field-name problems go to `issues`. */
export function normalizeTaskFields(
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
