/**
 * A run writes consecutive pages of a task together, up to the sink's `batchSize` rows, with the
 * watermark of the group's last page; rows read before a failure are still committed.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { ConfigurationError, type PageCursor } from '../../src/core/index.js';
import type { Row } from '../../src/fields/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { isStatefulSink, KyselySink, type Sink } from '../../src/sink/index.js';
import { defineTask, type TaskDefinition } from '../../src/tasks/index.js';
import { type TestDb, useRunHarness } from '../support/run-harness.js';

let mock: MockServiceNow;
let client: ServiceNowClient;
// The mock's clock runs an hour behind, so every stamp is before an incremental run's bound.
const clockMs = Date.now() - 3_600_000;
const freshDb = useRunHarness(
  'sn-write-groups-',
  { seed: 5, scale: 200, now: () => clockMs },
  (m, c) => {
    mock = m;
    client = c;
  },
);

const people: TaskDefinition = defineTask({
  name: 'people',
  table: 'sys_user',
  fields: { user_name: 'string', title: 'string', sys_updated_on: 'dateTime' },
});

interface WriteCall {
  readonly rows: readonly Row[];
  readonly watermark: PageCursor | null | undefined;
}

/**
 * Wraps a sink, recording every write (its rows and the watermark saved with them); with
 * `grouped: false` the wrapper states no batch size.
 */
function recording(inner: Sink, grouped = true) {
  const calls: WriteCall[] = [];
  const sink: Sink = {
    ...(grouped && inner.batchSizeFor ? { batchSizeFor: inner.batchSizeFor.bind(inner) } : {}),
    prepare: (task, options) => inner.prepare(task, options),
    write: (task, rows, options) => {
      calls.push({ rows: [...rows], watermark: options?.state?.watermark });
      return inner.write(task, rows, options);
    },
    ...(isStatefulSink(inner)
      ? { readState: inner.readState.bind(inner), saveState: inner.saveState.bind(inner) }
      : {}),
  };
  return { sink, calls };
}

/** The (sys_updated_on, sys_id) of the newest row of a write, as the paginator's cursor. */
function lastCursor(rows: readonly Row[]): PageCursor {
  const keyed = rows.map((r) => ({
    updatedOn: (r.sys_updated_on as Date).toISOString().slice(0, 19).replace('T', ' '),
    sysId: String(r.sys_id),
  }));
  keyed.sort((a, b) =>
    a.updatedOn === b.updatedOn
      ? a.sysId.localeCompare(b.sysId)
      : a.updatedOn.localeCompare(b.updatedOn),
  );
  return keyed.at(-1) as PageCursor;
}

async function storedIds(db: TestDb): Promise<string[]> {
  const rows = await db.selectFrom('sys_user').select('sys_id').execute();
  return rows.map((r: { sys_id: string }) => r.sys_id).sort();
}

