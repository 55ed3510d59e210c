/**
 * Reading a request body with a size cap.
 *
 * @module
 */
import type { MockHttpRequest } from './http-exchange.js';

/** The body as UTF-8 text, or `undefined` when it exceeds `maxBytes`. @internal */
export async function readBodyText(
  req: MockHttpRequest,
  maxBytes: number,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += bytes.length;
    if (size > maxBytes) return undefined;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
