export { INSTANCE_TABLE } from './instance-registry-sql.js';
export { KyselySink } from './kysely-sink.js';
export type { KyselySinkOptions } from './kysely-sink-options.js';
export { readShortenedNames, type ShortenedName } from './name-registry.js';
export { NAME_REGISTRY_TABLE, type ShortenedKind } from './name-registry-sql.js';
export { isPingableSink, type PingableSink } from './pingable-sink.js';
export { isPlanningSink, type PlanningSink } from './planning-sink.js';
export {
  formatSchemaChange,
  type PrepareResult,
  type SchemaChange,
  type SchemaChangeKind,
} from './schema-change.js';
export {
  type DeleteResult,
  type InstanceClaim,
  type InstanceSink,
  isInstanceSink,
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
export { SinkError } from './sink-error.js';
export { isStatePeekSink, type StatePeekSink } from './state-peek.js';
export {
  readSyncStates,
  resetSyncState,
  type StoredSyncState,
  type StoredSyncStateOptions,
} from './stored-sync-state.js';
export { SYNC_STATE_TABLE, type SyncState, type SyncStateUpdate } from './sync-state.js';
export { readTableClaims, type TableClaim } from './table-claims.js';
