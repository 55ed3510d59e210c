/**
 * `servicenow-sync mock` with its flags: the banner (faults in effect, a `sync` command that
 * works when pasted), the integration user's time zone, faults reached through the printed URL,
 * and bad flags refused with exit 2 and a message naming the flag.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type StartedCli, startCli, tempDir } from './run-cli.js';

const dir = tempDir('sn-cli-mock-command-');
afterAll(() => dir.remove());

/** A running `mock` command, its banner read. */
interface RunningMock {
  readonly banner: string;
  readonly url: string;
  readonly auth: string;
  /** The printed `sync` command, split into arguments (without `servicenow-sync`). */
  readonly syncArgs: string[];
  /** Stops it with SIGTERM; resolves to the exit code. */
  stop(): Promise<number | null>;
}

async function startMock(args: readonly string[]): Promise<RunningMock> {
  const started: StartedCli = startCli(['mock', '--port', '0', ...args], { cwd: dir.path });
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    started.child.stdout?.on('data', (chunk: Buffer | string) => {
      stdout += String(chunk);
      if (stdout.includes('Press Ctrl-C')) resolve();
    });
    started.child.on('close', (code) =>
      reject(new Error(`mock exited early (${code}): ${started.stderr()}`)),
    );
  });
  const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1] ?? '';
  const basic = /basic auth:\s+(\S+) \/ (\S+)/.exec(stdout);
  const sync = /sync:\s+servicenow-sync (.+)/.exec(stdout)?.[1] ?? '';
  return {
    banner: stdout,
    url,
    auth: `Basic ${Buffer.from(`${basic?.[1]}:${basic?.[2]}`).toString('base64')}`,
    // The mock's user name and generated password need no shell quoting.
    syncArgs: sync.trim().split(/\s+/),
    stop: async () => {
      started.child.kill('SIGTERM');
      return (await started.done).code;
    },
  };
}

function get(mock: RunningMock, pathAndQuery: string): Promise<Response> {
  return fetch(`${mock.url}${pathAndQuery}`, {
    headers: { accept: 'application/json', authorization: mock.auth },
  });
}

describe('the banner', () => {
  it('prints a ready-to-paste sync command that syncs the mock, and "faults: none"', async () => {
    const mock = await startMock(['--scale', '200', '--seed', '4']);
    try {
      expect(mock.banner).toContain('faults:      none');
      expect(mock.banner).toContain('time zone:   UTC');
      expect(mock.syncArgs.slice(0, 2)).toEqual(['sync', 'incidents']);
      expect(mock.syncArgs).toContain(mock.url);
      const db = mock.syncArgs[mock.syncArgs.indexOf('--db') + 1];
      expect(db).toBe(`sqlite:./servicenow-mock-${new URL(mock.url).port}.db`);
      const from = mock.syncArgs[mock.syncArgs.indexOf('--from') + 1] ?? '';
      const to = mock.syncArgs[mock.syncArgs.indexOf('--to') + 1] ?? '';
      expect(from < to).toBe(true);
      const run = await runCli([...mock.syncArgs, '--json'], { cwd: dir.path });
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as {
        status: string;
        tasks: Record<string, { recordsProcessed: number }>;
      };
      expect(result.status).toBe('success');
      // The last week of a year of 200 incidents holds a few.
      expect(result.tasks.incidents_opened?.recordsProcessed).toBeGreaterThan(0);
    } finally {
      expect(await mock.stop()).toBe(0);
    }
  });

  it('lists every fault in effect, and the time zone', async () => {
    const mock = await startMock([
      '--scale',
      '20',
      '--time-zone',
      'Asia/Tokyo',
      '--latency',
      '5',
      '--jitter',
      '2',
      '--rate-limit',
      '0.25',
      '--retry-after',
      '3',
      '--server-errors',
      '0.1',
      '--server-error-status',
      '502',
      '--html-errors',
      '--truncate-json',
      '0.05',
      '--quota-cancel',
      '0.05',
      '--requests-per-second',
      '50',
      '--read-denied',
      'task_sla',
      '--deny-table',
      'sys_audit_delete',
      '--hide-field',
      'sys_user.email',
      '--acl-hidden-share',
      '0.1',
      '--acl-blank-share',
      '0.05',
      '--read-only',
      '--shuffle-ties',
    ]);
    try {
      const faults = /faults:\s+(.*)/.exec(mock.banner)?.[1] ?? '';
      expect(faults.split('; ')).toEqual([
        'latency 5 ms + 0..2 ms jitter',
        'at most 50 requests/s (bare 429 beyond)',
        'rate-limit 429 (Retry-After 3 s) on 25% of requests',
        '502 (HTML) on 10% of requests',
        'truncated JSON on 5% of requests',
        'quota cancel on 5% of requests',
        'read denied: task_sla',
        'role missing for: sys_audit_delete',
        'hidden fields: sys_user.email',
        'row ACL: 10% hidden, 5% blank rows of every table but the dictionary',
        'read-only (writes answer 403)',
        'ties of a non-unique ORDERBY shuffled',
      ]);
      expect(mock.banner).toContain('time zone:   Asia/Tokyo');
    } finally {
      expect(await mock.stop()).toBe(0);
    }
  });
});

