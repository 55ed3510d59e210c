/**
 * The capability of a sink to tell, before anything is written, what preparing a task's
 * destination would change.
 *
 * @module
 */
import type { TaskDefinition } from '../tasks/index.js';
import type { SchemaChange } from './schema-change.js';
import type { Sink, SinkCallOptions } from './sink.js';

/**
 * A sink that can plan its `prepare`: `planPrepare` returns the {@link SchemaChange}s (with
 * their SQL) that `prepare` would make against the destination as it is now, and creates or
 * changes nothing (not even the sink's own tables). `KyselySink` implements it; `plan` uses it.
 */
export interface PlanningSink extends Sink {
  /**
   * The changes `prepare(task)` would make now, in order; empty when the destination is already
   * right.
   *
   * @throws the errors `prepare` would throw for the same destination (`SinkError` for a name
   * collision or a row too large), without having changed anything.
   */
  planPrepare(task: TaskDefinition, options?: SinkCallOptions): Promise<SchemaChange[]>;
}

/**
 * `true` when `sink` can plan its `prepare` ({@link PlanningSink}).
 *
 * @example
 * ```ts
 * if (isPlanningSink(sink)) for (const change of await sink.planPrepare(task)) console.log(change.sql);
 * ```
 */
export function isPlanningSink(sink: Sink): sink is PlanningSink {
  return typeof (sink as Partial<PlanningSink>).planPrepare === 'function';
}
