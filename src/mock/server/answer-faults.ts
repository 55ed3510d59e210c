/**
 * The faults that replace or spoil an answer: rate caps and limits, bare 429s, read denials,
 * server errors, and truncated JSON.
 *
 * @module
 */
import {
  type Answer,
  insufficientReadRights,
  rateLimited,
  serverError,
  tooManyRequests,
} from './answers.js';
import type { FaultTarget } from './fault-engine.js';
import type { HandlerState } from './handler-state.js';
import { preciseNow } from './request-log.js';

/** The rate cap, rate limit, bare 429 or 5xx answer for this request, if one fires. @internal */
export function terminalFault(state: HandlerState, target: FaultTarget): Answer | undefined {
  const { faults } = state;
  const cap = faults.overRateCap(target, preciseNow());
  if (cap !== undefined) {
    const answer = cap.withHeaders
      ? rateLimited(state.options.now(), { limit: cap.limit * 3600 })
      : tooManyRequests();
    return { ...answer, fault: 'requestsPerSecond' };
  }
  const limit = faults.fire('rateLimit', target);
  if (limit !== undefined)
    return { ...rateLimited(state.options.now(), limit), fault: 'rateLimit' };
  if (faults.fire('bare429', target) !== undefined)
    return { ...tooManyRequests(), fault: 'bare429' };
  if (faults.fire('readDenied', target) !== undefined)
    return { ...insufficientReadRights(), fault: 'readDenied' };
  const errors = faults.fire('serverErrors', target);
  if (errors === undefined) return undefined;
  const statuses = typeof errors.status === 'number' ? [errors.status] : (errors.status ?? [503]);
  const status = statuses[(faults.firedCount('serverErrors') - 1) % statuses.length] ?? 503;
  return serverError(status, errors.html ?? false);
}

function truncated(answer: Answer, fraction: number): Answer {
  const keep = Math.min(
    answer.body.length - 1,
    Math.max(1, Math.floor(answer.body.length * fraction)),
  );
  return { ...answer, body: answer.body.slice(0, keep), fault: 'truncateJson' };
}

/** The answer, cut short when the `truncateJson` fault fires on a table's JSON. @internal */
export function maybeTruncated(state: HandlerState, target: FaultTarget, answer: Answer): Answer {
  if (answer.status !== 200 || answer.contentType !== undefined || target.table === undefined) {
    return answer;
  }
  const cut = state.faults.fire('truncateJson', target);
  return cut === undefined ? answer : truncated(answer, cut.fraction ?? 0.5);
}
