/**
 * `problem` (extends `task`): the cause of one or more incidents, with its workaround and fix.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { CATEGORIES } from './choices.js';
import { PROBLEM_RESOLUTIONS, PROBLEM_STATES } from './choices-itsm.js';
import { bool, choice, dateTime, int, ref, str } from './field-builders.js';
import { taskFields } from './task.js';

/** Schema of `problem`. */
export const problemSchema: MockTableSchema = {
  name: 'problem',
  label: 'Problem',
  extends: 'task',
  displayField: 'number',
  fields: [
    ...taskFields(PROBLEM_STATES),
    choice('problem_state', PROBLEM_STATES, true),
    choice('category', CATEGORIES),
    bool('known_error'),
    bool('major_problem'),
    str('cause_notes'),
    str('fix_notes'),
    { ...str('workaround'), maxLength: 4000 },
    ref('first_reported_by_task', 'task'),
    int('related_incidents'),
    choice('resolution_code', PROBLEM_RESOLUTIONS),
    dateTime('resolved_at'),
    ref('resolved_by', 'sys_user'),
    dateTime('fix_at'),
    ref('fix_by', 'sys_user'),
  ],
};
