/**
 * A database written before instances were recorded, its tables created here by hand as the
 * previous release did (state table and execution log without `instance`, a data table not in
 * `servicenow_sync_tables`): the first run upgrades it in place, keeps every row, adopts the
 * tables for its instance with a warning, and another instance is refused afterwards.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceNowClient } from '../../src/client/index.js';
import { InstanceMismatchError } from '../../src/core/index.js';
import { readRuns } from '../../src/log/index.js';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { readSyncStates, readTableClaims } from '../../src/sink/index.js';
import { usersTask } from '../../src/tasks/catalog/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { type TestDatabase, testDatabases } from '../support/databases.js';

/** The column types of the previous release's tables, per dialect. */
const OLD_TYPES = {
  sqlite: { key: 'text', text: 'text', time: 'text', id: 'integer primary key autoincrement' },
  postgres: { key: 'text', text: 'text', time: 'timestamp', id: 'serial primary key' },
  mysql: {
    key: 'varchar(191)',
    text: 'varchar(255)',
    time: 'datetime',
    id: 'integer auto_increment primary key',
  },
} as const;

const LEGACY_USER = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** The previous release's tables, with one row each. */
async function oldDatabase(t: TestDatabase): Promise<void> {
  const { key, text, time, id } = OLD_TYPES[t.name];
  const options = t.name === 'mysql' ? ' DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin' : '';
  const q = (name: string) => (t.name === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const statements = [
    `CREATE TABLE servicenow_sync_state (task_name ${key} NOT NULL, target_table varchar(64) NOT NULL, ` +
      `table_name ${text} NOT NULL, watermark_time ${time} NULL, watermark_sys_id ${text} NULL, ` +
      `deletes_checked_at ${time} NULL, updated_at ${time} NOT NULL, PRIMARY KEY (task_name, target_table))${options}`,
    `INSERT INTO servicenow_sync_state VALUES ('users', 'sys_user', 'sys_user', '2026-01-01 00:00:00', '${LEGACY_USER}', NULL, '2026-01-01 00:00:00')`,
    `INSERT INTO servicenow_sync_state VALUES ('legacy_task', 'legacy_table', 'u_legacy', '2025-06-01 12:00:00', 'b', NULL, '2025-06-01 12:00:00')`,
    `CREATE TABLE servicenow_execution_log (id ${id}, execution_type ${key} NOT NULL, start_date date, ` +
      `end_date date, started_at ${time} NOT NULL, ended_at ${time}, duration_seconds double precision, ` +
      `status varchar(16) NOT NULL, total_records_processed bigint NOT NULL DEFAULT 0, ` +
      `api_calls bigint NOT NULL DEFAULT 0, db_operations bigint NOT NULL DEFAULT 0, ` +
      `error_message text, heartbeat_at ${time})${options}`,
    `INSERT INTO servicenow_execution_log (execution_type, started_at, ended_at, status) ` +
      `VALUES ('configurations', '2026-01-01 00:00:00', '2026-01-01 00:01:00', 'success')`,
    `CREATE TABLE sys_user (${q('sys_id')} ${key} NOT NULL PRIMARY KEY, ${q('user_name')} ${text})${options}`,
    `INSERT INTO sys_user VALUES ('${LEGACY_USER}', 'legacy.user')`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(t.db);
}

for (const target of testDatabases) {
  describe.skipIf(!target.available)(`upgrading an older database on ${target.name}`, () => {
    let t: TestDatabase;
    let mock: MockServiceNow;
    let other: MockServiceNow;
    let client: ServiceNowClient;

    beforeAll(async () => {
      t = await target.open();
      await oldDatabase(t);
      [mock, other] = await Promise.all([
        createMockServiceNow({ seed: 3, scale: 20 }),
        createMockServiceNow({ seed: 4, scale: 20 }),
      ]);
      client = new ServiceNowClient({
        instanceUrl: mock.url,
        auth: { type: 'basic', ...mock.credentials },
      });
    });
    afterAll(async () => {
      await client?.close();
      await mock?.close();
      await other?.close();
      await t?.close();
    });

    it('keeps every row, adds the columns and adopts the tables for the first instance', async () => {
      const result = await runTasks([usersTask()], {
        client,
        ...connectDatabase(t.db),
        mode: 'full',
      });
      expect(result.status).toBe('success');
      expect(result.warnings.join(' ')).toContain(`Adopted sys_user for ${mock.url}`);
      const users = await t.db.selectFrom('sys_user').select(['sys_id', 'user_name']).execute();
      expect(users).toContainEqual({ sys_id: LEGACY_USER, user_name: 'legacy.user' });
      expect(users.length).toBe(mock.data.count('sys_user') + 1); // the legacy row kept
      const states = await readSyncStates(t.db);
      expect(states.map((s) => [s.task, s.targetTable, s.instance])).toEqual([
        ['legacy_task', 'legacy_table', null],
        ['users', 'sys_user', mock.url],
      ]);
      expect(states[0]?.watermark).toEqual({ updatedOn: '2025-06-01 12:00:00', sysId: 'b' });
      const runs = await readRuns(t.db);
      expect(runs.map((r) => [r.executionType, r.status, r.instance])).toEqual([
        ['tasks', 'success', mock.url],
        ['configurations', 'success', null],
      ]);
      expect((await readTableClaims(t.db)).map((c) => [c.targetTable, c.instance])).toEqual([
        ['sys_user', mock.url],
      ]);
    });

    it('refuses another instance afterwards, and adopts nothing twice', async () => {
      const otherClient = new ServiceNowClient({
        instanceUrl: other.url,
        auth: { type: 'basic', ...other.credentials },
      });
      try {
        await expect(
          runTasks([usersTask()], { client: otherClient, ...connectDatabase(t.db) }),
        ).rejects.toBeInstanceOf(InstanceMismatchError);
      } finally {
        await otherClient.close();
      }
      const again = await runTasks([usersTask()], { client, ...connectDatabase(t.db) });
      expect(again.status).toBe('success');
      expect(again.warnings).toEqual([]);
    });
  });
}
