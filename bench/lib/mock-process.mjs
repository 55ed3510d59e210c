#!/usr/bin/env node
/**
 * A mock ServiceNow instance in its own process, behind a small front server that adds the
 * network latency and, optionally, replays recorded answers.
 *
 *   node bench/lib/mock-process.mjs '{"seed":1,"scale":200000,"latencyMs":50,"replay":true,"workers":2}'
 *
 * Prints one JSON line on stdout when ready ({ url, credentials, counts }) and serves until its
 * stdin closes. Control routes: GET /__bench/stats, POST /__bench/reset (request counters),
 * GET /__bench/body/<i> (the i-th recorded body, as sent: gzip when recorded so; its encoding in
 * the `x-encoding` header).
 *
 * Why a replay: rendering a page of 1,000 incidents (~2.1 MB of JSON with the dot-walked display
 * fields the tasks request, ~4.5 MB with `sysparm_display_value=all`) costs the mock tens to
 * hundreds of ms of CPU plus the gzip, more than the 50 ms latency a benchmark simulates: the
 * mock, not the code measured, would set the pace. With `replay`, the
 * first request for a URL goes to the mock and its exact bytes are kept in memory; every later
 * request for that URL is answered from memory after `latencyMs`. An unmeasured warm-up pass
 * records every page; measured runs then meet an instance whose only cost is the latency.
 *
 * `workers` > 1 runs that many identical mocks (same seed, same user) in worker threads and sends
 * the requests the front cannot answer to them in turn, so that a recording pass uses both cores.
 * Session cookies are not passed on: every request authenticates with Basic.
 */
import http from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createMockServiceNow } from '../../dist/mock/index.js';

const USER = { username: 'bench.integration', password: 'bench-password-1' };
const TABLES = [
  'incident',
  'task_sla',
  'task_time_worked',
  'incident_task',
  'contract_sla',
  'sys_user_group',
  'core_company',
  'sys_user',
  'cmdb_ci_network_link',
];

/** Starts one mock; resolves with its URL, row counts and a close function. */
async function startOneMock(options) {
  const mock = await createMockServiceNow({
    seed: options.seed ?? 1,
    scale: options.scale,
    users: [USER],
  });
  const counts = {};
  for (const table of TABLES) counts[table] = mock.data.count(table);
  return { url: mock.url, counts, close: () => mock.close() };
}

if (!isMainThread) {
  // A worker: one more identical mock.
  const mock = await startOneMock(workerData);
  parentPort.postMessage({ url: mock.url, counts: mock.counts });
  parentPort.on('message', async () => {
    await mock.close();
    process.exit(0);
  });
} else {
  await serve(JSON.parse(process.argv[2] ?? '{}'));
}

async function startMocks(options) {
  const count = Math.max(1, options.workers ?? 1);
  if (count === 1) return [await startOneMock(options)];
  return Promise.all(
    Array.from({ length: count }, () => {
      const worker = new Worker(new URL(import.meta.url), { workerData: options });
      return new Promise((resolve, reject) => {
        worker.once('message', (ready) =>
          resolve({
            ...ready,
            close: () =>
              new Promise((done) => {
                worker.once('exit', done);
                worker.postMessage('close');
              }),
          }),
        );
        worker.once('error', reject);
      });
    }),
  );
}

async function serve(options) {
  const latencyMs = options.latencyMs ?? 0;
  const replay = options.replay === true;
  const mocks = await startMocks(options);
  const targets = mocks.map((mock) => new URL(mock.url));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  let turn = 0;

  /** Recorded answers by method, URL and encoding; `bodies` keeps their order. */
  const recorded = new Map();
  const bodies = [];
  const stats = { requests: 0, hits: 0, misses: 0, bytes: 0, recordedBytes: 0 };
  const KEEP_HEADERS = ['content-type', 'content-encoding', 'x-total-count', 'link'];
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function forward(req) {
    const target = targets[turn++ % targets.length];
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: target.host };
      delete headers.cookie;
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          agent,
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      upstream.on('error', reject);
      req.pipe(upstream);
    });
  }

  function control(req, res) {
    const send = (value) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.url === '/__bench/stats') return send({ ...stats, recorded: bodies.length });
    if (req.url === '/__bench/reset') {
      for (const key of ['requests', 'hits', 'misses', 'bytes']) stats[key] = 0;
      return send({ ok: true });
    }
    const body = /^\/__bench\/body\/(\d+)$/.exec(req.url ?? '');
    const entry = body ? bodies[Number(body[1])] : undefined;
    if (entry === undefined) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'x-encoding': entry.headers['content-encoding'] ?? 'identity' });
    return res.end(entry.body);
  }

  const front = http.createServer(async (req, res) => {
    if (req.url?.startsWith('/__bench/')) return control(req, res);
    const arrived = performance.now();
    stats.requests++;
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const key = `${req.method} ${req.url} ${gzip ? 'gzip' : 'identity'}`;
    try {
      let answer = replay ? recorded.get(key) : undefined;
      if (answer !== undefined) stats.hits++;
      else {
        stats.misses++;
        const upstream = await forward(req);
        const headers = {};
        for (const name of KEEP_HEADERS) {
          if (upstream.headers[name] !== undefined) headers[name] = upstream.headers[name];
        }
        answer = { status: upstream.status, headers, body: upstream.body };
        if (
          replay &&
          req.method === 'GET' &&
          upstream.status === 200 &&
          (req.url.includes('/table/') || req.url.includes('/stats/'))
        ) {
          recorded.set(key, answer);
          bodies.push(answer);
          stats.recordedBytes += answer.body.length;
        }
      }
      const wait = latencyMs - (performance.now() - arrived);
      if (wait > 0) await sleep(wait);
      stats.bytes += answer.body.length;
      res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
      res.end(answer.body);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  front.keepAliveTimeout = 60_000;
  await new Promise((resolve) => front.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${front.address().port}`;
  process.stdout.write(
    `${JSON.stringify({ url, credentials: USER, counts: mocks[0].counts, workers: mocks.length })}\n`,
  );

  process.stdin.resume();
  process.stdin.on('end', async () => {
    front.close();
    front.closeAllConnections();
    agent.destroy();
    await Promise.all(mocks.map((mock) => mock.close()));
    process.exit(0);
  });
}
