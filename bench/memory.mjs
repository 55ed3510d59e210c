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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  COMMON_OPTIONS,
  cpuMs,
  emit,
  log,
  peakRssMb,
  removeDatabase,
  round,
  runChild,
  scaled,
  scaleOf,
  startMock,
  WHOLE_WINDOW,
} from './lib/bench-utils.mjs';

const SELF = fileURLToPath(import.meta.url);
const { values } = parseArgs({
  options: {
    ...COMMON_OPTIONS,
    sizes: { type: 'string' },
    side: { type: 'boolean', default: false },
    url: { type: 'string' },
    db: { type: 'string' },
    credentials: { type: 'string' },
  },
});

async function side() {
  const { ServiceNowClient, createDatabase, KyselySink, runTasks, incidentsOpenedTask } =
    await import('../dist/index.js');
  const baseline = peakRssMb();
  const client = new ServiceNowClient({
    instanceUrl: values.url,
    auth: { type: 'basic', ...JSON.parse(values.credentials) },
  });
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
  const dir = mkdtempSync(join(tmpdir(), 'sn-bench-mem-'));
  const results = [];
  try {
    for (const incidents of sizes) {
      log(`memory: syncing ${incidents} incidents (mock without children)...`);
      const mock = await startMock({
        seed: 1,
        scale: { incident: incidents, incident_task: 0, task_sla: 0, task_time_worked: 0 },
      });
      try {
        const db = join(dir, `incidents-${incidents}.db`);
        const child = await runChild(
          SELF,
          [
            '--side',
            '--url',
            mock.url,
            '--credentials',
            JSON.stringify(mock.credentials),
            '--db',
            db,
          ],
          { prefix: `mem ${incidents}` },
        );
        if (child.code !== 0 || child.json === undefined)
          throw new Error(`sync of ${incidents} failed (exit ${child.code ?? child.signal})`);
        results.push({ incidents, ...child.json });
        log(
          `${child.json.rows} rows in ${round(child.json.ms / 1000, 1)} s: peak RSS ${child.json.peakRssMb} MB`,
        );
        removeDatabase(db);
      } finally {
        await mock.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

const result = values.side ? await side() : await orchestrate();
if (values.json || values.side) emit(result);
