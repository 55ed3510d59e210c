import { describe, expect, test } from 'vitest';
import { createMockData, type MockData } from '../../src/mock/data/index.js';
import { q } from './helpers.js';

const enabled = process.env.SN_MOCK_SCALE_TEST === '1';
const INCIDENTS = Number(process.env.SN_MOCK_SCALE_INCIDENTS ?? 1_000_000);

if (!enabled) {
  console.log(
    'test/mock-data/scale.test.ts skipped: set SN_MOCK_SCALE_TEST=1 to build 1,000,000 incidents ' +
      '(about a minute and a few hundred MB) and print memory and page timings.',
  );
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Pages `<filter>^sys_id>X^ORDERBYsys_id`, printing the time of each page. */
function pages(data: MockData, table: string, filter: string, count: number): number[] {
  const times: number[] = [];
  let cursor = '';
  for (let page = 0; page < count; page++) {
    const text = [filter, cursor ? `sys_id>${cursor}` : '', 'ORDERBYsys_id']
      .filter(Boolean)
      .join('^');
    const started = performance.now();
    const rows = data.select(table, q(text), { limit: 1000 }).rows;
    times.push(performance.now() - started);
    if (rows.length === 0) break;
    const last = rows.at(-1)?.sys_id as string;
    expect(cursor === '' || last > cursor).toBe(true);
    cursor = last;
  }
  const shown = times.map((t) => t.toFixed(1)).join(', ');
  console.log(`${table} ${filter || '(all)'}: ${times.length} pages of 1000 in ms: ${shown}`);
  return times;
}

describe.skipIf(!enabled)(`mock data at ${INCIDENTS.toLocaleString('en-US')} incidents`, () => {
  test('memory and page timings', { timeout: 900_000 }, () => {
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const data = createMockData({ scale: INCIDENTS });
    const built = performance.now() - started;
    const rss = process.memoryUsage().rss;
    console.log(
      `built in ${(built / 1000).toFixed(1)} s; rss ${mb(rss)} (${mb(rss - before)} for the data); ` +
        `heap ${mb(process.memoryUsage().heapUsed)}; rows ${JSON.stringify(data.scale)}`,
    );
    expect(data.count('incident')).toBe(INCIDENTS);

    pages(data, 'incident', '', 5);
    pages(data, 'incident', 'active=false^priority<=3', 5);
    pages(data, 'incident', 'assignment_group.nameSTARTSWITHNetwork', 3);
    pages(data, 'incident', 'opened_at>=2026-06-01 00:00:00^opened_at<=2026-06-01 23:59:59', 5);
    pages(data, 'incident', 'opened_at>=2026-06-01 00:00:00^opened_at<=2026-06-30 23:59:59', 5);
    pages(
      data,
      'task_sla',
      'task.opened_at>=2026-06-01 00:00:00^task.opened_at<=2026-06-01 23:59:59',
      8,
    );
    pages(
      data,
      'task_sla',
      'task.opened_at>=2026-06-01 00:00:00^task.opened_at<=2026-06-30 23:59:59',
      5,
    );
    pages(
      data,
      'task_time_worked',
      'task.opened_at>=2026-06-01 00:00:00^task.opened_at<=2026-06-01 23:59:59',
      5,
    );
    pages(
      data,
      'incident_task',
      'incident.opened_at>=2026-06-01 00:00:00^incident.opened_at<=2026-06-07 23:59:59',
      5,
    );

    // Incremental read: compound (sys_updated_on, sys_id) cursor.
    const times: number[] = [];
    let cursor: { t: string; id: string } | undefined;
    const since = '2026-10-25 00:00:00';
    for (let page = 0; page < 5; page++) {
      const f = `sys_updated_on>=${since}`;
      const text = cursor
        ? `${f}^sys_updated_on>${cursor.t}^NQ${f}^sys_updated_on=${cursor.t}^sys_id>${cursor.id}`
        : f;
      const t0 = performance.now();
      const rows = data.select('incident', q(`${text}^ORDERBYsys_updated_on^ORDERBYsys_id`), {
        limit: 1000,
      }).rows;
      times.push(performance.now() - t0);
      const last = rows.at(-1);
      if (last === undefined) break;
      cursor = { t: last.sys_updated_on as string, id: last.sys_id as string };
    }
    console.log(
      `incident incremental (sys_updated_on, sys_id): ms ${times.map((t) => t.toFixed(1)).join(', ')}`,
    );

    const counted = performance.now();
    const total = data.select('incident', q('sys_id>8'), { limit: 1, count: true }).total;
    console.log(`count of sys_id>8: ${total} in ${(performance.now() - counted).toFixed(1)} ms`);

    const end = process.memoryUsage().rss;
    console.log(`rss after queries ${mb(end)}`);
    expect(end).toBeLessThan(2 * 1024 * 1024 * 1024);
  });
});
