// KyselySink upsert throughput against the raw driver's fastest plain insert of the same rows.
//
//   npm run build && node bench/sink-vs-driver.mjs
//   SN_TEST_PG_URL=postgres://... SN_TEST_MYSQL_URL=mysql://... node bench/sink-vs-driver.mjs
//
// Environment: SN_BENCH_ROWS (default 100000), SN_BENCH_ROUNDS (default 5), SN_BENCH_PAGE (rows
// per sink.write call and per transaction, a multiple of 1000; default the sink's batchSize for
// the task, 5000 for these 26 columns, as a run groups pages into writes of that size).
// Raw driver baselines: SQLite, one prepared single-row INSERT reused inside one transaction;
// PostgreSQL and MySQL, multi-row INSERT statements (1000 rows each) inside one transaction.
// The ratio compares the sink with that baseline. The sink commits every batch (its contract:
// committed batch by batch), so the driver is also timed committing as often
// ("driverPerBatch"): sink / driverPerBatch is the cost of the sink's own work.
// Both sides start from the same empty table (created by the sink), bind the same values, and use
// the same SQLite settings (WAL, synchronous=NORMAL, wal_autocheckpoint=10000).
// The sink also dedupes, counts inserted/updated rows and commits every batch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';

const lib = await import(process.env.SN_SYNC_DIST ?? '../dist/index.js');
const { createDatabase, defineTask, fields, KyselySink } = lib;

const ROWS = Number(process.env.SN_BENCH_ROWS ?? 100_000);
const ROUNDS = Number(process.env.SN_BENCH_ROUNDS ?? 5);
const PAGE =
  process.env.SN_BENCH_PAGE === undefined ? undefined : Number(process.env.SN_BENCH_PAGE);

const task = defineTask({
  name: 'bench_incidents',
  table: 'incident',
  fields: {
    number: fields.string(),
    short_description: fields.string(),
    description: fields.string(),
    state: fields.integer(),
    priority: fields.integer(),
    impact: fields.integer(),
    urgency: fields.integer(),
    category: fields.choice(),
    contact_type: fields.choice(),
    active: fields.boolean(),
    made_sla: fields.boolean(),
    opened_at: fields.dateTime(),
    resolved_at: fields.dateTime(),
    closed_at: fields.dateTime(),
    sys_updated_on: fields.dateTime(),
    caller_id: fields.reference('sys_user'),
    assigned_to: fields.reference('sys_user'),
    assignment_group: fields.reference('sys_user_group'),
    company: fields.reference('core_company'),
    sys_domain: fields.reference('sys_user_group'),
    business_duration: fields.duration(),
    calendar_duration: fields.duration(),
    reassignment_count: fields.integer(),
    sys_mod_count: fields.integer(),
  },
  references: { assigned_to: { display: true } },
});

const hex = (n, salt) => (n * 2654435761 + salt).toString(16).padStart(8, '0').slice(-8).repeat(4);
const at = (n, offset) =>
  new Date(Date.UTC(2025, 0, 1) + ((n * 7919 + offset) % 31_536_000) * 1000);
