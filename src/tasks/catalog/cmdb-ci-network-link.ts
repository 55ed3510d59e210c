/**
 * `cmdb_ci_network_link`: network link configuration items.
 *
 * @module
 */
import { defineTask, type TaskDefinition } from '../define-task.js';
import { type CatalogTaskOptions, passThrough } from './catalog-options.js';
import { systemFields } from './task-fields.js';

/**
 * Every `cmdb_ci_network_link` row (subclass rows included; `sys_class_name` tells the class).
 *
 * @example
 * ```ts
 * const task = networkLinksTask({ filter: 'operational_status=1' });
 * ```
 */
export function networkLinksTask(options: CatalogTaskOptions = {}): TaskDefinition {
  return defineTask({
    name: 'cmdb_ci_network_link',
    table: 'cmdb_ci_network_link',
    fields: {
      name: 'string',
      short_description: 'string',
      company: 'reference:core_company',
      manufacturer: 'reference:core_company',
      vendor: 'reference:core_company',
      location: 'reference:cmn_location',
      assigned_to: 'reference:sys_user',
      managed_by: 'reference:sys_user',
      owned_by: 'reference:sys_user',
      support_group: 'reference:sys_user_group',
      assignment_group: 'reference:sys_user_group',
      managed_by_group: 'reference:sys_user_group',
      install_status: 'choice',
      operational_status: 'choice',
      asset: 'reference:alm_asset',
      model_id: 'reference:cmdb_model',
      serial_number: 'string',
      asset_tag: 'string',
      ip_address: 'string',
      mac_address: 'string',
      discovery_source: 'string',
      first_discovered: 'dateTime',
      last_discovered: 'dateTime',
      install_date: 'date',
      correlation_id: 'string',
      sys_class_path: 'string',
      ...systemFields,
    },
    references: { company: { display: true }, support_group: { display: true } },
    ...passThrough('cmdb_ci_network_link', options),
  });
}
