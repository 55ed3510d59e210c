/**
 * The host service: the small HTTP service a team embeds to start loads on demand, with the old
 * loader's endpoints, done right.
 *
 *   POST /api/service-now-new/load-incidents/       {"data_inicio": "2026-10-01", "data_fim": "2026-10-07"}
 *   POST /api/service-now-new/load-configurations/
 *   GET  /api/service-now-new/executions/:id
 *
 * - A POST answers `202 Accepted` at once with the execution id (and a `Location` header); the
 *   run goes on in the background and is logged in the database's execution log.
 * - `409 Conflict` while a run of the same job is alive (in this process or another one using
 *   the same database); the body names the running execution.
 * - `400 Bad Request` with a JSON `{ error, message }` for a body that is not JSON or not an
 *   object, an unknown field, a date that is not a real `YYYY-MM-DD` day, only one of the two
 *   dates, or a reversed window. Nothing is started then.
 * - `502 Bad Gateway` with `{ error: 'preflight_failed', side, message }` when the run's
 *   preflight fails: the instance cannot be reached, refuses the credentials, or the database
 *   refuses the connection (`side`: `instance`, `credentials`, `database`). Nothing is started.
 * - Dates: `data_inicio` and `data_fim` are both included and read in UTC. Without both, the
 *   incidents job loads yesterday (UTC), as the old endpoints did. The configurations job loads
 *   whole tables: it validates dates it is given (same 400s) but does not use them.
 * - `GET .../executions/:id` answers the execution log row with its tasks, `404` for an unknown
 *   id. Responses never carry credentials: error texts come from the library, which redacts them.
 *
 * Run it against the bundled mock ServiceNow (started for you):
 *
 *   npx tsx examples/http-host.ts [--port 8080] [--db ./host-example.db]
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  configurationsJob,
  connectDatabase,
  createDatabase,
  incidentsJob,
  isIsoDay,
  type JobOptions,
  type Job as JobValue,
  type LoadJobOptions,
  PreflightError,
  type RunHandle,
  RunInProgressError,
  readRuns,
  ServiceNowClient,
  ServiceNowError,
  startRun,
} from 'servicenow-sync';
import { createMockServiceNow } from 'servicenow-sync/mock';

/** The URL prefix of the endpoints. */
export const API_PREFIX = '/api/service-now-new';

/** Options of {@link createHostService}. */
export interface HostServiceOptions {
  /** Reads ServiceNow (a `ServiceNowClient`). The service does not close it. */
  readonly client: LoadJobOptions['client'];
  /** The database written, execution log included (from `createDatabase`). Not closed either. */
  readonly db: LoadJobOptions['db'];
  /** TCP port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Extra filters per task, for every run (`{ incidents_opened: 'assignment_group.nameSTARTSWITHNOC' }`). */
  readonly filters?: LoadJobOptions['filters'];
  /** Told about unexpected errors (answered 500). @default console.error */
  readonly onError?: (error: unknown) => void;
}

/** A running host service. */
export interface HostService {
  /** Base URL, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Stops listening, cancels the runs it started (committed rows stay) and waits for them. */
  close(): Promise<void>;
}

type Job = 'incidents' | 'configurations';

/** The built-in jobs behind the two endpoints: their tasks, concurrency and default window. */
const JOBS: Readonly<Record<Job, (options?: JobOptions) => JobValue>> = {
  incidents: incidentsJob,
  configurations: configurationsJob,
};

/** A failure answered with a status and a JSON `{ error, message }` body. */
class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 16 * 1024;
const BODY_FIELDS = ['data_inicio', 'data_fim'];

/**
 * Starts the host service.
 *
 * @example
 * ```ts
 * const db = createDatabase('postgres://reporting@db.internal/servicenow');
 * const client = new ServiceNowClient({ instanceUrl, auth });
 * const service = await createHostService({ client, db, port: 8080 });
 * // later: await service.close(); await db.destroy(); await client.close();
 * ```
 */
