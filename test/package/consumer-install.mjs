#!/usr/bin/env node
/**
 * The package installed as a dependency, for real: `npm pack`, an empty project, `npm install
 * <tarball>` from the registry (no `overrides`, no symlink to this repository's node_modules;
 * better-sqlite3 builds from source, 1-2 minutes), then, inside that project:
 *
 * - `import('servicenow-sync')` and `import('servicenow-sync/mock')`;
 * - `npx servicenow-sync --help`;
 * - a sync against the mock through the API and through the bin, into SQLite files;
 * - a task with a transform, without arquero (an optional peer): a clear error; then with
 *   arquero installed: the derived column in the database;
 * - `tsc --noEmit` of a consumer file that imports both entry points, with `strict`,
 *   `skipLibCheck: false` and `module`/`moduleResolution` NodeNext.
 *
 * A CI step of its own (`.ci/run`, after `npm test`); `npm run test:consumer` runs it by hand.
 * Set KEEP_CONSUMER=1 to keep the project (its path is printed).
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const repo = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'sn-consumer-'));
const app = join(work, 'app');
let checks = 0;

/** Runs a command; its output is shown on failure. */
function run(command, args, cwd, options = {}) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
      ...options,
    });
  } catch (error) {
    process.stderr.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
  }
}

function check(condition, what) {
  if (!condition) throw new Error(`consumer install: ${what}`);
  checks += 1;
  console.log(`  ok  ${what}`);
}

/** The consumer's check script: the mock, a sync by the API and by the bin, a transform. */
const CHECK_SCRIPT = `
import { spawn } from 'node:child_process';
import { createDatabase, defineTask, loadConfigurations, runTasks, KyselySink, ServiceNowClient } from 'servicenow-sync';
import { createMockServiceNow } from 'servicenow-sync/mock';

const mock = await createMockServiceNow({ seed: 3, scale: 20 });
const out = {};
try {
  const client = new ServiceNowClient({ instanceUrl: mock.url, auth: { type: 'basic', ...mock.credentials } });
  const db = createDatabase('sqlite:./api.db');
  const api = await loadConfigurations({ client, db });
  const [{ n }] = await db.selectFrom('sys_user').select((e) => e.fn.countAll().as('n')).execute();
  out.api = { status: api.status, users: Number(n), expected: mock.data.count('sys_user') };

  const transformed = defineTask({
    name: 'people', table: 'sys_user', fields: { user_name: 'string' }, transform: (t) => t,
  });
  const noArquero = await runTasks([transformed], { client, sink: new KyselySink(db) });
  out.transform = { status: noArquero.tasks.people.status, message: noArquero.tasks.people.error?.message };
  await db.destroy();
  await client.close();

  const args = ['servicenow-sync', 'sync', 'users', 'groups', '--instance', mock.url,
    '--user', mock.credentials.username, '--password', mock.credentials.password,
    '--db', 'sqlite:./cli.db', '--json'];
  out.cli = await new Promise((done) => {
    const child = spawn('npx', ['--no-install', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => done({ code, stderr, result: code === 0 ? JSON.parse(stdout) : null }));
  });
} finally {
  await mock.close();
}
console.log(JSON.stringify(out));
`;

/** A transform once arquero is installed: a derived column reaches the database. */
const TRANSFORM_SCRIPT = `
import { createDatabase, defineTask, runTasks, KyselySink, ServiceNowClient } from 'servicenow-sync';
import { createMockServiceNow } from 'servicenow-sync/mock';

const mock = await createMockServiceNow({ seed: 3, scale: 20 });
const client = new ServiceNowClient({ instanceUrl: mock.url, auth: { type: 'basic', ...mock.credentials } });
const db = createDatabase('sqlite:./transform.db');
try {
  const task = defineTask({
    name: 'people', table: 'sys_user', fields: { user_name: 'string' },
    transform: (t) => t.derive({ shouted: (d) => d.user_name + '!' }),
  });
  const result = await runTasks([task], { client, sink: new KyselySink(db) });
  const rows = await db.selectFrom('sys_user').select(['user_name', 'shouted']).execute();
  const derived = rows.filter((r) => r.user_name !== null && r.shouted === r.user_name + '!').length;
  console.log(JSON.stringify({ status: result.status, rows: rows.filter((r) => r.user_name !== null).length, derived }));
} finally {
  await db.destroy();
  await client.close();
  await mock.close();
}
`;

