/**
 * The hardware branch of the CMDB: `cmdb_ci_hardware` (extends `cmdb_ci`) and
 * `cmdb_ci_computer` (extends it) are base classes, read through their child
 * `cmdb_ci_server`, which the mock serves with rows.
 *
 * @module
 */
import type { MockField, MockTableSchema } from '../../types.js';
import { HARDWARE_STATUSES, SERVER_CLASSIFICATIONS, SERVER_USES } from './choices-itsm.js';
import { CI_FIELDS } from './cmdb-ci.js';
import { bool, choice, date, dec, int, str } from './field-builders.js';

const HARDWARE_FIELDS: readonly MockField[] = [
  ...CI_FIELDS,
  choice('hardware_status', HARDWARE_STATUSES),
  str('hardware_substatus'),
  date('warranty_expiration'),
  str('dns_domain'),
  str('default_gateway'),
  str('cpu_manufacturer'),
];

const COMPUTER_FIELDS: readonly MockField[] = [
  ...HARDWARE_FIELDS,
  str('host_name'),
  int('ram'),
  int('cpu_count'),
  int('cpu_core_count'),
  int('cpu_speed'),
  str('cpu_type'),
  str('os'),
  str('os_version'),
  str('os_service_pack'),
  dec('disk_space'),
  bool('virtual'),
];

/** Schema of `cmdb_ci_hardware`. */
export const cmdbCiHardwareSchema: MockTableSchema = {
  name: 'cmdb_ci_hardware',
  label: 'Hardware',
  extends: 'cmdb_ci',
  displayField: 'name',
  fields: HARDWARE_FIELDS,
};

/** Schema of `cmdb_ci_computer`. */
export const cmdbCiComputerSchema: MockTableSchema = {
  name: 'cmdb_ci_computer',
  label: 'Computer',
  extends: 'cmdb_ci_hardware',
  displayField: 'name',
  fields: COMPUTER_FIELDS,
};

/** Schema of `cmdb_ci_server`. */
export const cmdbCiServerSchema: MockTableSchema = {
  name: 'cmdb_ci_server',
  label: 'Server',
  extends: 'cmdb_ci_computer',
  displayField: 'name',
  fields: [
    ...COMPUTER_FIELDS,
    choice('classification', SERVER_CLASSIFICATIONS),
    choice('used_for', SERVER_USES),
    str('fqdn'),
    str('firmware_version'),
  ],
};
