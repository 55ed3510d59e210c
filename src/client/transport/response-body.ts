/**
 * Classifies a response: is it the JSON the endpoint promised, or which kind of failure?
 * ServiceNow's errors are not always error statuses: a hibernating instance answers 200 with
 * HTML, a cancelled transaction answers 200 with a truncated body or a top-level `error`
 * (servicenow-api.md 0.8, 4.5, 5.3).
 *
 * @module
 */

import type { InvalidResponseReason, UnavailableReason } from '../errors/index.js';
import { readErrorBody } from '../errors/index.js';
import type { AttemptFailure } from './retry-policy.js';

/** A usable body. */
export interface BodySuccess {
  readonly ok: true;
  readonly body: unknown;
}

/** A failed attempt, with what is needed to build the final error. */
export interface BodyFailure {
  readonly ok: false;
  readonly failure: AttemptFailure;
  /** Short description for the error message. */
  readonly detail: string;
  /** Parsed JSON body, when it parsed (error statuses). */
  readonly body?: unknown;
  readonly unavailableReason?: UnavailableReason;
  readonly invalidReason?: InvalidResponseReason;
}

/** The outcome of {@link classifyResponse}. */
export type BodyOutcome = BodySuccess | BodyFailure;

/** What {@link classifyResponse} reads from a response. */
export interface ResponseFacts {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
  readonly retryAfterMs?: number | undefined;
  /** Shape check for successful bodies: returns the problem, or `undefined`. */
  readonly validate?: ((body: unknown) => string | undefined) | undefined;
}

const QUOTA_CANCEL = /transaction cancell?ed/i;

/** First character that is not whitespace, without copying the text. */
function firstSignificant(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return text[i] ?? '';
  }
  return '';
}

function isJsonContentType(contentType: string | null): boolean {
  return contentType === null || contentType === '' || /\bjson\b/i.test(contentType);
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A 3xx: redirects are not followed (a login page or a proxy answered). */
function redirectFailure(status: number): BodyFailure {
  return {
    ok: false,
    failure: { kind: 'unavailable', status },
    detail: `${status} redirect (login page or proxy?); redirects are not followed`,
    unavailableReason: 'redirect',
  };
}

/** A 4xx/5xx: a `status` failure, or a quota cancel when ServiceNow's message says so. */
function errorStatusFailure(facts: ResponseFacts, looksHtml: boolean): BodyFailure {
  const { status, text } = facts;
  const parsed = looksHtml ? undefined : tryParse(text);
  const body = parsed?.ok ? parsed.value : undefined;
  const message = readErrorBody(body).message;
  if (message !== undefined && QUOTA_CANCEL.test(message)) {
    return {
      ok: false,
      failure: { kind: 'quota-cancel', status },
      detail: `${status} ${message}`,
      body,
      invalidReason: 'error-body',
    };
  }
  return {
    ok: false,
    failure: { kind: 'status', status, retryAfterMs: facts.retryAfterMs },
    detail: String(status),
    body,
  };
}

/** A body that is not JSON: truncated (perhaps by a cancelled transaction) or empty. */
function unparsableFailure(status: number, text: string): BodyFailure {
  const cancelled = QUOTA_CANCEL.test(text);
  return {
    ok: false,
    failure: { kind: cancelled ? 'quota-cancel' : 'invalid-json', status },
    detail: cancelled
      ? 'truncated JSON body of a cancelled transaction'
      : `body is not valid JSON (${text.length === 0 ? 'empty' : 'truncated?'})`,
    invalidReason: 'invalid-json',
  };
}

/** A parsed success body: a top-level `error`, a shape the endpoint does not promise, or usable. */
function parsedBodyOutcome(facts: ResponseFacts, body: unknown): BodyOutcome {
  const { status } = facts;
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const message = readErrorBody(body).message ?? 'unknown error';
    return {
      ok: false,
      failure: { kind: QUOTA_CANCEL.test(message) ? 'quota-cancel' : 'error-body', status },
      detail: `${status} with an error body: ${message}`,
      body,
      invalidReason: 'error-body',
    };
  }
  const problem = facts.validate?.(body);
  if (problem !== undefined) {
    return {
      ok: false,
      failure: { kind: 'invalid-json', status },
      detail: problem,
      body,
      invalidReason: 'unexpected-shape',
    };
  }
  return { ok: true, body };
}

/** Classifies one response. Error statuses become `status` failures (or quota cancels). */
export function classifyResponse(facts: ResponseFacts): BodyOutcome {
  const { status, contentType, text } = facts;
  if (status >= 300 && status < 400) return redirectFailure(status);
  const looksHtml = firstSignificant(text) === '<' || !isJsonContentType(contentType);
  if (status >= 400) return errorStatusFailure(facts, looksHtml);
  if (looksHtml) {
    return {
      ok: false,
      failure: { kind: 'unavailable', status },
      detail: `expected JSON, received ${contentType ?? 'no content type'} (hibernating instance, login page or proxy?)`,
      unavailableReason: 'html',
    };
  }
  const parsed = tryParse(text);
  return parsed.ok ? parsedBodyOutcome(facts, parsed.value) : unparsableFailure(status, text);
}
