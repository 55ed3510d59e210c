/**
 * The probe of the local database servers: connects with a short timeout and creates the
 * shared test database when it is missing.
 */
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { LOCAL_DATABASE, type LocalServerProbe } from './database-setup.js';

const CONNECT_TIMEOUT_MS = 2000;

async function preparePostgres(): Promise<void> {
  const client = new pg.Client({
    connectionString: 'postgres://postgres@127.0.0.1:5432/postgres',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      LOCAL_DATABASE,
    ]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${LOCAL_DATABASE}`);
  } finally {
    await client.end();
  }
}

async function prepareMysql(): Promise<void> {
  const connection = await createConnection({
    host: '127.0.0.1',
    port: 3306,
    user: 'root',
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS ${LOCAL_DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
    );
  } finally {
    await connection.end();
  }
}

/** Prepares {@link LOCAL_DATABASE} on the dialect's local server; rejects when it does not answer. */
export const probeLocalServer: LocalServerProbe = (dialect) =>
  dialect.variable === 'SN_TEST_PG_URL' ? preparePostgres() : prepareMysql();
