/**
 * `change_request` (extends `task`): a planned change, with its type, risk, schedule and CAB.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { CATEGORIES } from './choices.js';
import { CHANGE_CLOSE_CODES, CHANGE_RISKS, CHANGE_STATES, CHANGE_TYPES } from './choices-itsm.js';
import { bool, choice, date, dateTime, ref, str } from './field-builders.js';
import { taskFields } from './task.js';

/** Schema of `change_request`. */
export const changeRequestSchema: MockTableSchema = {
  name: 'change_request',
  label: 'Change Request',
  extends: 'task',
  displayField: 'number',
  fields: [
    ...taskFields(CHANGE_STATES),
    choice('type', CHANGE_TYPES),
    choice('risk', CHANGE_RISKS, true),
    choice('category', CATEGORIES),
    dateTime('start_date'),
    dateTime('end_date'),
    bool('cab_required'),
    date('cab_date'),
    ref('cab_delegate', 'sys_user'),
    ref('requested_by', 'sys_user'),
    { ...str('justification'), maxLength: 4000 },
    { ...str('implementation_plan'), maxLength: 4000 },
    { ...str('backout_plan'), maxLength: 4000 },
    { ...str('test_plan'), maxLength: 4000 },
    bool('on_hold'),
    choice('close_code', CHANGE_CLOSE_CODES),
    bool('unauthorized'),
  ],
};
