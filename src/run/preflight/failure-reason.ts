/**
 * Connection failures in a few plain words (`host not found`, `connection refused`), from the
 * error codes Node and the drivers set anywhere in an error's causes.
 *
 * @module
 */

/** Plain words for the error codes of a failed connection. */
const REASONS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is not trusted (self-signed)',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted (self-signed CA)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted (unknown CA)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate is not trusted (unknown CA)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

/** The errors an error is made of: itself, its causes, an AggregateError's errors. */
function* chain(error: unknown, depth = 0): Generator<unknown> {
  if (error === undefined || error === null || depth > 8) return;
  yield error;
  if (typeof error !== 'object') return;
  if (error instanceof AggregateError)
    for (const inner of error.errors) yield* chain(inner, depth + 1);
  yield* chain((error as { cause?: unknown }).cause, depth + 1);
}

/** Plain words for a connection failure found in `error`'s causes; `undefined` when none is. */
export function connectionFailure(error: unknown): string | undefined {
  for (const part of chain(error)) {
    const code = (part as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && Object.hasOwn(REASONS, code)) return REASONS[code];
  }
  return undefined;
}

/** The message of the innermost error of the chain (the driver's own words). */
export function innermostMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  for (const part of chain(error))
    if (part instanceof Error && part.message) message = part.message;
  return message;
}
