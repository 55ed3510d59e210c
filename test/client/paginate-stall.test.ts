/**
 * An instance that drops the cursor term of the query (as a real one drops a term it does not
 * understand) answers every page with the first page again: the cursor does not advance. The
 * paginator must notice, flag the page `stalled` and stop, on every strategy with a cursor;
 * without the guard it would ask for the same page forever. A run then ends the task with a
 * `PagingStalled` error instead of looping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchFunction, Page } from '../../src/client/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { basicClient, listRequests, startMock } from './mock-harness.js';

let mock: MockServiceNow;
beforeAll(async () => {
  mock = await startMock(120);
});
afterAll(() => mock.close());

/** A fetch to an instance that answers every list request with the first request's query. */
function cursorIgnoringFetch(): FetchFunction {
  let firstQuery: string | undefined;
  return (input, init) => {
    const url = new URL(String(input));
    const query = url.searchParams.get('sysparm_query');
    if (url.pathname === '/api/now/table/incident' && query !== null) {
      firstQuery ??= query;
      url.searchParams.set('sysparm_query', firstQuery);
    }
    return globalThis.fetch(url, init);
  };
}

/** Pages until the paginator stops, or fails after `limit` pages: a loop never hangs the test. */
async function pagesUpTo(pages: AsyncIterable<Page>, limit: number): Promise<Page[]> {
  const out: Page[] = [];
  for await (const page of pages) {
    out.push(page);
    if (out.length >= limit) throw new Error(`paging did not stop after ${limit} pages`);
  }
  return out;
}

describe('a page whose cursor does not advance', () => {
  for (const strategy of ['keyset', 'updated'] as const) {
    it(`stops the ${strategy} paginator with a stalled page instead of looping`, async () => {
      const client = basicClient(mock, { fetch: cursorIgnoringFetch() });
      mock.clearRequests();
      const pages = await pagesUpTo(client.paginate('incident', { pageSize: 25, strategy }), 10);
      expect(pages).toHaveLength(2);
      expect(pages[0]).toMatchObject({ stalled: false, rawCount: 25 });
      expect(pages[0]?.records).toHaveLength(25);
      // The second answer repeats the first: nothing new is yielded, the page is flagged.
      expect(pages[1]).toMatchObject({ stalled: true, rawCount: 25, records: [] });
      expect(listRequests(mock)).toHaveLength(2);
      expect(client.metrics.stalls).toBe(1);
      await client.close();
    });
  }

  it('ends a record iterator after the first page, each record once', async () => {
    const client = basicClient(mock, { fetch: cursorIgnoringFetch() });
    const ids: string[] = [];
    for await (const record of client.records('incident', { pageSize: 30 })) {
      ids.push(String(record.sys_id));
      if (ids.length > 300) throw new Error('the record iterator did not stop');
    }
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    await client.close();
  });
});
