export {
  type CreateMockDataOptions,
  createMockData,
  DEFAULT_MOCK_REFERENCE_TIME,
} from './create-mock-data.js';
export {
  MockDuplicateRecordError,
  MockRecordNotFoundError,
  MockUnknownTableError,
} from './errors.js';
export type { MockData } from './mock-data.js';
export { DEFAULT_MOCK_INCIDENTS, type MockScale } from './mock-scale.js';
export {
  cmdbCiNetworkLinkSchema,
  cmdbCiSchema,
  contractSlaSchema,
  coreCompanySchema,
  incidentSchema,
  incidentTaskSchema,
  isMockInstanceOf,
  MOCK_TABLE_NAMES,
  mockField,
  mockSchema,
  mockSchemas,
  servedTablesOf,
  sysAuditDeleteSchema,
  sysUserGroupSchema,
  sysUserSchema,
  taskSchema,
  taskSlaSchema,
  taskTimeWorkedSchema,
} from './schemas/index.js';
