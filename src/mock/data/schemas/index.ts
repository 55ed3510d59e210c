export { changeRequestSchema } from './change-request.js';
export { cmdbCiNetworkLinkSchema, cmdbCiSchema, cmdbSchema } from './cmdb-ci.js';
export {
  cmdbCiComputerSchema,
  cmdbCiHardwareSchema,
  cmdbCiServerSchema,
} from './cmdb-ci-server.js';
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
export { problemSchema } from './problem.js';
export {
  isMockInstanceOf,
  MOCK_TABLE_NAMES,
  mockField,
  mockSchema,
  mockSchemas,
  SCHEMA_TABLE_NAMES,
  servedTablesOf,
} from './registry.js';
export { scCatItemSchema, scReqItemSchema, scRequestSchema } from './service-catalog.js';
export { sysAuditDeleteSchema } from './sys-audit-delete.js';
export { sysJournalFieldSchema } from './sys-journal-field.js';
export { sysUserSchema } from './sys-user.js';
export { sysUserGroupSchema } from './sys-user-group.js';
export { taskSchema } from './task.js';
export { taskSlaSchema } from './task-sla.js';
export { taskTimeWorkedSchema } from './task-time-worked.js';
export { uRateCardSchema, uVendorReviewSchema } from './u-vendor-review.js';
