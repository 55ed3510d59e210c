/**
 * The `PingableSink` capability: a sink that can tell, before a run writes anything, whether
 * its database accepts a connection.
 *
 * @module
 */
import type { Sink } from './sink.js';

/**
 * A sink whose destination can be checked before a run: the run's preflight calls `ping` and
 * refuses the run with a `PreflightError` (side `database`) naming {@link PingableSink.location}
 * when it rejects. `KyselySink` implements it with `select 1`.
 *
 * @example
 * ```ts
 * const sink: PingableSink = {
 *   location: 'https://queue.internal/servicenow',
 *   async ping() { await fetch('https://queue.internal/health'); },
 *   async prepare() {},
 *   async write(_task, rows) { return { written: rows.length, dbOperations: 0 }; },
 * };
 * ```
 */
export interface PingableSink extends Sink {
  /** Where the rows go, for messages, without secrets (`postgres://reporting@db:5499/sn`). */
  readonly location: string;
  /** Resolves once the destination answered; rejects with the driver's error. Writes nothing. */
  ping(options?: { readonly signal?: AbortSignal }): Promise<void>;
}

/** `true` when `sink` can be checked before a run ({@link PingableSink}). */
export function isPingableSink(sink: Sink): sink is PingableSink {
  const s = sink as Partial<PingableSink>;
  return typeof s.ping === 'function' && typeof s.location === 'string';
}