describe('faults through the printed URL', () => {
  it('--time-zone: display values are in the zone, stored values in UTC', async () => {
    const mock = await startMock(['--scale', '20', '--time-zone', 'Asia/Tokyo']);
    try {
      const res = await get(
        mock,
        '/api/now/table/incident?sysparm_limit=1&sysparm_fields=opened_at&sysparm_display_value=all',
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        result: { opened_at: { value: string; display_value: string } }[];
      };
      const { value, display_value } = body.result[0]?.opened_at ?? {
        value: '',
        display_value: '',
      };
      // Tokyo is UTC+9, without daylight saving time.
      const shifted = new Date(`${value.replace(' ', 'T')}Z`).getTime() + 9 * 3_600_000;
      expect(display_value).toBe(new Date(shifted).toISOString().slice(0, 19).replace('T', ' '));
      const user = await get(
        mock,
        '/api/now/table/sys_user?sysparm_query=user_name=sn.integration',
      );
      const users = (await user.json()) as { result: { time_zone: string }[] };
      expect(users.result[0]?.time_zone).toBe('Asia/Tokyo');
    } finally {
      expect(await mock.stop()).toBe(0);
    }
  });

  it('--server-errors with --server-error-status, --deny-table, --hide-field', async () => {
    const mock = await startMock([
      '--scale',
      '20',
      '--server-errors',
      '--server-error-status',
      '500',
      '--deny-table',
      'sys_audit_delete',
    ]);
    try {
      const res = await get(mock, '/api/now/table/incident?sysparm_limit=1');
      expect(res.status).toBe(500);
      await res.arrayBuffer();
    } finally {
      expect(await mock.stop()).toBe(0);
    }
    const other = await startMock([
      '--scale',
      '20',
      '--deny-table',
      'sys_audit_delete',
      '--hide-field',
      'incident.short_description',
    ]);
    try {
      const denied = await get(other, '/api/now/table/sys_audit_delete?sysparm_limit=1');
      expect(denied.status).toBe(403);
      expect(JSON.stringify(await denied.json())).toContain('User Not Authorized');
      const res = await get(other, '/api/now/table/incident?sysparm_limit=2');
      const body = (await res.json()) as { result: Record<string, string>[] };
      expect(body.result).toHaveLength(2);
      for (const row of body.result) {
        expect(row).toHaveProperty('number');
        expect(row).not.toHaveProperty('short_description');
      }
    } finally {
      expect(await other.stop()).toBe(0);
    }
  });

  it('--acl-hidden-share hides a seeded share of rows: short pages, full X-Total-Count', async () => {
    const args = ['--scale', '200', '--acl-hidden-share', '0.3', '--acl-table', 'incident'];
    const mock = await startMock(args);
    let seen: string[];
    try {
      const res = await get(
        mock,
        '/api/now/table/incident?sysparm_limit=200&sysparm_fields=sys_id',
      );
      expect(res.headers.get('x-total-count')).toBe('200');
      const body = (await res.json()) as { result: { sys_id: string }[] };
      seen = body.result.map((r) => r.sys_id);
      expect(seen.length).toBeGreaterThan(100);
      expect(seen.length).toBeLessThan(180);
      const groups = await get(mock, '/api/now/table/sys_user_group?sysparm_limit=5');
      expect(((await groups.json()) as { result: unknown[] }).result).toHaveLength(5);
    } finally {
      expect(await mock.stop()).toBe(0);
    }
    // The same seed hides the same rows.
    const again = await startMock(args);
    try {
      const res = await get(
        again,
        '/api/now/table/incident?sysparm_limit=200&sysparm_fields=sys_id',
      );
      const body = (await res.json()) as { result: { sys_id: string }[] };
      expect(body.result.map((r) => r.sys_id)).toEqual(seen);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });

  it('--read-only: writes answer 403 and change nothing; without it they are created', async () => {
    const post = (mock: RunningMock) =>
      fetch(`${mock.url}/api/now/table/incident`, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          authorization: mock.auth,
        },
        body: JSON.stringify({ short_description: 'from the mock command test' }),
      });
    const readOnly = await startMock(['--scale', '20', '--read-only']);
    try {
      const res = await post(readOnly);
      expect(res.status).toBe(403);
      expect(JSON.stringify(await res.json())).toContain('ACL Exception Insert Failed');
      const list = await get(readOnly, '/api/now/table/incident?sysparm_limit=1');
      expect(list.headers.get('x-total-count')).toBe('20');
    } finally {
      expect(await readOnly.stop()).toBe(0);
    }
    const writable = await startMock(['--scale', '20']);
    try {
      const res = await post(writable);
      expect(res.status).toBe(201);
      await res.arrayBuffer();
    } finally {
      expect(await writable.stop()).toBe(0);
    }
  });

  it('--shuffle-ties: offset pages over a non-unique sort repeat rows', async () => {
    const mock = await startMock(['--scale', '120', '--shuffle-ties']);
    try {
      const ids: string[] = [];
      for (let offset = 0; offset < 120; offset += 30) {
        const res = await get(
          mock,
          `/api/now/table/incident?sysparm_query=ORDERBYpriority&sysparm_fields=sys_id&sysparm_limit=30&sysparm_offset=${offset}`,
        );
        const body = (await res.json()) as { result: { sys_id: string }[] };
        ids.push(...body.result.map((r) => r.sys_id));
      }
      expect(ids).toHaveLength(120);
      expect(new Set(ids).size).toBeLessThan(120);
    } finally {
      expect(await mock.stop()).toBe(0);
    }
  });
});

