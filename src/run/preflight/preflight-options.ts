/**
 * Options of a run's preflight, defaulted in one place.
 *
 * @module
 */
import { ConfigurationError } from '../../core/index.js';

/** Options of the preflight (`RunTasksOptions.preflight`). */
export interface PreflightOptions {
  /**
   * Time allowed to each check (the instance's answer, the database's), in milliseconds.
   * @default 10000
   */
  readonly timeoutMs?: number;
}

/** The preflight's settings: `undefined` when it is turned off. @internal */
export interface PreflightSettings {
  readonly timeoutMs: number;
}

/** The defaults of {@link PreflightOptions}. */
export const DEFAULT_PREFLIGHT_OPTIONS = { timeoutMs: 10_000 } as const;

/**
 * The preflight's settings from the run option, `undefined` for `false`.
 *
 * @throws {@link ConfigurationError} (option `preflight.timeoutMs`) for a bad timeout.
 * @internal
 */
export function preflightSettings(
  option: boolean | PreflightOptions | undefined,
): PreflightSettings | undefined {
  if (option === false) return undefined;
  if (option !== undefined && option !== true && (typeof option !== 'object' || option === null)) {
    throw new ConfigurationError(
      `preflight must be true, false or { timeoutMs }, received ${JSON.stringify(option)}`,
      { option: 'preflight' },
    );
  }
  const timeoutMs =
    (typeof option === 'object' ? option.timeoutMs : undefined) ??
    DEFAULT_PREFLIGHT_OPTIONS.timeoutMs;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new ConfigurationError(
      `preflight.timeoutMs must be a positive integer (milliseconds), received ${String(timeoutMs)}`,
      { option: 'preflight.timeoutMs' },
    );
  }
  return { timeoutMs };
}
