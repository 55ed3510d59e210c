/**
 * The global setup's choice of test databases: under CI a missing URL fails the run (a whole
 * dialect must not pass by being skipped); locally the servers on 127.0.0.1 are used when they
 * answer, and a skip is announced with a banner. The last test runs vitest itself with `CI=1`
 * and no URLs, and sees it fail before any test.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  chooseTestDatabases,
  isCi,
  type LocalServerProbe,
  MissingTestDatabaseError,
  skipBanner,
} from './database-setup.js';

const PG = 'postgres://u@db:5432/x';
const MY = 'mysql://u@db:3306/x';
const answers: LocalServerProbe = async () => {};
const refuses: LocalServerProbe = async () => {
  throw new Error('connect ECONNREFUSED 127.0.0.1');
};

describe('chooseTestDatabases', () => {
  it('reads CI as CI services set it', () => {
    expect([isCi({ CI: '1' }), isCi({ CI: 'true' }), isCi({ CI: 'TRUE ' })]).toEqual([
      true,
      true,
      true,
    ]);
    expect([isCi({}), isCi({ CI: '' }), isCi({ CI: '0' }), isCi({ CI: 'false' })]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('fails under CI when a URL is missing, naming the variable', async () => {
    const probed: string[] = [];
    const probe: LocalServerProbe = async (d) => {
      probed.push(d.label);
    };
    await expect(chooseTestDatabases({ CI: '1', SN_TEST_PG_URL: PG }, probe)).rejects.toThrow(
      MissingTestDatabaseError,
    );
    await expect(chooseTestDatabases({ CI: 'true' }, probe)).rejects.toThrow(
      /SN_TEST_PG_URL \(PostgreSQL\), SN_TEST_MYSQL_URL \(MariaDB\/MySQL\) are not/,
    );
    await expect(chooseTestDatabases({ CI: '1', SN_TEST_PG_URL: PG }, probe)).rejects.toThrow(
      /but SN_TEST_MYSQL_URL \(MariaDB\/MySQL\) is not/,
    );
    expect(probed).toEqual([]); // CI never falls back to a guessed local server
  });

  it('keeps the URLs it is given, under CI or not', async () => {
    for (const CI of ['1', undefined]) {
      const choice = await chooseTestDatabases(
        { CI, SN_TEST_PG_URL: PG, SN_TEST_MYSQL_URL: MY },
        refuses,
      );
      expect(choice.set).toEqual({});
      expect(choice.skipped).toEqual([]);
      expect(choice.lines).toHaveLength(2);
    }
  });

  it('uses the local servers that answer, and names the skipped dialect loudly', async () => {
    const probe: LocalServerProbe = (d) =>
      d.variable === 'SN_TEST_PG_URL' ? answers(d) : refuses(d);
    const choice = await chooseTestDatabases({}, probe);
    expect(choice.set).toEqual({
      SN_TEST_PG_URL: 'postgres://postgres@127.0.0.1:5432/servicenow_sync_local',
    });
    expect(choice.skipped).toEqual(['MariaDB/MySQL']);
    const banner = skipBanner(choice);
    expect(banner).toContain('DATABASE TESTS SKIPPED: MariaDB/MySQL');
    expect(banner).toContain('ECONNREFUSED');
    expect(banner).toContain('PostgreSQL: found on 127.0.0.1');
  });

  it('uses both local servers when both answer, and skips both when told not to probe', async () => {
    const both = await chooseTestDatabases({ CI: '0' }, answers);
    expect(Object.keys(both.set).sort()).toEqual(['SN_TEST_MYSQL_URL', 'SN_TEST_PG_URL']);
    const off = await chooseTestDatabases({ SN_TEST_LOCAL_DATABASES: '0' }, answers);
    expect(off.set).toEqual({});
    expect(off.skipped).toEqual(['PostgreSQL', 'MariaDB/MySQL']);
  });
});

describe('vitest under CI without database URLs', () => {
  // The inner run fails in its global setup; if it did not, it must not spawn again.
  it.skipIf(process.env.SN_TEST_INNER_RUN === '1')('fails before running any test', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', SN_TEST_INNER_RUN: '1' };
    delete env.SN_TEST_PG_URL;
    delete env.SN_TEST_MYSQL_URL;
    for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
    const run = spawnSync(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', 'test/support/database-setup.test.ts'],
      { cwd: root, env, encoding: 'utf8', timeout: 60_000 },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).not.toBe(0);
    expect(output).toContain('MissingTestDatabaseError');
    expect(output).toContain('SN_TEST_PG_URL');
  });
});
