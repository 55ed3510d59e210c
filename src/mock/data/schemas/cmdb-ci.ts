/**
 * `cmdb` (the root of the CMDB classes), `cmdb_ci` (the base configuration item, extends
 * `cmdb`) and `cmdb_ci_network_link` (extends `cmdb_ci`): servicenow-api.md section 8.9, with
 * the `u_` columns customers commonly add.
 *
 * @module
 */
import type { MockField, MockTableSchema } from '../../types.js';
import { INSTALL_STATUSES, OPERATIONAL_STATUSES } from './choices.js';
import { choice, date, dateTime, ref, str } from './field-builders.js';
import { CLASS_AND_DOMAIN_FIELDS, SYSTEM_FIELDS } from './system-fields.js';

/** The columns of `cmdb_ci`, which every CI class starts with. @internal */
export const CI_FIELDS: readonly MockField[] = [
  str('name'),
  str('short_description'),
  ref('company', 'core_company'),
  ref('manufacturer', 'core_company'),
  ref('vendor', 'core_company'),
  ref('location', 'cmn_location'),
  ref('assigned_to', 'sys_user'),
  ref('managed_by', 'sys_user'),
  ref('owned_by', 'sys_user'),
  ref('support_group', 'sys_user_group'),
  ref('assignment_group', 'sys_user_group'),
  ref('managed_by_group', 'sys_user_group'),
  choice('install_status', INSTALL_STATUSES, true),
  choice('operational_status', OPERATIONAL_STATUSES, true),
  ref('asset', 'alm_asset'),
  ref('model_id', 'cmdb_model'),
  str('serial_number'),
  str('asset_tag'),
  str('ip_address'),
  str('mac_address'),
  str('discovery_source'),
  dateTime('first_discovered'),
  dateTime('last_discovered'),
  date('install_date'),
  str('correlation_id'),
  str('comments'),
  str('attributes'),
  str('sys_class_path'),
  ...CLASS_AND_DOMAIN_FIELDS,
  ...SYSTEM_FIELDS,
];

/** The columns `cmdb_ci` inherits from `cmdb` (they are defined there, as on an instance). */
const CMDB_FIELD_NAMES: ReadonlySet<string> = new Set([
  'name',
  'company',
  'manufacturer',
  'location',
  'assigned_to',
  'managed_by',
  'owned_by',
  'asset',
  'model_id',
  'serial_number',
  'asset_tag',
  'install_date',
  'sys_class_name',
  'sys_domain',
  'sys_domain_path',
  ...SYSTEM_FIELDS.map((f) => f.name),
]);

/** Schema of `cmdb`, the root of the CMDB class hierarchy (no rows of its own). */
export const cmdbSchema: MockTableSchema = {
  name: 'cmdb',
  label: 'Base Configuration Item',
  displayField: 'name',
  fields: CI_FIELDS.filter((f) => CMDB_FIELD_NAMES.has(f.name)),
};

/** Schema of `cmdb_ci`. */
export const cmdbCiSchema: MockTableSchema = {
  name: 'cmdb_ci',
  label: 'Configuration Item',
  extends: 'cmdb',
  displayField: 'name',
  fields: CI_FIELDS,
};

/** Schema of `cmdb_ci_network_link`. */
export const cmdbCiNetworkLinkSchema: MockTableSchema = {
  name: 'cmdb_ci_network_link',
  label: 'Network Link',
  extends: 'cmdb_ci',
  displayField: 'name',
  fields: [
    ...CI_FIELDS,
    str('u_link_name'),
    str('u_end_a'),
    str('u_end_b'),
    str('u_bandwidth'),
    str('u_status'),
    str('u_provider'),
    str('u_type'),
  ],
};
