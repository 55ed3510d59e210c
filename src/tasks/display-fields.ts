/**
 * The display field of a referenced table: what a task reads, dot-walked, to fill a reference's
 * `<field>_display` column.
 *
 * @module
 */

/**
 * The display fields of the tables the built-in catalog references, plus a few common ones
 * (servicenow-api.md section 8: `name` for users, groups, companies, locations, SLA definitions
 * and configuration items; `number` for every kind of task).
 */
const DISPLAY_FIELDS: Readonly<Record<string, string>> = Object.freeze({
  sys_user: 'name',
  sys_user_group: 'name',
  core_company: 'name',
  cmn_location: 'name',
  cmn_department: 'name',
  cmn_cost_center: 'name',
  cmn_schedule: 'name',
  contract_sla: 'name',
  cmdb_ci: 'name',
  task: 'number',
  incident: 'number',
  incident_task: 'number',
  problem: 'number',
  change_request: 'number',
});

/**
 * The display field of a ServiceNow table, when known: `name` for `sys_user`, `sys_user_group`,
 * `core_company`, `cmn_location`, `cmn_department`, `cmn_cost_center`, `cmn_schedule`,
 * `contract_sla`, `cmdb_ci` and every `cmdb_ci_*` class; `number` for `task`, `incident`,
 * `incident_task`, `problem` and `change_request`. `undefined` for any other table: a task
 * that stores the display value of a reference to it names the field
 * (`references: { f: { display: 'field' } }`).
 *
 * An instance can change a table's display field (the `display` attribute in
 * `sys_dictionary`); name the field in the task when yours differs.
 *
 * @example
 * ```ts
 * defaultDisplayField('sys_user'); // 'name'
 * defaultDisplayField('cmdb_ci_server'); // 'name'
 * defaultDisplayField('time_card'); // undefined
 * ```
 */
export function defaultDisplayField(table: string): string | undefined {
  if (Object.hasOwn(DISPLAY_FIELDS, table)) return DISPLAY_FIELDS[table];
  if (table.startsWith('cmdb_ci_')) return 'name';
  return undefined;
}
