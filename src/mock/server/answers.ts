/**
 * The answers the mock server sends: a small value type built by every route and written by
 * one function, plus the ServiceNow error bodies and HTML pages (servicenow-api.md section 5).
 *
 * @module
 */
import type { MockFaultName } from './faults.js';

/** JSON content type exactly as ServiceNow writes it. @internal */
export const JSON_TYPE = 'application/json;charset=UTF-8';

/** An HTTP answer before it is written. @internal */
export interface Answer {
  readonly status: number;
  readonly body: string;
  /** @default JSON_TYPE */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The injected fault that produced or shaped this answer. */
  readonly fault?: MockFaultName;
}

/** A JSON answer. @internal */
export function jsonAnswer(
  status: number,
  value: unknown,
  headers?: Readonly<Record<string, string>>,
): Answer {
  return headers === undefined
    ? { status, body: JSON.stringify(value) }
    : { status, body: JSON.stringify(value), headers };
}

/** The standard error body `{"error":{"message","detail"},"status":"failure"}`. @internal */
export function errorValue(message: string, detail: string | null): unknown {
  return { error: { message, detail }, status: 'failure' };
}

/** An answer with the standard error body. @internal */
export function errorAnswer(
  status: number,
  message: string,
  detail: string | null,
  headers?: Readonly<Record<string, string>>,
): Answer {
  return jsonAnswer(status, errorValue(message, detail), headers);
}

/** 401, with `WWW-Authenticate`. @internal */
export function notAuthenticated(): Answer {
  return errorAnswer(401, 'User Not Authenticated', 'Required to provide Auth information', {
    'WWW-Authenticate': 'Basic realm="Service-now"',
  });
}

/** 404 for a missing or ACL-hidden record, and for an empty v1 list. @internal */
export function noRecordFound(): Answer {
  return errorAnswer(
    404,
    'No Record found',
    "Record doesn't exist or ACL restricts the record retrieval",
  );
}

/** 400 for a table that does not exist. @internal */
export function invalidTable(table: string): Answer {
  return errorAnswer(400, `Invalid table ${table}`, null);
}

/** 400 for a path no API serves. @internal */
export function noSuchResource(): Answer {
  return errorAnswer(400, 'Requested URI does not represent any resource', null);
}

/**
 * 400 for a query term the mock cannot evaluate (a real instance would filter on it): the
 * ServiceNow error body, naming the term. @internal
 */
export function unsupportedQuery(term: string, reason: string): Answer {
  return errorAnswer(
    400,
    `Unsupported query term: ${term}`,
    `${reason}. The mock refuses the query rather than answer a wider selection than a real instance would.`,
  );
}

/** 403 for a query naming a field the user may not query. @internal */
export function insufficientQueryRights(): Answer {
  return errorAnswer(
    403,
    'Insufficient rights to query records',
    'Field(s) present in the query do not have permission to be read',
  );
}

/** 403 for a table the user may not read at all (`readDenied` fault). @internal */
export function insufficientReadRights(): Answer {
  return errorAnswer(
    403,
    'Insufficient rights to read records',
    'The user does not have the roles that table read access requires',
  );
}

/** The quota-cancel error object (section 4.5). @internal */
export const QUOTA_CANCEL_ERROR = {
  message: 'Transaction cancelled: maximum execution time exceeded',
  detail:
    'Transaction cancelled: maximum execution time exceeded Check logs for error trace or enable glide.rest.debug property to verify REST request processing',
};

/** The page a hibernating developer instance serves for every URL (section 5.3). @internal */
export function hibernatingPage(): Answer {
  const body = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Instance Hibernating page</title></head>
<body class="instance-hibernating-page">
<main>
<h1>Your instance is hibernating</h1>
<p>Developer instances hibernate after a period of inactivity.</p>
<p>Sign in to the site to wake your instance.</p>
</main>
</body>
</html>
`;
  return { status: 200, body, contentType: 'text/html;charset=UTF-8', fault: 'hibernate' };
}

const REASONS: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A 5xx answer: ServiceNow's JSON body, or a proxy's HTML page. @internal */
export function serverError(status: number, html: boolean): Answer {
  const reason = REASONS[status] ?? 'Server Error';
  if (html && status !== 500) {
    const body = `<html><head><title>${status} ${reason}</title></head><body><center><h1>${status} ${reason}</h1></center><hr><center>proxy</center></body></html>\n`;
    return { status, body, contentType: 'text/html', fault: 'serverErrors' };
  }
  const detail =
    status === 500
      ? 'An unexpected error occurred while processing the request'
      : 'The instance is temporarily unable to service the request';
  return { ...errorAnswer(status, reason, detail), fault: 'serverErrors' };
}

/** Default `X-RateLimit-Rule` sys_id. @internal */
export const DEFAULT_RATE_LIMIT_RULE = '5e8a6b2f1b3a2010a5c8e4a2604bcb11';

/** A 429 from a rate-limit rule, with `Retry-After` and the `X-RateLimit-*` headers. @internal */
export function rateLimited(
  nowMs: number,
  settings: {
    readonly retryAfterSeconds?: number;
    readonly limit?: number;
    readonly rule?: string;
  },
): Answer {
  const retryAfter = settings.retryAfterSeconds ?? 1;
  const limit = settings.limit ?? 100;
  return errorAnswer(
    429,
    'Rate limit exceeded',
    `Rate limit of ${limit} requests per hour for Table API exceeded`,
    {
      'Retry-After': String(retryAfter),
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Reset': String(Math.ceil(nowMs / 1000) + retryAfter),
      'X-RateLimit-Rule': settings.rule ?? DEFAULT_RATE_LIMIT_RULE,
    },
  );
}

/** A bare 429, as a node answers when its API_INT semaphore queue is full. @internal */
export function tooManyRequests(): Answer {
  return errorAnswer(
    429,
    'Too Many Requests',
    'The maximum number of queued requests for this node was exceeded',
  );
}

/** 406 when the `Accept` header allows neither JSON nor XML. @internal */
export function notAcceptable(): Answer {
  return errorAnswer(
    406,
    'Requested response format is not supported',
    'The Accept header must allow application/json or application/xml',
  );
}

/** 405 for a method the mock does not serve on this path. @internal */
export function methodNotAllowed(method: string): Answer {
  return errorAnswer(
    405,
    'Method not Supported',
    `The mock serves GET and HEAD here, not ${method}`,
  );
}
