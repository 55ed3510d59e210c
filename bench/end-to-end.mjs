#!/usr/bin/env node
/**
 * Measurement 1: the incidents job end to end against its physical bound.
 *
 *   npm run build && node --expose-gc bench/end-to-end.mjs [--scale 1] [--runs 2] [--latency 50] [--json]
 *
 * The incidents job (4 tasks: incidents, their SLAs, time worked and incident tasks) reads
 * 200,000 incidents x scale and their children from the mock (50 ms per request) into a fresh
 * SQLite file, through `loadIncidents` (the real public path, execution log included).
 *
 * The bound is the largest of:
 * - API bound: pages / maxInFlight (4, the client's default) x latency;
 * - parse bound: `JSON.parse` of the very bodies the run received, one after the other;
 * - write bound: raw better-sqlite3 inserting the very rows the run wrote (one prepared INSERT,
 *   a transaction per 20,000 rows, the same pragmas as the sink: WAL, synchronous=NORMAL) into
 *   the same table definitions.
 *
 * The mock runs in its own process behind a replaying front (bench/lib/mock-process.mjs): an
 * unmeasured warm-up run records every page, so measured runs pay the latency only, not the
 * mock's rendering. Each side (run, parse, write) runs in a fresh child process; sides alternate
 * and the report gives medians.
 *
 * Sides can be run by hand, e.g. to profile one: start a mock with
 * `node bench/lib/mock-process.mjs '{"scale":20000,"latencyMs":50,"replay":true}'` (it prints its
 * url and credentials), record with `--side record --url U --credentials '{...}'`, then
 * `node --cpu-prof bench/end-to-end.mjs --side run --url U --credentials '{...}' --db /tmp/x.db`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  cpuMs,
  log,
  median,
  mockArgs,
  parseBenchArgs,
  peakRssMb,
  removeDatabase,
  round,
  runBench,
  runSide,
  scaled,
  scaleOf,
  sideClient,
  WHOLE_WINDOW,
  withMock,
  withTempDir,
} from './lib/bench-utils.mjs';

const SELF = fileURLToPath(import.meta.url);
const values = parseBenchArgs({
  runs: { type: 'string', default: '2' },
  latency: { type: 'string', default: '50' },
  source: { type: 'string' },
});

const DATA_TABLES = ['incident', 'task_sla', 'task_time_worked', 'incident_task'];

/** Side `run`: the incidents job into a fresh SQLite file. */
async function sideRun() {
  const { ServiceNowClient, createDatabase, loadIncidents } = await import('../dist/index.js');
  removeDatabase(values.db);
  const client = sideClient(ServiceNowClient, values);
  const db = createDatabase(`sqlite:${values.db}`);
  const cpu = cpuMs();
  const started = performance.now();
  const result = await loadIncidents({ client, db, window: WHOLE_WINDOW });
  const ms = performance.now() - started;
  const used = cpuMs() - cpu;
  const maxInFlight = client.settings.rateLimit.maxInFlight;
  const metrics = client.metrics;
  await client.close();
  await db.destroy();
  const tasks = {};
  for (const [name, task] of Object.entries(result.tasks)) {
    tasks[name] = {
      status: task.status,
      records: task.recordsProcessed,
      apiCalls: task.apiCalls,
      seconds: round(task.durationSeconds, 2),
    };
  }
  return {
    status: result.status,
    ms: round(ms),
    cpuMs: round(used),
    records: result.totalRecordsProcessed,
    apiCalls: result.apiCalls,
    maxInFlight,
    requests: metrics.requests,
    peakRssMb: round(peakRssMb()),
    tasks,
  };
}

/**
 * Side `record`: pages every task of the job exactly as `runTasks` asks the client for them
 * (same query, fields, display values and page size), without decoding or writing, and makes
 * the run's other requests (time-zone check, completeness counts), so that the replaying mock
 * records every answer the measured runs will ask for.
 */
