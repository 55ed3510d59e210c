import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createHttpError, readErrorBody } from '../../src/client/errors/create-http-error.js';
import {
  AuthenticationError,
  HttpError,
  InvalidTableError,
  NotFoundError,
  PermissionError,
  QueryRejectedError,
  RateLimitError,
} from '../../src/client/errors/http-errors.js';
import type { ServiceNowRequestError } from '../../src/client/errors/request-error.js';
import {
  InstanceUnavailableError,
  InvalidResponseError,
  TimeoutError,
} from '../../src/client/errors/transport-errors.js';
import {
  REDACTED,
  redactHeaders,
  redactUrl,
  SecretRedactor,
} from '../../src/client/transport/redact.js';
import { ServiceNowError } from '../../src/core/errors.js';

const URL_ = 'https://acme.service-now.com/api/now/table/incidnt';
const body = (message: string, detail: string | null = null) => ({
  error: { message, detail },
  status: 'failure',
});

describe('createHttpError', () => {
  it('maps 400 Invalid table to InvalidTableError with the documented message', () => {
    const error = createHttpError({
      method: 'GET',
      url: `${URL_}?sysparm_limit=1`,
      status: 400,
      body: body('Invalid table incidnt'),
    });
    expect(error).toBeInstanceOf(InvalidTableError);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toBeInstanceOf(ServiceNowError);
    expect(error.message).toBe(
      '[GET] https://acme.service-now.com/api/now/table/incidnt: 400 Invalid table incidnt',
    );
    expect(error.url).toBe(`${URL_}?sysparm_limit=1`);
    expect((error as HttpError).serviceNowMessage).toBe('Invalid table incidnt');
    expect(error.code).toBe('INVALID_TABLE');
  });

  it('maps each status to its class', () => {
    const cases: [number, unknown, new (...args: never[]) => ServiceNowRequestError][] = [
      [
        401,
        body('User Not Authenticated', 'Required to provide Auth information'),
        AuthenticationError,
      ],
      [
        403,
        body('Insufficient rights to query records', 'Field(s) present...'),
        QueryRejectedError,
      ],
      [403, body('Operation Failed'), PermissionError],
      [404, body('No Record found'), NotFoundError],
      [429, body('Rate limit exceeded'), RateLimitError],
      [502, undefined, InstanceUnavailableError],
      [503, body('Service Unavailable'), InstanceUnavailableError],
      [504, undefined, InstanceUnavailableError],
      [500, body('Something broke'), HttpError],
      [400, body('Bad request'), HttpError],
    ];
    for (const [status, payload, type] of cases) {
      const error = createHttpError({ method: 'GET', url: URL_, status, body: payload });
      expect(error, `status ${status}`).toBeInstanceOf(type);
      expect(error.status).toBe(status);
    }
    expect(
      createHttpError({ method: 'GET', url: URL_, status: 403, body: body('Nope') }),
    ).not.toBeInstanceOf(QueryRejectedError);
  });

  it('treats 400 from the token endpoint as refused credentials', () => {
    const error = createHttpError({
      method: 'POST',
      url: 'https://acme.service-now.com/oauth_token.do',
      status: 400,
      body: { error: 'invalid_grant', error_description: 'bad refresh token' },
      endpoint: 'token',
    });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).serviceNowMessage).toBe('bad refresh token');
    expect((error as AuthenticationError).serviceNowDetail).toBe('invalid_grant');
  });

  it('keeps retryAfterMs, attempts and detail', () => {
    const error = createHttpError({
      method: 'GET',
      url: URL_,
      status: 429,
      body: body('Rate limit exceeded', 'Rate limit of 100 requests per hour'),
      retryAfterMs: 5000,
      attempts: 5,
    }) as RateLimitError;
    expect(error.retryAfterMs).toBe(5000);
    expect(error.attempts).toBe(5);
    expect(error.serviceNowDetail).toBe('Rate limit of 100 requests per hour');
    expect(error.toJSON()).toMatchObject({
      name: 'RateLimitError',
      status: 429,
      retryAfterMs: 5000,
    });
  });

  it('falls back to the reason phrase without a body', () => {
    const error = createHttpError({
      method: 'GET',
      url: URL_,
      status: 418,
      statusText: "I'm a teapot",
    });
    expect(error.message).toBe(`[GET] ${URL_}: 418 I'm a teapot`);
  });
});

