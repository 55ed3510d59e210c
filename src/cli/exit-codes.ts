/**
 * The exit codes of every command, in one mapping: a scheduler acts on them.
 *
 * Loads no library code: the error classes are passed in by the caller, which imports the
 * library only once a command runs (so `--help` answers at once). Commander's own usage errors
 * (an unknown flag, a missing argument) exit 2 as well (program.ts).
 *
 * @module
 */
import type * as Library from '../index.js';
import { UsageError } from './usage-error.js';

/** The exit codes, by meaning. */
export const EXIT_CODES = {
  /** Everything was copied. */
  success: 0,
  /** The run failed (every task failed, or something unexpected). */
  failed: 1,
  /** Bad usage or configuration, or a failed preflight: nothing was written. */
  usage: 2,
  /** Some rows or tasks are missing: see the log (`servicenow-sync runs`). */
  partial: 3,
  /** Another run of the same job holds the lock. */
  locked: 4,
  /** Stopped by SIGINT (Ctrl-C) after a clean stop. */
  interrupted: 130,
  /** Stopped by SIGTERM after a clean stop. */
  terminated: 143,
} as const;

/** The table of exit codes, for `--help` (docs/reliability.md has the same). */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0    success',
  '  1    failed (see servicenow-sync runs)',
  '  2    bad usage or configuration, or a failed preflight (instance, credentials,',
  '       database): nothing written',
  '  3    partial: some rows or tasks are missing (see servicenow-sync runs)',
  '  4    another run of the same job holds the lock',
  '  130  stopped by SIGINT (Ctrl-C), 143 by SIGTERM, after a clean stop (logged cancelled)',
].join('\n');

/** The stop the user asked for: the reason of the CLI's `interrupted` signal. */
export class StopRequest extends Error {
  constructor(
    /** The signal received. */
    readonly signal: 'SIGINT' | 'SIGTERM',
  ) {
    super(signal === 'SIGINT' ? 'interrupted (SIGINT)' : 'terminated (SIGTERM)');
    this.name = 'StopRequest';
  }
}

/** 130 after SIGINT, 143 after SIGTERM (130 when the stop came another way). */
export function stopCode(interrupted: AbortSignal): number {
  const reason: unknown = interrupted.reason;
  return reason instanceof StopRequest && reason.signal === 'SIGTERM'
    ? EXIT_CODES.terminated
    : EXIT_CODES.interrupted;
}

/**
 * The exit code of the runs a command made (one for `sync`, two for `demo`): a run cancelled by
 * the user's signal gives the stop's code (one cancelled otherwise, e.g. by losing its lock,
 * failed: 1), then a failed one 1, a partial one 3, else 0. `expected` runs that never started
 * (the user stopped first) count as cancelled.
 */
export function exitCodeOfRuns(
  statuses: readonly string[],
  interrupted: AbortSignal,
  expected = statuses.length,
): number {
  const cancelled = statuses.includes('cancelled') || statuses.length < expected;
  if (cancelled && interrupted.aborted) return stopCode(interrupted);
  if (cancelled || statuses.includes('error')) return EXIT_CODES.failed;
  if (statuses.includes('partial')) return EXIT_CODES.partial;
  return EXIT_CODES.success;
}

/** What an error thrown by a command is, for its exit code. */
export type ErrorKind = 'usage' | 'locked' | 'other';

/** The library's error classes {@link errorKind} tells apart. */
export type ErrorClasses = Pick<
  typeof Library,
  | 'ConfigurationError'
  | 'InvalidWindowError'
  | 'PreflightError'
  | 'RunInProgressError'
  | 'ServiceNowError'
>;

/** Library errors thrown before anything is read or written, by their code. */
const REFUSED_BEFORE_THE_RUN: ReadonlySet<string> = new Set([
  // Discovery (--table): the dictionary or the table is not readable by the integration user.
  'DICTIONARY_ACCESS_DENIED',
  'TABLE_ACCESS_DENIED',
  'QUERY_SYNTAX',
  'TASK_DEFINITION_INVALID',
  'TIME_ZONE_MISMATCH',
]);

/**
 * `usage` for bad usage or configuration and a failed preflight (a `ConfigurationError` of any
 * kind, an invalid window, a bad query or task, a refused time zone): nothing was written.
 * `locked` for another run holding the lock.
 */
export function errorKind(error: unknown, classes: ErrorClasses): ErrorKind {
  if (error instanceof classes.RunInProgressError) return 'locked';
  if (
    error instanceof UsageError ||
    error instanceof classes.ConfigurationError ||
    error instanceof classes.InvalidWindowError ||
    error instanceof classes.PreflightError ||
    (error instanceof classes.ServiceNowError && REFUSED_BEFORE_THE_RUN.has(error.code))
  ) {
    return 'usage';
  }
  return 'other';
}

/** The exit code of an error a command threw, of the kind the caller found. */
export function exitCodeOfError(kind: ErrorKind, interrupted: AbortSignal): number {
  if (kind === 'usage') return EXIT_CODES.usage;
  if (kind === 'locked') return EXIT_CODES.locked;
  return interrupted.aborted ? stopCode(interrupted) : EXIT_CODES.failed;
}
