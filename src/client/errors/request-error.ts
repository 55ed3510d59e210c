/**
 * The base of every error that comes from a request to an instance: it carries the method, the
 * URL (with secrets redacted), the HTTP status when there was a response, and how many attempts
 * were made.
 *
 * @module
 */
import { ServiceNowError, type ServiceNowErrorOptions } from '../../core/index.js';

/** Where a request error happened. */
export interface RequestErrorOptions extends ServiceNowErrorOptions {
  /** HTTP method (`GET`, `POST`). */
  readonly method: string;
  /** Full request URL, credentials and token-like query parameters already redacted. */
  readonly url: string;
  /** HTTP status of the last response, when there was one. */
  readonly status?: number | undefined;
  /** Number of attempts made before giving up. @default 1 */
  readonly attempts?: number;
}

/** The plain-object form of a request error, as `JSON.stringify` writes it. Holds no secrets. */
export interface RequestErrorJSON {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly attempts: number;
  readonly [key: string]: unknown;
}

/** Strips the query string: messages stay short and never carry query parameters. */
function shortUrl(url: string): string {
  const index = url.search(/[?#]/);
  return index === -1 ? url : url.slice(0, index);
}

/** The JSON form of any `cause`, without own enumerable properties that could hold secrets. */
export function causeToJSON(cause: unknown): unknown {
  if (cause === undefined) return undefined;
  if (cause instanceof ServiceNowRequestError) return cause.toJSON();
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return {
      name: cause.name,
      message: cause.message,
      ...(typeof code === 'string' ? { code } : {}),
      ...(cause.cause === undefined ? {} : { cause: causeToJSON(cause.cause) }),
    };
  }
  return String(cause);
}

/**
 * A request to the instance failed. Subclasses name the cause; `message` reads like
 * `[GET] https://acme.service-now.com/api/now/table/incidnt: 400 Invalid table incidnt`.
 *
 * @example
 * ```ts
 * try { await client.count('incident'); } catch (error) {
 *   if (error instanceof ServiceNowRequestError) console.error(error.status, error.attempts);
 * }
 * ```
 */
export class ServiceNowRequestError extends ServiceNowError {
  override readonly code: string = 'REQUEST_ERROR';
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Request URL with credentials and token-like parameters redacted. */
  readonly url: string;
  /** HTTP status of the last response; `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** Attempts made, retries included. */
  readonly attempts: number;

  /**
   * @param detail - what went wrong, without the `[METHOD] url:` prefix, which is added here.
   */
  constructor(detail: string, options: RequestErrorOptions) {
    super(`[${options.method}] ${shortUrl(options.url)}: ${detail}`, options);
    this.method = options.method;
    this.url = options.url;
    this.status = options.status;
    this.attempts = options.attempts ?? 1;
  }

  /** Extra fields of subclasses for {@link toJSON}. */
  protected jsonFields(): Record<string, unknown> {
    return {};
  }

  /** A plain object for logs and `JSON.stringify`; never contains credentials. */
  toJSON(): RequestErrorJSON {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      method: this.method,
      url: this.url,
      status: this.status,
      attempts: this.attempts,
      ...this.jsonFields(),
      ...(this.cause === undefined ? {} : { cause: causeToJSON(this.cause) }),
    };
  }
}
