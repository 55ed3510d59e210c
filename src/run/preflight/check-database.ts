/**
 * The database side of the preflight: the sink's database accepts a connection.
 *
 * @module
 */
import type { PingableSink } from '../../sink/index.js';
import { connectionFailure, innermostMessage } from './failure-reason.js';
import { PreflightError } from './preflight-error.js';

/**
 * Pings the sink's database within `timeoutMs`.
 *
 * @throws {@link PreflightError} (side `database`) naming the database without its password.
 * @internal
 */
export async function pingSink(
  sink: PingableSink,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([sink.ping(signal === undefined ? {} : { signal }), deadline]);
  } catch (error) {
    if (signal?.aborted) throw error;
    const reason = connectionFailure(error) ?? innermostMessage(error);
    throw new PreflightError(
      'database',
      `database ${sink.location}: ${reason}`,
      'check the database URL, its user and password, and that the server accepts connections',
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}
