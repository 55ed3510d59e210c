export type {
  AuthOptions,
  BasicAuthOptions,
  BearerAuthOptions,
  OAuthOptions,
} from './auth/index.js';
export {
  DEFAULT_CLIENT_OPTIONS,
  type RateLimitOptions,
  type ResolvedClientOptions,
  type ServiceNowClientOptions,
} from './client-options.js';
export {
  AuthenticationError,
  createHttpError,
  HttpError,
  type HttpErrorInput,
  type HttpErrorOptions,
  InstanceUnavailableError,
  type InstanceUnavailableErrorOptions,
  InvalidResponseError,
  type InvalidResponseErrorOptions,
  type InvalidResponseReason,
  InvalidTableError,
  NotFoundError,
  PermissionError,
  QueryRejectedError,
  RateLimitError,
  type RateLimitErrorOptions,
  type RequestErrorJSON,
  type RequestErrorOptions,
  ServiceNowRequestError,
  TimeoutError,
  type TimeoutErrorOptions,
  type UnavailableReason,
} from './errors/index.js';
export { normalizeInstanceUrl } from './instance-url.js';
export type { IntegrationUser, IntegrationUserOptions } from './integration-user.js';
export {
  DEFAULT_PAGINATE_OPTIONS,
  type KeyRange,
  type Page,
  type PageResponseInfo,
  type PaginateOptions,
  type PaginationStrategy,
  partitionRanges,
} from './pagination/index.js';
export { DEFAULT_PEEK_OPTIONS, type PeekOptions } from './peek.js';
export { ServiceNowClient } from './service-now-client.js';
export {
  type DisplayValueMode,
  type FieldValue,
  type FieldValueObject,
  rawValueOf,
  sysIdOf,
  type TableRecord,
} from './table/index.js';
export type { CountOptions, GetOptions } from './table-reads.js';
export {
  type AttemptFailure,
  type AttemptFailureKind,
  type AuthProvider,
  type ClientMetrics,
  DEFAULT_RETRY_OPTIONS,
  type FetchFunction,
  parseRetryAfter,
  type RetryOptions,
  RetryPolicy,
  type TlsOptions,
} from './transport/index.js';
