/**
 * One detector for every part that writes: dialectOf / adapterOf on createDatabase instances and
 * plain Kysely instances, the same ConfigurationError for a database that cannot be told, and
 * the SQLite fast path reached from the Kysely instance itself or the sqliteHandle option.
 */
import Database from 'better-sqlite3';
import {
  DialectAdapterBase,
  DummyDriver,
  Kysely,
  MysqlDialect,
  PostgresDialect,
  SqliteDialect,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/index.js';
import {
  adapterFor,
  adapterOf,
  BetterSqliteDialect,
  createDatabase,
  dialectOf,
  type SyncTables,
  sqliteHandleOf,
} from '../../src/database/index.js';
import { fields } from '../../src/fields/index.js';
import { KyselyExecutionLogger } from '../../src/log/index.js';
import { KyselySink } from '../../src/sink/index.js';
import { defineTask } from '../../src/tasks/index.js';

class FooAdapter extends DialectAdapterBase {
  override get supportsTransactionalDdl(): boolean {
    return false;
  }
  override get supportsReturning(): boolean {
    return false;
  }
  override async acquireMigrationLock(): Promise<void> {}
  override async releaseMigrationLock(): Promise<void> {}
}

function fooDatabase(): Kysely<SyncTables> {
  return new Kysely<SyncTables>({
    dialect: {
      createAdapter: () => new FooAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

function refusal(build: () => unknown): ConfigurationError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('accepted');
}

describe('dialectOf and adapterOf', () => {
  it('tell plain Kysely instances by their dialect adapter', async () => {
    const pg = new Kysely<SyncTables>({
      dialect: new PostgresDialect({ pool: async () => ({}) as never }),
    });
    const my = new Kysely<SyncTables>({
      dialect: new MysqlDialect({ pool: async () => ({}) as never }),
    });
    expect(dialectOf(pg)).toBe('postgres');
    expect(dialectOf(my)).toBe('mysql');
    expect(adapterOf(pg)).toBe(adapterFor('postgres'));
    expect(adapterOf(my).quote('order')).toBe('`order`');
    expect(adapterOf(my, { dialect: 'sqlite' })).toBe(adapterFor('sqlite'));
  });

  it('gives the same answer to the sink and the log for a database it cannot tell', async () => {
    const foo = fooDatabase();
    expect(dialectOf(foo)).toBeUndefined();
    const direct = refusal(() => adapterOf(foo));
    const sink = refusal(() => new KyselySink(foo));
    const logger = refusal(() => new KyselyExecutionLogger(foo));
    for (const error of [direct, sink, logger]) {
      expect(error.option).toBe('dialect');
      expect(error.message).toContain('FooAdapter');
    }
    expect(sink.message).toMatch(/^KyselySink: .*pass dialect/);
    expect(logger.message).toMatch(/^KyselyExecutionLogger: /);
    expect(refusal(() => adapterOf({})).message).toContain('without a Kysely executor');
    expect(refusal(() => adapterFor('oracle' as never)).message).toContain('"oracle"');
    await foo.destroy();
  });
});

describe('the SQLite fast path', () => {
  const task = defineTask({
    name: 'fast_path_probe',
    table: 'incident',
    fields: { number: fields.string(), active: fields.boolean() },
  });
  const rows = [
    { sys_id: 'a', number: 'INC1', active: true },
    { sys_id: 'b', number: 'INC2', active: false },
  ];

  it('is found from instances of createDatabase and BetterSqliteDialect, in transactions too', async () => {
    const made = createDatabase('sqlite::memory:');
    const own = new Kysely<SyncTables>({
      dialect: new BetterSqliteDialect(new Database(':memory:')),
    });
    const plain = new Kysely<SyncTables>({
      dialect: new SqliteDialect({ database: new Database(':memory:') }),
    });
    try {
      expect(sqliteHandleOf(made)).toBeDefined();
      expect(sqliteHandleOf(own)).toBeDefined();
      expect(await made.transaction().execute(async (trx) => sqliteHandleOf(trx))).toBe(
        sqliteHandleOf(made),
      );
      expect(sqliteHandleOf(plain)).toBeUndefined();
      expect(adapterFor('sqlite').fastUpsert(made)).toBeDefined();
      expect(adapterFor('sqlite').fastUpsert(plain)).toBeUndefined();
      expect(adapterFor('postgres').fastUpsert(made)).toBeUndefined();
    } finally {
      await Promise.all([made.destroy(), own.destroy(), plain.destroy()]);
    }
  });

  it('takes the handle of a plain instance from the sqliteHandle option', async () => {
    const handle = new Database(':memory:');
    const db = new Kysely<SyncTables>({ dialect: new SqliteDialect({ database: handle }) });
    try {
      expect(adapterFor('sqlite').fastUpsert(db, handle)).toBeDefined();
      const sink = new KyselySink(db, { sqliteHandle: handle });
      expect(await sink.write(task, rows)).toMatchObject({ written: 2, inserted: 2, updated: 0 });
      expect(await sink.write(task, rows.slice(0, 1))).toMatchObject({ inserted: 0, updated: 1 });
      expect(handle.prepare('SELECT sys_id, active FROM incident ORDER BY sys_id').all()).toEqual([
        { sys_id: 'a', active: 1 },
        { sys_id: 'b', active: 0 },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
