/**
 * Writes an answer as ServiceNow does: its headers (transaction id, no-cache, session cookie),
 * gzip when accepted, no body for `HEAD`.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { type Answer, JSON_TYPE } from './answers.js';
import type { MockHttpRequest, MockHttpResponse } from './http-exchange.js';

const gzipAsync = promisify(gzip);

/** What the session adds to an answer's headers. @internal */
export interface AnswerExtras {
  readonly loggedIn: boolean;
  readonly setCookies: readonly string[];
  readonly sessionWaitMs: number;
}

/** Writes an answer, unless the connection is already gone. @internal */
export async function writeAnswer(
  req: MockHttpRequest,
  res: MockHttpResponse,
  answer: Answer,
  extra: AnswerExtras,
): Promise<void> {
  const headers: Record<string, string | string[]> = {
    'Content-Type': answer.contentType ?? JSON_TYPE,
    'X-Transaction-ID': randomBytes(6).toString('hex'),
    'Server-Timing': `sem_wait;dur=0, sesh_wait;dur=${extra.sessionWaitMs}`,
    Pragma: 'no-store,no-cache',
    'Cache-Control': 'no-cache,no-store,must-revalidate,max-age=-1',
    Expires: '0',
    'X-Content-Type-Options': 'nosniff',
    Server: 'ServiceNow',
    ...answer.headers,
  };
  if (extra.loggedIn) headers['X-Is-Logged-In'] = 'true';
  if (extra.setCookies.length > 0) headers['Set-Cookie'] = [...extra.setCookies];
  const head = req.method === 'HEAD';
  let body = Buffer.from(answer.body, 'utf8');
  if (!head && body.length > 0 && /\bgzip\b/i.test(req.headers['accept-encoding'] ?? '')) {
    body = await gzipAsync(body);
    headers['Content-Encoding'] = 'gzip';
    headers.Vary = 'Accept-Encoding';
  }
  headers['Content-Length'] = String(body.length);
  if (res.destroyed) return;
  res.writeHead(answer.status, headers);
  res.end(head ? undefined : body);
}
