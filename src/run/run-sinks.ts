/**
 * The sink of a run with the abilities it has, resolved once when the run is planned.
 *
 * @module
 */
import {
  type InstanceSink,
  isInstanceSink,
  isKeyedSink,
  isStatefulSink,
  type KeyedSink,
  type Sink,
  type StatefulSink,
} from '../sink/index.js';

/**
 * One sink seen through each interface it implements: the stages of a task take the view they
 * need (a `StatefulSink` to save state, a `KeyedSink` to delete) instead of probing the sink.
 * @internal
 */
export interface RunSinks {
  /** The sink every task writes to. */
  readonly sink: Sink;
  /** The same sink when it keeps sync state, else `undefined`. */
  readonly stateful: StatefulSink | undefined;
  /** The same sink when it can list, count and remove rows, else `undefined`. */
  readonly keyed: KeyedSink | undefined;
  /** The same sink when it records which instance its tables hold, else `undefined`. */
  readonly instanced: InstanceSink | undefined;
}

/** Resolves the abilities of `sink` once. @internal */
export function resolveRunSinks(sink: Sink): RunSinks {
  return {
    sink,
    stateful: isStatefulSink(sink) ? sink : undefined,
    keyed: isKeyedSink(sink) ? sink : undefined,
    instanced: isInstanceSink(sink) ? sink : undefined,
  };
}
