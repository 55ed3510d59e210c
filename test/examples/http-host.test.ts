/**
 * examples/http-host.ts driven over real HTTP against the mock: 202 with the execution id at
 * once, 409 while the same job runs, 400 for bad bodies, the execution with its tasks once done,
 * 404, cancellation on close, and no secret in any answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, readRuns, ServiceNowClient, yesterdayUtc } from 'servicenow-sync';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, createHostService, type HostService } from '../../examples/http-host.js';
import { configurationsJobCounts, incidentsJobCounts } from './expected.js';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are read field by field
  readonly body: any;
}

interface Host {
  readonly service: HostService;
  readonly db: ReturnType<typeof createDatabase>;
  readonly client: ServiceNowClient;
  /** Every answer's text, to check for secrets. */
  readonly answers: string[];
  call(method: string, path: string, body?: string): Promise<Answer>;
  close(): Promise<void>;
}

let mock: MockServiceNow;
let dir: string;
const errors: unknown[] = [];

async function startHost(file: string, password = mock.credentials.password): Promise<Host> {
  const client = new ServiceNowClient({
    instanceUrl: mock.url,
    auth: { type: 'basic', username: mock.credentials.username, password },
  });
  const db = createDatabase(`sqlite:${join(dir, file)}`);
  const service = await createHostService({ client, db, onError: (e) => errors.push(e) });
  const answers: string[] = [];
  return {
    service,
    db,
    client,
    answers,
    async call(method, path, body) {
      const response = await fetch(`${service.url}${path}`, {
        method,
        ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
      });
      const text = await response.text();
      answers.push(text);
      return {
        status: response.status,
        headers: response.headers,
        text,
        body: text === '' ? undefined : JSON.parse(text),
      };
    },
    async close() {
      await service.close();
      await db.destroy();
      await client.close();
    },
  };
}

/** GETs the execution until it is no longer running (bounded: the runs here take seconds). */
async function finished(host: Host, id: string): Promise<Answer> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const answer = await host.call('GET', `${API_PREFIX}/executions/${id}`);
    if (answer.status !== 200 || answer.body.status !== 'running') return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`execution ${id} still running after 600 polls`);
}

