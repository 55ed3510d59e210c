export { KyselySink } from './kysely-sink.js';
export type { KyselySinkOptions } from './kysely-sink-options.js';
export { isPingableSink, type PingableSink } from './pingable-sink.js';
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
export { SinkError } from './sink-error.js';
export { SYNC_STATE_TABLE, type SyncState, type SyncStateUpdate } from './sync-state.js';
