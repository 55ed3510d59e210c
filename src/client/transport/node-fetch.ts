/**
 * A minimal `fetch` over `node:https`/`node:http` with a keep-alive agent of its own, used when
 * the client is given extra CA certificates (`tls.ca`): the CAs apply to this client's agent
 * only, and certificate checks stay on. Handles gzip/deflate/br, AbortSignal and redirects
 * (`manual` only, which is all the client asks for).
 *
 * @module
 */
import http from 'node:http';
import https from 'node:https';
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';

/** The subset of `fetch` the client calls. */
export type FetchFunction = (
  input: string | URL | Request,
  init?: RequestInit,
) => Promise<Response>;

/** Extra trust for instances behind a private certificate authority. */
export interface TlsOptions {
  /**
   * PEM certificate(s) trusted in addition to Node's bundled roots, for this client only.
   * Certificate verification is never switched off.
   */
  readonly ca: string | Buffer | readonly (string | Buffer)[];
}

/** A fetch bound to its own agents; `close()` destroys their sockets. */
export interface ClosableFetch {
  readonly fetch: FetchFunction;
  close(): void;
}

const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

function toHeaderRecord(init: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (init === undefined) return out;
  new Headers(init).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function decoded(response: http.IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? '').toLowerCase();
  let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') decoder = zlib.createGunzip();
  else if (encoding === 'deflate') decoder = zlib.createInflate();
  else if (encoding === 'br') decoder = zlib.createBrotliDecompress();
  if (decoder === undefined) return response;
  return pipeline(response, decoder, () => {});
}

/**
 * Creates a fetch that trusts `tls.ca` in addition to the default roots, with keep-alive agents.
 *
 * @example
 * ```ts
 * const { fetch, close } = createNodeFetch({ ca: readFileSync('corp-root.pem') });
 * ```
 */
export function createNodeFetch(tls: TlsOptions): ClosableFetch {
  const ca = Array.isArray(tls.ca) ? [...tls.ca] : (tls.ca as string | Buffer);
  const httpsAgent = new https.Agent({ keepAlive: true, ca });
  const httpAgent = new http.Agent({ keepAlive: true });

  const fetchImpl: FetchFunction = (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const isHttps = url.protocol === 'https:';
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const request = (isHttps ? https : http).request(url, {
        method: init.method ?? 'GET',
        headers: toHeaderRecord(init.headers),
        agent: isHttps ? httpsAgent : httpAgent,
      });
      const onAbort = (): void => {
        request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.aborted ? signal.reason : error);
      });
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        const headers = new Headers();
        const raw = response.rawHeaders;
        for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] ?? '', raw[i + 1] ?? '');
        response.on('close', () => signal?.removeEventListener('abort', onAbort));
        const body = NULL_BODY_STATUSES.has(status)
          ? null
          : (Readable.toWeb(decoded(response)) as ReadableStream<Uint8Array>);
        if (body === null) response.resume();
        resolve(new Response(body, { status, statusText: response.statusMessage ?? '', headers }));
      });
      const body = init.body;
      if (typeof body === 'string' || body instanceof Uint8Array) request.end(body);
      else request.end();
    });

  return {
    fetch: fetchImpl,
    close() {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}