const WINDOW = { data_inicio: '2026-10-01', data_fim: '2026-10-15' };

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 9, scale: 300 });
  dir = mkdtempSync(join(tmpdir(), 'sn-example-host-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('examples/http-host.ts', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost('host.db');
  });
  afterAll(async () => {
    await host.close();
    // No answer ever carries the password, whatever the route.
    for (const text of host.answers) expect(text).not.toContain(mock.credentials.password);
    expect(errors).toEqual([]);
  });

  it('202 with the id at once, 409 while the same job runs, then the execution with its tasks', async () => {
    // The first run's reads of incident (not the preflight's one-row peek) wait at the mock until
    // the test lets them go: the run is certainly alive for the second POST, whatever the load.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    mock.setFaults({
      mutateBetweenPages: (_store, request) =>
        request.table === 'incident' && request.params.sysparm_fields !== 'sys_id'
          ? held
          : undefined,
    });
    const path = `${API_PREFIX}/load-incidents/`;
    const first = await host.call('POST', path, JSON.stringify(WINDOW));
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({
      job: 'incidents',
      status: 'running',
      window: { from: WINDOW.data_inicio, to: WINDOW.data_fim },
    });
    const id: string = first.body.id;
    expect(id).toMatch(/^\d+$/);
    expect(first.headers.get('location')).toBe(`${API_PREFIX}/executions/${id}`);

    const second = await host.call('POST', path, JSON.stringify(WINDOW));
    expect(second.status).toBe(409);
    expect(second.body.error).toBe('run_in_progress');
    expect(second.body.runningExecutionId).toBe(id);
    expect(second.body.message).toMatch(/already in progress/);

    // Another job is not blocked by this one.
    const configurations = await host.call('POST', `${API_PREFIX}/load-configurations/`);
    expect(configurations.status).toBe(202);
    expect(configurations.body).toMatchObject({ job: 'configurations', window: null });

    const running = await host.call('GET', `${API_PREFIX}/executions/${id}`);
    expect(running.status).toBe(200);
    expect(running.body.status).toBe('running');
    mock.setFaults({});
    release();

    const done = await finished(host, id);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      id,
      executionType: 'incidents',
      startDate: WINDOW.data_inicio,
      endDate: WINDOW.data_fim,
      status: 'success',
    });
    const expected = incidentsJobCounts(mock, { from: WINDOW.data_inicio, to: WINDOW.data_fim });
    const byTarget = Object.fromEntries(
      (done.body.tasks as { target: string; recordsProcessed: number; status: string }[]).map(
        (t) => [t.target, t.recordsProcessed],
      ),
    );
    expect(byTarget).toEqual(expected);
    expect(done.body.totalRecordsProcessed).toBe(
      Object.values(expected).reduce((a, b) => a + b, 0),
    );

    const configured = await finished(host, configurations.body.id);
    expect(configured.body.status).toBe('success');
    const configuredByTarget = Object.fromEntries(
      (configured.body.tasks as { target: string; recordsProcessed: number }[]).map((t) => [
        t.target,
        t.recordsProcessed,
      ]),
    );
    expect(configuredByTarget).toEqual(configurationsJobCounts(mock));

    // Once the run is over, the job can start again.
    const third = await host.call('POST', path, JSON.stringify(WINDOW));
    expect(third.status).toBe(202);
    expect(Number(third.body.id)).toBeGreaterThan(Number(configurations.body.id));
    expect((await finished(host, third.body.id)).body.status).toBe('success');
  });

  it('without dates, the incidents job loads yesterday (UTC)', async () => {
    const answer = await host.call('POST', `${API_PREFIX}/load-incidents`);
    expect(answer.status).toBe(202);
    const day = yesterdayUtc();
    expect(answer.body.window).toEqual(day);
    const done = await finished(host, answer.body.id);
    expect(done.body).toMatchObject({ startDate: day.from, endDate: day.to, status: 'success' });
  });

  it('400 with a clear JSON message for bad bodies and dates; nothing is started', async () => {
    const before = (await readRuns(host.db, { limit: 1000 })).length;
    const cases: [string, RegExp][] = [
      ['{"data_inicio": "2026-10-01",', /not valid JSON/],
      ['[1, 2]', /must be a JSON object/],
      ['"2026-10-01"', /must be a JSON object/],
      ['{"data_incio": "2026-10-01", "data_fim": "2026-10-02"}', /Unknown field "data_incio"/],
      ['{"data_inicio": "2026-02-30", "data_fim": "2026-03-02"}', /data_inicio .*"2026-02-30"/],
      ['{"data_inicio": "2026-10-01", "data_fim": "01/10/2026"}', /data_fim .*YYYY-MM-DD/],
      ['{"data_inicio": 20261001, "data_fim": "2026-10-02"}', /data_inicio must be a real date/],
      ['{"data_inicio": "2026-10-01"}', /both data_inicio and data_fim/],
      ['{"data_inicio": "2026-10-05", "data_fim": "2026-10-01"}', /reversed/],
    ];
    for (const job of ['incidents', 'configurations']) {
      for (const [body, message] of cases) {
        const answer = await host.call('POST', `${API_PREFIX}/load-${job}/`, body);
        expect(answer.status, `${job} ${body}`).toBe(400);
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
        expect(typeof answer.body.error).toBe('string');
        expect(answer.body.message, body).toMatch(message);
      }
    }
    expect((await readRuns(host.db, { limit: 1000 })).length).toBe(before);
  });

  it('404 for unknown executions and routes, 405 for the wrong method', async () => {
    for (const path of [
      `${API_PREFIX}/executions/999999`,
      `${API_PREFIX}/executions/abc`,
      `${API_PREFIX}/executions/1%3B%20drop%20table`,
      `${API_PREFIX}/executions/%E0%A4%A`,
      `${API_PREFIX}/load-problems/`,
      '/',
    ]) {
      const answer = await host.call('GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.error).toBe('not_found');
    }
    const wrong = await host.call('GET', `${API_PREFIX}/load-incidents/`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});

describe('examples/http-host.ts with a wrong password', () => {
  it('502 from the preflight: nothing starts, the answer says which side, no password', async () => {
    const wrong = 'Wr0ng-Host-Secret-5e1d';
    const host = await startHost('wrong.db', wrong);
    try {
      const answer = await host.call('POST', `${API_PREFIX}/load-configurations/`);
      expect(answer.status).toBe(502);
      expect(answer.body).toMatchObject({ error: 'preflight_failed', side: 'credentials' });
      expect(answer.body.message).toMatch(
        new RegExp(
          `^ServiceNow rejected the credentials of user ${mock.credentials.username} \\(401`,
        ),
      );
      expect(await readRuns(host.db)).toEqual([]);
      for (const text of host.answers) {
        expect(text).not.toContain(wrong);
        expect(text).not.toContain(mock.credentials.password);
      }
    } finally {
      await host.close();
    }
  });
});

describe('examples/http-host.ts close()', () => {
  it('cancels the runs it started and waits for them; the log says so', async () => {
    const host = await startHost('close.db');
    let id = '';
    try {
      mock.setFaults({ latencyMs: 1000 });
      const answer = await host.call(
        'POST',
        `${API_PREFIX}/load-incidents/`,
        JSON.stringify(WINDOW),
      );
      expect(answer.status).toBe(202);
      id = answer.body.id;
      await host.service.close();
      const [run] = await readRuns(host.db, { id });
      expect(run?.status).toBe('cancelled');
      expect(run?.errorMessage).toMatch(/shutting down/);
    } finally {
      mock.setFaults({});
      await host.db.destroy();
      await host.client.close();
    }
    expect(id).not.toBe('');
  });
});
