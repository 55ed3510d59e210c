#!/usr/bin/env node
/**
 * Runs every benchmark of the project, each in its own child process, and writes
 * docs/benchmarks.md.
 *
 *   npm run bench                              all measurements, default sizes (~15 minutes)
 *   npm run bench -- --scale 0.1               sizes x 0.1 (report written to a temp file)
 *   npm run bench -- --only end-to-end,memory  some measurements (report to a temp file)
 *   npm run bench -- --out report.md           write the report there
 *   node bench/run.mjs --from report.md        re-render a report from its raw figures
 *
 * Measurements (issue 7): end-to-end, memory, old-vs-new, sink-vs-driver, client-vs-fetch;
 * (issue 15) discovered.
 * PostgreSQL and MariaDB are measured by sink-vs-driver when SN_TEST_PG_URL / SN_TEST_MYSQL_URL
 * are set. A measurement that fails is reported as failed; the others still run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, log, machine, round, runChild, scaled, scaleOf } from './lib/bench-utils.mjs';
import { renderReport, summaryLines } from './lib/report.mjs';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    only: { type: 'string' },
    out: { type: 'string' },
    runs: { type: 'string' },
    from: { type: 'string' },
  },
});

if (values.from !== undefined) {
  // Re-render a report from the raw figures kept at the end of an earlier one.
  const text = readFileSync(values.from, 'utf8');
  const json = /```json\n([\s\S]*?)\n```/.exec(text);
  if (!json) {
    log(`${values.from} holds no raw figures`);
    process.exit(2);
  }
  const earlier = JSON.parse(json[1]);
  const target = values.out ?? values.from;
  writeFileSync(target, renderReport(earlier));
  process.stdout.write(`${summaryLines(earlier).join('\n')}\n\nReport written to ${target}\n`);
  process.exit(0);
}
const scale = scaleOf(values);
const runsOverride = values.runs === undefined ? undefined : Number(values.runs);
const runs = (fallback) => String(runsOverride ?? fallback);

/** Parses the JSON object that sink-vs-driver prints last (indented, over several lines). */
function lastIndentedJson(stdout) {
  const start = stdout.lastIndexOf('\n{\n');
  const text = start >= 0 ? stdout.slice(start + 1) : stdout.startsWith('{') ? stdout : '';
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The measurements, in the order, with the repetition counts that keep the whole run
 * within 15 minutes on a 2-core machine at default sizes.
 */
const MEASUREMENTS = [
  {
    id: 'end-to-end',
    title: 'End to end vs the bound',
    script: 'end-to-end.mjs',
    args: () => ['--json', '--scale', String(scale), '--runs', runs(1)],
  },
  {
    id: 'memory',
    title: 'Memory',
    script: 'memory.mjs',
    args: () => ['--json', '--scale', String(scale)],
  },
  {
    id: 'old-vs-new',
    title: 'Against the old scheme',
    script: 'old-vs-new.mjs',
    args: () => ['--json', '--scale', String(scale), '--runs', runs(2)],
  },
  {
    id: 'sink-vs-driver',
    title: 'Sink vs raw driver',
    script: 'sink-vs-driver.mjs',
    args: () => [],
    env: () => ({
      SN_BENCH_ROWS: String(scaled(100_000, scale, 1000)),
      SN_BENCH_ROUNDS: runs(3),
    }),
    parse: lastIndentedJson,
  },
  {
    id: 'client-vs-fetch',
    title: 'Client vs bare fetch',
    script: 'client-vs-fetch.mjs',
    args: () => ['--rows', String(scaled(200_000, scale, 1000)), '--runs', runs(2)],
  },
  {
    id: 'discovered',
    title: 'Discovered tables vs built-in tasks',
    script: 'discovered.mjs',
    args: () => ['--json', '--incidents', String(scaled(20_000, scale, 1000)), '--runs', runs(3)],
  },
];

const selected = values.only
  ? values.only.split(',').map((id) => {
      const found = MEASUREMENTS.find((m) => m.id === id.trim());
      if (!found) {
        log(`unknown measurement ${id}; known: ${MEASUREMENTS.map((m) => m.id).join(', ')}`);
        process.exit(2);
      }
      return found;
    })
  : MEASUREMENTS;

const before = machine();
const started = performance.now();
const results = [];
for (const measurement of selected) {
  log(`\n=== ${measurement.id} ===`);
  const child = await runChild(join(BENCH_DIR, measurement.script), measurement.args(), {
    prefix: measurement.id,
    env: measurement.env?.() ?? {},
  });
  const figures = measurement.parse ? measurement.parse(child.stdout) : child.json;
  const ok = child.code === 0 && figures !== undefined;
  results.push({
    id: measurement.id,
    title: measurement.title,
    seconds: round(child.ms / 1000),
    ok,
    figures,
    error: ok
      ? undefined
      : `exit ${child.code ?? child.signal}: ${child.stderrTail.slice(-5).join(' | ')}`,
  });
  log(`=== ${measurement.id}: ${ok ? 'done' : 'FAILED'} in ${round(child.ms / 1000)} s`);
}
const after = machine();
const run = {
  scale,
  runsOverride,
  seconds: round((performance.now() - started) / 1000),
  machine: before,
  loadAverageAfter: after.loadAverage,
  databases: {
    postgres: process.env.SN_TEST_PG_URL !== undefined,
    mysql: process.env.SN_TEST_MYSQL_URL !== undefined,
  },
  results,
};

const complete = values.only === undefined && scale === 1;
const out =
  values.out ??
  (complete
    ? join(BENCH_DIR, '..', 'docs', 'benchmarks.md')
    : join(tmpdir(), `servicenow-sync-benchmarks-${Date.now()}.md`));
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, renderReport(run));

process.stdout.write(`\n${summaryLines(run).join('\n')}\n\nReport written to ${out}\n`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
