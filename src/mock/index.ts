export {
  type CreateMockDataOptions,
  createMockData,
  DEFAULT_MOCK_REFERENCE_TIME,
  type MockData,
  MockDuplicateRecordError,
  MockRecordNotFoundError,
  type MockScale,
  MockSchemaChangeError,
  MockUnknownTableError,
  MockUnsupportedQueryError,
} from './data/index.js';
export * from './server/index.js';
export {
  type MockDataStore,
  type MockField,
  type MockFieldChange,
  type MockFieldType,
  type MockRecord,
  type MockSelectOptions,
  type MockSelectResult,
  type MockTableSchema,
  MockUnknownFieldError,
  type UnknownFieldPolicy,
} from './types.js';
