/**
 * Error hierarchy of servicenow-sync. Every failure the library reports is a
 * {@link ServiceNowError}; subclasses name the cause.
 *
 * @module
 */

/** Options shared by every error of this library. */
export interface ServiceNowErrorOptions {
  /** The underlying error, when there is one. */
  readonly cause?: unknown;
}

/**
 * Base class of every error thrown by servicenow-sync.
 *
 * @example
 * ```ts
 * try { await runSomething(); } catch (error) {
 *   if (error instanceof ServiceNowError) console.error(error.code, error.message);
 * }
 * ```
 */
export class ServiceNowError extends Error {
  /** A stable, machine-readable code for the kind of failure. */
  readonly code: string = 'SERVICENOW_ERROR';

  constructor(message: string, options: ServiceNowErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

/**
 * An option or argument is invalid. Thrown before any request or write; the message names the
 * option and the value received (secrets are never echoed).
 */
export class ConfigurationError extends ServiceNowError {
  override readonly code: string = 'CONFIGURATION_ERROR';
  /** The option at fault, as a dotted path (`retry.maxAttempts`). */
  readonly option: string | undefined;

  constructor(message: string, options: ServiceNowErrorOptions & { option?: string } = {}) {
    super(message, options);
    this.option = options.option;
  }
}
