#!/usr/bin/env node
/**
 * Measurement 3: the configurations job against the old loader's scheme (bench/old-scheme.mjs).
 *
 *   npm run build && node --expose-gc bench/old-vs-new.mjs [--scale 1] [--runs 3] [--latency 50]
 *     [--with-partitions] [--json]
 *
 * Both load the 5 configuration tables (contract SLAs, groups, companies, users, network links)
 * from the same mock (50 ms per request) into a fresh SQLite file, each run in its own child
 * process (peak RSS per side):
 * - new: `runTasks(configurationsJob().tasks, { concurrency: 3 })`: a pool of 3, keyset pages with
 *   read-ahead, each page written as it arrives;
 * - old: offset pages one at a time, whole tables in memory, fixed batches of 3;
 * - with `--with-partitions`, also new+partitions (informative): the same runTasks call with
 *   `partitions: 4` (each table read in 4 sys_id ranges at once; not the job's default).
 * The tables are sized so that they matter (50,000 users x scale, ...). The mock replays
 * recorded pages (bench/lib/mock-process.mjs): one unmeasured warm-up run per side records them.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  withMock,
  withTempDir,
} from './lib/bench-utils.mjs';

const SELF = fileURLToPath(import.meta.url);
const values = parseBenchArgs({
  runs: { type: 'string', default: '3' },
  latency: { type: 'string', default: '50' },
  'with-partitions': { type: 'boolean', default: false },
});

const PARTITIONS = 4;

async function side(name) {
  const lib = await import('../dist/index.js');
  const { ServiceNowClient, createDatabase, KyselySink, runTasks, configurationsJob } = lib;
  removeDatabase(values.db);
  const client = sideClient(ServiceNowClient, values);
  const db = createDatabase(`sqlite:${values.db}`);
  const sink = new KyselySink(db);
  const tasks = configurationsJob().tasks;
  const cpu = cpuMs();
  const started = performance.now();
  let records;
  if (name === 'old') {
    const { loadTheOldWay } = await import('./old-scheme.mjs');
    const results = await loadTheOldWay(tasks, { client, sink });
    records = results.reduce((sum, r) => sum + r.records, 0);
  } else {
    const result = await runTasks(tasks, {
      client,
      sink,
      concurrency: 3,
      ...(name === 'partitioned' ? { partitions: PARTITIONS } : {}),
    });
    if (result.status !== 'success') throw new Error(`run status ${result.status}`);
    records = result.totalRecordsProcessed;
  }
  const ms = performance.now() - started;
  const used = cpuMs() - cpu;
  const requests = client.metrics.requests;
  await client.close();
  await db.destroy();
  removeDatabase(values.db);
  return { ms: round(ms), cpuMs: round(used), records, requests, peakRssMb: round(peakRssMb()) };
}

async function orchestrate() {
  const scale = scaleOf(values);
  const runs = Number(values.runs);
  const latencyMs = Number(values.latency);
  const mockScale = {
    incident: 1000,
    contract_sla: scaled(500, scale),
    sys_user_group: scaled(5_000, scale),
    core_company: scaled(5_000, scale),
    sys_user: scaled(50_000, scale, 2),
    cmdb_ci_network_link: scaled(20_000, scale),
  };
  log(`old vs new: ${JSON.stringify(mockScale)}, latency ${latencyMs} ms, ${runs} run(s) a side`);
  const sides = values['with-partitions'] ? ['old', 'new', 'partitioned'] : ['old', 'new'];
  const results = Object.fromEntries(sides.map((name) => [name, []]));
  const mockOptions = { seed: 1, scale: mockScale, latencyMs, replay: true, workers: 2 };
  await withMock(mockOptions, (mock) =>
    withTempDir('sn-bench-old-', async (dir) => {
      const args = [...mockArgs(mock), '--db', join(dir, 'run.db')];
      const run = (name) => runSide(SELF, ['--side', name, ...args], { prefix: name });
      for (const name of sides) {
        const warm = await run(name);
        log(`warm-up ${name}: ${warm.records} rows in ${round(warm.ms / 1000, 1)} s (recording)`);
      }
      for (let r = 0; r < runs; r++) {
        const order = r % 2 === 0 ? sides : [...sides].reverse();
        for (const name of order) {
          const result = await run(name);
          results[name].push(result);
          log(
            `${name.padEnd(11)} ${round(result.ms / 1000, 2)} s, ${result.records} rows, ` +
              `${result.requests} requests, peak RSS ${result.peakRssMb} MB`,
          );
        }
      }
    }),
  );
  const summary = (name) => ({
    medianMs: round(median(results[name].map((r) => r.ms))),
    medianCpuMs: round(median(results[name].map((r) => r.cpuMs))),
    peakRssMb: Math.max(...results[name].map((r) => r.peakRssMb)),
    records: results[name][0].records,
    requests: results[name][0].requests,
    runsMs: results[name].map((r) => r.ms),
  });
  const old = summary('old');
  const current = summary('new');
  const partitioned = results.partitioned?.length ? summary('partitioned') : undefined;
  const speedup = old.medianMs / current.medianMs;
  const report = {
    benchmark: 'old-vs-new',
    tables: mockScale,
    latencyMs,
    runs,
    old,
    new: current,
    ...(partitioned
      ? {
          partitioned: { ...partitioned, partitions: PARTITIONS },
          speedupPartitioned: round(old.medianMs / partitioned.medianMs, 2),
        }
      : {}),
    speedup: round(speedup, 2),
    memoryRatio: round(current.peakRssMb / old.peakRssMb, 2),
    target: 3,
    pass: speedup >= 3 && current.peakRssMb < old.peakRssMb,
  };
  log(
    `old ${round(old.medianMs / 1000, 2)} s / ${old.peakRssMb} MB; new ${round(current.medianMs / 1000, 2)} s / ` +
      `${current.peakRssMb} MB; speed-up ${report.speedup}x (target >= 3x)` +
      (partitioned ? `; with partitions ${report.speedupPartitioned}x` : ''),
  );
  return report;
}

await runBench(values, { side, orchestrate });
