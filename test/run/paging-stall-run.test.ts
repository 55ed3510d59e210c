/**
 * A run against an instance that drops the cursor term of its queries (every page of a table
 * is its first page again): the task stops at the repeated page and ends `partial` with a
 * `PagingStalled` error, each record written once, instead of reading forever.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type FetchFunction, ServiceNowClient } from '../../src/client/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { usersTask } from '../../src/tasks/catalog/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { useRunHarness } from '../support/run-harness.js';

let mock: MockServiceNow;
const freshDb = useRunHarness('sn-stall-run-', { seed: 12, scale: 200 }, (m) => {
  mock = m;
});

/** Answers every sys_user page request with the first page request's query. */
function cursorIgnoringFetch(): FetchFunction {
  let firstPage: string | undefined;
  return (input, init) => {
    const url = new URL(String(input));
    const query = url.searchParams.get('sysparm_query') ?? '';
    if (url.pathname === '/api/now/table/sys_user' && query.includes('ORDERBYsys_id')) {
      firstPage ??= query;
      url.searchParams.set('sysparm_query', firstPage);
    }
    return globalThis.fetch(url, init);
  };
}

describe('a run whose pages do not advance', () => {
  it('ends the task partial with PagingStalled after the repeated page', async () => {
    const db = freshDb();
    const client = new ServiceNowClient({
      instanceUrl: mock.url,
      auth: { type: 'basic', ...mock.credentials },
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
      fetch: cursorIgnoringFetch(),
    });
    try {
      const result = await runTasks([usersTask()], {
        client,
        ...connectDatabase(db),
        pageSize: 20,
      });
      const users = result.tasks.users;
      expect(users?.status).toBe('partial');
      expect(users?.error?.name).toBe('PagingStalled');
      expect(users?.recordsProcessed).toBe(20);
      const stored = await sql<{ n: number }>`select count(*) as n from sys_user`.execute(db);
      expect(stored.rows[0]?.n).toBe(20);
      expect(client.metrics.stalls).toBe(1);
    } finally {
      await client.close();
    }
  });
});
