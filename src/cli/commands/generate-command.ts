/**
 * `servicenow-sync generate`: one TypeScript module per `--table`, from the instance's
 * dictionary (the row type and an editable `defineTask`). Files that exist are refused before
 * any request unless `--force`; nothing is written until every table is discovered.
 *
 * @module
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ServiceNowClient } from '../../index.js';
import { authFrom, type ConnectionFlags, withEnvironment } from '../connection.js';
import { type CliIo, line } from '../io.js';
import { DEFAULT_GENERATE_DIR } from '../run-flag-definitions.js';
import { UsageError } from '../usage-error.js';
import { renderTableModule } from './discovered-tasks.js';
import { fieldsOf, tablesOf } from './sync-targets.js';

/** Flags of the `generate` command. */
export interface GenerateFlags extends ConnectionFlags {
  readonly table?: readonly string[];
  readonly fields?: readonly string[];
  readonly out?: string;
  readonly force?: boolean;
}

/** Runs the command; resolves to the exit code. */
export async function generateCommand(rawFlags: GenerateFlags, io: CliIo): Promise<number> {
  const flags: GenerateFlags = { ...rawFlags, ...withEnvironment(rawFlags, io.env) };
  const tables = tablesOf(flags.table ?? []);
  if (tables.length === 0) throw new UsageError('Name the tables to generate: --table NAME');
  const fields = fieldsOf(flags.fields ?? [], tables);
  if (flags.instance === undefined)
    throw new UsageError('Missing --instance (or SN_INSTANCE): the instance URL');
  const auth = authFrom(flags);
  const out = resolve(flags.out ?? DEFAULT_GENERATE_DIR);
  const files = tables.map((table) => ({ table, path: join(out, `${table}.ts`) }));
  const existing = files.filter((file) => existsSync(file.path)).map((file) => file.path);
  if (existing.length > 0 && !flags.force) {
    throw new UsageError(
      `${existing.join(', ')} exist${existing.length === 1 ? 's' : ''}: pass --force to overwrite`,
    );
  }
  const client = new ServiceNowClient({ instanceUrl: flags.instance, auth });
  const modules: { path: string; text: string; columns: number }[] = [];
  try {
    for (const file of files) {
      const module = await renderTableModule(client, file.table, {
        fields: fields.get(file.table),
        signal: io.interrupted,
      });
      modules.push({ path: file.path, ...module });
    }
  } finally {
    await client.close();
  }
  mkdirSync(out, { recursive: true });
  for (const module of modules) {
    writeFileSync(module.path, module.text);
    line(io.stdout, `wrote ${module.path} (${module.columns} columns)`);
  }
  return 0;
}
