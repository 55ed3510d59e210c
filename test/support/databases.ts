/**
 * The databases a test can run against: SQLite always, PostgreSQL and MariaDB/MySQL when their
 * URLs are in the environment (CI sets both; a local run without them skips visibly).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import { createPool } from 'mysql2';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';

export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres' | 'mysql';
  /** A connection URL for the same database, for APIs that take one. */
  readonly url: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests use dynamic tables
  readonly db: Kysely<any>;
  close(): Promise<void>;
}

export interface TestDatabaseTarget {
  readonly name: 'sqlite' | 'postgres' | 'mysql';
  /** Undefined when the database is not configured (the tests then skip). */
  readonly available: boolean;
  open(): Promise<TestDatabase>;
}

const pgUrl = process.env.SN_TEST_PG_URL;

/** DATE / TIMESTAMP / TIMESTAMPTZ as the server's text, never a local-time Date. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 1082 || oid === 1114 || oid === 1184) return (value: string) => value;
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;
const mysqlUrl = process.env.SN_TEST_MYSQL_URL;

if (!pgUrl)
  console.warn('[servicenow-sync tests] SN_TEST_PG_URL is not set: PostgreSQL tests are SKIPPED');
if (!mysqlUrl)
  console.warn(
    '[servicenow-sync tests] SN_TEST_MYSQL_URL is not set: MariaDB/MySQL tests are SKIPPED',
  );

export const testDatabases: readonly TestDatabaseTarget[] = [
  {
    name: 'sqlite',
    available: true,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'sn-sync-test-'));
      const file = join(dir, 'test.db');
      const sqlite = new Database(file);
      sqlite.pragma('journal_mode = WAL');
      const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
      return {
        name: 'sqlite',
        url: `sqlite:${file}`,
        db,
        async close() {
          await db.destroy();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    available: Boolean(pgUrl),
    async open() {
      // A database of its own, so test files running in parallel never share tables.
      const name = uniqueName();
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = withDatabase(pgUrl ?? '', name);
      const db = new Kysely({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: url, max: 4, types: pgTypes }),
        }),
      });
      return {
        name: 'postgres',
        url,
        db,
        async close() {
          await db.destroy();
          const dropper = new pg.Client({ connectionString: pgUrl });
          await dropper.connect();
          // No FORCE: terminating the pool's closing connections raises errors in this process.
          for (let attempt = 0; ; attempt++) {
            try {
              await dropper.query(`DROP DATABASE IF EXISTS ${name}`);
              break;
            } catch (error) {
              if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
          }
          await dropper.end();
        },
      };
    },
  },
  {
    name: 'mysql',
    available: Boolean(mysqlUrl),
    async open() {
      const name = uniqueName();
      const admin = await createConnection({ uri: mysqlUrl ?? '' });
      await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
      await admin.end();
      const url = withDatabase(mysqlUrl ?? '', name);
      const db = new Kysely({
        dialect: new MysqlDialect({
          pool: createPool({
            uri: url,
            connectionLimit: 4,
            timezone: 'Z',
            dateStrings: true,
            charset: 'utf8mb4',
          }),
        }),
      });
      return {
        name: 'mysql',
        url,
        db,
        async close() {
          await db.destroy();
          const dropper = await createConnection({ uri: mysqlUrl ?? '' });
          await dropper.query(`DROP DATABASE IF EXISTS ${name}`);
          await dropper.end();
        },
      };
    },
  },
];

let opened = 0;

/** A database name unique to this process and call. */
function uniqueName(): string {
  opened += 1;
  return `sn_test_${process.pid}_${opened}_${Math.floor(Math.random() * 1e6)}`;
}

/** `url` pointing at database `name` instead of its own. */
function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.href;
}

/** Drops the given tables (tests start from a clean slate on shared servers). */
// biome-ignore lint/suspicious/noExplicitAny: tests use dynamic tables
export async function dropTables(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}
