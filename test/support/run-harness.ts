/** Shared set-up of the run tests: one mock and client for the file, SQLite files in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ServiceNowClient } from '../../src/client/index.js';
import { createDatabase } from '../../src/database/index.js';
import {
  createMockServiceNow,
  type MockServiceNow,
  type MockServiceNowOptions,
} from '../../src/mock/index.js';

// biome-ignore lint/suspicious/noExplicitAny: test databases have any schema
export type TestDb = Kysely<any>;

/**
 * Registers the hooks of a run test file: a mock started with `options` and a Basic-auth client
 * with fast retries (handed to `use` once started), faults cleared after each test, and
 * everything closed and removed at the end. Returns `freshDb`, which opens a new SQLite file.
 */
export function useRunHarness(
  prefix: string,
  options: MockServiceNowOptions,
  use: (mock: MockServiceNow, client: ServiceNowClient) => void,
): () => TestDb {
  let mock: MockServiceNow | undefined;
  let client: ServiceNowClient | undefined;
  let dir = '';
  let index = 0;
  const opened: TestDb[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    mock = await createMockServiceNow(options);
    client = new ServiceNowClient({
      instanceUrl: mock.url,
      auth: { type: 'basic', ...mock.credentials },
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });
    use(mock, client);
  });
  afterEach(() => mock?.setFaults({}));
  afterAll(async () => {
    await client?.close();
    for (const db of opened) await db.destroy();
    await mock?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    index += 1;
    const db = createDatabase(`sqlite:${join(dir, `${index}.db`)}`) as TestDb;
    opened.push(db);
    return db;
  };
}