export async function createHostService(options: HostServiceOptions): Promise<HostService> {
  const running = new Set<RunHandle>();
  // The sink, execution log and run lock in the database, shared by every run of the service.
  const parts = connectDatabase(options.db);
  const filters = options.filters === undefined ? {} : { filters: options.filters };
  const onError = options.onError ?? ((error: unknown) => console.error(error));

  async function start(job: Job, request: IncomingMessage): Promise<[number, object, string]> {
    const body = await readJsonBody(request);
    const given = windowOf(body);
    // Without dates the incidents job loads its default window (yesterday, UTC); the
    // configurations job reads whole tables and takes none.
    const window = job === 'incidents' && given !== undefined ? { window: given } : {};
    let run: RunHandle;
    try {
      run = await startRun(JOBS[job](filters), { client: options.client, ...parts, ...window });
    } catch (error) {
      if (error instanceof RunInProgressError) {
        throw new HttpProblem(409, 'run_in_progress', error.message, {
          runningExecutionId: error.runningExecutionId ?? null,
        });
      }
      if (error instanceof ServiceNowError && error.code === 'INVALID_WINDOW') {
        throw new HttpProblem(400, 'invalid_window', error.message);
      }
      if (error instanceof PreflightError) {
        throw new HttpProblem(502, 'preflight_failed', error.message, { side: error.side });
      }
      throw error;
    }
    running.add(run);
    void run.done.finally(() => running.delete(run));
    const location = `${API_PREFIX}/executions/${run.id}`;
    return [
      202,
      {
        id: run.id,
        job,
        status: 'running',
        window: run.window,
        execution: location,
        ...(job === 'configurations' && given !== undefined
          ? { note: 'The configurations job loads whole tables; the dates were checked, not used.' }
          : {}),
      },
      location,
    ];
  }

  /** The log row of an execution id (digits only: anything else is unknown). */
  async function execution(id: string): Promise<object> {
    const [run] = /^\d{1,15}$/.test(id) ? await readRuns(options.db, { id }) : [];
    if (run === undefined) throw new HttpProblem(404, 'not_found', `No execution ${id}`);
    return run;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const load = /^\/api\/service-now-new\/load-(incidents|configurations)\/?$/.exec(path);
    const executionPath = /^\/api\/service-now-new\/executions\/([^/]+)\/?$/.exec(path);
    if (load) {
      if (request.method !== 'POST') throw methodNotAllowed('POST');
      const [status, body, location] = await start(load[1] as Job, request);
      send(response, status, body, { location });
    } else if (executionPath) {
      if (request.method !== 'GET') throw methodNotAllowed('GET');
      send(response, 200, await execution(executionPath[1] ?? ''));
    } else {
      throw new HttpProblem(404, 'not_found', `No route ${request.method} ${path}`);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof HttpProblem) {
        send(
          response,
          error.status,
          { error: error.error, message: error.message, ...error.extra },
          error.status === 405 ? { allow: String(error.extra.allow) } : {},
        );
        return;
      }
      onError(error);
      send(response, 500, {
        error: 'internal_error',
        message: 'The request failed unexpectedly; see the service log.',
      });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const run of running) run.cancel('The host service is shutting down.');
      await Promise.all([...running].map((run) => run.done));
      server.closeAllConnections();
      await closed;
    },
  };
}

function methodNotAllowed(allow: string): HttpProblem {
  return new HttpProblem(405, 'method_not_allowed', `Use ${allow} on this path`, { allow });
}

function send(
  response: ServerResponse,
  status: number,
  body: object,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/**
 * The request body as a JSON object (read as JSON whatever its `Content-Type`, as `curl -d`
 * sends a form type): `{}` when empty; 400 or 413 otherwise.
 */
async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpProblem(413, 'body_too_large', `The body exceeds ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HttpProblem(
      400,
      'invalid_json',
      `The body is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpProblem(
      400,
      'invalid_body',
      'The body must be a JSON object such as {"data_inicio": "2026-10-01", "data_fim": "2026-10-07"}',
    );
  }
  const unknown = Object.keys(body).filter((key) => !BODY_FIELDS.includes(key));
  if (unknown.length > 0) {
    throw new HttpProblem(
      400,
      'invalid_body',
      `Unknown field ${JSON.stringify(unknown[0])}: the body takes data_inicio and data_fim (YYYY-MM-DD)`,
    );
  }
  return body as Record<string, unknown>;
}

/** The window of a body, `undefined` when it gives no dates; 400 when they are wrong. */
function windowOf(body: Record<string, unknown>): { from: string; to: string } | undefined {
  const from = body.data_inicio ?? undefined;
  const to = body.data_fim ?? undefined;
  if (from === undefined && to === undefined) return undefined;
  if (from === undefined || to === undefined) {
    throw new HttpProblem(
      400,
      'invalid_window',
      'Give both data_inicio and data_fim (YYYY-MM-DD), or neither to load yesterday (UTC)',
    );
  }
  for (const [name, value] of [
    ['data_inicio', from],
    ['data_fim', to],
  ] as const) {
    if (!isIsoDay(value)) {
      throw new HttpProblem(
        400,
        'invalid_window',
        `${name} must be a real date written YYYY-MM-DD, received ${JSON.stringify(value)}`,
      );
    }
  }
  const window = { from: from as string, to: to as string };
  if (window.from > window.to) {
    throw new HttpProblem(
      400,
      'invalid_window',
      `The window is reversed: data_inicio ${window.from} is after data_fim ${window.to}`,
    );
  }
  return window;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      db: { type: 'string', default: 'host-example.db' },
    },
  });
  const mock = await createMockServiceNow({ seed: 1, scale: 2000 });
  const client = new ServiceNowClient({
    instanceUrl: mock.url,
    auth: { type: 'basic', ...mock.credentials },
  });
  const db = createDatabase(`sqlite:${values.db}`);
  const service = await createHostService({ client, db, port: Number(values.port) });
  const base = `${service.url}${API_PREFIX}`;
  console.log(`Host service on ${service.url} (mock ServiceNow on ${mock.url}, data in ${values.db})
Try:
  curl -i -X POST ${base}/load-incidents/ -H 'content-type: application/json' \\
       -d '{"data_inicio": "2026-10-01", "data_fim": "2026-10-07"}'
  curl -i -X POST ${base}/load-configurations/
  curl -s ${base}/executions/1
Ctrl-C stops.`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await service.close();
  await db.destroy();
  await client.close();
  await mock.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
