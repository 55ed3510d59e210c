/**
 * The fixed text of docs/benchmarks.md: method, how to reproduce, and what limits each figure
 * (from profiles taken with `node --cpu-prof`; the figures quoted come from the run itself).
 */

const s = (ms) => (ms === undefined ? '?' : `${(ms / 1000).toFixed(1)} s`);
const n = (value) => (value === undefined ? '?' : Number(value).toLocaleString('en-US'));

export const METHOD = `## Method

- Each measurement runs in its own child process (\`node --expose-gc bench/<name>.mjs --json\`),
  and each side of a comparison in a fresh child process of its own: peak RSS
  (\`process.resourceUsage().maxRSS\`) is per side, and a crash stops one measurement only.
- The mock instance runs in a separate process (bench/lib/mock-process.mjs), never in the
  measured one. Rendering a page of 1,000 incidents (~2.1 MB of JSON with the dot-walked display
  fields the task requests, then gzip) costs it ~70 ms of CPU (~170 ms for the 4.5 MB that
  \`sysparm_display_value=all\` gives): more than the 50 ms latency simulated, and about as much
  as the loader spends on the page. Left alone, the mock would set the pace of every figure that
  involves it. So where speed is measured the mock *replays*: an unmeasured
  pass records the exact bytes of every page (gzip, as sent), and later requests for the same
  URL are answered from memory after the latency (50 ms). The recording pass also makes the
  run's other requests (the integration user's time zone, one Stats count per task for the
  completeness audit), so that they are replayed too. The recording pass runs two
  identical mocks (same seed) in worker threads to use both cores. Each measured run checks
  how many requests were not recorded ("replay misses"). The mock's rendering was
  also made cheaper for this (src/mock/server/record-json.ts writes each record's JSON text
  directly instead of building objects for \`JSON.stringify\`; display-format.ts reads
  date-times without regular expressions): about 40% less CPU per page of incidents.
- The memory measurement does not replay (each page is read once); there the mock's speed
  sets the duration but not the memory figure, which belongs to the loader's process alone.
- Sides alternate (A B B A ..., or a rotating order of three) and the figures are medians.
- Repetitions at default sizes, chosen to keep the whole run within 15 minutes on 2 cores with
  SQLite only (PostgreSQL and MariaDB, when their URLs are set, add about two minutes to sink vs
  driver):
  end to end 1 run of each side (after the recording pass), old scheme 2 runs of each side
  (after a recording run of each), sink vs driver 3 rounds, client vs fetch 2 runs of each side
  (after a recording pass of each), discovered tables 3 runs of each side (after a recording
  run of each). \`--runs N\` sets them all to N.

## How to reproduce

\`\`\`sh
npm run bench                                   # everything, default sizes, writes this file
npm run bench -- --scale 0.1                    # sizes x 0.1; the report goes to a temp file
npm run bench -- --only end-to-end --runs 3     # one measurement, more repetitions
SN_TEST_PG_URL=postgres://... SN_TEST_MYSQL_URL=mysql://... npm run bench   # + PostgreSQL, MariaDB
node --expose-gc bench/end-to-end.mjs --scale 0.25   # any measurement on its own (after npm run build)
node --cpu-prof bench/end-to-end.mjs --side run ...  # profile one side (see the script's header)
\`\`\`

Scripts: \`end-to-end.mjs\` (1), \`memory.mjs\` (2), \`old-vs-new.mjs\` with \`old-scheme.mjs\` (3),
\`sink-vs-driver.mjs\` (4), \`client-vs-fetch.mjs\` (5), \`discovered.mjs\` (6);
\`lib/mock-process.mjs\` is the mock with latency and replay.`;

