/**
 * The parts of Node's `IncomingMessage` and `ServerResponse` the request handler uses, so a
 * request inside a Batch API call runs through the same handler as one from the network.
 *
 * @module
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** What the handler reads of a request (an `IncomingMessage` is one). @internal */
export interface MockHttpRequest extends AsyncIterable<Buffer | string> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: IncomingHttpHeaders;
}

/** What the handler does with a response (a `ServerResponse` is one). @internal */
export interface MockHttpResponse {
  readonly destroyed: boolean;
  readonly writableEnded: boolean;
  on(event: 'close', listener: () => void): unknown;
  writeHead(status: number, headers: OutgoingHttpHeaders): unknown;
  end(body?: Buffer): unknown;
  destroy(): unknown;
}
