/**
 * The old loader's scheme, re-created with this project's own client, decoder and sink so that
 * only the scheme differs from `runTasks(configurationsJob().tasks)`:
 *
 * - offset paging, one request at a time per table (`strategy: 'offset'`, no read-ahead), and the
 *   old stop rule: a page shorter than the limit ends the table;
 * - the whole table collected in memory before anything is written: every raw record of every
 *   page, then every decoded row, then one `sink.write` of the whole table;
 * - the tasks in fixed batches of 3: `Promise.all` of 3 tasks, and the next batch starts only
 *   when the slowest of the 3 has finished.
 *
 * What is kept from this project (so the comparison is about the scheme): the client's
 * `ORDERBYsys_id` on offset pages (the old loader had none, and skipped or duplicated rows), its
 * retries, session cookies and gzip; the field codecs; the sink's upserts (one transaction per
 * 1,000 rows). The old loader also held about five copies of each table (raw JSON, records, a
 * converted frame, ...); this re-creation holds two (records and rows), so its memory figure is
 * a lower bound of the old loader's.
 */
import { createDecoder } from '../dist/index.js';

/** Tasks per batch in the old loader. */
export const OLD_BATCH = 3;

/** One task the old way: read the whole table by offset, decode all, write all. */
async function loadTableTheOldWay(task, { client, sink, pageSize }) {
  await sink.prepare(task);
  const records = [];
  let requests = 0;
  for await (const page of client.paginate(task.table, {
    query: task.buildQuery(),
    fields: task.fieldNames,
    displayValue: task.displayValue === 'all' ? 'all' : false,
    pageSize,
    strategy: 'offset',
    readAhead: 0,
  })) {
    requests += page.attempts;
    for (const record of page.records) records.push(record);
    if (page.rawCount < pageSize) break;
  }
  const decode = createDecoder(task);
  const rows = records.map((record) => decode(record));
  const written = await sink.write(task, rows);
  return { name: task.name, records: written.written, requests };
}

/**
 * Runs `tasks` as the old loader did: fixed batches of {@link OLD_BATCH}, each table read by
 * offset and held in memory, then written at once.
 *
 * @param {readonly import('../dist/index.js').TaskDefinition[]} tasks
 * @param {{ client: import('../dist/index.js').ServiceNowClient, sink: import('../dist/index.js').Sink, pageSize?: number }} options
 */
export async function loadTheOldWay(tasks, { client, sink, pageSize = 1000 }) {
  const results = [];
  for (let i = 0; i < tasks.length; i += OLD_BATCH) {
    const batch = tasks.slice(i, i + OLD_BATCH);
    results.push(
      ...(await Promise.all(
        batch.map((task) => loadTableTheOldWay(task, { client, sink, pageSize })),
      )),
    );
  }
  return results;
}
