/**
 * Shared helpers of the benchmarks: arguments, child processes and sides, the mock process,
 * temporary directories, medians, the machine.
 *
 * Conventions of every bench/<name>.mjs: progress goes to stderr; with `--json` the last line on
 * stdout is one JSON object with the figures; `--scale <f>` multiplies the default sizes.
 *
 * Scripts that measure in child processes run themselves again as a "side"
 * (`--side <name> --url <mock> --credentials <json> [--db <file>]`): the side prints its figures
 * as a JSON line and the orchestrating process collects them ({@link runSide}).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A window that holds every generated incident. */
export const WHOLE_WINDOW = { from: '2000-01-01', to: '2099-12-31' };

export const median = (values) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const round = (value, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Peak resident set size of this process so far, in MB (`getrusage` ru_maxrss). */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** CPU time of this process so far, in ms. */
export const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export const log = (...parts) => process.stderr.write(`${parts.join(' ')}\n`);

/** A positive number from `--scale`, sizes scaled and rounded to at least `min`. */
export function scaled(base, scale, min = 1) {
  return Math.max(min, Math.round(base * scale));
}

/** Deletes a SQLite file and its WAL and shared-memory files. */
export function removeDatabase(file) {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    rmSync(`${file}${suffix}`, { force: true });
}

/** Prints the result: a JSON line on stdout (always the last line). */
export function emit(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * Runs `node [--expose-gc] script ...args` and resolves with the JSON object of its last stdout
 * line (or `undefined`), its exit code, wall time, stdout and the last lines of stderr. Stderr is
 * passed through, prefixed.
 */
export function runChild(script, args = [], { env, prefix, nodeArgs = ['--expose-gc'] } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const stderrTail = [];
    const lines = createInterface({ input: child.stderr });
    lines.on('line', (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 20) stderrTail.shift();
      process.stderr.write(`${prefix ? `[${prefix}] ` : ''}${line}\n`);
    });
    child.on('close', (code, signal) => {
      const last = stdout.trim().split('\n').at(-1);
      let json;
      try {
        json = last ? JSON.parse(last) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ code, signal, json, stdout, stderrTail, ms: performance.now() - started });
    });
  });
}

/**
 * Starts bench/lib/mock-process.mjs with `options` ({ seed, scale, latencyMs, replay }) and
 * resolves once it listens.
 */
export async function startMock(options) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./mock-process.mjs', import.meta.url)), JSON.stringify(options)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const ready = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`mock process exited with ${code}`)));
  });
  const control = async (path, method = 'GET') => {
    const response = await fetch(`${ready.url}/__bench/${path}`, { method });
    return response.json();
  };
  return {
    ...ready,
    child,
    stats: () => control('stats'),
    reset: () => control('reset', 'POST'),
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    },
  };
}

/** The machine, for the report. */
export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((value) => round(value, 2)),
    date: new Date().toISOString(),
  };
}

/** Common argument definitions for `parseArgs`. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean', default: false },
  scale: { type: 'string', default: '1' },
};

/** Reads `--scale` (a positive number). */
export function scaleOf(values) {
  const scale = Number(values.scale);
  if (!(scale > 0)) {
    log('--scale must be a positive number');
    process.exit(2);
  }
  return scale;
}

/**
 * Arguments of a side process: which side, the mock's URL, its credentials (JSON) and the SQLite
 * file to write.
 */
export const SIDE_OPTIONS = {
  side: { type: 'string' },
  url: { type: 'string' },
  credentials: { type: 'string' },
  db: { type: 'string' },
};

/**
 * Parses this script's arguments: {@link COMMON_OPTIONS}, {@link SIDE_OPTIONS} and the script's
 * own `options` (which may redefine them). Returns parseArgs's `values`.
 */
export function parseBenchArgs(options = {}) {
  return parseArgs({ options: { ...COMMON_OPTIONS, ...SIDE_OPTIONS, ...options } }).values;
}

/**
 * Runs the script: the side `values.side` names when there is one, else `orchestrate`; prints the
 * result as JSON with `--json` and always in a side.
 */
export async function runBench(values, { side, orchestrate }) {
  const result = values.side ? await side(values.side) : await orchestrate();
  if (values.json || values.side) emit(result);
}

/** The arguments that point a side at `mock`: `--url` and `--credentials`. */
export function mockArgs(mock) {
  return ['--url', mock.url, '--credentials', JSON.stringify(mock.credentials)];
}

/**
 * Runs `script` as a side with {@link runChild} and resolves with its JSON figures; throws
 * `<label> failed (exit <code>)` when it fails or prints none.
 */
export async function runSide(script, args, { prefix, label = `side ${prefix}` }) {
  const child = await runChild(script, args, { prefix });
  if (child.code !== 0 || child.json === undefined)
    throw new Error(`${label} failed (exit ${child.code ?? child.signal})`);
  return child.json;
}

/** In a side: a client of the mock from `--url` and `--credentials` (Basic authentication). */
export function sideClient(ServiceNowClient, values) {
  return new ServiceNowClient({
    instanceUrl: values.url,
    auth: { type: 'basic', ...JSON.parse(values.credentials) },
  });
}

/** Calls `fn` with a fresh temporary directory (`<tmp>/<prefix>XXXXXX`), removed afterwards. */
export async function withTempDir(prefix, fn) {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Calls `fn` with a mock started by {@link startMock}, closed afterwards. */
export async function withMock(options, fn) {
  const mock = await startMock(options);
  try {
    return await fn(mock);
  } finally {
    await mock.close();
  }
}

/** Runs `fn`, sampling this process's RSS; returns its result, time, CPU and peak RSS. */
export async function measured(fn) {
  globalThis.gc?.();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const value = await fn();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, ms, cpuMs: (used.user + used.system) / 1000, peakRssMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
