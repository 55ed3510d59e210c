/**
 * The `window` option of a task: a `dateTime` field of the task, or a dot-walk through one of
 * its reference fields.
 *
 * @module
 */
import type { FieldCodec } from '../fields/index.js';
import { quote } from './quote-value.js';
import type { TaskDefinitionIssue } from './task-definition-error.js';

const DOT_WALK = /^[a-z0-9_]+(?:\.[a-z0-9_]+)+$/;

/** Checks the window field against the task's fields; problems go to `issues`. */
export function checkWindow(
  value: unknown,
  codecs: Readonly<Record<string, FieldCodec>>,
  issues: TaskDefinitionIssue[],
): void {
  if (typeof value !== 'string') return;
  if (DOT_WALK.test(value)) {
    const head = value.slice(0, value.indexOf('.'));
    const codec = Object.hasOwn(codecs, head) ? codecs[head] : undefined;
    if (codec?.kind !== 'reference') {
      issues.push({
        path: 'window',
        message: `${quote(value)} walks through ${quote(head)}, which is not a reference field of the task`,
      });
    }
    return;
  }
  const codec = Object.hasOwn(codecs, value) ? codecs[value] : undefined;
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
