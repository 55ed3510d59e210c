import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { createDatabase, dialectOf, redactUrl } from '../../src/database/index.js';
import { KyselySink } from '../../src/sink/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sn-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configurationError(url: string): ConfigurationError {
  try {
    createDatabase(url);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error(`${url} was accepted`);
}

describe('createDatabase', () => {
  it('opens a SQLite file in WAL mode', async () => {
    const file = join(dir, 'wal.db');
    const db = createDatabase(`sqlite:${file}`);
    try {
      expect(dialectOf(db)).toBe('sqlite');
      const { rows } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db);
      expect(rows[0]?.journal_mode).toBe('wal');
      const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db);
      expect(sync.rows[0]?.synchronous).toBe(1); // NORMAL
    } finally {
      await db.destroy();
    }
  });

  it('opens in-memory SQLite and sqlite:// paths', async () => {
    for (const url of ['sqlite::memory:', `sqlite://${join(dir, 'slashes.db')}`]) {
      const db = createDatabase(url);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(rows[0]?.one).toBe(1);
      await db.destroy();
    }
  });

  it('builds PostgreSQL and MySQL instances without connecting', async () => {
    const pg = createDatabase('postgresql://u:secret@127.0.0.1:1/db');
    const my = createDatabase('mariadb://u:secret@127.0.0.1:1/db');
    expect(dialectOf(pg)).toBe('postgres');
    expect(dialectOf(my)).toBe('mysql');
    await pg.destroy();
    await my.destroy();
  });

  it.each([
    'postgres://admin:hunter2@',
    'postgres://admin:hunter2@:5432/db',
    'oracle://admin:hunter2@db.example.com/x',
    'mysql://admin:hunter2@db.example.com',
    'mysql://admin:hunter2@db.example.com/',
    'http://admin:hunter2@db.example.com/x',
    'not a url hunter2',
    'sqlite:',
  ])('refuses %s without echoing the password', (url) => {
    const error = configurationError(url);
    expect(error.message).not.toContain('hunter2');
    expect(error.option).toBe('url');
    expect(String(error.cause ?? '')).not.toContain('hunter2');
  });

  it('refuses a SQLite file it cannot open', () => {
    expect(configurationError(`sqlite:${join(dir, 'missing', 'dir', 'x.db')}`).message).toMatch(
      /cannot open/,
    );
  });

  it('refuses bad options', () => {
    expect(() => createDatabase('sqlite::memory:', { poolSize: 0 })).toThrow(ConfigurationError);
  });
});

describe('redactUrl', () => {
  it('hides passwords, even with @ or / inside', () => {
    expect(redactUrl('postgres://u:p@ss/w@host:5432/db')).toBe('postgres://u:***@host:5432/db');
    expect(redactUrl('mysql://root@host/db')).toBe('mysql://root@host/db');
    expect(redactUrl('postgres://host/db?user=u&password=secret&x=1')).toBe(
      'postgres://host/db?user=u&password=***&x=1',
    );
  });
});

describe('dialectOf and KyselySink on a plain Kysely instance', () => {
  it('reads the dialect from the adapter', async () => {
    const db = new Kysely<Record<string, never>>({
      dialect: new SqliteDialect({ database: new Database(':memory:') }),
    });
    expect(dialectOf(db)).toBe('sqlite');
    expect(new KyselySink(db).dialect).toBe('sqlite');
    await db.destroy();
  });

  it('asks for a dialect it cannot tell', () => {
    const fake = {
      executeQuery: async () => ({ rows: [] }),
      transaction: () => ({
        execute: async <T>(fn: (trx: never) => Promise<T>) => fn(undefined as never),
      }),
      connection: () => ({
        execute: async <T>(fn: (trx: never) => Promise<T>) => fn(undefined as never),
      }),
    };
    expect(() => new KyselySink(fake)).toThrow(ConfigurationError);
    expect(new KyselySink(fake, { dialect: 'postgres' }).dialect).toBe('postgres');
    expect(() => new KyselySink(fake, { dialect: 'postgres', batchSize: 0 })).toThrow(/batchSize/);
    expect(() => new KyselySink(fake, { dialect: 'postgres', tablePrefix: 'SN-' })).toThrow(
      /tablePrefix/,
    );
  });
});