describe('writes grouped up to the sink batch size', () => {
  it('KyselySink sizes transactions by the task width unless told', async () => {
    const sqlite = freshDb();
    const wide = (columns: number) =>
      defineTask({
        name: `wide_${columns}`,
        table: 'incident',
        fields: Object.fromEntries(
          Array.from({ length: columns - 1 }, (_, i) => [`f${i}`, 'string' as const]),
        ),
      });
    expect(wide(26).columns.length).toBe(26);
    // 130,000 values a transaction, from 1,000 to 10,000 rows, whatever the dialect.
    for (const dialect of ['sqlite', 'postgres', 'mysql'] as const) {
      const sink = new KyselySink(sqlite, { dialect });
      expect(sink.batchSizeFor(wide(26))).toBe(5000);
      expect(sink.batchSizeFor(wide(76))).toBe(1710);
      expect(sink.batchSizeFor(wide(200))).toBe(1000);
      expect(sink.batchSizeFor(people)).toBe(10_000);
    }
    for (const task of [wide(26), wide(200), people]) {
      expect(new KyselySink(sqlite, { batchSize: 250 }).batchSizeFor(task)).toBe(250);
    }
  });

  it('groups whole pages up to batchSize rows; each page alone without one', async () => {
    const total = mock.data.count('sys_user');
    expect(total).toBeGreaterThan(100);
    expect(total % 60).not.toBe(0);
    const grouped = recording(new KyselySink(freshDb(), { batchSize: 70 }));
    const result = await runTasks([people], { client, sink: grouped.sink, pageSize: 20 });
    expect(result.status).toBe('success');
    expect(result.tasks.people?.recordsProcessed).toBe(total);
    const sizes = grouped.calls.map((c) => c.rows.length);
    // 20 + 20 + 20 fit in 70, a fourth page would not; the last group holds what is left.
    expect(sizes.slice(0, -1).every((n) => n === 60)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
    expect(sizes.at(-1)).toBe(total - 60 * (sizes.length - 1));
    expect(sizes.length).toBe(Math.ceil(total / 60));

    const paged = recording(new KyselySink(freshDb()), false);
    await runTasks([people], { client, sink: paged.sink, pageSize: 20 });
    expect(paged.calls.length).toBe(Math.ceil(total / 20));
    expect(paged.calls.slice(0, -1).every((c) => c.rows.length === 20)).toBe(true);
  });

  it('saves the watermark of the last page of each group with its rows', async () => {
    const db = freshDb();
    const inner = new KyselySink(db, { batchSize: 45 });
    const { sink, calls } = recording(inner);
    const result = await runTasks([people], {
      client,
      sink,
      pageSize: 15,
      mode: 'incremental',
      overlapMinutes: 0,
    });
    expect(result.status).toBe('success');
    expect(calls.length).toBeGreaterThan(2);
    for (const call of calls.slice(0, -1)) {
      expect(call.rows.length).toBe(45);
      expect(call.watermark).toEqual(lastCursor(call.rows));
    }
    const state = await inner.readState(people);
    expect(state?.watermark).toEqual(result.tasks.people?.watermark);
    expect(state?.watermark).toEqual(lastCursor(calls.flatMap((c) => c.rows)));
  });

  it('commits the pages read before a failed page, and a re-run reads only the rest', async () => {
    const db = freshDb();
    const sink = new KyselySink(db, { batchSize: 1000 });
    const total = mock.data.count('sys_user');
    // After the preflight's read, the 4th page request is refused (403, not retried): three
    // pages were read.
    mock.setFaults({ readDenied: { table: 'sys_user', skip: 4 } });
    const options = {
      client,
      sink,
      pageSize: 20,
      mode: 'incremental',
      overlapMinutes: 0,
      checkTimeZone: false,
    } as const;
    const failed = await runTasks([people], options);
    expect(failed.tasks.people?.status).toBe('error');
    expect(failed.tasks.people?.recordsRead).toBe(60);
    expect(failed.tasks.people?.recordsProcessed).toBe(60);
    expect((await storedIds(db)).length).toBe(60);
    const state = await sink.readState(people);
    expect(state?.watermark).toEqual(failed.tasks.people?.watermark);
    expect(state?.watermark).not.toBeNull();

    mock.setFaults({});
    const again = await runTasks([people], options);
    expect(again.tasks.people?.status).toBe('success');
    expect(again.tasks.people?.recordsRead).toBe(total - 60);
    const source = [...mock.data.rows('sys_user')].map((r) => String(r.sys_id)).sort();
    expect(await storedIds(db)).toEqual(source);
  });

  it('refuses a sink whose batch size is not a positive integer', async () => {
    for (const batchSize of [0, -5, 1.5, Number.NaN, '100']) {
      const sink = {
        batchSizeFor: () => batchSize,
        prepare: async () => {},
        write: async () => ({ written: 0, dbOperations: 0 }),
      } as unknown as Sink;
      await expect(runTasks([people], { client, sink })).rejects.toThrow(ConfigurationError);
      await expect(runTasks([people], { client, sink })).rejects.toThrow(/batchSizeFor\(people\)/);
    }
  });
});
