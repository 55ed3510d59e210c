/**
 * Run by lazy-imports.test.ts in a fresh process (`node --import tsx --import
 * ./record-packages.mjs`, with `RECORD_PACKAGES_FILE` set): imports the library, opens databases
 * and runs a transform, and prints on stdout, as JSON, which of the lazily loaded packages were
 * loaded after each step (ES modules from the hook's file, CommonJS drivers from the require
 * cache).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sql } from 'kysely';

const LAZY = ['pg', 'mysql2', 'better-sqlite3', 'arquero'];
const cache = createRequire(import.meta.url).cache;
const file = process.env.RECORD_PACKAGES_FILE ?? '';
const steps: Record<string, unknown> = {};

function step(name: string): void {
  const imported = new Set(readFileSync(file, 'utf8').split('\n'));
  const paths = Object.keys(cache);
  steps[name] = LAZY.filter(
    (name) => imported.has(name) || paths.some((path) => path.includes(`/node_modules/${name}/`)),
  ).sort();
}

const lib = await import('../../../src/index.js');
step('imported');
const sqlite = lib.createDatabase('sqlite::memory:');
step('sqlite opened');
const postgres = lib.createDatabase('postgres://u@127.0.0.1:1/db');
const mysql = lib.createDatabase('mysql://u@127.0.0.1:1/db');
step('postgres and mysql created');
// Nothing listens on port 1: the first query loads the driver, then fails to connect.
const failures = await Promise.all(
  [postgres, mysql].map((db) =>
    sql`select 1`.execute(db).then(
      () => 'connected',
      (error: { code?: string }) => error.code ?? String(error),
    ),
  ),
);
step('postgres and mysql queried');
steps.failures = failures;
const task = lib.defineTask({
  name: 't',
  table: 'incident',
  fields: { number: 'string' },
  transform: (batch) => batch,
});
await lib.applyTransform(task, [{ sys_id: 'a', number: 'INC1' }]);
step('transformed');
await Promise.all([sqlite.destroy(), postgres.destroy(), mysql.destroy()]);
process.stdout.write(`${JSON.stringify(steps)}\n`);
