/**
 * The databases the sink tests run on: SQLite through createDatabase (prepared-statement path)
 * and through a plain Kysely instance (multi-row path) always; PostgreSQL and MariaDB/MySQL
 * through createDatabase when SN_TEST_PG_URL / SN_TEST_MYSQL_URL are set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createDatabase, type SyncTables } from '../../src/database/index.js';
import type { SqlDialect } from '../../src/fields/index.js';

export interface OpenTarget {
  readonly db: Kysely<SyncTables>;
  close(): Promise<void>;
}

export interface SinkTarget {
  readonly label: string;
  readonly dialect: SqlDialect;
  readonly available: boolean;
  open(): OpenTarget;
}

const pgUrl = process.env.SN_TEST_PG_URL;
const mysqlUrl = process.env.SN_TEST_MYSQL_URL;

if (!pgUrl)
  console.warn('[sink tests] SN_TEST_PG_URL is not set: PostgreSQL sink tests are SKIPPED');
if (!mysqlUrl)
  console.warn('[sink tests] SN_TEST_MYSQL_URL is not set: MariaDB/MySQL sink tests are SKIPPED');

function sqliteFile(): { file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sn-sink-'));
  return {
    file: join(dir, 'sync.db'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const sinkTargets: readonly SinkTarget[] = [
  {
    label: 'sqlite (createDatabase)',
    dialect: 'sqlite',
    available: true,
    open() {
      const { file, remove } = sqliteFile();
      const db = createDatabase(`sqlite:${file}`);
      return {
        db,
        close: async () => {
          await db.destroy();
          remove();
        },
      };
    },
  },
  {
    label: 'sqlite (plain Kysely)',
    dialect: 'sqlite',
    available: true,
    open() {
      const { file, remove } = sqliteFile();
      const db = new Kysely<SyncTables>({
        dialect: new SqliteDialect({ database: new Database(file) }),
      });
      return {
        db,
        close: async () => {
          await db.destroy();
          remove();
        },
      };
    },
  },
  {
    label: 'postgres',
    dialect: 'postgres',
    available: Boolean(pgUrl),
    open() {
      const db = createDatabase(pgUrl ?? '', { poolSize: 3 });
      return { db, close: () => db.destroy() };
    },
  },
  {
    label: 'mysql',
    dialect: 'mysql',
    available: Boolean(mysqlUrl),
    open() {
      const db = createDatabase(mysqlUrl ?? '', { poolSize: 3 });
      return { db, close: () => db.destroy() };
    },
  },
];

/** A table name no other test run uses, so shared servers need no cleanup between runs. */
export function uniqueTable(base: string): string {
  return `${base}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
