export {
  type CreateDatabaseOptions,
  createDatabase,
  dialectOf,
  type SyncTables,
} from './create-database.js';
export { parseDatabaseUrl, redactUrl } from './database-url.js';
export { KyselySink, type KyselySinkOptions } from './kysely-sink.js';
export {
  type DeleteResult,
  isKeyedSink,
  isStatefulSink,
  type KeyedSink,
  type Sink,
  type SinkCallOptions,
  type SinkDeleteOptions,
  type SinkKeysOptions,
  type StatefulSink,
  type WriteResult,
} from './sink.js';
export type { SinkDatabase, SinkQueryRunner } from './sink-database.js';
export { SinkError } from './sink-error.js';
export { SYNC_STATE_TABLE, type SyncState, type SyncStateUpdate } from './sync-state.js';
export { ensureColumns, readColumns } from './table-schema.js';