describe('bad flags', () => {
  it.each([
    [['--time-zone', 'Mars/Olympus'], '--time-zone'],
    [['--server-errors', '1.5'], '--server-errors'],
    [['--rate-limit', 'often'], '--rate-limit'],
    [['--server-errors', '--server-error-status', '501'], '--server-error-status'],
    [['--hang', '0'], '--hang'],
    [['--hang-probability', '0.5'], '--hang-probability'],
    [['--jitter', '5'], '--jitter'],
    [['--retry-after', '2'], '--retry-after'],
    [['--html-errors'], '--html-errors'],
    [['--hide-field', 'email'], '--hide-field'],
    [['--acl-hidden-share', '1'], '--acl-hidden-share'],
    [['--acl-hidden-share', '0.6', '--acl-blank-share', '0.5'], '--acl-blank-share'],
    [['--acl-table', 'incident'], '--acl-table'],
    [['--deny-table', 'Incident'], '--deny-table'],
    [['--requests-per-second', '-1'], '--requests-per-second'],
    [['--fault-seed', 'x'], '--fault-seed'],
  ])('%j exits 2 naming %s', async (args, flag) => {
    const run = await runCli(['mock', ...args], { cwd: dir.path });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(flag);
    expect(run.stdout).toBe('');
  });

  it.each([
    [['--deny-table', 'no_such_table'], '--deny-table: the mock has no table "no_such_table"'],
    [['--read-denied', 'nope'], '--read-denied: the mock has no table "nope"'],
    [['--hide-field', 'incident.nope'], '--hide-field: table incident has no field "nope"'],
  ])('%j names a table or field the mock lacks, exit 2', async (args, message) => {
    const run = await runCli(['mock', '--scale', '10', ...args], { cwd: dir.path });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});