/** A consumer's TypeScript: both entry points, public types in use. */
const CONSUMER_TS = `
import {
  type FieldInput, type RunResult, type TaskDefinition, type TransformTable,
  createDatabase, defineTask, fields, KyselySink, runTasks, ServiceNowClient,
} from 'servicenow-sync';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';

const shapes: FieldInput[] = ['1', { value: '1', link: 'https://x' }, { display_value: '1', value: '1' }];
const parsed: (number | null)[] = shapes.map((shape) => fields.integer().parse(shape));
const keep = (batch: TransformTable): TransformTable => batch;
const task: TaskDefinition = defineTask({
  name: 'users', table: 'sys_user', fields: { user_name: fields.string() }, transform: keep,
});

export async function sync(): Promise<RunResult> {
  const mock: MockServiceNow = await createMockServiceNow({ scale: 5 });
  const client = new ServiceNowClient({ instanceUrl: mock.url, auth: { type: 'basic', ...mock.credentials } });
  const db = createDatabase('sqlite::memory:');
  try {
    return await runTasks([task], { client, sink: new KyselySink(db), mode: 'incremental' });
  } finally {
    await db.destroy();
    await client.close();
    await mock.close();
  }
}
export { parsed };
`;

try {
  console.log(`consumer install in ${work}`);
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root));
  const tarball = join(work, packed[0].filename);

  mkdirSync(app);
  const manifest = {
    name: 'sn-consumer',
    version: '1.0.0',
    private: true,
    type: 'module',
    // npm 11 asks which install scripts may run: better-sqlite3 builds its native module.
    allowScripts: { 'better-sqlite3': true },
  };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const typesNode = `@types/node@${repo.devDependencies['@types/node']}`;
  const started = Date.now();
  run('npm', ['install', tarball, typesNode], app);
  console.log(`  npm install took ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const installed = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
  check(installed.overrides === undefined, 'the consumer needs no overrides');
  check(
    !lstatSync(join(app, 'node_modules', 'servicenow-sync')).isSymbolicLink(),
    'servicenow-sync is installed from the tarball, not linked',
  );
  run('npm', ['ls', '--all'], app);
  check(true, 'npm ls --all: every dependency is installed and valid');
  let arquero = true;
  try {
    lstatSync(join(app, 'node_modules', 'arquero'));
  } catch {
    arquero = false;
  }
  check(!arquero, 'arquero (an optional peer) is not installed');

  const imported = run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const lib = await import('servicenow-sync'); const mock = await import('servicenow-sync/mock'); console.log(typeof lib.runTasks, typeof mock.createMockServiceNow);",
    ],
    app,
  );
  check(
    imported.trim() === 'function function',
    "import('servicenow-sync') and 'servicenow-sync/mock'",
  );

  const help = run('npx', ['--no-install', 'servicenow-sync', '--help'], app);
  check(/Usage: servicenow-sync/.test(help) && help.includes('sync'), 'npx servicenow-sync --help');

  writeFileSync(join(app, 'check.mjs'), CHECK_SCRIPT);
  const out = JSON.parse(run(process.execPath, ['check.mjs'], app).trim().split('\n').pop());
  check(
    out.api.status === 'success' && out.api.users === out.api.expected && out.api.users > 0,
    `a sync through the API into SQLite (${out.api.users} users)`,
  );
  check(
    out.cli.code === 0 &&
      out.cli.result?.status === 'success' &&
      out.cli.result.tasks.users.recordsProcessed > 0,
    `a sync through the bin into SQLite (exit ${out.cli.code}${out.cli.code === 0 ? '' : `: ${out.cli.stderr}`})`,
  );
  check(
    out.transform.status === 'error' && /npm install arquero/.test(out.transform.message ?? ''),
    `a transform without arquero says how to install it ("${out.transform.message}")`,
  );

  writeFileSync(join(app, 'consumer.ts'), CONSUMER_TS);
  const tsconfig = {
    compilerOptions: {
      strict: true,
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      target: 'ES2022',
      skipLibCheck: false,
      noEmit: true,
      types: ['node'],
    },
    files: ['consumer.ts'],
  };
  writeFileSync(join(app, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
  check(true, 'tsc --noEmit (strict, skipLibCheck: false, NodeNext) of a consumer file');

  // Transform users install arquero themselves; here with flechette 2.6.0, as 2.7.0 needs
  // @uwdata/wk-geojson, which the registry this machine reaches does not have.
  run(
    'npm',
    ['install', `arquero@${repo.devDependencies.arquero}`, '@uwdata/flechette@2.6.0'],
    app,
  );
  writeFileSync(join(app, 'transform.mjs'), TRANSFORM_SCRIPT);
  const derived = JSON.parse(
    run(process.execPath, ['transform.mjs'], app).trim().split('\n').pop(),
  );
  check(
    derived.status === 'success' && derived.rows > 0 && derived.rows === derived.derived,
    `with arquero installed, a transform derives a column (${derived.rows} rows)`,
  );

  console.log(`consumer install: all ${checks} checks ok`);
} finally {
  if (process.env.KEEP_CONSUMER) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
