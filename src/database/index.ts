export { type AdapterOfOptions, adapterFor, adapterOf, dialectOf } from './adapter-of.js';
export { bindValue, UnsupportedValue, valueBytes } from './bind-value.js';
export {
  compareByCapacity,
  type ParsedType,
  parseType,
  type TypeComparison,
  typeText,
} from './column-type.js';
export type { ConnectionErrorListener } from './connection-loss.js';
export {
  type CreateDatabaseOptions,
  createDatabase,
  type SyncTables,
} from './create-database.js';
export { databaseLocation, pingDatabase } from './database-location.js';
export { type DatabaseTarget, parseDatabaseUrl, redactUrl } from './database-url.js';
export { inferSqlTypes } from './infer-sql-types.js';
export { mysqlAdapter } from './mysql-adapter.js';
export { postgresAdapter } from './postgres-adapter.js';
export {
  mysqlRowFault,
  postgresRowFault,
  type RowFault,
  sqliteRowFault,
} from './row-fault.js';
export { shortIdentifier } from './short-identifier.js';
export type { SinkDatabase, SinkQueryRunner } from './sink-database.js';
export type {
  BindRow,
  ColumnSpec,
  ColumnTypes,
  FastUpsert,
  IdColumn,
  SqlAdapter,
  UpsertCount,
} from './sql-adapter.js';
export { sqliteAdapter } from './sqlite-adapter.js';
export type {
  SqliteHandle,
  SqliteHandleStatement,
  SqliteTransactionFunction,
} from './sqlite-database.js';
export { BetterSqliteDialect, sqliteHandleOf } from './sqlite-handle.js';
export { compiled, runStatement, type Statement } from './statement.js';
export { ensureColumns, readColumns, readTableColumns } from './table-schema.js';
