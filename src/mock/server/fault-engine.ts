/**
 * Decides, request by request, which injected faults fire. Decisions are taken synchronously
 * in arrival order, so `skip`/`times` counts are deterministic even under concurrency.
 *
 * @module
 */
import type {
  MockDelayFault,
  MockEchoRequestFault,
  MockFaultScope,
  MockFaults,
  MockQuotaCancelFault,
  MockRateLimitFault,
  MockRequestsPerSecondFault,
  MockServerErrorFault,
  MockTruncateFault,
} from './faults.js';

/** The request facts a fault scope is matched against. @internal */
export interface FaultTarget {
  /** Path plus query string, as sent. */
  readonly target: string;
  readonly table: string | undefined;
}

type ScopedFaults = {
  readonly latencyMs: MockDelayFault;
  readonly hangMs: MockDelayFault;
  readonly echoRequest: MockEchoRequestFault;
  readonly hibernate: MockFaultScope;
  readonly rateLimit: MockRateLimitFault;
  readonly bare429: MockFaultScope;
  readonly readDenied: MockFaultScope;
  readonly serverErrors: MockServerErrorFault;
  readonly truncateJson: MockTruncateFault;
  readonly quotaCancel: MockQuotaCancelFault;
};

/** Names of faults decided by scope (all but the hooks and the rate cap). @internal */
export type ScopedFaultName = keyof ScopedFaults;

/** A small seeded PRNG (mulberry32). @internal */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function inScope(scope: Pick<MockFaultScope, 'table' | 'path'>, request: FaultTarget): boolean {
  if (scope.table !== undefined) {
    const tables: readonly string[] = typeof scope.table === 'string' ? [scope.table] : scope.table;
    if (request.table === undefined || !tables.includes(request.table)) return false;
  }
  if (scope.path !== undefined) {
    scope.path.lastIndex = 0;
    if (!scope.path.test(request.target)) return false;
  }
  return true;
}

/** Holds the current faults and their counters. @internal */
export class FaultEngine {
  #faults: MockFaults = {};
  #normalized: { [K in ScopedFaultName]?: ScopedFaults[K] | undefined } = {};
  #matched = new Map<ScopedFaultName, number>();
  #fired = new Map<ScopedFaultName, number>();
  #random: () => number = Math.random;
  #acceptedAt: number[] = [];
  #listRequests = 0;
  readonly #defaultSeed: number;

  constructor(defaultSeed: number, faults: MockFaults) {
    this.#defaultSeed = defaultSeed;
    this.set(faults);
  }

  /** The faults in force. */
  get faults(): MockFaults {
    return this.#faults;
  }

  /** Replaces every fault and restarts every counter and the random generator. */
  set(faults: MockFaults | undefined): void {
    const next = faults ?? {};
    this.#faults = next;
    this.#matched.clear();
    this.#fired.clear();
    this.#acceptedAt = [];
    this.#listRequests = 0;
    this.#random = seededRandom(next.seed ?? this.#defaultSeed);
    const delay = (value: number | MockDelayFault | undefined, jitterMs = 0) =>
      typeof value === 'number' ? { ms: value, jitterMs } : value;
    const flag = <T extends MockFaultScope>(value: true | T | undefined): T | undefined =>
      value === true ? ({} as T) : value;
    this.#normalized = {
      latencyMs: delay(next.latencyMs, next.jitterMs),
      hangMs: delay(next.hangMs),
      echoRequest: flag(next.echoRequest),
      hibernate: flag(next.hibernate),
      rateLimit: flag(next.rateLimit),
      bare429: flag(next.bare429),
      readDenied: flag(next.readDenied),
      serverErrors: flag(next.serverErrors),
      truncateJson: flag(next.truncateJson),
      quotaCancel: flag(next.quotaCancel),
    };
  }

  /** The fault's settings when it fires for this request, else `undefined`. Counts the request. */
  fire<K extends ScopedFaultName>(name: K, request: FaultTarget): ScopedFaults[K] | undefined {
    const fault = this.#normalized[name];
    if (fault === undefined || !inScope(fault, request)) return undefined;
    const matched = (this.#matched.get(name) ?? 0) + 1;
    this.#matched.set(name, matched);
    if (matched <= (fault.skip ?? 0)) return undefined;
    const fired = this.#fired.get(name) ?? 0;
    if (fault.times !== undefined && fired >= fault.times) return undefined;
    if (fault.probability !== undefined && this.#random() >= fault.probability) return undefined;
    this.#fired.set(name, fired + 1);
    return fault;
  }

  /** How many times a fault has fired since the faults were set. */
  firedCount(name: ScopedFaultName): number {
    return this.#fired.get(name) ?? 0;
  }

  /** A delay in ms for a fired delay fault (jitter drawn from the seeded generator). */
  delayOf(fault: MockDelayFault): number {
    const jitter = fault.jitterMs ? this.#random() * fault.jitterMs : 0;
    return Math.max(0, fault.ms + jitter);
  }

  /**
   * The rate cap that refuses this request, or `undefined` when it is accepted (and counted).
   * `realNow` is the real clock in ms.
   */
  overRateCap(request: FaultTarget, realNow: number): MockRequestsPerSecondFault | undefined {
    const raw = this.#faults.requestsPerSecond;
    if (raw === undefined) return undefined;
    const cap: MockRequestsPerSecondFault = typeof raw === 'number' ? { limit: raw } : raw;
    if (!inScope(cap, request)) return undefined;
    while (this.#acceptedAt.length > 0 && this.#acceptedAt[0]! <= realNow - 1000) {
      this.#acceptedAt.shift();
    }
    if (this.#acceptedAt.length >= cap.limit) return cap;
    this.#acceptedAt.push(realNow);
    return undefined;
  }

  /**
   * The seed of the `shuffleTies` order, or `undefined` when ties keep sys_id order: the
   * fault's own seed, else the faults' `seed`, else the server's.
   */
  tieSeed(): number | undefined {
    const fault = this.#faults.shuffleTies;
    if (fault === undefined) return undefined;
    return (fault === true ? undefined : fault.seed) ?? this.#faults.seed ?? this.#defaultSeed;
  }

  /** Numbers list requests since the faults were set: 1, 2, 3, ... */
  nextListSequence(): number {
    this.#listRequests += 1;
    return this.#listRequests;
  }
}