async function sideRecord() {
  const { ServiceNowClient, incidentsJob } = await import('../dist/index.js');
  const client = sideClient(ServiceNowClient, values);
  const started = performance.now();
  let rows = 0;
  // The run's other requests too: the integration user's time zone and each task's Stats count
  // (completeness audit), so that the measured runs are served from memory throughout.
  await client.integrationUser();
  await Promise.all(
    incidentsJob().tasks.map(async (task) => {
      const query = task.buildQuery(WHOLE_WINDOW);
      const pages = client.paginate(task.table, {
        query,
        fields: task.fieldNames,
        displayValue: task.displayValue === 'all' ? 'all' : false,
        pageSize: task.pageSize ?? 1000,
      });
      for await (const page of pages) rows += page.records.length;
      await client.count(task.table, query);
    }),
  );
  const ms = performance.now() - started;
  const requests = client.metrics.requests;
  await client.close();
  return { rows, requests, ms: round(ms), peakRssMb: round(peakRssMb()) };
}

/** Side `parse`: JSON.parse of every recorded body (gunzip and UTF-8 decoding timed apart). */
async function sideParse() {
  const stats = await (await fetch(`${values.url}/__bench/stats`)).json();
  let parseMs = 0;
  let decodeMs = 0;
  let bytes = 0;
  let rows = 0;
  for (let i = 0; i < stats.recorded; i++) {
    const response = await fetch(`${values.url}/__bench/body/${i}`);
    const raw = Buffer.from(await response.arrayBuffer());
    const t0 = performance.now();
    const buffer = response.headers.get('x-encoding') === 'gzip' ? gunzipSync(raw) : raw;
    const text = buffer.toString('utf8');
    const t1 = performance.now();
    const body = JSON.parse(text);
    const t2 = performance.now();
    decodeMs += t1 - t0;
    parseMs += t2 - t1;
    bytes += buffer.length;
    rows += Array.isArray(body.result) ? body.result.length : 0;
  }
  return {
    pages: stats.recorded,
    rows,
    megabytes: round(bytes / 2 ** 20),
    ms: round(parseMs),
    gunzipDecodeMs: round(decodeMs),
    peakRssMb: round(peakRssMb()),
  };
}

/** Side `write`: raw better-sqlite3 inserts of the rows the run wrote (read outside the clock). */
async function sideWrite() {
  const { default: Database } = await import('better-sqlite3');
  const source = new Database(values.source, { readonly: true });
  removeDatabase(values.db);
  const target = new Database(values.db);
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = NORMAL');
  target.pragma('wal_autocheckpoint = 10000');
  const CHUNK = 20_000;
  let ms = 0;
  let rows = 0;
  for (const table of DATA_TABLES) {
    const { sql } = source
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(table);
    target.exec(sql);
    const columns = source
      .prepare(`SELECT name FROM pragma_table_info(?)`)
      .all(table)
      .map((c) => `"${c.name}"`);
    const insert = target.prepare(
      `INSERT INTO "${table}" (${columns.join(',')}) VALUES (${columns.map(() => '?').join(',')})`,
    );
    const insertAll = target.transaction((chunk) => {
      for (const row of chunk) insert.run(row);
    });
    const read = source.prepare(`SELECT ${columns.join(',')} FROM "${table}"`).raw();
    let chunk = [];
    const flush = () => {
      const started = performance.now();
      insertAll(chunk);
      ms += performance.now() - started;
      rows += chunk.length;
      chunk = [];
    };
    for (const row of read.iterate()) {
      chunk.push(row);
      if (chunk.length === CHUNK) flush();
    }
    if (chunk.length > 0) flush();
  }
  source.close();
  target.close();
  removeDatabase(values.db);
  return { rows, ms: round(ms), peakRssMb: round(peakRssMb()) };
}

async function orchestrate() {
  const scale = scaleOf(values);
  const runs = Number(values.runs);
  const latencyMs = Number(values.latency);
  const incidents = scaled(200_000, scale);
  return withTempDir('sn-bench-e2e-', (dir) => {
    log(`end-to-end: ${incidents} incidents + children, latency ${latencyMs} ms, ${runs} run(s)`);
    const mockOptions = { seed: 1, scale: incidents, latencyMs, replay: true, workers: 2 };
    return withMock(mockOptions, (mock) => measure({ mock, dir, incidents, runs, latencyMs }));
  });
}

