export { raceSignal, sleep, throwIfAborted } from './abort.js';
export type { AuthProvider } from './auth-provider.js';
export { CookieJar, CookieJarPool } from './cookie-jar.js';
export { type ClientMetrics, MetricsRecorder } from './metrics.js';
export {
  type ClosableFetch,
  createNodeFetch,
  type FetchFunction,
  type TlsOptions,
} from './node-fetch.js';
export { RateGate } from './rate-gate.js';
export { REDACTED, redactHeaders, redactUrl, SecretRedactor } from './redact.js';
export { RequestExecutor } from './request-executor.js';
export {
  type AttemptOutcome,
  buildUrl,
  type ExecutorConfig,
  type FailedAttempt,
  type RawFetcher,
  type RawFetchOptions,
  type RequestResult,
  type RequestSpec,
} from './request-spec.js';
export {
  type AttemptFailure,
  type AttemptFailureKind,
  DEFAULT_RETRY_OPTIONS,
  parseRetryAfter,
  type RetryOptions,
  RetryPolicy,
} from './retry-policy.js';
export { Shared } from './shared.js';
export {
  createFetcher,
  createScheduler,
  createSessions,
  type FetchSettings,
  type RateLimitSettings,
  type Scheduler,
  type Sessions,
} from './shared-transport.js';
