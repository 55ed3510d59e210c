/**
 * examples/postgres.ts against the mock, into a fresh PostgreSQL database created for the test
 * (so that other test files on the same server cannot collide with it). Skipped, visibly, when
 * SN_TEST_PG_URL is not set.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresExample } from '../../examples/postgres.js';
import { configurationsJobCounts, incidentsJobCounts, incidentsOpened } from './expected.js';

const serverUrl = process.env.SN_TEST_PG_URL;
if (!serverUrl) {
  console.warn(
    '[servicenow-sync tests] SN_TEST_PG_URL is not set: examples/postgres.ts is SKIPPED',
  );
}

const WINDOW = { from: '2026-08-01', to: '2026-10-31' };

describe.skipIf(!serverUrl)('examples/postgres.ts', () => {
  const name = `sn_example_${randomBytes(5).toString('hex')}`;
  let databaseUrl: string;
  let mock: MockServiceNow;

  async function admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin(`create database ${name}`);
    const url = new URL(serverUrl ?? '');
    url.pathname = `/${name}`;
    databaseUrl = url.href;
    mock = await createMockServiceNow({ seed: 5, scale: 300 });
  });
  afterAll(async () => {
    await mock?.close();
    await admin(`drop database if exists ${name} with (force)`);
  });

  it('loads both jobs into PostgreSQL; tables and the SLA report equal the mock', async () => {
    const out = await postgresExample({
      instanceUrl: mock.url,
      username: mock.credentials.username,
      password: mock.credentials.password,
      databaseUrl,
      window: WINDOW,
    });
    expect(out.incidents.status).toBe('success');
    expect(out.configurations.status).toBe('success');
    expect(out.rows).toEqual({
      ...configurationsJobCounts(mock),
      ...incidentsJobCounts(mock, WINDOW),
    });

    // SLA breaches per SLA definition, counted from the mock's task_sla rows.
    const incidents = new Set(incidentsOpened(mock, WINDOW).map((row) => row.sys_id));
    const expected = new Map<string, { slas: number; breached: number }>();
    for (const row of mock.data.rows('task_sla')) {
      if (!incidents.has(row.task ?? '')) continue;
      const sla = row.sla ? mock.data.displayValue('contract_sla', row.sla) : '';
      const line = expected.get(sla) ?? { slas: 0, breached: 0 };
      line.slas += 1;
      if (row.has_breached === 'true') line.breached += 1;
      expected.set(sla, line);
    }
    expect(out.slaBreaches.length).toBe(expected.size);
    for (const line of out.slaBreaches) {
      expect(expected.get(line.sla ?? '')).toEqual({ slas: line.slas, breached: line.breached });
    }
    expect(out.slaBreaches.some((line) => line.breached > 0)).toBe(true);
  });
});