describe('readErrorBody', () => {
  it('reads the Table API and OAuth shapes and ignores others', () => {
    expect(readErrorBody(body('m', 'd'))).toEqual({ message: 'm', detail: 'd' });
    expect(readErrorBody({ error: 'invalid_client' })).toEqual({
      message: 'invalid_client',
      detail: undefined,
    });
    expect(readErrorBody('<html>')).toEqual({ message: undefined, detail: undefined });
    expect(readErrorBody({ result: [] })).toEqual({ message: undefined, detail: undefined });
  });
});

describe('transport errors', () => {
  it('carry their context and serialize without cause secrets', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    });
    const error = new InstanceUnavailableError({
      method: 'GET',
      url: URL_,
      reason: 'network',
      detail: 'no response (connect ECONNREFUSED)',
      attempts: 3,
      cause,
    });
    expect(error.message).toBe(`[GET] ${URL_}: no response (connect ECONNREFUSED)`);
    expect(error.status).toBeUndefined();
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({
      name: 'InstanceUnavailableError',
      code: 'INSTANCE_UNAVAILABLE',
      reason: 'network',
      attempts: 3,
      cause: { name: 'Error', code: 'ECONNREFUSED' },
    });
    expect(new TimeoutError({ method: 'GET', url: URL_, timeoutMs: 250 }).message).toBe(
      `[GET] ${URL_}: no response within 250 ms`,
    );
    const invalid = new InvalidResponseError({
      method: 'GET',
      url: URL_,
      status: 200,
      reason: 'error-body',
      detail: '200 with an error body: Transaction cancelled',
      serviceNowMessage: 'Transaction cancelled: maximum execution time exceeded',
    });
    expect(invalid.toJSON()).toMatchObject({ reason: 'error-body', status: 200 });
  });
});

describe('redaction', () => {
  it('removes user info and token-like parameters from URLs, keeping the query', () => {
    const out = redactUrl(
      'https://u:p4ss@acme.service-now.com/api/now/table/incident?sysparm_query=active%3Dtrue&x-sn-apikey=k3y&access_token=t0k',
    );
    expect(out).not.toContain('p4ss');
    expect(out).not.toContain('k3y');
    expect(out).not.toContain('t0k');
    expect(out).toContain('sysparm_query=active%3Dtrue');
    expect(new URL(out).searchParams.get('x-sn-apikey')).toBe(REDACTED);
  });

  it('redacts secret headers', () => {
    expect(
      redactHeaders([
        ['Authorization', 'Basic abc'],
        ['cookie', 'JSESSIONID=1'],
        ['accept', 'application/json'],
      ]),
    ).toEqual({ Authorization: REDACTED, cookie: REDACTED, accept: 'application/json' });
  });

  it('removes known secret values, raw and URL-encoded, from text', () => {
    const redactor = new SecretRedactor();
    redactor.add('s3cr3t/with space', 'abc', undefined);
    const text = redactor.redact('pw=s3cr3t/with space or s3cr3t%2Fwith%20space; abc stays');
    expect(text).toBe(`pw=${REDACTED} or ${REDACTED}; abc stays`);
  });

  it('keeps errors free of secrets in inspect and stack', () => {
    const error = createHttpError({
      method: 'GET',
      url: redactUrl(`${URL_}?token=zzzz9999`),
      status: 401,
    });
    expect(inspect(error, { showHidden: true, depth: 5 })).not.toContain('zzzz9999');
    expect(String(error.stack)).not.toContain('zzzz9999');
  });
});
