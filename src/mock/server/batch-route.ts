/**
 * `POST /api/now[/v1]/batch` (servicenow-api.md sections 7.4 and 11): several REST requests
 * in one, each with a base64 body, run one after the other through the same handling as a
 * request from the network, their answers returned base64-encoded.
 *
 * @module
 */
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { type Answer, errorAnswer, jsonAnswer, notAcceptable } from './answers.js';
import { BatchItemRequest, BatchItemResponse } from './batch-exchange.js';
import type { MockHttpRequest } from './http-exchange.js';
import { readBodyText } from './request-body.js';
import { preciseNow } from './request-log.js';
import { acceptsJson } from './routes.js';

/** Largest Batch API body the mock reads, in bytes. @internal */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/;

const batchId = z.union([z.string(), z.number()]);

const batchSchema = z.object({
  batch_request_id: batchId.optional(),
  rest_requests: z.array(
    z.object({
      id: batchId,
      method: z.string().min(1),
      url: z.string().regex(/^(\/|https?:\/\/)/, 'must be a path (/api/now/...) or an http(s) URL'),
      headers: z.array(z.object({ name: z.string().min(1), value: z.string() })).optional(),
      body: z.string().regex(BASE64, 'must be base64').optional(),
      exclude_response_headers: z.boolean().optional(),
    }),
  ),
});

type BatchItem = z.infer<typeof batchSchema>['rest_requests'][number];

/** One `{name, value}` header of a batch item or answer. @internal */
interface NamedHeader {
  readonly name: string;
  readonly value: string;
}

/** One answered batch item. */
interface ServicedRequest {
  readonly id: string | number;
  readonly status_code: number;
  readonly status_text: string;
  readonly headers: NamedHeader[];
  readonly body: string;
  readonly execution_time: number;
}

/** Runs one request through the request handler; resolves when it is answered or abandoned. @internal */
export type RunBatchItem = (request: MockHttpRequest, response: BatchItemResponse) => Promise<void>;

function malformed(detail: string): Answer {
  return errorAnswer(400, 'Invalid batch request', detail);
}

function itemRequest(item: BatchItem): BatchItemRequest {
  const headers: Record<string, string> = {};
  for (const { name, value } of item.headers ?? []) headers[name.toLowerCase()] = value;
  const url = item.url.startsWith('/') ? item.url : pathOf(item.url);
  const body = Buffer.from(item.body ?? '', 'base64');
  return new BatchItemRequest(item.method.toUpperCase(), url, headers, body);
}

function pathOf(absolute: string): string {
  const parsed = new URL(absolute);
  return `${parsed.pathname}${parsed.search}`;
}

function namedHeaders(response: BatchItemResponse): NamedHeader[] {
  const out: NamedHeader[] = [];
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value])
      out.push({ name, value: String(one) });
  }
  return out;
}

/** Reads and checks the batch body; the parsed batch, or the 400/413 answer. */
async function readBatch(
  req: MockHttpRequest,
): Promise<{ readonly batch: z.infer<typeof batchSchema> } | { readonly refused: Answer }> {
  const text = await readBodyText(req, MAX_BATCH_BYTES);
  if (text === undefined) {
    const detail = `The batch body exceeds ${MAX_BATCH_BYTES} bytes`;
    return { refused: errorAnswer(413, 'Request Entity Too Large', detail) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { refused: malformed('The batch body is not valid JSON') };
  }
  const parsed = batchSchema.safeParse(json);
  if (!parsed.success) return { refused: malformed(z.prettifyError(parsed.error)) };
  return { batch: parsed.data };
}

/**
 * A Batch API call: every item run in order through `run` (auth of the outer request, faults,
 * the request log), answered `{batch_request_id, serviced_requests, unserviced_requests}`;
 * 400 for a malformed batch, 405 for another method than POST. @internal
 */
export async function answerBatch(
  req: MockHttpRequest,
  run: RunBatchItem,
  signal: AbortSignal,
): Promise<Answer> {
  if (req.method !== 'POST') {
    const detail = `The Batch API takes POST, not ${req.method ?? 'GET'}`;
    return errorAnswer(405, 'Method not Supported', detail);
  }
  if (!acceptsJson(req.headers.accept)) return notAcceptable();
  const read = await readBatch(req);
  if ('refused' in read) return read.refused;
  const serviced: ServicedRequest[] = [];
  const unserviced: (string | number)[] = [];
  for (const item of read.batch.rest_requests) {
    const response = new BatchItemResponse(signal);
    const started = preciseNow();
    if (!signal.aborted) await run(itemRequest(item), response);
    if (!response.writableEnded) {
      unserviced.push(item.id);
      continue;
    }
    serviced.push({
      id: item.id,
      status_code: response.status,
      status_text: STATUS_CODES[response.status] ?? '',
      headers: item.exclude_response_headers === true ? [] : namedHeaders(response),
      body: response.body.toString('base64'),
      execution_time: Math.round(preciseNow() - started),
    });
  }
  const id = read.batch.batch_request_id;
  return jsonAnswer(200, {
    ...(id === undefined ? {} : { batch_request_id: id }),
    serviced_requests: serviced,
    unserviced_requests: unserviced,
  });
}
