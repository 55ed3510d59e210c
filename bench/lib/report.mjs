/**
 * docs/benchmarks.md from the results of bench/run.mjs, and the summary printed at the end.
 */
import { ANALYSIS, METHOD } from './report-text.mjs';

const s = (ms) => (ms === undefined ? '?' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
const n = (value) => (value === undefined ? '?' : Number(value).toLocaleString('en-US'));
const verdict = (pass) => (pass === undefined ? 'n/a' : pass ? '**met**' : '**missed**');

/** One line per measurement: id, figure, target, verdict. */
function headline(result) {
  const f = result.figures;
  if (!result.ok) return { figure: `failed (${result.error})`, target: '', pass: undefined };
  switch (result.id) {
    case 'end-to-end':
      return {
        figure: `time / bound = ${f.ratio} (run ${s(f.runMs)}, bound ${s(f.boundMs)} = ${f.limitingBound})`,
        target: '<= 1.1',
        pass: f.pass,
      };
    case 'memory':
      return {
        figure: `peak RSS ${f.largePeakRssMb} MB for ${n(f.largeRows)} rows; ${n(f.results[0].rows)} -> ${n(f.largeRows)} ratio ${f.ratio}`,
        target: '<= 256 MB, ratio <= 1.2',
        pass: f.pass,
      };
    case 'old-vs-new':
      return {
        figure: `${f.speedup}x faster; peak RSS ${f.new.peakRssMb} MB vs ${f.old.peakRssMb} MB`,
        target: '>= 3x, lower memory',
        pass: f.pass,
      };
    case 'sink-vs-driver': {
      const parts = Object.entries(f.results).map(([db, r]) => `${db} ${r.ratio}`);
      return {
        figure: `sink / driver: ${parts.join(', ')}`,
        target: '>= 0.7',
        pass: Object.values(f.results).every((r) => r.ratio >= 0.7),
      };
    }
    case 'client-vs-fetch':
      return {
        figure: `client / fetch = ${f.ratio} (${n(f.client.rowsPerSecond)} vs ${n(f.fetch.rowsPerSecond)} rows/s)`,
        target: '>= 0.9',
        pass: f.pass,
      };
    case 'discovered':
      return {
        figure: `discovered / built-in = ${f.ratio} (${n(f.sync.schema.rowsPerSecond)} vs ${n(f.sync.builtin.rowsPerSecond)} rows/s); whole table ${n(f.wholeRowsPerSecond)} rows/s (${f.sync.whole.columns} columns)`,
        target: `<= ${f.target}`,
        pass: f.pass,
      };
    default:
      return { figure: JSON.stringify(f), target: '', pass: undefined };
  }
}

/** The lines printed at the end of `npm run bench`. */
export function summaryLines(run) {
  const lines = [`Benchmarks (scale ${run.scale}, ${run.seconds} s):`];
  for (const result of run.results) {
    const h = headline(result);
    const mark = h.pass === undefined ? '??' : h.pass ? 'ok' : '--';
    lines.push(`  ${mark} ${result.id.padEnd(16)} ${h.figure}  [target ${h.target}]`);
  }
  return lines;
}

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function endToEnd(f) {
  const bounds = table(
    ['', 'time', 'note'],
    [
      [
        '**incidents job, measured**',
        `**${s(f.runMs)}**`,
        `median of ${f.runs}; CPU ${s(f.runCpuMs)}; peak RSS ${f.runPeakRssMb} MB`,
      ],
      [
        'API bound',
        s(f.apiBoundMs),
        `${n(f.pages)} requests / ${f.maxInFlight} in flight x ${f.latencyMs} ms`,
      ],
      [
        'API chain (longest table, keyset pages one after another)',
        s(f.chainBoundMs),
        'informative',
      ],
      [
        'parse bound',
        s(f.parseBoundMs),
        `JSON.parse of the ${n(f.megabytes)} MB of bodies the run received`,
      ],
      [
        '(gunzip + UTF-8 decoding of the same bodies)',
        s(f.gunzipDecodeMs),
        'informative, not part of the bound',
      ],
      [
        'write bound',
        s(f.writeBoundMs),
        'raw better-sqlite3 INSERTs of the same rows, same tables',
      ],
      ['**time / bound**', `**${f.ratio}**`, `bound = ${f.limitingBound}; target <= ${f.target}`],
    ],
  );
  const tables = Object.entries(f.tables)
    .map(([task, rows]) => `${task} ${n(rows)}`)
    .join(', ');
  return `${n(f.rows)} rows (${tables}) from ${n(f.incidents)} incidents; mock latency ${f.latencyMs} ms; pages recorded in ${s(f.recordMs)} by an unmeasured pass (${f.recordedMegabytesGzip} MB gzip); replay misses during measured runs: ${f.replayMisses}.

${bounds}

Task durations of the last run: ${Object.entries(f.taskSeconds)
    .map(([task, sec]) => `${task} ${sec} s`)
    .join(', ')}.`;
}

function memory(f) {
  return table(
    [
      'incident rows',
      'peak RSS (maxRSS)',
      'RSS before the run',
      'max heap used (1 s samples)',
      'time',
      'CPU',
    ],
    f.results.map((r) => [
      n(r.rows),
      `**${r.peakRssMb} MB**`,
      `${r.rssBeforeRunMb} MB`,
      `${r.sampledMaxHeapUsedMb} MB`,
      s(r.ms),
      s(r.cpuMs),
    ]),
  ).concat(
    `\n\nRatio ${n(f.largeRows)} / ${n(f.results[0].rows)}: **${f.ratio}** (target <= ${f.targetRatio}); target at the large size <= ${f.targetMb} MB.`,
  );
}

function oldVsNew(f) {
  const row = (label, side) => [
    label,
    `**${s(side.medianMs)}**`,
    s(side.medianCpuMs),
    `${side.peakRssMb} MB`,
    n(side.records),
    n(side.requests),
    side.runsMs.map((ms) => s(ms)).join(', '),
  ];
  return `Tables: ${Object.entries(f.tables)
    .map(([t, c]) => `${t} ${n(c)}`)
    .join(', ')}; latency ${f.latencyMs} ms; ${f.runs} measured run(s) a side, alternating.

${table(
  ['scheme', 'median time', 'CPU', 'peak RSS', 'rows', 'requests', 'runs'],
  [
    row('old: offset, one request at a time, whole tables in memory, batches of 3', f.old),
    row('new: `runTasks(configurationsJob().tasks, { concurrency: 3 })`', f.new),
    ...(f.partitioned
      ? [
          row(
            `new + ${f.partitioned.partitions} sys_id partitions per table (informative)`,
            f.partitioned,
          ),
        ]
      : []),
  ],
)}

Speed-up old / new: **${f.speedup}x** (target >= ${f.target}x)${
    f.partitioned ? `; with partitions ${f.speedupPartitioned}x` : ''
  }. Peak RSS new / old: ${f.memoryRatio}.`;
}

function sinkVsDriver(f) {
  const rows = Object.entries(f.results).map(([db, r]) => [
    db,
    n(r.batch ?? f.page),
    n(r.driverRowsPerSecond),
    n(r.driverPerBatchRowsPerSecond),
    n(r.sinkRowsPerSecond),
    `**${r.ratio}**`,
    String(r.ratioSameCommits),
    r.cpuRatio === undefined ? '' : `${r.cpuRatio} (${r.cpuRatioSameCommits})`,
  ]);
  const header = [
    'database',
    'rows per write and transaction',
    'driver rows/s (one transaction)',
    'driver rows/s (same commits)',
    'KyselySink rows/s',
    'sink / driver',
    'sink / driver, same commits',
    'CPU-time ratio (same commits)',
  ];
  return `${n(f.rows)} rows of ${f.columns} columns, ${f.rounds} rounds (medians); the sink writes as a run does, \`batchSizeFor(task)\` rows per \`sink.write\` and transaction.

${table(header, rows)}`;
}

function clientVsFetch(f) {
  const row = (label, side) => [
    label,
    `**${n(side.rowsPerSecond)}**`,
    s(side.medianMs),
    s(side.medianCpuMs),
    `${side.peakRssMb} MB`,
    side.runsMs.map((ms) => s(ms)).join(', '),
  ];
  return `${n(f.rows)} incident rows (all fields, raw values), pages of ${n(f.pageSize)}, no latency, ${f.runs} run(s) a side, alternating.

${table(
  ['reader', 'rows/s', 'median time', 'CPU', 'peak RSS', 'runs'],
  [row('bare fetch + JSON.parse keyset loop', f.fetch), row('`client.records()`', f.client)],
)}

Ratio: **${f.ratio}** (target >= ${f.target}).`;
}

function discovered(f) {
  const discovery = table(
    ['table', 'fields', 'chain', 'requests', 'median time', 'first call (mock rendering)', 'runs'],
    Object.entries(f.discovery).map(([name, d]) => [
      `\`${name}\``,
      String(d.fields),
      d.chain.join(' -> '),
      String(d.requests),
      `**${d.medianMs} ms**`,
      `${d.liveMs} ms`,
      d.runsMs.map((ms) => `${ms} ms`).join(', '),
    ]),
  );
  const row = (label, side) => [
    label,
    `${side.columns} (${side.displayColumns} display)`,
    `**${n(side.rowsPerSecond)}**`,
    s(side.medianMs),
    s(side.medianCpuMs),
    `${side.peakRssMb} MB`,
    side.runsMs.map((ms) => s(ms)).join(', '),
  ];
  const sync = table(
    ['task', 'columns', 'rows/s', 'median time', 'CPU', 'peak RSS', 'runs'],
    [
      row(
        "a. built-in: `defineTask` with `incidents_opened`'s fields and references, no window",
        f.sync.builtin,
      ),
      row('a+. the same, every reference displayed (informative)', f.sync.builtinAll),
      row("b. `taskFromSchema(schema, { fields: <incidents_opened's> })`", f.sync.schema),
      row('c. `taskFromSchema(schema)`: every field', f.sync.whole),
    ],
  );
  return `${n(f.rows)} incidents, full sync (\`mode: 'full'\`, keyset by sys_id) into a fresh SQLite file per run, no latency, pages replayed; ${f.runs} run(s) a side, rotating, in one process.

${discovery}

${sync}

Ratio b / a: **${f.ratio}** (target <= ${f.target}); b / a+ (same columns): ${f.ratioSameColumns}.`;
}

const SECTIONS = {
  'end-to-end': endToEnd,
  memory,
  'old-vs-new': oldVsNew,
  'sink-vs-driver': sinkVsDriver,
  'client-vs-fetch': clientVsFetch,
  discovered,
};

/** The markdown report. */
export function renderReport(run) {
  const m = run.machine;
  const summary = table(
    ['#', 'measurement', 'figure', 'target', 'verdict', 'took'],
    run.results.map((result, i) => {
      const h = headline(result);
      return [
        String(i + 1),
        result.title,
        h.figure,
        h.target,
        verdict(h.pass),
        `${result.seconds} s`,
      ];
    }),
  );
  const sections = run.results
    .map((result, i) => {
      const body = result.ok ? SECTIONS[result.id](result.figures) : `**Failed**: ${result.error}`;
      const analysis = ANALYSIS[result.id]
        ? `\n\n${ANALYSIS[result.id](result.figures ?? {})}`
        : '';
      return `## ${i + 1}. ${result.title}\n\n${body}${analysis}`;
    })
    .join('\n\n');
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs) on ${m.date}. Scale ${run.scale}${
    run.scale === 1 ? ' (the default sizes of issue 7)' : ''
  }; the whole run took ${run.seconds} s.

## Summary

${summary}

## Machine

| | |
|---|---|
| CPU | ${m.cores} cores, ${m.cpuModel} |
| memory | ${m.memoryGb} GB |
| Node | ${m.node} |
| system | ${m.platform} |
| load average (1, 5, 15 min) | ${m.loadAverage.join(', ')} at the start; ${run.loadAverageAfter.join(', ')} at the end |
| databases | SQLite${run.databases.postgres ? ', PostgreSQL' : ''}${run.databases.mysql ? ', MariaDB' : ''} |

The machine is shared: absolute times drift with its load, which is why each comparison
alternates its sides within one run and reports medians and ratios.

${METHOD}

${sections}

<details><summary>Raw figures (JSON)</summary>

\`\`\`json
${JSON.stringify(run, null, 2)}
\`\`\`

</details>
`;
}
