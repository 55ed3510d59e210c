export { discoverClassChain } from './class-chain.js';
export type { DiscoveryClient } from './dictionary-reads.js';
export { type DiscoverOptions, discoverTable } from './discover-table.js';
export {
  type AccessErrorOptions,
  DictionaryAccessError,
  TableAccessError,
  UnknownTableError,
} from './discovery-errors.js';
export { type RenderTaskModuleOptions, renderTaskModule } from './render-task-module.js';
export { ColumnCollisionError, UnknownFieldsError } from './schema-task-errors.js';
export type { DictionaryChoice, DictionaryField, TableSchema } from './table-schema.js';
export {
  type SchemaColumn,
  type SchemaTask,
  type SchemaTaskOptions,
  taskFromSchema,
} from './task-from-schema.js';