export const ANALYSIS = {
  'end-to-end': (f) => `### What limits it

The loader is CPU-bound on one thread. In the measured run it spent ${s(f.runCpuMs)} of CPU in
${s(f.runMs)}, against bounds of ${s(f.apiBoundMs)} (API), ${s(f.parseBoundMs)} (parse) and
${s(f.writeBoundMs)} (write). Every step runs on the main thread, one after the other, so the run
costs the *sum* of its steps, not the largest. A CPU profile of the run side (\`node --cpu-prof\`,
20,000 incidents, 90,000 rows, 6.5 s of CPU) splits its time as:

| share | where |
|---|---|
| ~23% | SQLite upserts: \`SqliteFastPath.upsert\` (src/database/sqlite-fast-path.ts), one \`INSERT ... ON CONFLICT DO UPDATE\` per row inside better-sqlite3's transaction (profiled before the inserted count moved from a probe per key to the table's rowid bounds) |
| ~16% | garbage collection (per page of 1,000 incidents: 2.1 MB of JSON text, ~2 MB of parsed records, ~4 MB of decoded rows with a \`Date\` per date-time) |
| ~12% | field decoding (\`createDecoder\`, src/tasks/record-decoder.ts; date-times parsed and formatted back, src/core/utc-text.ts) |
| ~11% | gunzip and UTF-8 decoding of the bodies (undici, \`TextDecoder\`) |
| ~9% | \`JSON.parse\` of the bodies (\`tryParse\`, src/client/transport/response-body.ts) |
| ~7% | \`bindRow\` / \`keysOf\` / \`dedupe\` (src/sink/row-batch.ts) |

Display values are read through dot-walked fields (\`caller_id.name\`, raw values) rather than
\`sysparm_display_value=all\`, which turned every field into \`{display_value, value}\`: in the
same profile that took the run from 9.4 s of CPU to 6.5 s (\`JSON.parse\` 1.7 s -> 0.6 s,
garbage collection 1.6 s -> 1.0 s) and halved the bytes received. The parse bound shrank with
the bytes, so the bound the run is compared with fell too.

\`runTasks\` itself (src/run/run-tasks.ts) is under 1%, and the mock costs nothing in the
measured runs (replay). What would move the figure, in order of effect:
1. Overlap the steps on the two cores: gunzip + \`JSON.parse\` in a worker thread (client) and/or
   the SQLite writes in a worker thread (sink). The run would then cost about the largest of
   "fetch + parse" and "decode + write" instead of their sum.
2. Cheaper per-row work in the sink and decoder: skip the parse/format round trip of
   date-times already in \`YYYY-MM-DD HH:MM:SS\` for SQLite (12 \`Date\` objects per incident,
   built to be formatted back); bind rows without the per-row key scans.
3. The API chain: keyset pages of one table are sequential (each needs the previous cursor), so
   the largest table alone needs ${s(f.chainBoundMs)} at ${f.latencyMs} ms per request, above the
   API bound of the issue (${s(f.apiBoundMs)}). Reading the largest tables in sys_id partitions
   (\`runTasks({ partitions })\`, CLI \`--partitions\`, not the default) removes that limit; it
   matters only once the CPU cost above is gone.`,
  memory: (f) => {
    const large = f.results?.at(-1) ?? {};
    return `### What limits it

Memory stays flat (ratio ${f.ratio}: ten times the rows, ${large.peakRssMb ?? '?'} MB instead of
${f.results?.[0]?.peakRssMb ?? '?'} MB): nothing the loader keeps grows with the table. ${
      f.pass
        ? 'The level comes from two places, neither of them retained rows:'
        : 'The level is what misses 256 MB, and it comes from two places, neither of them retained rows:'
    }

- **The floor.** Loading the library takes the process from ~40 MB (Node alone) to
  ${large.rssBeforeRunMb ?? '~80'} MB before the first request: kysely, zod, ofetch, debug, p-queue
  and the library's own code. The database drivers load only when a URL of theirs is opened
  (better-sqlite3 at \`createDatabase\`, pg and mysql2 on the first query), and arquero only
  when a task with a \`transform\` writes its first batch: each costs 6-18 MB, and importing them
  all at load put the floor at ~94 MB.
- **V8's pacing of garbage collection.** The data alive at any moment is small (the page being
  written and one read ahead), but each page of 1,000 incidents leaves ~8 MB of garbage (2.1 MB
  of JSON text, ~2 MB of parsed records, ~4 MB of decoded rows with a \`Date\` per date-time),
  and V8 lets it pile up before a major collection (${large.sampledMaxHeapUsedMb ?? '?'} MB of heap
  at most here). Reading display values through dot-walked fields instead of
  \`sysparm_display_value=all\` (4.5 MB of text and ~70,000 \`{display_value, value}\` objects a
  page) cut that garbage by about half. In a probe made before that change, a forced GC every
  200 ms held a 30,000-row sync's heap under ~40 MB and its peak RSS at 181 MB (276 MB without),
  and \`node --max-old-space-size=128\` held the peak at 183-192 MB for ~15% more CPU. What would
  lower it further: fewer objects per row (date-times kept as text where the sink writes text),
  smaller pages, or a heap limit.`;
  },
  'old-vs-new': (f) => `### What limits it

At 50 ms per request both sides are mostly CPU: the new job used ${s(f.new?.medianCpuMs)} of CPU
in ${s(f.new?.medianMs)}, the old scheme ${s(f.old?.medianCpuMs)} in ${s(f.old?.medianMs)}.
Decoding and writing ~80,000 rows costs the same per row in both (they share the client, the
tasks and the sink; measurement 1 says where it goes), and that cost, not the waiting the old
scheme adds, is most of either run.

Where waiting dominates, the request chain decides, and the platform's concurrency limit caps
what any scheme can gain. A run at 500 ms per request (\`node bench/old-vs-new.mjs --latency 500
--with-partitions --runs 1\`, during this work): old 31.1 s, new 30.5 s (1.02x), new with
\`partitions: 4\` 17.8 s (1.75x). Keyset pages of one table are sequential (each needs the
previous cursor), so without partitions the new job is never faster than its largest table read
alone (50 users pages x latency), which is also what the old scheme's second batch costs. With
partitions, every table is read in 4 sys_id ranges at once, but the client keeps at most 4
requests in flight (\`rateLimit.maxInFlight\`, default 4: ServiceNow serves 4 API requests per
node at a time, servicenow-api.md 4.5/4.6): 126 requests / 4 x 0.5 s = 15.8 s is the floor, so
about 2x is the most this table mix allows at that cap. 3x would take more requests in flight
than an instance node serves (a multi-node instance could; set \`maxInFlight\` to 4 x nodes), or
the deep-offset cost a real instance adds to the old scheme's later pages, which the mock does
not model (its offset pages cost the same as keyset pages).

Memory is where the scheme shows: the old one holds each table twice (raw records and rows)
until it is written, so its peak grows with the largest table (${f.old?.peakRssMb ?? '?'} MB for
50,000 users x scale); the new one writes in batches bounded whatever the table's size
(${f.new?.peakRssMb ?? '?'} MB; up to 130,000 values a transaction, so its narrow tables hold a few pages of rows: it
was ~200 MB when every page was its own transaction).`,
  'sink-vs-driver': (f) => {
    const sqlite = f.results?.sqlite;
    return `### What limits it

On SQLite what separates the sink from the driver's single transaction is how often it commits,
not its own work: against the driver committing as often it keeps ${sqlite ? sqlite.ratioSameCommits : '~0.95'} (dedupe by
\`sys_id\`, binding, the upsert, the inserted count from the table's rowid bounds). A commit
costs about the same whatever it holds: \`sys_id\`s are random, so each commit touches most leaf
pages of the key index and WAL mode appends every touched page again (about 264 MB of WAL per
100,000 rows committed 1,000 at a time, against 46 MB in one transaction), all of which the
checkpoints must sync to disk (\`synchronous=OFF\` makes 1,000-row commits as fast as one
transaction, at the risk of a corrupt file on power loss; \`cache_size\`, \`mmap_size\`, exclusive
locking, multi-row statements, sorted rows and a larger \`wal_autocheckpoint\` did not help; a
\`WITHOUT ROWID\` table was 3x slower with rows this wide). So the sink commits per amount of
work: a run groups pages into transactions of 130,000 values (columns x rows, 1,000 to
10,000 rows: these 26 columns ${sqlite?.batch ? `${n(sqlite.batch)} rows` : '5,000 rows'}, incidents' 76 columns one page),
with the watermark of the group's last page. Committing these rows 1,000 at a time gave 0.54-0.60
of the baseline${sqlite?.batch ? `; at ${n(sqlite.batch)} rows a commit the driver itself goes from ${n(sqlite.driverRowsPerSecond)} to ${n(sqlite.driverPerBatchRowsPerSecond)} rows/s` : ''}.
Wide rows need no grouping (with 76 columns the driver committing every 1,000 rows is as fast as
one transaction) and would only cost memory.

PostgreSQL has fixed costs per commit and per statement too (a WAL flush; parsing and planning
a statement of thousands of parameters): with 1,000-row batches the sink reached 0.65-0.69 of
the driver's one transaction on this machine (0.80 against the driver committing as often), with
the same 5,000-row batches as SQLite 0.95-0.97. Its inserted/updated count is
\`RETURNING (xmax = 0)\` (a \`WITH ... RETURNING\` wrapper cost a quarter), and multi-row upserts
bind values straight into flat parameter lists (also MariaDB). On MariaDB the rest of the gap
is the upsert itself and the inserted count (one \`SELECT count(*) ... IN (...)\` of the batch's
keys: the affected-rows figure of \`ON DUPLICATE KEY UPDATE\` cannot tell a new row from an
unchanged one).`;
  },
  'client-vs-fetch': (f) => `### What limits it

Both readers are CPU-bound (CPU ${s(f.fetch?.medianCpuMs)} for the bare loop, ${s(f.client?.medianCpuMs)}
for the client): most of it is the same work, gunzip, UTF-8 decoding and \`JSON.parse\`. The
client was at ~0.80 until a profile showed why: ofetch kept each page's text (3 MB)
on its Response object, which outlived young-generation collections, so every page was
promoted to the old heap and full collections ran every few pages (the bare loop had none).
The client now asks ofetch for the unread body, reads it as one buffer and decodes it with a
shared \`TextDecoder\` (src/client/transport/send-attempt.ts); \`bytes\` comes from the buffer's length
instead of \`Buffer.byteLength\` over the text; and \`records()\` steps through pages with a
plain iterator instead of an async generator with \`yield*\` per row
(src/client/pagination/record-iterator.ts). What is left is the per-request machinery (ofetch, the request
queue, retry bookkeeping, the cookie jar): its CPU per page is now within 5-10% of the bare
loop's.`,
  discovered: (f) => {
    const d = f.discovery?.incident ?? {};
    return `### What limits it

A discovered table runs through the very pipeline of a hand-written one: \`taskFromSchema\` ends
in \`defineTask\`, and \`runTasks\`, the decoder and the sink cannot tell the two apart. What
differs is the definition: b's codecs come from the glide types (strings with their dictionary
lengths, choices, durations), and b displays *every* reference it copies (${f.sync?.schema?.displayColumns ?? '?'} dot-walked
display columns, against the ${f.sync?.builtin?.displayColumns ?? '?'} that \`incidents_opened\` lists), so its pages are larger.
The informative side a+ has exactly b's columns written by hand (ratio b / a+ ${f.ratioSameColumns}):
the figures are the cost of the same work, and the spread between runs of one side on this
shared machine is of the same order as the differences between sides. The whole table
(c, ${f.sync?.whole?.columns ?? '?'} columns) costs more per row because each row carries more fields to parse, decode
and bind; its rows/s (${n(f.wholeRowsPerSecond)}) is what \`sync --table incident\` without \`--fields\` gives.

Discovery is a handful of requests whatever the table's size: ${d.requests ?? '?'} for \`incident\` (the
\`sys_db_object\` chain one level a request, the chain's dictionary in keyset pages, the referenced
tables' display fields, one sample record for unreadable fields), ${d.medianMs ?? '?'} ms here without
latency. The requests are made one after the other, so on a real instance it costs about
requests x latency (${d.requests === undefined ? '?' : `~${(d.requests * 0.05).toFixed(2)} s`} at 50 ms): nothing next to the sync it precedes.`;
  },
};
