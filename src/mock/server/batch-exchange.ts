/**
 * One request inside a Batch API call, as the request handler sees it: a request built from
 * the batch item, and a response that keeps what the handler writes instead of sending it.
 *
 * @module
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { MockHttpRequest, MockHttpResponse } from './http-exchange.js';

/** A batch item as a request. @internal */
export class BatchItemRequest implements MockHttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly #body: Buffer;

  constructor(method: string, url: string, headers: IncomingHttpHeaders, body: Buffer) {
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.#body = body;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    if (this.#body.length > 0) yield this.#body;
  }
}

/** A response kept in memory; `close` listeners run when it ends or the batch is abandoned. @internal */
export class BatchItemResponse implements MockHttpResponse {
  status = 0;
  headers: OutgoingHttpHeaders = {};
  body: Buffer = Buffer.alloc(0);
  destroyed = false;
  writableEnded = false;
  readonly #listeners: (() => void)[] = [];
  #closed = false;

  /** `signal`: the outer request's; when it aborts, the item is abandoned like a lost client. */
  constructor(signal: AbortSignal) {
    if (signal.aborted) this.destroyed = true;
    else signal.addEventListener('abort', () => this.destroy(), { once: true });
  }

  on(_event: 'close', listener: () => void): this {
    this.#listeners.push(listener);
    return this;
  }

  writeHead(status: number, headers: OutgoingHttpHeaders): this {
    this.status = status;
    this.headers = headers;
    return this;
  }

  end(body?: Buffer): this {
    if (body !== undefined) this.body = body;
    this.writableEnded = true;
    this.#close();
    return this;
  }

  destroy(): this {
    this.destroyed = true;
    this.#close();
    return this;
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const listener of this.#listeners) listener();
  }
}
