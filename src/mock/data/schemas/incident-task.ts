/**
 * `incident_task` (extends `task`): servicenow-api.md section 8.2.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { TASK_STATES } from './choices.js';
import { ref } from './field-builders.js';
import { taskFields } from './task.js';

/** Schema of `incident_task`. */
export const incidentTaskSchema: MockTableSchema = {
  name: 'incident_task',
  label: 'Incident Task',
  extends: 'task',
  displayField: 'number',
  fields: [...taskFields(TASK_STATES), ref('incident', 'incident')],
};
