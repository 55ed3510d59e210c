/**
 * The `references` option of a task: which reference fields store a display value, and which
 * field of the referenced table fills it.
 *
 * @module
 */
import type { FieldCodec } from '../fields/index.js';
import { sqlIdentifierProblem } from '../fields/index.js';
import { defaultDisplayField } from './display-fields.js';
import { quote } from './quote-value.js';
import { DISPLAY_SUFFIX } from './task-columns.js';
import type { TaskDefinitionIssue } from './task-definition-error.js';
import type { ReferenceOptions } from './task-options.js';

/** A field of a referenced table, possibly dot-walked further (`name`, `company.name`). */
const DISPLAY_PATH = /^[a-z0-9_]+(?:\.[a-z0-9_]+)*$/;

/**
 * Reference fields whose display value is stored, with the field of the referenced table read for
 * each, in field order; problems go to `issues`.
 */
export function checkReferences(
  value: unknown,
  codecs: Readonly<Record<string, FieldCodec>>,
  issues: TaskDefinitionIssue[],
): Map<string, string> {
  const wanted = new Map<string, string>();
  if (typeof value !== 'object' || value === null) return wanted;
  for (const [name, options] of Object.entries(value)) {
    const field = referenceDisplay(name, options, codecs, issues);
    if (field !== undefined) wanted.set(name, field);
  }
  // In field order, whatever the order of `references`.
  return new Map(
    Object.keys(codecs).flatMap((name) => {
      const field = wanted.get(name);
      return field === undefined ? [] : [[name, field] as const];
    }),
  );
}

/**
 * The field read for one reference's display column, or `undefined` when it stores none or has a
 * problem (reported in `issues`).
 */
function referenceDisplay(
  name: string,
  options: unknown,
  codecs: Readonly<Record<string, FieldCodec>>,
  issues: TaskDefinitionIssue[],
): string | undefined {
  const path = `references.${name}`;
  const codec = Object.hasOwn(codecs, name) ? codecs[name] : undefined;
  if (codec === undefined) {
    issues.push({ path, message: `${quote(name)} is not a field of the task` });
    return undefined;
  }
  if (codec.kind !== 'reference') {
    issues.push({ path, message: `${quote(name)} is a ${codec.kind} field, not a reference` });
    return undefined;
  }
  const display =
    typeof options === 'object' && options !== null
      ? (options as ReferenceOptions).display
      : undefined;
  if (display !== true && typeof display !== 'string') return undefined; // false, absent, or reported
  const field = displayField(name, codec.referenceTable, display, issues);
  if (field === undefined) return undefined;
  const column = `${name}${DISPLAY_SUFFIX}`;
  const problem = sqlIdentifierProblem(column);
  if (problem !== undefined) {
    issues.push({ path, message: `display column ${problem}` });
    return undefined;
  }
  if (column in codecs) {
    issues.push({ path, message: `display column ${quote(column)} is also a field of the task` });
    return undefined;
  }
  return field;
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
