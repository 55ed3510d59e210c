#!/usr/bin/env node
/**
 * Throughput of ServiceNowClient.records() against a bare fetch + JSON.parse keyset loop over
 * the same pages of the mock instance (no latency injected).
 *
 *   npm run build && node --expose-gc bench/client-vs-fetch.mjs [--rows 200000] [--runs 3] [--page-size 1000]
 *
 * The mock runs in a child process so that its work (generating and gzipping pages) does not
 * share the event loop with the code being measured, behind a replaying front
 * (bench/lib/mock-process.mjs): an unmeasured full pass of each side records every page, so the
 * measured runs are not limited by the mock's rendering (which is slower than both sides).
 * Runs alternate (fetch, client, client,
 * fetch, ...); the report gives medians, rows/s, the ratio client/fetch (target >= 0.9), the
 * CPU time and the peak RSS of the measuring process during each kind of run. The last line on stdout is a JSON
 * object with the figures; progress goes to stderr.
 */
import { parseArgs } from 'node:util';
import { emit, log, measured, median, round, withMock } from './lib/bench-utils.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '3' },
    'page-size': { type: 'string', default: '1000' },
  },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const pageSize = Number(values['page-size']);
for (const [name, value] of [
  ['rows', rows],
  ['runs', runs],
  ['page-size', pageSize],
]) {
  if (!Number.isInteger(value) || value < 1) {
    log(`--${name} must be a positive integer`);
    process.exit(2);
  }
}

async function bareFetch(server, maxPages = Number.POSITIVE_INFINITY) {
  const authorization = `Basic ${Buffer.from(
    `${server.credentials.username}:${server.credentials.password}`,
  ).toString('base64')}`;
  let cursor;
  let count = 0;
  for (let page = 0; page < maxPages; page++) {
    const query = cursor === undefined ? 'ORDERBYsys_id' : `sys_id>${cursor}^ORDERBYsys_id`;
    const url =
      `${server.url}/api/now/table/incident?sysparm_display_value=false` +
      '&sysparm_exclude_reference_link=true&sysparm_no_count=true' +
      `&sysparm_suppress_pagination_header=true&sysparm_query=${encodeURIComponent(query)}` +
      `&sysparm_limit=${pageSize}`;
    const response = await fetch(url, { headers: { accept: 'application/json', authorization } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { result } = JSON.parse(await response.text());
    if (result.length === 0) return count;
    count += result.length;
    cursor = result[result.length - 1].sys_id;
  }
  return count;
}

async function viaClient(server, ServiceNowClient, maxRows = Number.POSITIVE_INFINITY) {
  const client = new ServiceNowClient({
    instanceUrl: server.url,
    auth: { type: 'basic', ...server.credentials },
  });
  let count = 0;
  try {
    for await (const _record of client.records('incident', { pageSize })) {
      if (++count >= maxRows) break;
    }
  } finally {
    await client.close();
  }
  return count;
}

async function main() {
  const { ServiceNowClient } = await import('../dist/index.js');
  const results = { fetch: [], client: [] };
  const count = await withMock({ seed: 1, scale: rows, replay: true }, async (server) => {
    const incidents = server.counts.incident;
    log(`mock: ${incidents} incidents at ${server.url}; page size ${pageSize}`);
    const order = [];
    for (let i = 0; i < runs; i++)
      order.push(...(i % 2 === 0 ? ['fetch', 'client'] : ['client', 'fetch']));
    // Unmeasured warm-up of each (JIT, connections), a full pass that records every page.
    await bareFetch(server);
    await viaClient(server, ServiceNowClient);
    for (const kind of order) {
      const run = await measured(() =>
        kind === 'fetch' ? bareFetch(server) : viaClient(server, ServiceNowClient),
      );
      if (run.value !== incidents)
        throw new Error(`${kind} read ${run.value} rows of ${incidents}`);
      results[kind].push(run);
      log(
        `${kind.padEnd(6)} ${run.ms.toFixed(0).padStart(7)} ms  ` +
          `${String(round((run.value / run.ms) * 1000)).padStart(8)} rows/s  ` +
          `CPU ${run.cpuMs.toFixed(0).padStart(6)} ms  peak RSS ${run.peakRssMb.toFixed(0)} MB`,
      );
    }
    return incidents;
  });
  const summary = (kind) => {
    const ms = median(results[kind].map((r) => r.ms));
    return {
      medianMs: round(ms),
      rowsPerSecond: round((count / ms) * 1000),
      medianCpuMs: round(median(results[kind].map((r) => r.cpuMs))),
      peakRssMb: round(Math.max(...results[kind].map((r) => r.peakRssMb))),
      runsMs: results[kind].map((r) => round(r.ms)),
    };
  };
  const fetchSummary = summary('fetch');
  const clientSummary = summary('client');
  const ratio = clientSummary.rowsPerSecond / fetchSummary.rowsPerSecond;
  const report = {
    benchmark: 'client-vs-fetch',
    rows: count,
    pageSize,
    runs,
    node: process.version,
    fetch: fetchSummary,
    client: clientSummary,
    ratio: round(ratio, 3),
    target: 0.9,
    pass: ratio >= 0.9,
  };
  log(`ratio client/fetch: ${report.ratio} (target >= 0.9)`);
  emit(report);
}

await main();
