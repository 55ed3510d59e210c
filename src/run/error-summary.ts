/**
 * Loggable summaries of errors.
 *
 * @module
 */
import { ServiceNowError } from '../core/index.js';
import type { ErrorSummary } from './run-result.js';

/** A loggable summary of an error: name, code, message; never a stack or a secret-bearing object. */
export function summarize(error: unknown): ErrorSummary {
  if (error instanceof ServiceNowError)
    return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
