/**
 * `servicenow-sync mock`: the standalone mock prints its URL and credentials, they work, and it
 * stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { CLI, cleanEnv, tempDir } from './run-cli.js';

const dir = tempDir('sn-cli-mock-');
afterAll(() => dir.remove());

it('prints working credentials and stops on SIGTERM with exit 0', async () => {
  const child = spawn(process.execPath, [CLI, 'mock', '--port', '0', '--scale', '50'], {
    cwd: dir.path,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('Press Ctrl-C')) resolve();
      });
      child.on('close', (code) => reject(new Error(`mock exited early (${code}): ${stderr}`)));
    });
    const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
    const basic = /basic auth:\s+(\S+) \/ (\S+)/.exec(stdout);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(basic).not.toBeNull();
    const auth = Buffer.from(`${basic?.[1]}:${basic?.[2]}`).toString('base64');
    const response = await fetch(`${url}/api/now/table/incident?sysparm_limit=2`, {
      headers: { accept: 'application/json', authorization: `Basic ${auth}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: unknown[] };
    expect(body.result).toHaveLength(2);
    expect(response.headers.get('x-total-count')).toBe('50');
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
});
