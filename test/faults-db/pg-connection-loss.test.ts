/**
 * A lost PostgreSQL connection never crashes the process: an idle pooled connection terminated
 * by the server is dropped and reported; a connection lost mid-INSERT is written again once on a
 * fresh connection (nothing of the batch was committed); a connection lost on every attempt fails
 * that task only, the run goes on and its log row is closed. The connections are killed by the
 * server itself (`pg_terminate_backend`), from a second connection or from a trigger on the
 * table written, so the loss happens exactly where the test puts it. Runs when SN_TEST_PG_URL is
 * set.
 */
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { createDatabase, type SyncTables } from '../../src/database/index.js';
import { readRuns } from '../../src/log/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { startRun } from '../../src/run/index.js';
import { groupsTask, usersTask } from '../../src/tasks/catalog/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { useRunHarness } from '../support/run-harness.js';

const pgUrl = process.env.SN_TEST_PG_URL;

let mock: MockServiceNow;
let client: ServiceNowClient;
useRunHarness('sn-pg-loss-', { seed: 21, scale: 100 }, (m, c) => {
  mock = m;
  client = c;
});

/** The databases a test created, dropped after it. */
const created: { name: string; db: Kysely<SyncTables> }[] = [];

/** Runs `query` on a connection of its own to the server's default database. */
async function admin<T extends pg.QueryResultRow>(query: string): Promise<T[]> {
  const connection = new pg.Client({ connectionString: pgUrl });
  await connection.connect();
  try {
    return (await connection.query<T>(query)).rows;
  } finally {
    await connection.end();
  }
}

/**
 * A new database and a `createDatabase` instance on it: `lost` collects the losses it reports,
 * `nextLoss` resolves with the next one.
 */
async function freshDatabase(): Promise<{
  db: Kysely<SyncTables>;
  lost: Error[];
  nextLoss: () => Promise<Error>;
}> {
  const name = `sn_pgloss_${process.pid}_${created.length}_${Math.floor(Math.random() * 1e6)}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl ?? '');
  url.pathname = `/${name}`;
  const lost: Error[] = [];
  let waiting: ((error: Error) => void) | undefined;
  const db = createDatabase(url.href, {
    poolSize: 4,
    onConnectionError: (error) => {
      lost.push(error);
      waiting?.(error);
    },
  });
  created.push({ name, db });
  const nextLoss = () =>
    new Promise<Error>((resolve) => {
      waiting = resolve;
    });
  return { db, lost, nextLoss };
}

afterEach(async () => {
  for (const { name, db } of created.splice(0)) {
    await db.destroy();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
});

/**
 * A trigger on `table` that terminates its own connection when it fires: on the first row only
 * (`once`), or on every row.
 */
async function killOnInsert(db: Kysely<SyncTables>, table: string, once: boolean): Promise<void> {
  await sql.raw('CREATE SEQUENCE kill_count').execute(db);
  await sql
    .raw(
      `CREATE FUNCTION kill_me() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF nextval('kill_count') = 1 OR NOT ${once} THEN
           PERFORM pg_terminate_backend(pg_backend_pid());
         END IF;
         RETURN NEW;
       END $$`,
    )
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER kill_me BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION kill_me()`)
    .execute(db);
}

async function count(db: Kysely<SyncTables>, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.skipIf(!pgUrl)('a lost PostgreSQL connection', () => {
  it('terminated while idle in the pool is reported and replaced, never crashing', async () => {
    const { db, nextLoss } = await freshDatabase();
    const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
    const pid = rows[0]?.pid;
    const reported = nextLoss();
    const [killed] = await admin<{ ok: boolean }>(
      `SELECT pg_terminate_backend(${Number(pid)}, 5000) AS ok`,
    );
    expect(killed?.ok).toBe(true);
    const error = await reported;
    expect(error.message).toMatch(/terminat/);
    // The pool opened a new connection for the next query.
    const after = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
    expect(after.rows[0]?.pid).not.toBe(pid);
  });

  it('lost mid-INSERT is written again once on a fresh connection: the task succeeds', async () => {
    const { db, lost } = await freshDatabase();
    const first = await (await startRun([usersTask()], { client, ...connectDatabase(db) })).done;
    expect(first.status).toBe('success');
    await killOnInsert(db, 'sys_user', true);

    const run = await startRun([usersTask()], { client, ...connectDatabase(db), mode: 'full' });
    const result = await run.done;

    expect(result.status).toBe('success');
    expect(result.tasks.users?.status).toBe('success');
    expect(await count(db, 'sys_user')).toBe(mock.data.count('sys_user'));
    // The first attempt was killed (the trigger's first call), the retry wrote every row.
    const [seq] = (await sql<{ n: string }>`SELECT last_value AS n FROM kill_count`.execute(db))
      .rows;
    expect(Number(seq?.n)).toBeGreaterThan(mock.data.count('sys_user'));
    expect(lost.some((e) => /terminat/.test(e.message))).toBe(true);
    const [logged] = await readRuns(db, { id: run.id });
    expect(logged?.status).toBe('success');
  });

  it('lost on every attempt fails that task only; the run goes on and closes its log row', async () => {
    const { db } = await freshDatabase();
    const first = await (await startRun([usersTask()], { client, ...connectDatabase(db) })).done;
    expect(first.status).toBe('success');
    await killOnInsert(db, 'sys_user', false);

    const run = await startRun([usersTask(), groupsTask()], {
      client,
      ...connectDatabase(db),
      mode: 'full',
    });
    const result = await run.done;

    const users = result.tasks.users;
    expect(users?.status).toBe('error');
    expect(users?.error?.message).toContain('sys_user');
    expect(users?.error?.message).toContain('one retry on a fresh connection');
    expect(users?.error?.message).toContain('terminating connection due to administrator command');
    expect(result.tasks.groups?.status).toBe('success');
    expect(await count(db, 'sys_user_group')).toBe(mock.data.count('sys_user_group'));
    expect(result.status).toBe('partial');
    const [logged] = await readRuns(db, { id: run.id });
    expect(logged?.status).toBe('partial');
    expect(logged?.endedAt).not.toBeNull();
    const loggedUsers = logged?.tasks.find((t) => t.name === 'users');
    expect(loggedUsers?.status).toBe('error');
    expect(loggedUsers?.errorMessage).toContain('terminating connection');
  });
});
