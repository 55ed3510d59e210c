/**
 * The package as npm would publish it: the tarball holds the built entry points (and not the
 * sources or tests), and its `exports` map imports with the declared names.
 *
 * A fast check: the extracted package borrows this repository's node_modules through a
 * symlink, so it cannot see a dependency that fails to install. The real install (`npm install`
 * of the tarball from the registry into an empty project, imports, the bin, a sync, and the
 * published types under `skipLibCheck: false`) is `test/package/consumer-install.mjs`, its own
 * CI step (`npm run test:consumer`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
let files: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sn-pack-'));
  const out = execFileSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', dir],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  const [info] = JSON.parse(out) as [{ filename: string; files: { path: string }[] }];
  files = info.files.map((f) => f.path);
  execFileSync('tar', ['-xzf', join(dir, info.filename), '-C', dir]);
  // Dependencies come from the repository; the package itself only from the tarball.
  symlinkSync(join(root, 'node_modules'), join(dir, 'package', 'node_modules'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('holds the built entry points, types, README, CHANGELOG and LICENSE, and no sources or tests', () => {
    for (const path of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/mock/index.js',
      'dist/mock/index.d.ts',
      'dist/cli/main.js',
    ]) {
      expect(files).toContain(path);
    }
    for (const path of ['README.md', 'CHANGELOG.md', 'LICENSE', 'package.json'])
      expect(files).toContain(path);
    expect(
      files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('bench/')),
    ).toEqual([]);
  });

  it('declares ESM exports with types first, no side effects, Node 20 and the bin', () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8'));
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines.node).toBe('>=20');
    expect(Object.keys(pkg.exports['.'])[0]).toBe('types');
    expect(Object.keys(pkg.exports['./mock'])[0]).toBe('types');
    expect(pkg.bin['servicenow-sync']).toBe('./dist/cli/main.js');
    // arquero (transforms only) is an optional peer; nothing pins a consumer's versions.
    expect(pkg.dependencies.arquero).toBeUndefined();
    expect(pkg.peerDependenciesMeta.arquero.optional).toBe(true);
    expect(pkg.overrides).toBeUndefined();
    expect(existsSync(join(dir, 'package', pkg.bin['servicenow-sync']))).toBe(true);
  });

  it('imports by its public names, as a user would', () => {
    const script = [
      "const lib = await import('servicenow-sync');",
      "const mock = await import('servicenow-sync/mock');",
      'const names = ["ServiceNowClient", "runTasks", "startRun", "defineTask", "fields", "query", "KyselySink", "createDatabase", "KyselyExecutionLogger", "incidentsJob", "configurationsJob", "loadIncidents", "ServiceNowError"];',
      'const missing = names.filter((n) => !(n in lib));',
      'if (missing.length) throw new Error("missing " + missing.join(", "));',
      'if (typeof mock.createMockServiceNow !== "function") throw new Error("no createMockServiceNow");',
      'console.log("ok", Object.keys(lib).length);',
    ].join('\n');
    // Run from inside the extracted package so `servicenow-sync` resolves to it by self-reference.
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: join(dir, 'package'),
      encoding: 'utf8',
    });
    expect(out).toMatch(/^ok \d+/);
  });
});
