export {
  createHttpError,
  type ErrorBodyText,
  type HttpErrorInput,
  readErrorBody,
} from './create-http-error.js';
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
export {
  causeToJSON,
  type RequestErrorJSON,
  type RequestErrorOptions,
  ServiceNowRequestError,
} from './request-error.js';
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
