#!/usr/bin/env node
/**
 * Measurement 6 (issue 15): a table discovered from the instance's dictionary against the
 * built-in task, in one process.
 *
 *   npm run build && node --expose-gc bench/discovered.mjs [--incidents 20000] [--runs 3] [--json]
 *
 * 1. Discovery: `discoverTable(client, 'incident')` and `discoverTable(client, 'u_vendor_review')`,
 *    time and requests (counted by the mock's front, bench/lib/mock-process.mjs).
 * 2. A full sync of `incident` into a fresh SQLite file (`runTasks([task], { mode: 'full' })`,
 *    keyset by sys_id, KyselySink), one side at a time:
 *    - `builtin`: `defineTask` with the fields and references of the catalog's
 *      `incidents_opened` but no window: a plain full copy of `incident`, the same selection
 *      and the same read path as the discovered sides (a window would add an `opened_at`
 *      filter the discovered task does not have);
 *    - `builtinAll`: the same fields with *every* reference displayed, i.e. exactly the
 *      columns of `schema` (informative: it separates the cost of the generic path from the
 *      cost of the extra display columns that `taskFromSchema` adds);
 *    - `schema`: `taskFromSchema(discovered, { fields: <the catalog task's field names> })`;
 *    - `whole`: `taskFromSchema(discovered)`, every field of the dictionary.
 *    The key figures: the ratio schema/builtin (target <= 1.1) and whole's rows/s.
 *
 * The mock runs in its own process with no latency behind the replaying front: an unmeasured
 * pass of each side (and of each discovery) records every answer, so the measured runs are not
 * paced by the mock's rendering. The sides run in this process, rotating their order; the
 * figures are medians of `--runs`. CPU is this process's; peak RSS is sampled every 20 ms
 * during a run (after a forced GC when `--expose-gc`). The last line on stdout is one JSON
 * object with the figures (with `--json`); progress goes to stderr.
 */
import { join } from 'node:path';
import {
  emit,
  log,
  measured,
  median,
  parseBenchArgs,
  removeDatabase,
  round,
  withMock,
  withTempDir,
} from './lib/bench-utils.mjs';

const values = parseBenchArgs({
  incidents: { type: 'string', default: '20000' },
  runs: { type: 'string', default: '3' },
});
const incidents = Number(values.incidents);
const runs = Number(values.runs);
for (const [name, value] of [
  ['incidents', incidents],
  ['runs', runs],
]) {
  if (!Number.isInteger(value) || value < 1) {
    log(`--${name} must be a positive integer`);
    process.exit(2);
  }
}

const TARGET = 1.1;
const DISCOVERED = ['incident', 'u_vendor_review'];
const SIDES = ['builtin', 'builtinAll', 'schema', 'whole'];

/** The four task definitions compared (see the header). */
function sideTasks(lib, schema) {
  const { defineTask, incidentsOpenedTask, taskFromSchema } = lib;
  const catalog = incidentsOpenedTask();
  const references = (elements) =>
    Object.fromEntries(elements.map((element) => [element, { display: true }]));
  const fieldNames = Object.keys(catalog.fields);
  const discovered = taskFromSchema(schema, { fields: fieldNames });
  const whole = taskFromSchema(schema);
  const plain = (name, displayed) =>
    defineTask({
      name,
      table: 'incident',
      fields: catalog.fields,
      references: references(displayed),
    });
  return {
    builtin: plain('incidents_plain', catalog.displayFields),
    builtinAll: plain('incidents_plain_all', discovered.task.displayFields),
    schema: discovered.task,
    whole: whole.task,
  };
}

