/**
 * The `echoRequest` fault's answer: the standard error body carrying the request back (its
 * URL, every header and the body), so tests can prove a client redacts all it sent.
 *
 * @module
 */
import { type Answer, errorAnswer } from './answers.js';
import type { MockEchoRequestFault } from './faults.js';
import type { MockHttpRequest } from './http-exchange.js';
import { readBodyText } from './request-body.js';

/** Bodies longer than this are echoed as `[body over 1 MiB]`. */
const MAX_ECHO_BYTES = 1024 * 1024;

/** Reads the request's body and answers it back with its URL and headers. @internal */
export async function echoAnswer(
  req: MockHttpRequest,
  fault: MockEchoRequestFault,
): Promise<Answer> {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const body = (await readBodyText(req, MAX_ECHO_BYTES)) ?? '[body over 1 MiB]';
  const detail = JSON.stringify({ method, url, headers: req.headers, body });
  return {
    ...errorAnswer(fault.status ?? 400, `Echoed request: ${method} ${url}`, detail),
    fault: 'echoRequest',
  };
}
