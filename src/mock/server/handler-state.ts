/**
 * What the request handler shares across the requests of one mock instance.
 *
 * @module
 */
import type { MockDataStore } from '../types.js';
import type { FaultEngine } from './fault-engine.js';
import type { OAuthTokens } from './oauth-tokens.js';
import type { ResolvedMockOptions } from './options.js';
import type { MutableLogEntry } from './request-log.js';
import type { SessionRegistry } from './sessions.js';

/** Everything the handler shares across requests. @internal */
export interface HandlerState {
  readonly options: ResolvedMockOptions;
  readonly store: MockDataStore;
  readonly faults: FaultEngine;
  readonly sessions: SessionRegistry;
  readonly oauth: OAuthTokens;
  /** The public request log (append-only; cleared in place). */
  readonly log: MutableLogEntry[];
  /** Aborted by `close()`: pending delays end at once. */
  readonly shutdown: AbortSignal;
  baseUrl: string;
  nextId: number;
  inFlight: number;
}
