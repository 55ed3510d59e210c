/**
 * Sends one logical request: waits for the rate gate and a queue slot, authenticates, applies
 * the timeout, classifies the response, retries by the policy, renews OAuth once on a 401, and
 * turns the last failure into a typed error with secrets redacted.
 *
 * @module
 */
import createDebug from 'debug';
import { sleep, throwIfAborted } from './abort.js';
import { redactUrl } from './redact.js';
import { toRequestError } from './request-failure.js';
import {
  type AttemptOutcome,
  buildUrl,
  type ExecutorConfig,
  type FailedAttempt,
  type RequestResult,
  type RequestSpec,
} from './request-spec.js';
import { sendAttempt } from './send-attempt.js';

const log = createDebug('servicenow-sync:http');

/** One attempt as sent: its outcome and what it was sent with. */
interface SentAttempt {
  readonly outcome: AttemptOutcome;
  readonly url: string;
  readonly authorization: string | undefined;
}

/** Runs requests for one client. */
export class RequestExecutor {
  readonly #config: ExecutorConfig;

  /** An executor over the client's shared parts. */
  constructor(config: ExecutorConfig) {
    this.#config = config;
  }

  /** The configuration (shared by the client's helpers). */
  get config(): ExecutorConfig {
    return this.#config;
  }

  /** Sends the request, retrying as the policy allows; throws a typed error on failure. */
  async execute(spec: RequestSpec): Promise<RequestResult> {
    const config = this.#config;
    const signal =
      spec.signal === undefined ? config.lifetime : AbortSignal.any([spec.signal, config.lifetime]);
    let attempts = 0;
    let renewed = false;
    for (;;) {
      attempts++;
      const { outcome, url, authorization } = await this.#send(spec, signal, attempts);
      if (outcome.ok) {
        const { body, status, bytes } = outcome;
        return { body, status, bytes, attempts, url, notFound: false };
      }
      if (this.#renewAfter401(spec, outcome, authorization, renewed)) {
        renewed = true;
        config.metrics.add('retries');
        continue;
      }
      if (outcome.failure.status === 404 && spec.allowNotFound && outcome.body !== undefined) {
        return { body: outcome.body, status: 404, bytes: 0, attempts, url, notFound: true };
      }
      if (!config.policy.shouldRetry(outcome.failure, attempts)) {
        config.metrics.add('errors');
        const { timeoutMs, redactor } = config;
        throw toRequestError({ spec, url, outcome, attempts, timeoutMs }, redactor);
      }
      await this.#backOff(spec, url, outcome, attempts, signal);
    }
  }

  /** Waits for the rate gate, the credentials and a queue slot, then sends one attempt. */
  async #send(spec: RequestSpec, signal: AbortSignal, attempt: number): Promise<SentAttempt> {
    const config = this.#config;
    throwIfAborted(signal);
    const gateWait = await config.gate.wait(signal);
    if (gateWait > 0) config.metrics.add('waitMs', gateWait);
    const authorization =
      spec.endpoint === 'token' ? undefined : await config.auth.authorization(signal);
    const url = buildUrl(config.origin, spec.path, spec.params?.() ?? {});
    const queuedAt = performance.now();
    const outcome = await config.queue.add(
      () => {
        config.metrics.add('waitMs', performance.now() - queuedAt);
        return sendAttempt(config, { spec, url, authorization, signal, attempt });
      },
      { signal },
    );
    return { outcome, url, authorization };
  }

  /**
   * After a 401 on an API request: drops the session cookies and, once per request, asks the
   * credentials to renew; `true` when one more attempt is worthwhile (OAuth).
   */
  #renewAfter401(
    spec: RequestSpec,
    outcome: FailedAttempt,
    authorization: string | undefined,
    renewed: boolean,
  ): boolean {
    if (outcome.failure.status !== 401 || spec.endpoint === 'token') return false;
    const config = this.#config;
    config.cookies?.clear();
    return !renewed && authorization !== undefined && config.auth.renew(authorization);
  }

  /** Waits the policy's delay before the next attempt (holding the gate after `Retry-After`). */
  async #backOff(
    spec: RequestSpec,
    url: string,
    { failure }: FailedAttempt,
    attempts: number,
    signal: AbortSignal,
  ): Promise<void> {
    const config = this.#config;
    const delay = config.policy.delayMs(failure, attempts);
    if (failure.retryAfterMs !== undefined) config.gate.block(delay);
    spec.onRetry?.(failure);
    config.metrics.add('retries');
    if (log.enabled) {
      log(
        'retry %d/%d of %s %s in %d ms after %s',
        attempts,
        config.policy.maxAttempts - 1,
        spec.method,
        redactUrl(url),
        delay,
        failure.status === undefined ? failure.kind : `${failure.kind} ${failure.status}`,
      );
    }
    await sleep(delay, signal);
    config.metrics.add('waitMs', delay);
  }
}
