/**
 * A run against an instance that echoes requests (URL, headers, body) into its errors: no
 * secret the client sent survives in the run's result, the execution log and the other tables
 * of the database, a preflight error, or the debug output of every namespace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import createDebug from 'debug';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthOptions, ServiceNowClient } from '../../src/client/index.js';
import { createDatabase } from '../../src/database/index.js';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { groupsTask, usersTask } from '../../src/tasks/catalog/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import type { TestDb } from '../support/run-harness.js';
import { SecretSpy } from '../support/secret-spy.js';

const USER = { username: 'sync.echo', password: 'run p@ss!&=+' };
const OAUTH_CLIENT = { clientId: 'run-echo-client', clientSecret: 'run s3cret/&+' };

const debugLines: string[] = [];
const spy = new SecretSpy();
let mock: MockServiceNow;
let dir = '';
let previousLog: typeof createDebug.log;

beforeAll(async () => {
  previousLog = createDebug.log;
  createDebug.log = (...args: unknown[]) => {
    debugLines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
  };
  createDebug.enable('servicenow-sync:*,-servicenow-sync:mock');
  dir = mkdtempSync(join(tmpdir(), 'sn-secrets-run-'));
  mock = await createMockServiceNow({
    seed: 31,
    scale: 40,
    users: [USER],
    oauthClients: [OAUTH_CLIENT],
  });
  spy.remember(USER.password);
  spy.remember(OAUTH_CLIENT.clientSecret);
});

afterAll(async () => {
  createDebug.disable();
  createDebug.log = previousLog;
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

function client(auth: AuthOptions): ServiceNowClient {
  return new ServiceNowClient({
    instanceUrl: mock.url,
    auth,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    fetch: spy.fetch,
  });
}

/** Every row of every table of the database, as JSON. */
async function databaseText(db: TestDb): Promise<string> {
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table'`.execute(db);
  const rows: unknown[] = [];
  for (const { name } of tables.rows) {
    rows.push(name, (await sql`select * from ${sql.table(name)}`.execute(db)).rows);
  }
  return JSON.stringify(rows);
}

describe('a run against an instance that echoes requests into its errors', () => {
  const auths: [string, AuthOptions][] = [
    ['basic', { type: 'basic', ...USER }],
    ['oauth', { type: 'oauth', ...OAUTH_CLIENT, ...USER }],
  ];
  for (const [name, auth] of auths) {
    it(`keeps every ${name} secret out of the result, the database and the debug output`, async () => {
      const db = createDatabase(`sqlite:${join(dir, `${name}.db`)}`) as TestDb;
      const sn = client(auth);
      const texts: string[] = [];
      try {
        // The groups' pages are echoed; the users table loads.
        mock.setFaults({ echoRequest: { table: 'sys_user_group', path: /ORDERBYsys_id/ } });
        const result = await runTasks([usersTask(), groupsTask()], {
          client: sn,
          ...connectDatabase(db),
        });
        expect(result.status).not.toBe('success');
        expect(result.tasks.groups?.status).toBe('error');
        expect(result.tasks.groups?.error?.message).toContain('Echoed request');
        expect(result.tasks.users?.status).toBe('success');
        texts.push(JSON.stringify(result), inspect(result, { depth: 10 }));
        // Every request echoed: the run fails before it starts.
        mock.setFaults({ echoRequest: true });
        const refused = await runTasks([usersTask()], { client: sn, ...connectDatabase(db) }).then(
          (r) => r,
          (error: unknown) => error,
        );
        expect(inspect(refused, { depth: 10 })).toContain('Echoed request');
        texts.push(JSON.stringify(refused), inspect(refused, { depth: 10, showHidden: true }));
        texts.push(await databaseText(db));
      } finally {
        mock.setFaults({});
        await sn.close();
        await db.destroy();
      }
      expect(mock.requests.some((r) => r.fault === 'echoRequest')).toBe(true);
      expect([...spy.secrets].some((s) => s.startsWith('Basic ') || s.startsWith('Bearer '))).toBe(
        true,
      );
      expect(debugLines.length).toBeGreaterThan(10);
      expect(spy.leaks([...texts, ...debugLines])).toEqual([]);
    });
  }
});
