export {
  type CreateMockDataOptions,
  createMockData,
  DEFAULT_MOCK_REFERENCE_TIME,
} from './create-mock-data.js';
export {
  DEFAULT_MAX_LENGTH,
  dictionarySysId,
  labelOf,
  maxLengthOf,
  tableSysId,
} from './dictionary/index.js';
export {
  MockDuplicateRecordError,
  MockRecordNotFoundError,
  MockSchemaChangeError,
  MockUnknownTableError,
} from './errors.js';
export type { MockData } from './mock-data.js';
export { DEFAULT_MOCK_INCIDENTS, type MockScale } from './mock-scale.js';
export {
  cmdbCiNetworkLinkSchema,
  cmdbCiSchema,
  cmdbSchema,
  contractSlaSchema,
  coreCompanySchema,
  incidentSchema,
  incidentTaskSchema,
  isMockInstanceOf,
  MOCK_DICTIONARY_TABLES,
  MOCK_TABLE_NAMES,
  mockField,
  mockSchema,
  mockSchemas,
  servedTablesOf,
  sysAuditDeleteSchema,
  sysChoiceSchema,
  sysDbObjectSchema,
  sysDictionarySchema,
  sysUserGroupSchema,
  sysUserSchema,
  taskSchema,
  taskSlaSchema,
  taskTimeWorkedSchema,
} from './schemas/index.js';
