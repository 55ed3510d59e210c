/**
 * The preflight of a run, against the mock and real databases: the instance answers and accepts
 * the credentials (one request, never retried), the database accepts a connection, a filter names
 * fields the table has; each failure is one typed error on its side, before anything is written.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ServiceNowClient } from '../../src/client/index.js';
import { ConfigurationError } from '../../src/core/index.js';
import { createDatabase } from '../../src/database/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import {
  FilterFieldError,
  PreflightError,
  RunCancelledError,
  type RunClient,
  runTasks,
  startRun,
} from '../../src/run/index.js';
import { KyselySink } from '../../src/sink/index.js';
import { catalogTasks, groupsTask, usersTask } from '../../src/tasks/catalog/index.js';
import { defineTask, TaskDefinitionError } from '../../src/tasks/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { testDatabases } from '../support/databases.js';
import { type TestDb, useRunHarness } from '../support/run-harness.js';

let mock: MockServiceNow;
let client: ServiceNowClient;
const freshDb = useRunHarness('sn-preflight-', { seed: 5, scale: 120 }, (m, c) => {
  mock = m;
  client = c;
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A Basic-auth client of the mock with the default retry policy (5 attempts). */
function patientClient(password = mock.credentials.password): ServiceNowClient {
  return new ServiceNowClient({
    instanceUrl: mock.url,
    auth: { type: 'basic', username: mock.credentials.username, password },
  });
}

async function tablesIn(db: TestDb): Promise<string[]> {
  return (await db.introspection.getTables()).map((t) => t.name);
}

