/**
 * The CLI against an instance that echoes requests (URL, headers, body) into its errors: no
 * password, client secret, Basic header or session cookie appears in its output, with debug
 * output on, nor in what `runs --json` prints from the execution log.
 */
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spellings } from '../support/secret-spy.js';
import { type CliRun, runCli, tempDir } from './run-cli.js';

const USER = { username: 'cli.echo', password: 'cli p@ss!&=+' };
const OAUTH_CLIENT = { clientId: 'cli-echo-client', clientSecret: 'cli s3cret/&+' };
const DEBUG = { DEBUG: 'servicenow-sync:*' };

let mock: MockServiceNow;
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  mock = await createMockServiceNow({
    seed: 41,
    scale: 40,
    users: [USER],
    oauthClients: [OAUTH_CLIENT],
  });
});
afterAll(async () => {
  await mock.close();
  for (const dir of dirs) dir.remove();
});

/** Every spelling of the credentials, of the Basic header, and of each session the mock opened. */
function secrets(): string[] {
  const basic = Buffer.from(`${USER.username}:${USER.password}`).toString('base64');
  const sessions = mock.requests.flatMap((r) => (r.session === undefined ? [] : [r.session]));
  return [USER.password, OAUTH_CLIENT.clientSecret, basic, ...new Set(sessions)].flatMap(spellings);
}

function expectNoSecret(runs: readonly CliRun[]): void {
  const found = secrets().filter((secret) =>
    runs.some((run) => run.stdout.includes(secret) || run.stderr.includes(secret)),
  );
  expect(found).toEqual([]);
}

const instance = () => ['--instance', mock.url];

describe('the CLI against an instance that echoes requests into its errors', () => {
  it('prints no secret of a basic-auth run, nor of its logged run', async () => {
    const dir = tempDir('sn-cli-echo-');
    dirs.push(dir);
    mock.setFaults({ echoRequest: { table: 'sys_user_group', path: /ORDERBYsys_id/ } });
    const flags = [...instance(), '--user', USER.username, '--password', USER.password];
    const sync = await runCli(['sync', 'users', 'groups', ...flags], { cwd: dir.path, env: DEBUG });
    mock.setFaults({});
    expect(sync.code, sync.stderr).not.toBe(0);
    expect(`${sync.stdout}${sync.stderr}`).toContain('Echoed request');
    expect(sync.stderr).toContain('servicenow-sync:http'); // debug output was on
    const runs = await runCli(['runs', '--json'], { cwd: dir.path });
    expect(runs.code, runs.stderr).toBe(0);
    expect(runs.stdout).toContain('Echoed request');
    expect(mock.requests.some((r) => r.session !== undefined)).toBe(true);
    expectNoSecret([sync, runs]);
  });

  it('prints no secret when the OAuth token request itself is echoed', async () => {
    const dir = tempDir('sn-cli-echo-');
    dirs.push(dir);
    mock.setFaults({ echoRequest: true });
    const sync = await runCli(
      [
        'sync',
        'users',
        ...instance(),
        '--client-id',
        OAUTH_CLIENT.clientId,
        '--client-secret',
        OAUTH_CLIENT.clientSecret,
        '--user',
        USER.username,
        '--password',
        USER.password,
      ],
      { cwd: dir.path, env: DEBUG },
    );
    mock.setFaults({});
    expect(sync.code, sync.stderr).not.toBe(0);
    expect(sync.stderr).toContain('Echoed request: POST /oauth_token.do');
    expect(
      mock.requests.some((r) => r.path === '/oauth_token.do' && r.fault === 'echoRequest'),
    ).toBe(true);
    expectNoSecret([sync]);
  });
});
