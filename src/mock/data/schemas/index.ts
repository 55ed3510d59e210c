export { cmdbCiNetworkLinkSchema, cmdbCiSchema, cmdbSchema } from './cmdb-ci.js';
export { contractSlaSchema } from './contract-sla.js';
export { coreCompanySchema } from './core-company.js';
export {
  MOCK_DICTIONARY_TABLES,
  sysChoiceSchema,
  sysDbObjectSchema,
  sysDictionarySchema,
} from './dictionary-tables.js';
export { incidentSchema } from './incident.js';
export { incidentTaskSchema } from './incident-task.js';
export {
  isMockInstanceOf,
  MOCK_TABLE_NAMES,
  mockField,
  mockSchema,
  mockSchemas,
  servedTablesOf,
} from './registry.js';
export { sysAuditDeleteSchema } from './sys-audit-delete.js';
export { sysUserSchema } from './sys-user.js';
export { sysUserGroupSchema } from './sys-user-group.js';
export { taskSchema } from './task.js';
export { taskSlaSchema } from './task-sla.js';
export { taskTimeWorkedSchema } from './task-time-worked.js';
