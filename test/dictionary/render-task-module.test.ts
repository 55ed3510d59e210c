/**
 * renderTaskModule: the generated file compiles with tsc against the library, its task equals
 * the one taskFromSchema built, and it syncs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { discoverTable, renderTaskModule, taskFromSchema } from '../../src/dictionary/index.js';
import { runTasks } from '../../src/run/index.js';
import { KyselySink } from '../../src/sink/index.js';
import type { TaskDefinition } from '../../src/tasks/index.js';
import { useRunHarness } from '../support/run-harness.js';

let client: ServiceNowClient;
const freshDb = useRunHarness('sn-render-', { seed: 4, scale: 20 }, (_, c) => {
  client = c;
});

// Inside the repository, so the generated files resolve the library's sources and types.
const dir = mkdtempSync(join(resolve('test/dictionary'), '.generated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLES = ['incident', 'cmdb_ci_network_link', 'sys_user'] as const;

describe('renderTaskModule', () => {
  it('writes a row interface and an editable defineTask that compile with tsc', async () => {
    const rendered: string[] = [];
    for (const table of TABLES) {
      const text = renderTaskModule(taskFromSchema(await discoverTable(client, table)), {
        importFrom: '../../../src/index.js',
      });
      writeFileSync(join(dir, `${table}.ts`), text);
      rendered.push(text);
    }
    const [incident] = rendered;
    expect(incident).toContain('export interface IncidentRow {');
    expect(incident).toContain('  sys_id: string;');
    expect(incident).toContain('  opened_at: Date | null;');
    expect(incident).toContain('  active: boolean | null;');
    expect(incident).toContain('  reassignment_count: number | null;');
    expect(incident).toContain('  caller_id_display: string | null;');
    expect(incident).toContain('export const incidentTask = defineTask({');
    expect(incident).toContain("    caller_id: fields.reference('sys_user'),");
    expect(incident).toContain("    caller_id: { display: 'name' },");
    // A consumer of the row type: the generated interface is usable as such.
    writeFileSync(
      join(dir, 'use.ts'),
      [
        "import type { IncidentRow } from './incident.js';",
        "import { incidentTask } from './incident.js';",
        "const row: Pick<IncidentRow, 'sys_id' | 'number'> = { sys_id: 'a', number: null };",
        'export const names: readonly string[] = [incidentTask.name, row.sys_id];',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.json',
        compilerOptions: { noEmit: true, rootDir: '../../..' },
        include: ['*.ts'],
      }),
    );
    const tsc = resolve('node_modules/typescript/bin/tsc');
    const output = (() => {
      try {
        return execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
      } catch (error) {
        return String((error as { stdout?: string }).stdout ?? error);
      }
    })();
    expect(output).toBe('');
  }, 120_000);

  it('defines the same task as taskFromSchema, and the generated task syncs', async () => {
    const schemaTask = taskFromSchema(await discoverTable(client, 'incident'));
    const file = join(dir, 'incident-run.ts');
    writeFileSync(file, renderTaskModule(schemaTask, { importFrom: '../../../src/index.js' }));
    const generated = (await import(file)) as { incidentTask: TaskDefinition };
    const task = generated.incidentTask;
    expect(Object.keys(task.fields)).toEqual(Object.keys(schemaTask.task.fields));
    for (const [field, codec] of Object.entries(task.fields)) {
      expect([field, codec.sqlType, codec.kind]).toEqual([
        field,
        schemaTask.task.fields[field]?.sqlType,
        schemaTask.task.fields[field]?.kind,
      ]);
    }
    expect(task.displayPaths).toEqual(schemaTask.task.displayPaths);
    expect(task.columns.map((c) => c.name)).toEqual(schemaTask.columns.map((c) => c.name));
    const db = freshDb();
    const result = await runTasks([task], { client, sink: new KyselySink(db) });
    expect(result.status).toBe('success');
    expect(result.tasks.incident?.recordsProcessed).toBeGreaterThan(0);
  });
});
