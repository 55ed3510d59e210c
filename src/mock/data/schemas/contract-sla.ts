/**
 * `contract_sla` (SLA/OLA definitions, extends sys_metadata): servicenow-api.md section 8.5.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { SLA_TARGETS, SLA_TYPES } from './choices.js';
import { bool, choice, duration, field, ref, str } from './field-builders.js';
import { CLASS_AND_DOMAIN_FIELDS, SYSTEM_FIELDS } from './system-fields.js';

const conditions = (name: string) => field(name, 'conditions');

/** Schema of `contract_sla`. */
export const contractSlaSchema: MockTableSchema = {
  name: 'contract_sla',
  label: 'SLA Definition',
  displayField: 'name',
  fields: [
    str('name'),
    choice('type', SLA_TYPES),
    choice('target', SLA_TARGETS),
    field('collection', 'table_name'),
    duration('duration'),
    str('duration_type'),
    str('relative_duration_works_on'),
    ref('schedule', 'cmn_schedule'),
    str('schedule_source'),
    str('schedule_source_field'),
    str('timezone'),
    str('timezone_source'),
    conditions('start_condition'),
    conditions('stop_condition'),
    conditions('pause_condition'),
    conditions('resume_condition'),
    conditions('reset_condition'),
    conditions('cancel_condition'),
    str('when_to_resume'),
    str('when_to_cancel'),
    str('reset_action'),
    str('set_start_to'),
    bool('retroactive'),
    bool('retroactive_pause'),
    str('adv_condition_type'),
    ref('workflow', 'wf_workflow'),
    ref('flow', 'sys_hub_flow'),
    bool('active'),
    bool('enable_logging'),
    ref('vendor', 'core_company'),
    bool('service_commitment'),
    str('sys_name'),
    str('sys_update_name'),
    str('sys_policy'),
    ref('sys_scope', 'sys_scope'),
    ref('sys_package', 'sys_package'),
    ref('sys_overrides', 'contract_sla'),
    ...CLASS_AND_DOMAIN_FIELDS,
    ...SYSTEM_FIELDS,
  ],
};
