/**
 * The sink a plan without one assumes: it keeps state and deletes rows (as `KyselySink` does),
 * so the plan's defaults are those of a run into a database; it is never called.
 *
 * @module
 */
import type { KeyedSink } from '../../sink/index.js';

const never = (): never => {
  throw new Error('planSync never writes: the stand-in sink was called');
};

/** A `KeyedSink` whose every method throws; only its abilities are read. @internal */
export const PLAN_ONLY_SINK: KeyedSink = Object.freeze({
  prepare: never,
  write: never,
  readState: never,
  saveState: never,
  delete: never,
  keys: never,
  countRows: never,
});
