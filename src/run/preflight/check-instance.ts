/**
 * The instance side of the preflight: one quick read shows that the instance answers with JSON
 * and accepts the credentials. What the run's retries can handle (a 503, a 429, a table the user
 * may not read) lets the run go on.
 *
 * @module
 */
import createDebug from 'debug';
import {
  AuthenticationError,
  InstanceUnavailableError,
  PermissionError,
  ServiceNowRequestError,
  type TableRecord,
  TimeoutError,
} from '../../client/index.js';
import type { RunClient } from '../run-options.js';
import { connectionFailure, innermostMessage } from './failure-reason.js';
import { PreflightError } from './preflight-error.js';

const debug = createDebug('servicenow-sync:preflight');

/** Who and where, for the messages. @internal */
export interface ProbeTarget {
  /** The normalised instance URL, when the client tells it. */
  readonly instanceUrl: string | undefined;
  /** The user name of the credentials, when they carry one. */
  readonly userName: string | undefined;
}

/** One quick read of the instance. @internal */
export interface InstanceProbe {
  readonly table: string;
  /** `undefined`: every field (the keys of the record are the table's fields). */
  readonly fields: readonly string[] | undefined;
  readonly timeoutMs: number;
  /** The caller's signal with the check's deadline. */
  readonly signal: AbortSignal;
}

/**
 * Reads one record of `probe.table`; resolves to the records read, or `undefined` when the
 * answer proves the instance and the credentials but holds no records (403 on the table, 429,
 * 5xx): the run goes on and reports those itself.
 *
 * @throws {@link PreflightError} (side `instance` or `credentials`).
 * @internal
 */
export async function probeInstance(
  peek: NonNullable<RunClient['peek']>,
  target: ProbeTarget,
  probe: InstanceProbe,
): Promise<TableRecord[] | undefined> {
  try {
    return await peek(probe.table, {
      timeoutMs: probe.timeoutMs,
      signal: probe.signal,
      ...(probe.fields === undefined ? {} : { fields: probe.fields }),
    });
  } catch (error) {
    const refused = refusal(target, probe, error);
    if (refused !== undefined) throw refused;
    if (!(error instanceof ServiceNowRequestError)) throw error;
    // Authenticated (403) or answering but busy (429, 5xx), or a body the run's retries may get
    // past: the run reports those per task.
    debug('preflight read of %s answered %s; the run goes on', probe.table, error.message);
    return undefined;
  }
}

/** The preflight error of a failed read; `undefined` when the failure is not one. */
function refusal(
  target: ProbeTarget,
  probe: InstanceProbe,
  error: unknown,
): PreflightError | undefined {
  const instance = target.instanceUrl ?? originOf(error);
  if (isRefusedCredentials(error)) {
    const user = target.userName === undefined ? '' : ` of user ${target.userName}`;
    const said = error.serviceNowMessage === undefined ? '' : ` ${error.serviceNowMessage}`;
    return new PreflightError(
      'credentials',
      `ServiceNow rejected the credentials${user} (${error.status}${said})`,
      'check the user name and password (or the OAuth client, or the token), and that the user is active and may use web services',
      { cause: error },
    );
  }
  if (error instanceof InstanceUnavailableError && error.reason !== 'status') {
    return unreachable(instance, error);
  }
  if (error instanceof TimeoutError || isDeadline(error, probe.signal)) {
    return new PreflightError(
      'instance',
      `${instance} did not answer within ${probe.timeoutMs / 1000} s`,
      'check the instance URL, the network and any proxy in between',
      { cause: error },
    );
  }
  return undefined;
}

/** 401, or a refused OAuth token request (400/401/403 from `/oauth_token.do`). */
function isRefusedCredentials(error: unknown): error is AuthenticationError {
  if (error instanceof AuthenticationError) return true;
  return error instanceof PermissionError && error.url.includes('/oauth_token.do');
}

/** The instance answered no HTTP, or HTML, or a redirect. */
function unreachable(instance: string, error: InstanceUnavailableError): PreflightError {
  const cause = { cause: error };
  if (error.reason === 'html') {
    return new PreflightError(
      'instance',
      `${instance} answered with an HTML page instead of JSON (a hibernating developer instance, a login page or a proxy)`,
      'wake the instance (developer portal) or check the instance URL',
      cause,
    );
  }
  if (error.reason === 'redirect') {
    return new PreflightError(
      'instance',
      `${instance} redirected the request (a login page, or not the instance's own URL)`,
      'check the instance URL (https://<name>.service-now.com)',
      cause,
    );
  }
  const reason = connectionFailure(error) ?? innermostMessage(error);
  return new PreflightError(
    'instance',
    `cannot reach ${instance}: ${reason}`,
    'check the instance URL and the network',
    cause,
  );
}

/** The check's own deadline expired (the caller's signal did not abort). */
function isDeadline(error: unknown, signal: AbortSignal): boolean {
  return (
    signal.aborted &&
    signal.reason instanceof DOMException &&
    signal.reason.name === 'TimeoutError' &&
    (error === signal.reason || (error instanceof Error && error.name === 'TimeoutError'))
  );
}

function originOf(error: unknown): string {
  if (!(error instanceof ServiceNowRequestError)) return 'the instance';
  try {
    return new URL(error.url).origin;
  } catch {
    return 'the instance';
  }
}
