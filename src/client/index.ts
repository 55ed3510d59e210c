export type {
  AuthOptions,
  BasicAuthOptions,
  BearerAuthOptions,
  OAuthOptions,
} from './auth-options.js';
export type { AuthProvider } from './auth-provider.js';
export {
  DEFAULT_CLIENT_OPTIONS,
  type RateLimitOptions,
  type ResolvedClientOptions,
  type ServiceNowClientOptions,
} from './client-options.js';
export { createHttpError, type HttpErrorInput } from './create-http-error.js';
export {
  AuthenticationError,
  HttpError,
  type HttpErrorOptions,
  InvalidTableError,
  NotFoundError,
  PermissionError,
  QueryRejectedError,
  RateLimitError,
  type RateLimitErrorOptions,
} from './http-errors.js';
export { normalizeInstanceUrl } from './instance-url.js';
export type { ClientMetrics } from './metrics.js';
export type { FetchFunction, TlsOptions } from './node-fetch.js';
export type {
  CountOptions,
  DisplayValueMode,
  FieldValue,
  FieldValueObject,
  GetOptions,
  IntegrationUser,
  IntegrationUserOptions,
  Page,
  PageResponseInfo,
  PaginateOptions,
  PaginationStrategy,
  TableRecord,
} from './page.js';
export { type KeyRange, partitionRanges } from './page-query.js';
export { DEFAULT_PAGINATE_OPTIONS } from './paginate.js';
export {
  type RequestErrorJSON,
  type RequestErrorOptions,
  ServiceNowRequestError,
} from './request-error.js';
export {
  type AttemptFailure,
  type AttemptFailureKind,
  DEFAULT_RETRY_OPTIONS,
  parseRetryAfter,
  type RetryOptions,
  RetryPolicy,
} from './retry-policy.js';
export { ServiceNowClient } from './service-now-client.js';
export { rawValueOf, sysIdOf } from './table-params.js';
export {
  InstanceUnavailableError,
  type InstanceUnavailableErrorOptions,
  InvalidResponseError,
  type InvalidResponseErrorOptions,
  type InvalidResponseReason,
  TimeoutError,
  type TimeoutErrorOptions,
  type UnavailableReason,
} from './transport-errors.js';