/** Records every page, then runs the sides `runs` times in turn and compares with the bound. */
async function measure({ mock, dir, incidents, runs, latencyMs }) {
  const side = (name, extra) =>
    runSide(SELF, ['--side', name, ...mockArgs(mock), ...extra], { prefix: name });
  const reference = join(dir, 'reference.db');
  const results = { run: [], parse: [], write: [] };
  log('recording every page from the mock (paging only, no decoding or writing)...');
  const recording = await side('record', []);
  const recordMs = recording.ms;
  log(`recorded ${recording.requests} pages in ${round(recordMs / 1000, 1)} s (mock rendering)`);
  const sides = ['run', 'parse', 'write'];
  for (let r = 0; r < runs; r++) {
    const order = sides.map((_, i) => sides[(i + r) % sides.length]);
    for (const name of order) {
      let result;
      if (name === 'run') {
        await mock.reset();
        result = await side('run', ['--db', reference]);
        result.served = await mock.stats();
        if (result.status !== 'success') throw new Error(`run status ${result.status}`);
        if (result.served.misses > 0)
          log(`warning: ${result.served.misses} request(s) were not recorded (mock rendered them)`);
      } else if (name === 'parse') result = await side('parse', []);
      else {
        if (results.run.length === 0) await side('run', ['--db', reference]); // rows to write
        result = await side('write', ['--source', reference, '--db', join(dir, 'raw.db')]);
      }
      results[name].push(result);
      log(`${name.padEnd(5)} ${round(result.ms / 1000, 2)} s`);
    }
  }
  const recordStats = await mock.stats();
  const pages = median(results.run.map((r) => r.served.requests));
  const maxInFlight = results.run[0].maxInFlight;
  const apiBoundMs = (pages / maxInFlight) * latencyMs;
  const taskPages = Object.values(results.run[0].tasks).map((t) => t.apiCalls);
  const chainBoundMs = Math.max(...taskPages) * latencyMs;
  const parseBoundMs = median(results.parse.map((r) => r.ms));
  const writeBoundMs = median(results.write.map((r) => r.ms));
  const runMs = median(results.run.map((r) => r.ms));
  const boundMs = Math.max(apiBoundMs, parseBoundMs, writeBoundMs);
  const limiting = boundMs === apiBoundMs ? 'api' : boundMs === parseBoundMs ? 'parse' : 'write';
  const report = {
    benchmark: 'end-to-end',
    incidents,
    rows: results.run[0].records,
    tables: Object.fromEntries(
      Object.entries(results.run[0].tasks).map(([name, t]) => [name, t.records]),
    ),
    latencyMs,
    runs,
    pages,
    maxInFlight,
    megabytes: results.parse[0].megabytes,
    recordedMegabytesGzip: round(recordStats.recordedBytes / 2 ** 20),
    recordMs: round(recordMs),
    replayMisses: Math.max(...results.run.map((r) => r.served.misses)),
    runMs: round(runMs),
    runCpuMs: round(median(results.run.map((r) => r.cpuMs))),
    runPeakRssMb: Math.max(...results.run.map((r) => r.peakRssMb)),
    apiBoundMs: round(apiBoundMs),
    chainBoundMs: round(chainBoundMs),
    parseBoundMs: round(parseBoundMs),
    gunzipDecodeMs: round(median(results.parse.map((r) => r.gunzipDecodeMs))),
    writeBoundMs: round(writeBoundMs),
    boundMs: round(boundMs),
    limitingBound: limiting,
    ratio: round(runMs / boundMs, 2),
    target: 1.1,
    pass: runMs / boundMs <= 1.1,
    runsMs: results.run.map((r) => r.ms),
    parseMs: results.parse.map((r) => r.ms),
    writeMs: results.write.map((r) => r.ms),
    taskSeconds: Object.fromEntries(
      Object.entries(results.run.at(-1).tasks).map(([name, t]) => [name, t.seconds]),
    ),
  };
  log(
    `run ${round(runMs / 1000, 1)} s; bound ${round(boundMs / 1000, 1)} s (${limiting}); ` +
      `api ${round(apiBoundMs / 1000, 1)} s, parse ${round(parseBoundMs / 1000, 1)} s, ` +
      `write ${round(writeBoundMs / 1000, 1)} s; time/bound ${report.ratio} (target <= 1.1)`,
  );
  return report;
}

const handlers = { record: sideRecord, run: sideRun, parse: sideParse, write: sideWrite };
await runBench(values, { side: (name) => handlers[name](), orchestrate });