/** The rejection of `promise`, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('preflight: the instance and the credentials', () => {
  it('one request before the run, not counted in the tasks’ API calls', async () => {
    const db = freshDb();
    mock.clearRequests();
    const result = await runTasks([groupsTask()], { client, ...connectDatabase(db) });
    expect(result.status).toBe('success');
    const [first, ...rest] = mock.requests.filter((r) => r.table === 'sys_user_group');
    expect(first?.query).toMatchObject({ sysparm_limit: '1', sysparm_fields: 'sys_id' });
    expect(result.tasks.groups?.apiCalls).toBe(rest.length);
    expect(result.apiCalls).toBe(rest.length);
  });

  it('preflight: false sends no extra request', async () => {
    const db = freshDb();
    mock.clearRequests();
    const result = await runTasks([groupsTask()], {
      client,
      sink: new KyselySink(db),
      preflight: false,
    });
    const requests = mock.requests.filter((r) => r.table === 'sys_user_group');
    expect(result.tasks.groups?.apiCalls).toBe(requests.length);
    expect(requests.every((r) => r.query.sysparm_fields !== 'sys_id')).toBe(true);
  });

  it('refused credentials: one attempt, the user named, no secret, nothing written', async () => {
    const db = freshDb();
    const wrong = 'Wr0ng-Secret-5e1f';
    const bad = patientClient(wrong);
    mock.clearRequests();
    try {
      const error = await rejection(
        runTasks([usersTask()], { client: bad, ...connectDatabase(db) }),
      );
      expect(error).toBeInstanceOf(PreflightError);
      const preflight = error as PreflightError;
      expect(preflight.side).toBe('credentials');
      expect(preflight.problem).toBe(
        `ServiceNow rejected the credentials of user ${mock.credentials.username} (401 User Not Authenticated)`,
      );
      expect(preflight.message).toContain('check the user name and password');
      expect(preflight.message).not.toContain(wrong);
      expect(mock.requests).toHaveLength(1);
      expect(await tablesIn(db)).toEqual([]);
    } finally {
      await bad.close();
    }
  });

  it('a host that is not found and a refused connection: one attempt each, side instance', async () => {
    const port = await closedPort();
    for (const [instanceUrl, reason] of [
      ['https://no-such-host.invalid', 'host not found'],
      [`http://127.0.0.1:${port}`, 'connection refused'],
    ] as const) {
      const db = freshDb();
      const unreachable = new ServiceNowClient({
        instanceUrl,
        auth: { type: 'basic', username: 'sync.bot', password: 'Secret-9a' },
      });
      try {
        const error = await rejection(
          runTasks([usersTask()], { client: unreachable, ...connectDatabase(db) }),
        );
        expect(error).toBeInstanceOf(PreflightError);
        expect((error as PreflightError).side).toBe('instance');
        expect((error as PreflightError).problem).toBe(`cannot reach ${instanceUrl}: ${reason}`);
        expect(((error as PreflightError).cause as { attempts: number }).attempts).toBe(1);
        expect(await tablesIn(db)).toEqual([]);
      } finally {
        await unreachable.close();
      }
    }
  });

  it('a hibernating instance (HTML) and an instance that does not answer in time', async () => {
    const db = freshDb();
    const patient = patientClient();
    try {
      mock.setFaults({ hibernate: true });
      const html = await rejection(
        runTasks([usersTask()], { client: patient, ...connectDatabase(db) }),
      );
      expect(html).toBeInstanceOf(PreflightError);
      expect((html as PreflightError).problem).toBe(
        `${mock.url} answered with an HTML page instead of JSON (a hibernating developer instance, a login page or a proxy)`,
      );
      mock.setFaults({ hangMs: 5000 });
      const slow = await rejection(
        runTasks([usersTask()], {
          client: patient,
          ...connectDatabase(db),
          preflight: { timeoutMs: 200 },
        }),
      );
      expect(slow).toBeInstanceOf(PreflightError);
      expect((slow as PreflightError).problem).toBe(`${mock.url} did not answer within 0.2 s`);
      expect(await tablesIn(db)).toEqual([]);
    } finally {
      mock.setFaults({});
      await patient.close();
    }
  });

  it('what the run retries lets it go on: a 503, a table the user may not read', async () => {
    const db = freshDb();
    mock.setFaults({ serverErrors: { table: 'sys_user_group', times: 1, status: 503 } });
    const busy = await runTasks([groupsTask()], { client, sink: new KyselySink(db) });
    expect(busy.status).toBe('success');
    mock.setFaults({ readDenied: { table: 'sys_user_group' } });
    const denied = await runTasks([groupsTask()], { client, sink: new KyselySink(db) });
    expect(denied.tasks.groups?.status).toBe('error');
    expect(denied.tasks.groups?.error?.name).toBe('PermissionError');
  });

  it('a signal aborted during the preflight rejects with the run’s cancellation', async () => {
    const db = freshDb();
    const controller = new AbortController();
    controller.abort(new Error('stopped before it began'));
    const error = await rejection(
      startRun([usersTask()], { client, ...connectDatabase(db), signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(RunCancelledError);
    expect(await tablesIn(db)).toEqual([]);
  });
});

describe('preflight: the database', () => {
  it('a refused connection names the database without its password', async () => {
    const port = await closedPort();
    for (const url of [
      `postgres://reporting:Db-Secret-1@127.0.0.1:${port}/sn`,
      `mysql://reporting:Db-Secret-1@127.0.0.1:${port}/sn`,
    ]) {
      const db = createDatabase(url);
      try {
        const error = await rejection(runTasks([usersTask()], { client, ...connectDatabase(db) }));
        expect(error).toBeInstanceOf(PreflightError);
        expect((error as PreflightError).side).toBe('database');
        expect((error as PreflightError).problem).toBe(
          `database ${url.replace(':Db-Secret-1@', ':***@')}: connection refused`,
        );
        expect((error as PreflightError).message).not.toContain('Db-Secret-1');
      } finally {
        await db.destroy();
      }
    }
  });

  for (const target of testDatabases) {
    it.skipIf(!target.available)(
      `${target.name}: accepts the connection and the run goes on`,
      async () => {
        const database = await target.open();
        try {
          const result = await runTasks([groupsTask()], {
            client,
            ...connectDatabase(database.db),
          });
          expect(result.status).toBe('success');
        } finally {
          await database.close();
        }
      },
    );
  }

  it.skipIf(!process.env.SN_TEST_PG_URL)('postgres: a database that does not exist', async () => {
    const url = new URL(process.env.SN_TEST_PG_URL ?? '');
    url.pathname = '/sn_no_such_database_7c1';
    const db = createDatabase(url.href);
    try {
      const error = await rejection(runTasks([usersTask()], { client, ...connectDatabase(db) }));
      expect((error as PreflightError).side).toBe('database');
      expect((error as PreflightError).problem).toMatch(
        /^database postgres:\/\/.*\/sn_no_such_database_7c1: database "sn_no_such_database_7c1" does not exist$/,
      );
    } finally {
      await db.destroy();
    }
  });

  it.skipIf(!process.env.SN_TEST_MYSQL_URL)('mariadb: a user it refuses', async () => {
    const url = new URL(process.env.SN_TEST_MYSQL_URL ?? '');
    url.username = 'sn_nobody';
    url.password = 'Not-A-Password-3';
    const db = createDatabase(url.href);
    try {
      const error = await rejection(runTasks([usersTask()], { client, ...connectDatabase(db) }));
      expect((error as PreflightError).side).toBe('database');
      expect((error as PreflightError).problem).toMatch(
        /^database mysql:\/\/sn_nobody:\*\*\*@.*: Access denied for user 'sn_nobody'/,
      );
      expect((error as PreflightError).message).not.toContain('Not-A-Password-3');
    } finally {
      await db.destroy();
    }
  });
});

describe('preflight: filters', () => {
  it('a field the table does not have is refused before anything is written', async () => {
    const db = freshDb();
    mock.clearRequests();
    const tasks = catalogTasks(['users', 'groups'], {
      filters: { users: 'active=true^compny.nameSTARTSWITHA', groups: 'nme=x' },
    });
    const error = await rejection(runTasks(tasks, { client, ...connectDatabase(db) }));
    expect(error).toBeInstanceOf(FilterFieldError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ task: 'users', table: 'sys_user', fields: ['compny'] });
    expect((error as Error).message).toBe(
      'The filter of task users names compny, which is not a field of table sys_user',
    );
    // One read of the filtered table, with every field (the keys of its record).
    const reads = mock.requests.filter((r) => r.table === 'sys_user');
    expect(reads).toHaveLength(1);
    expect(reads[0]?.query.sysparm_fields).toBeUndefined();
    expect(await tablesIn(db)).toEqual([]);
  });

  it('fields of the table, dot-walks on its references and the task’s own fields pass', async () => {
    const db = freshDb();
    const filter =
      'company.nameISNOTEMPTY^active=true^ORuser_nameSAMEASemail^sys_created_on>2000-01-01 00:00:00';
    const result = await runTasks([usersTask({ filter })], { client, sink: new KyselySink(db) });
    expect(result.status).toBe('success');
  });

  it('every unknown field is named; a second filtered table gets its own read', async () => {
    const db = freshDb();
    mock.clearRequests();
    const tasks = catalogTasks(['users', 'groups'], {
      filters: { users: 'active=true', groups: 'nme=x^ORdescriptio=y' },
    });
    const error = await rejection(runTasks(tasks, { client, sink: new KyselySink(db) }));
    expect(error).toMatchObject({
      task: 'groups',
      table: 'sys_user_group',
      fields: ['nme', 'descriptio'],
    });
    expect((error as Error).message).toBe(
      'The filter of task groups names nme, descriptio, which are not fields of table sys_user_group',
    );
    expect(mock.requests.map((r) => r.table)).toEqual(['sys_user', 'sys_user_group']);
  });

  it('a table without a readable row: sys_dictionary decides, or the filter goes through', async () => {
    const dictionary = new Set(['active', 'name']);
    let dictionaryReadable = true;
    const reads: string[] = [];
    // No readable sys_user row; sys_dictionary answers from the set above.
    const wrapped: RunClient = {
      instanceUrl: client.instanceUrl,
      paginate: (table, options) => client.paginate(table, options),
      async peek(table, options) {
        reads.push(table);
        if (table === 'sys_user') return [{}];
        if (table !== 'sys_dictionary') return client.peek(table, options);
        if (!dictionaryReadable) return [];
        const text = String(options?.query && JSON.stringify(options.query));
        if (text.includes('"name"')) return [{ element: '' }];
        return [...dictionary]
          .filter((e) => text.includes(`"${e}"`))
          .map((element) => ({ element }));
      },
    };
    const unknown = await rejection(
      runTasks([usersTask({ filter: 'active=true^u_typo=1' })], {
        client: wrapped,
        sink: new KyselySink(freshDb()),
      }),
    );
    expect(unknown).toMatchObject({ table: 'sys_user', fields: ['u_typo'] });
    expect(reads).toEqual(['sys_user', 'sys_dictionary', 'sys_dictionary']);
    dictionaryReadable = false;
    const unchecked = await runTasks([usersTask({ filter: 'active=true^u_typo=1' })], {
      client: wrapped,
      sink: new KyselySink(freshDb()),
    });
    expect(unchecked.tasks.users?.status).toBe('success');
  });

  it('a filter that sorts is refused when the task is built', () => {
    expect(() => usersTask({ filter: 'active=true^ORDERBYname' })).toThrow(ConfigurationError);
    expect(() => catalogTasks(['users'], { filters: { users: 'ORDERBYDESCname' } })).toThrow(
      'The filter of task users sorts (ORDERBYDESCname); the run pages in its own order, so remove the ORDERBY',
    );
    expect(() =>
      defineTask({ name: 'mine', table: 'sys_user', fields: {}, filter: 'ORDERBYname' }),
    ).toThrow(TaskDefinitionError);
  });

  it('a task’s filter is ANDed into every group of its selection and kept apart', () => {
    const task = defineTask({
      name: 'mine',
      table: 'sys_user',
      fields: { active: 'boolean' },
      query: 'active=true^NQvip=true',
      filter: 'user_nameSTARTSWITHa',
    });
    expect(task.filter).toBe('user_nameSTARTSWITHa');
    expect(task.buildQuery()).toBe(
      'active=true^user_nameSTARTSWITHa^NQvip=true^user_nameSTARTSWITHa',
    );
    expect(usersTask().filter).toBeUndefined();
  });
});
