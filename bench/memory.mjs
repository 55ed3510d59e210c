#!/usr/bin/env node
/**
 * Measurement 2: peak memory of a process that syncs 100,000 and then 1,000,000 incident rows.
 *
 *   npm run build && node --expose-gc bench/memory.mjs [--scale 1] [--json]
 *
 * For each size, a mock holding that many incidents (no children) runs in its own process
 * (no latency: only the loader's memory is of interest), and a fresh child process runs the
 * real `incidents_opened` task (68 fields, raw values, plus the dot-walked display fields of
 * its 8 main references such as `caller_id.name`: ~2.1 KB of JSON a row) through `runTasks` into
 * a fresh SQLite file. The figure is that process's `process.resourceUsage().maxRSS`: everything it ever held,
 * Node itself, the code, V8's heap, sockets, SQLite's page cache. Target: <= 256 MB at 1,000,000
 * rows and 1M/100k <= 1.2.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cpuMs,
  log,
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
  sizes: { type: 'string' },
  side: { type: 'boolean', default: false },
});

async function side() {
  const { ServiceNowClient, createDatabase, KyselySink, runTasks, incidentsOpenedTask } =
    await import('../dist/index.js');
  const baseline = peakRssMb();
  const client = sideClient(ServiceNowClient, values);
  const db = createDatabase(`sqlite:${values.db}`);
  const samples = [];
  const timer = setInterval(() => samples.push(process.memoryUsage()), 1000);
  const cpu = cpuMs();
  const started = performance.now();
  const result = await runTasks([incidentsOpenedTask()], {
    client,
    sink: new KyselySink(db),
    window: WHOLE_WINDOW,
  });
  const ms = performance.now() - started;
  clearInterval(timer);
  const used = cpuMs() - cpu;
  await client.close();
  await db.destroy();
  if (result.status !== 'success') throw new Error(`run status ${result.status}`);
  const maxOf = (key) => Math.max(0, ...samples.map((s) => s[key])) / 2 ** 20;
  return {
    rows: result.totalRecordsProcessed,
    ms: round(ms),
    cpuMs: round(used),
    peakRssMb: round(peakRssMb()),
    rssBeforeRunMb: round(baseline),
    sampledMaxHeapUsedMb: round(maxOf('heapUsed')),
    sampledMaxExternalMb: round(maxOf('external')),
  };
}

async function orchestrate() {
  const scale = scaleOf(values);
  const sizes = values.sizes
    ? values.sizes.split(',').map(Number)
    : [scaled(100_000, scale), scaled(1_000_000, scale)];
  const results = [];
  await withTempDir('sn-bench-mem-', async (dir) => {
    for (const incidents of sizes) {
      log(`memory: syncing ${incidents} incidents (mock without children)...`);
      const mockScale = { incident: incidents, incident_task: 0, task_sla: 0, task_time_worked: 0 };
      await withMock({ seed: 1, scale: mockScale }, async (mock) => {
        const db = join(dir, `incidents-${incidents}.db`);
        const figures = await runSide(SELF, ['--side', ...mockArgs(mock), '--db', db], {
          prefix: `mem ${incidents}`,
          label: `sync of ${incidents}`,
        });
        results.push({ incidents, ...figures });
        log(
          `${figures.rows} rows in ${round(figures.ms / 1000, 1)} s: peak RSS ${figures.peakRssMb} MB`,
        );
        removeDatabase(db);
      });
    }
  });
  const small = results[0];
  const large = results.at(-1);
  const ratio = large.peakRssMb / small.peakRssMb;
  const report = {
    benchmark: 'memory',
    results,
    ratio: round(ratio, 2),
    largeRows: large.rows,
    largePeakRssMb: large.peakRssMb,
    targetMb: 256,
    targetRatio: 1.2,
    pass: large.peakRssMb <= 256 && ratio <= 1.2,
  };
  log(`peak RSS ${small.peakRssMb} MB -> ${large.peakRssMb} MB, ratio ${report.ratio}`);
  return report;
}

await runBench(values, { side, orchestrate });
