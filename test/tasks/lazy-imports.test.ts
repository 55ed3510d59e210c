/**
 * Importing the library loads no database driver and no arquero: each is loaded when it is
 * needed (better-sqlite3 when a SQLite URL is opened, pg and mysql2 on a first query, arquero for
 * a task's first transformed batch). Checked in a fresh process, with a resolution hook.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const support = (name: string) => fileURLToPath(new URL(`./support/${name}`, import.meta.url));

/** The lazily loaded packages present after each step of support/import-probe.ts. */
async function loadedBySteps(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'sn-lazy-'));
  try {
    const file = join(dir, 'packages.txt');
    writeFileSync(file, '');
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--import', support('record-packages.mjs'), support('import-probe.ts')],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: { ...process.env, RECORD_PACKAGES_FILE: file },
        timeout: 60_000,
      },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('lazy dependencies', () => {
  it('loads drivers and arquero only when they are used', async () => {
    const steps = await loadedBySteps();
    expect(steps).toEqual({
      imported: [],
      'sqlite opened': ['better-sqlite3'],
      // Created, not queried: no connection, so no driver yet.
      'postgres and mysql created': ['better-sqlite3'],
      'postgres and mysql queried': ['better-sqlite3', 'mysql2', 'pg'],
      failures: ['ECONNREFUSED', 'ECONNREFUSED'],
      transformed: ['arquero', 'better-sqlite3', 'mysql2', 'pg'],
    });
  }, 90_000);
});
