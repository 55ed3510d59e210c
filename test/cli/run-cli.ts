/**
 * Runs the BUILT command (`node dist/cli/main.js`) as a child process, the way a user runs it.
 * `npm test` builds first; run `npm run build` before `npx vitest run test/cli`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built entry point. */
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** What one invocation did. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The parent's environment without anything that would change the CLI's behaviour. */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      key.startsWith('SN_') ||
      key === 'DEBUG' ||
      key.startsWith('VITEST') ||
      key === 'NODE_OPTIONS'
    )
      continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** `--instance`, `--user` and `--password` for a mock instance. */
export function mockFlags(mock: {
  readonly url: string;
  readonly credentials: { readonly username: string; readonly password: string };
}): string[] {
  return [
    '--instance',
    mock.url,
    '--user',
    mock.credentials.username,
    '--password',
    mock.credentials.password,
  ];
}

/** A running invocation: the child (to send it signals) and its end. */
export interface StartedCli {
  readonly child: ChildProcess;
  /** Resolves when the child exits. */
  readonly done: Promise<CliRun>;
  /** What the child wrote to stderr so far. */
  stderr(): string;
}

/** Starts `servicenow-sync ...args` in `cwd` without waiting for it. */
export function startCli(
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: Readonly<Record<string, string>> },
): StartedCli {
  if (!existsSync(CLI)) {
    throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  }
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<CliRun>((resolveRun, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
  return { child, done, stderr: () => stderr };
}

/** Runs `servicenow-sync ...args` in `cwd`; resolves when it exits. */
export function runCli(
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: Readonly<Record<string, string>> },
): Promise<CliRun> {
  return startCli(args, options).done;
}

/** A fresh, empty working directory (its real path: the CLI prints resolved paths). */
export function tempDir(prefix = 'sn-cli-'): { readonly path: string; remove(): void } {
  const path = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Files in a directory. */
export function filesIn(dir: string): string[] {
  return readdirSync(dir);
}
