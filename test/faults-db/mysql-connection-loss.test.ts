/**
 * A lost MySQL/MariaDB connection never crashes the process either: an idle pooled connection
 * killed by the server (`KILL`) is reported and replaced, and a run after all of the pool's
 * connections were killed loads its table. Runs when SN_TEST_MYSQL_URL is set.
 */
import { type Kysely, sql } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { createDatabase, type SyncTables } from '../../src/database/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { startRun } from '../../src/run/index.js';
import { usersTask } from '../../src/tasks/catalog/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { useRunHarness } from '../support/run-harness.js';

const mysqlUrl = process.env.SN_TEST_MYSQL_URL;

let mock: MockServiceNow;
let client: ServiceNowClient;
useRunHarness('sn-mysql-loss-', { seed: 21, scale: 100 }, (m, c) => {
  mock = m;
  client = c;
});

const created: { name: string; db: Kysely<SyncTables> }[] = [];

/** Runs `query` on a connection of its own. */
async function admin(query: string): Promise<void> {
  const connection = await createConnection({ uri: mysqlUrl ?? '' });
  try {
    await connection.query(query);
  } finally {
    await connection.end();
  }
}

afterEach(async () => {
  for (const { name, db } of created.splice(0)) {
    await db.destroy();
    await admin(`DROP DATABASE IF EXISTS ${name}`);
  }
});

/**
 * A new database and a `createDatabase` instance on it; `losses(n)` resolves once it reported
 * `n` lost connections in all.
 */
async function freshDatabase(): Promise<{
  db: Kysely<SyncTables>;
  lost: Error[];
  losses: (n: number) => Promise<void>;
}> {
  const name = `sn_myloss_${process.pid}_${created.length}_${Math.floor(Math.random() * 1e6)}`;
  await admin(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  const url = new URL(mysqlUrl ?? '');
  url.pathname = `/${name}`;
  const lost: Error[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  const db = createDatabase(url.href, {
    poolSize: 4,
    onConnectionError: (error) => {
      lost.push(error);
      for (const w of waiting) if (lost.length >= w.n) w.resolve();
    },
  });
  created.push({ name, db });
  const losses = (n: number) =>
    new Promise<void>((resolve) => {
      if (lost.length >= n) resolve();
      else waiting.push({ n, resolve });
    });
  return { db, lost, losses };
}

/** The ids of the connections `db`'s pool holds open on its database. */
async function poolConnections(db: Kysely<SyncTables>): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT id FROM information_schema.processlist WHERE db = DATABASE()`.execute(db);
  return rows.map((r) => Number(r.id));
}

describe.skipIf(!mysqlUrl)('a lost MySQL/MariaDB connection', () => {
  it('killed while idle in the pool is reported and replaced, never crashing', async () => {
    const { db, lost, losses } = await freshDatabase();
    const { rows } = await sql<{ id: number }>`SELECT CONNECTION_ID() AS id`.execute(db);
    const id = Number(rows[0]?.id);
    await admin(`KILL ${id}`);
    await losses(1);
    const after = await sql<{ id: number }>`SELECT CONNECTION_ID() AS id`.execute(db);
    expect(Number(after.rows[0]?.id)).not.toBe(id);
    expect(lost.map((e) => (e as { code?: string }).code)).toContain('PROTOCOL_CONNECTION_LOST');
  });

  it('killed between runs: the next run loads its table on fresh connections', async () => {
    const { db, losses } = await freshDatabase();
    const first = await (await startRun([usersTask()], { client, ...connectDatabase(db) })).done;
    expect(first.status).toBe('success');
    const ids = await poolConnections(db);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) await admin(`KILL ${id}`);
    await losses(ids.length);

    const second = await (
      await startRun([usersTask()], { client, ...connectDatabase(db), mode: 'full' })
    ).done;
    expect(second.status).toBe('success');
    const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM sys_user`.execute(db);
    expect(Number(rows[0]?.n)).toBe(mock.data.count('sys_user'));
  });
});