const rows = Array.from({ length: ROWS }, (_, n) => ({
  sys_id: hex(n, 17),
  number: `INC${String(n).padStart(7, '0')}`,
  short_description: `Unable to connect to email (case ${n})`,
  description:
    n % 5 === 0
      ? null
      : `User reports that Outlook cannot reach the server.\nTried restart ${n % 7} times.`,
  state: (n % 8) + 1,
  priority: (n % 5) + 1,
  impact: (n % 3) + 1,
  urgency: (n % 3) + 1,
  category: ['inquiry', 'software', 'hardware', 'network'][n % 4],
  contact_type: n % 2 ? 'email' : 'self-service',
  active: n % 3 !== 0,
  made_sla: n % 4 !== 0,
  opened_at: at(n, 0),
  resolved_at: n % 3 === 0 ? at(n, 3600) : null,
  closed_at: n % 3 === 0 ? at(n, 90_000) : null,
  sys_updated_on: at(n, 100_000),
  caller_id: hex(n % 600, 3),
  assigned_to: hex(n % 90, 5),
  assigned_to_display: `Agent ${n % 90}`,
  assignment_group: hex(n % 40, 7),
  company: hex(n % 25, 11),
  sys_domain: 'global',
  business_duration: (n * 37) % 200_000,
  calendar_duration: (n * 53) % 900_000,
  reassignment_count: n % 4,
  sys_mod_count: n % 20,
}));
const columns = task.columns.map((c) => c.name);
const pad = (v, w) => String(v).padStart(w, '0');
const utc = (d) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
  `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
/** The values the driver binds, converted the simplest way (what any loader has to do). */
const bind = (row, booleansAsInt) =>
  columns.map((c) => {
    const v = row[c];
    if (v instanceof Date) return utc(v);
    if (typeof v === 'boolean' && booleansAsInt) return v ? 1 : 0;
    return v ?? null;
  });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quote = (dialect, name) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
let serial = 0;

async function sinkRound(db, name, batch) {
  const sink = new KyselySink(db, { batchSize: batch });
  const t = defineTask({ ...taskOptions(), target: name });
  await sink.prepare(t);
  const start = performance.now();
  for (let i = 0; i < rows.length; i += batch) await sink.write(t, rows.slice(i, i + batch));
  return rows.length / ((performance.now() - start) / 1000);
}

/** Rows per second of wall time, and of this process's CPU time (meaningful for SQLite only). */
async function timed(fn) {
  const cpu = process.cpuUsage();
  const wall = await fn();
  const used = process.cpuUsage(cpu);
  return { wall, cpu: rows.length / ((used.user + used.system) / 1e6) };
}

function taskOptions() {
  return {
    name: task.name,
    table: task.table,
    fields: task.fields,
    references: { assigned_to: { display: true } },
  };
}

async function prepareTable(db, name) {
  await new KyselySink(db).prepare(defineTask({ ...taskOptions(), target: name }));
}

const rawInsert = {
  async sqlite(handle, name, commitEvery) {
    const sql = `INSERT INTO ${quote('sqlite', name)} (${columns.map((c) => quote('sqlite', c)).join(',')}) VALUES (${columns.map(() => '?').join(',')})`;
    const start = performance.now();
    const statement = handle.prepare(sql);
    for (let i = 0; i < rows.length; i += commitEvery) {
      handle.transaction(() => {
        for (const row of rows.slice(i, i + commitEvery)) statement.run(bind(row, true));
      })();
    }
    return rows.length / ((performance.now() - start) / 1000);
  },
  async postgres(client, name, commitEvery) {
    const start = performance.now();
    await client.query('BEGIN');
    for (let i = 0; i < rows.length; i += 1000) {
      if (i > 0 && i % commitEvery === 0) {
        await client.query('COMMIT');
        await client.query('BEGIN');
      }
      const chunk = rows.slice(i, i + 1000);
      const values = [];
      const tuples = chunk.map((row) => {
        const marks = bind(row, false).map((v) => `$${values.push(v)}`);
        return `(${marks.join(',')})`;
      });
      await client.query(
        `INSERT INTO ${quote('postgres', name)} (${columns.map((c) => quote('postgres', c)).join(',')}) VALUES ${tuples.join(',')}`,
        values,
      );
    }
    await client.query('COMMIT');
    return rows.length / ((performance.now() - start) / 1000);
  },
  async mysql(connection, name, commitEvery) {
    const start = performance.now();
    await connection.beginTransaction();
    for (let i = 0; i < rows.length; i += 1000) {
      if (i > 0 && i % commitEvery === 0) {
        await connection.commit();
        await connection.beginTransaction();
      }
      const chunk = rows.slice(i, i + 1000).map((row) => bind(row, true));
      await connection.query(
        `INSERT INTO ${quote('mysql', name)} (${columns.map((c) => quote('mysql', c)).join(',')}) VALUES ?`,
        [chunk],
      );
    }
    await connection.commit();
    return rows.length / ((performance.now() - start) / 1000);
  },
};

async function bench(dialect, url, openRaw) {
  const db = createDatabase(url);
  const batch = PAGE ?? new KyselySink(db).batchSizeFor(task);
  const raw = await openRaw();
  const created = [];
  const runs = { driver: [], driverPerBatch: [], sink: [] };
  const cpu = { driver: [], driverPerBatch: [], sink: [] };
  const sides = Object.keys(runs);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so that no side always runs first (or last) in a round.
      const order = sides.map((_, i) => sides[(i + round) % sides.length]);
      for (const side of order) {
        const name = `bench_${side.toLowerCase()}_${process.pid}_${serial++}`;
        created.push(name);
        if (side !== 'sink') await prepareTable(db, name);
        const commitEvery = side === 'driver' ? rows.length : batch;
        const result = await timed(() =>
          side === 'sink'
            ? sinkRound(db, name, batch)
            : rawInsert[dialect](raw.handle, name, commitEvery),
        );
        runs[side].push(result.wall);
        cpu[side].push(result.cpu);
        await db.schema.dropTable(name).execute();
        created.pop();
      }
      process.stderr.write(
        `${dialect} round ${round + 1}/${ROUNDS}: ${sides.map((side) => `${side} ${Math.round(runs[side].at(-1))}`).join(', ')} rows/s\n`,
      );
    }
  } finally {
    for (const name of created) await db.schema.dropTable(name).ifExists().execute();
    await raw.close();
    await db.destroy();
  }
  return {
    batch,
    driverRowsPerSecond: Math.round(median(runs.driver)),
    driverPerBatchRowsPerSecond: Math.round(median(runs.driverPerBatch)),
    sinkRowsPerSecond: Math.round(median(runs.sink)),
    ratio: Number((median(runs.sink) / median(runs.driver)).toFixed(3)),
    ratioSameCommits: Number((median(runs.sink) / median(runs.driverPerBatch)).toFixed(3)),
    ...(dialect === 'sqlite'
      ? {
          // SQLite works in this process: CPU time shows the work done, without the I/O waits.
          cpuRatio: Number((median(cpu.sink) / median(cpu.driver)).toFixed(3)),
          cpuRatioSameCommits: Number((median(cpu.sink) / median(cpu.driverPerBatch)).toFixed(3)),
        }
      : {}),
    runs: Object.fromEntries(sides.map((side) => [side, runs[side].map(Math.round)])),
  };
}

const results = {};
const dir = mkdtempSync(join(tmpdir(), 'sn-bench-'));
try {
  const file = join(dir, 'bench.db');
  results.sqlite = await bench('sqlite', `sqlite:${file}`, async () => {
    const { default: Database } = await import('better-sqlite3');
    const handle = new Database(file);
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = NORMAL');
    handle.pragma('wal_autocheckpoint = 10000');
    handle.pragma('busy_timeout = 5000');
    return { handle, close: async () => handle.close() };
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.SN_TEST_PG_URL) {
  const url = process.env.SN_TEST_PG_URL;
  results.postgres = await bench('postgres', url, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return { handle: client, close: () => client.end() };
  });
} else {
  process.stderr.write('SN_TEST_PG_URL not set: PostgreSQL skipped\n');
}
if (process.env.SN_TEST_MYSQL_URL) {
  const url = process.env.SN_TEST_MYSQL_URL.replace(/^mariadb:/, 'mysql:');
  results.mysql = await bench('mysql', url, async () => {
    const connection = await mysql.createConnection({
      uri: url,
      charset: 'utf8mb4',
      timezone: 'Z',
    });
    return { handle: connection, close: () => connection.end() };
  });
} else {
  process.stderr.write('SN_TEST_MYSQL_URL not set: MySQL skipped\n');
}

const summary = {
  rows: ROWS,
  columns: columns.length,
  rounds: ROUNDS,
  node: process.version,
  results,
};
for (const [dialect, r] of Object.entries(results)) {
  console.log(
    `${dialect.padEnd(8)} driver ${String(r.driverRowsPerSecond).padStart(7)} rows/s` +
      `   driver, commit per ${r.batch} ${String(r.driverPerBatchRowsPerSecond).padStart(7)} rows/s` +
      `   sink ${String(r.sinkRowsPerSecond).padStart(7)} rows/s` +
      `   ratio ${r.ratio} (same commits: ${r.ratioSameCommits})` +
      (r.cpuRatio === undefined
        ? ''
        : `   CPU-time ratio ${r.cpuRatio} (same commits: ${r.cpuRatioSameCommits})`),
  );
}
console.log(JSON.stringify(summary, null, 2));
