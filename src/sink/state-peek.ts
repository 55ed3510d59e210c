/**
 * Reading a task's sync state without creating anything: what a dry run (`planSync`) needs to
 * say where an incremental run would start.
 *
 * @module
 */
import type { TaskDefinition } from '../tasks/index.js';
import type { Sink, SinkCallOptions } from './sink.js';
import type { SyncState } from './sync-state.js';

/**
 * A sink that can read a task's {@link SyncState} without creating or changing anything (not
 * even its state table: a database without one has no state). `KyselySink` implements it.
 */
export interface StatePeekSink extends Sink {
  /** The task's stored state; `undefined` when there is none (or no state table yet). */
  peekState(task: TaskDefinition, options?: SinkCallOptions): Promise<SyncState | undefined>;
}

/** `true` when `sink` can read state without writing ({@link StatePeekSink}). */
export function isStatePeekSink(sink: Sink): sink is StatePeekSink {
  return typeof (sink as Partial<StatePeekSink>).peekState === 'function';
}