async function main() {
  const lib = await import('../dist/index.js');
  const { ServiceNowClient, createDatabase, discoverTable, KyselySink, runTasks } = lib;
  const mockOptions = { seed: 1, scale: incidents, latencyMs: 0, replay: true };
  return withMock(mockOptions, (mock) =>
    withTempDir('sn-bench-discovered-', async (dir) => {
      const rows = mock.counts.incident;
      log(`mock: ${rows} incidents at ${mock.url}; ${runs} run(s) a side`);
      const newClient = () =>
        new ServiceNowClient({
          instanceUrl: mock.url,
          auth: { type: 'basic', ...mock.credentials },
        });

      /** One discovery with a client of its own; requests as the mock's front counted them. */
      const discover = async (table) => {
        const client = newClient();
        await mock.reset();
        try {
          const run = await measured(() => discoverTable(client, table));
          const stats = await mock.stats();
          return { ...run, requests: stats.requests, misses: stats.misses };
        } finally {
          await client.close();
        }
      };

      /** One full sync of `task` into a fresh SQLite file; checks the rows and counts columns. */
      const file = join(dir, 'discovered.db');
      const sync = async (task) => {
        removeDatabase(file);
        const client = newClient();
        const db = createDatabase(`sqlite:${file}`);
        await mock.reset();
        try {
          const run = await measured(async () => {
            const result = await runTasks([task], {
              client,
              sink: new KyselySink(db),
              mode: 'full',
            });
            if (result.status !== 'success') throw new Error(`run status ${result.status}`);
            return result.totalRecordsProcessed;
          });
          const stats = await mock.stats();
          const { default: Database } = await import('better-sqlite3');
          const check = new Database(file, { readonly: true });
          const stored = check.prepare(`SELECT count(*) AS n FROM "${task.target}"`).get().n;
          const columns = check
            .prepare('SELECT count(*) AS n FROM pragma_table_info(?)')
            .get(task.target).n;
          check.close();
          if (stored !== rows) throw new Error(`${task.name}: ${stored} rows stored of ${rows}`);
          return { ...run, requests: stats.requests, misses: stats.misses, columns };
        } finally {
          await client.close();
          await db.destroy();
          removeDatabase(file);
        }
      };

      // Discovery: an unmeasured call of each records its answers; then alternate.
      const schemas = {};
      const recordingMs = {};
      const discovery = Object.fromEntries(DISCOVERED.map((table) => [table, []]));
      for (const table of DISCOVERED) {
        const first = await discover(table);
        schemas[table] = first.value;
        recordingMs[table] = first.ms;
        log(
          `discover ${table} (recording): ${round(first.ms)} ms, ${first.requests} requests, ` +
            `${first.value.fields.length} fields`,
        );
      }
      for (let r = 0; r < runs; r++) {
        for (const table of r % 2 === 0 ? DISCOVERED : [...DISCOVERED].reverse()) {
          const run = await discover(table);
          discovery[table].push(run);
          log(
            `discover ${table.padEnd(16)} ${run.ms.toFixed(1).padStart(7)} ms  ${run.requests} requests`,
          );
        }
      }

      // Syncs: an unmeasured run of each side records its pages; then rotate the order.
      const tasks = sideTasks(lib, schemas.incident);
      const results = Object.fromEntries(SIDES.map((side) => [side, []]));
      for (const side of SIDES) {
        const warm = await sync(tasks[side]);
        log(
          `warm-up ${side}: ${warm.value} rows, ${warm.columns} columns in ` +
            `${round(warm.ms / 1000, 2)} s (recording)`,
        );
      }
      for (let r = 0; r < runs; r++) {
        const shift = r % SIDES.length;
        const order = [...SIDES.slice(shift), ...SIDES.slice(0, shift)];
        for (const side of r % 2 === 0 ? order : order.reverse()) {
          const run = await sync(tasks[side]);
          results[side].push(run);
          log(
            `${side.padEnd(10)} ${run.ms.toFixed(0).padStart(7)} ms  ` +
              `${String(round((rows / run.ms) * 1000)).padStart(7)} rows/s  ` +
              `CPU ${run.cpuMs.toFixed(0).padStart(6)} ms  peak RSS ${run.peakRssMb.toFixed(0)} MB  ` +
              `${run.columns} columns  misses ${run.misses}`,
          );
        }
      }

      const discoverySummary = (table) => ({
        fields: schemas[table].fields.length,
        chain: schemas[table].chain,
        requests: discovery[table][0].requests,
        liveMs: round(recordingMs[table], 1),
        medianMs: round(median(discovery[table].map((r) => r.ms)), 1),
        medianCpuMs: round(median(discovery[table].map((r) => r.cpuMs)), 1),
        runsMs: discovery[table].map((r) => round(r.ms, 1)),
      });
      const syncSummary = (side) => {
        const ms = median(results[side].map((r) => r.ms));
        return {
          columns: results[side][0].columns,
          displayColumns: tasks[side].displayFields.length,
          medianMs: round(ms),
          rowsPerSecond: round((rows / ms) * 1000),
          medianCpuMs: round(median(results[side].map((r) => r.cpuMs))),
          peakRssMb: round(Math.max(...results[side].map((r) => r.peakRssMb))),
          requests: results[side][0].requests,
          replayMisses: Math.max(...results[side].map((r) => r.misses)),
          runsMs: results[side].map((r) => round(r.ms)),
        };
      };
      const sides = Object.fromEntries(SIDES.map((side) => [side, syncSummary(side)]));
      const ratio = sides.schema.medianMs / sides.builtin.medianMs;
      const report = {
        benchmark: 'discovered',
        rows,
        runs,
        node: process.version,
        discovery: Object.fromEntries(DISCOVERED.map((t) => [t, discoverySummary(t)])),
        sync: sides,
        ratio: round(ratio, 3),
        ratioSameColumns: round(sides.schema.medianMs / sides.builtinAll.medianMs, 3),
        wholeRowsPerSecond: sides.whole.rowsPerSecond,
        target: TARGET,
        pass: ratio <= TARGET,
      };
      log(
        `schema/builtin: ${report.ratio} (target <= ${TARGET}); same columns ` +
          `${report.ratioSameColumns}; whole table ${report.wholeRowsPerSecond} rows/s ` +
          `(${sides.whole.columns} columns)`,
      );
      return report;
    }),
  );
}

const report = await main();
if (values.json) emit(report);
else process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
