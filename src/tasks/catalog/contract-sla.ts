/**
 * `contract_sla`: SLA definitions.
 *
 * @module
 */
import { defineTask, type TaskDefinition } from '../define-task.js';
import { type CatalogTaskOptions, passThrough } from './catalog-options.js';
import { systemFields } from './task-fields.js';

/**
 * Every `contract_sla` row (SLA, OLA and underpinning-contract definitions).
 *
 * @example
 * ```ts
 * const task = contractSlaTask({ filter: 'collection=incident' });
 * ```
 */
export function contractSlaTask(options: CatalogTaskOptions = {}): TaskDefinition {
  return defineTask({
    name: 'contract_sla',
    table: 'contract_sla',
    fields: {
      name: 'string',
      type: 'choice',
      target: 'choice',
      collection: 'string',
      duration: 'duration',
      duration_type: 'string',
      relative_duration_works_on: 'string',
      schedule: 'reference:cmn_schedule',
      schedule_source: 'string',
      timezone: 'string',
      timezone_source: 'string',
      start_condition: 'string',
      stop_condition: 'string',
      pause_condition: 'string',
      resume_condition: 'string',
      reset_condition: 'string',
      cancel_condition: 'string',
      when_to_resume: 'string',
      when_to_cancel: 'string',
      retroactive: 'boolean',
      retroactive_pause: 'boolean',
      workflow: 'reference:wf_workflow',
      flow: 'reference:sys_hub_flow',
      active: 'boolean',
      enable_logging: 'boolean',
      vendor: 'reference:core_company',
      service_commitment: 'boolean',
      ...systemFields,
    },
    ...passThrough('contract_sla', options),
  });
}
