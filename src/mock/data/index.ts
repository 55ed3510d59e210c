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
  changeRequestSchema,
  cmdbCiComputerSchema,
  cmdbCiHardwareSchema,
  cmdbCiNetworkLinkSchema,
  cmdbCiSchema,
  cmdbCiServerSchema,
  contractSlaSchema,
  coreCompanySchema,
  incidentSchema,
  incidentTaskSchema,
  isMockInstanceOf,
  MOCK_TABLE_NAMES,
  mockField,
  mockSchema,
  mockSchemas,
  problemSchema,
  SCHEMA_TABLE_NAMES,
  scCatItemSchema,
  scReqItemSchema,
  scRequestSchema,
  servedTablesOf,
  sysAuditDeleteSchema,
  sysUserGroupSchema,
  sysUserSchema,
  taskSchema,
  taskSlaSchema,
  taskTimeWorkedSchema,
  uRateCardSchema,
  uVendorReviewSchema,
} from './schemas/index.js';
