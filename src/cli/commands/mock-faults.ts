/**
 * The `mock` command's fault flags as the mock's `MockFaults`, checked across flags, and in
 * words for the banner.
 *
 * @module
 */
import type {
  MockFaults,
  MockRecord,
  MockRowVisibility,
  MockServerErrorStatus,
} from '../../mock/index.js';
import { UsageError } from '../usage-error.js';

/** Options of the `mock` command (commander's camel-cased flags). */
export interface MockCommandOptions {
  readonly port?: number;
  readonly seed?: number;
  readonly scale?: number;
  readonly timeZone?: string;
  readonly faultSeed?: number;
  readonly latency?: number;
  readonly jitter?: number;
  readonly hang?: number;
  readonly hangProbability?: number;
  readonly hibernate?: number;
  readonly requestsPerSecond?: number;
  readonly rateLimit?: number;
  readonly retryAfter?: number;
  readonly bare429?: number;
  readonly serverErrors?: number;
  readonly serverErrorStatus?: readonly number[];
  readonly htmlErrors?: boolean;
  readonly truncateJson?: number;
  readonly quotaCancel?: number;
  readonly readDenied?: readonly string[];
  readonly denyTable?: readonly string[];
  readonly hideField?: readonly string[];
  readonly aclHiddenShare?: number;
  readonly aclBlankShare?: number;
  readonly aclTable?: readonly string[];
  readonly readOnly?: boolean;
  readonly shuffleTies?: boolean;
}

/** Flags that only tune another one: each needs that one. */
const NEEDS: ReadonlyArray<readonly [keyof MockCommandOptions, keyof MockCommandOptions, string]> =
  [
    ['jitter', 'latency', '--jitter needs --latency'],
    ['hangProbability', 'hang', '--hang-probability needs --hang'],
    ['retryAfter', 'rateLimit', '--retry-after needs --rate-limit'],
    ['serverErrorStatus', 'serverErrors', '--server-error-status needs --server-errors'],
    ['htmlErrors', 'serverErrors', '--html-errors needs --server-errors'],
  ];

/** Throws a UsageError for flags that contradict or miss each other. */
export function checkMockFlags(options: MockCommandOptions): void {
  for (const [flag, needed, message] of NEEDS) {
    if (options[flag] !== undefined && options[needed] === undefined) throw new UsageError(message);
  }
  if (
    options.aclTable !== undefined &&
    options.aclHiddenShare === undefined &&
    options.aclBlankShare === undefined
  ) {
    throw new UsageError('--acl-table needs --acl-hidden-share or --acl-blank-share');
  }
  if ((options.aclHiddenShare ?? 0) + (options.aclBlankShare ?? 0) >= 1) {
    throw new UsageError(
      `--acl-hidden-share plus --acl-blank-share must stay below 1, received ${options.aclHiddenShare} + ${options.aclBlankShare}`,
    );
  }
}

/** Tables the flags name, each with its flag, to check against the mock's tables. */
export function namedTables(options: MockCommandOptions): Array<readonly [string, string]> {
  return [
    ...(options.readDenied ?? []).map((t) => ['--read-denied', t] as const),
    ...(options.denyTable ?? []).map((t) => ['--deny-table', t] as const),
    ...(options.aclTable ?? []).map((t) => ['--acl-table', t] as const),
    ...(options.hideField ?? []).map((f) => ['--hide-field', f.split('.')[0] as string] as const),
  ];
}

/** A 32-bit hash of `text` mixed with `seed`, uniform enough to pick a share of rows. */
function rowHash(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Tables a share ACL spares unless `--acl-table` names them: an integration user reads them whole. */
const DICTIONARY_TABLES: ReadonlySet<string> = new Set([
  'sys_db_object',
  'sys_dictionary',
  'sys_choice',
]);

/**
 * A row ACL that hides (and blanks) a seeded share of the rows of `tables` (when absent, every
 * table but the dictionary's): the same rows for the same seed, whatever the query or page.
 * The integration user's own `sys_user` row stays visible, as it does on an instance.
 */
export function shareAcl(
  seed: number,
  hidden: number,
  blank: number,
  tables: readonly string[] | undefined,
  username: string,
): (table: string, record: MockRecord) => MockRowVisibility {
  return (table, record) => {
    if (tables === undefined ? DICTIONARY_TABLES.has(table) : !tables.includes(table)) {
      return 'visible';
    }
    if (table === 'sys_user' && record.user_name === username) return 'visible';
    const draw = rowHash(seed, `${table}/${record.sys_id ?? ''}`) / 2 ** 32;
    if (draw < hidden) return 'hidden';
    return draw < hidden + blank ? 'blank' : 'visible';
  };
}

function hiddenFields(fields: readonly string[]): Record<string, string[]> {
  const byTable: Record<string, string[]> = {};
  for (const entry of fields) {
    const [table, field] = entry.split('.') as [string, string];
    byTable[table] = [...(byTable[table] ?? []), field];
  }
  return byTable;
}

/** `{ probability }` for a share below 1, `{}` for every request. */
function scope(chance: number): { readonly probability?: number } {
  return chance >= 1 ? {} : { probability: chance };
}

/**
 * The faults the flags switch on (`seed` is the faults' seed, `username` the integration user,
 * whose own row the share ACL spares).
 */
export function mockFaultsOf(
  options: MockCommandOptions,
  seed: number,
  username: string,
): MockFaults {
  const o = options;
  const statuses = o.serverErrorStatus as readonly MockServerErrorStatus[] | undefined;
  const acl = o.aclHiddenShare !== undefined || o.aclBlankShare !== undefined;
  return {
    seed,
    ...(o.latency === undefined ? {} : { latencyMs: o.latency }),
    ...(o.jitter === undefined ? {} : { jitterMs: o.jitter }),
    ...(o.hang === undefined ? {} : { hangMs: { ms: o.hang, ...scope(o.hangProbability ?? 1) } }),
    ...(o.hibernate === undefined ? {} : { hibernate: scope(o.hibernate) }),
    ...(o.requestsPerSecond === undefined ? {} : { requestsPerSecond: o.requestsPerSecond }),
    ...(o.rateLimit === undefined
      ? {}
      : {
          rateLimit: {
            ...scope(o.rateLimit),
            ...(o.retryAfter === undefined ? {} : { retryAfterSeconds: o.retryAfter }),
          },
        }),
    ...(o.bare429 === undefined ? {} : { bare429: scope(o.bare429) }),
    ...(o.serverErrors === undefined
      ? {}
      : {
          serverErrors: {
            ...scope(o.serverErrors),
            ...(statuses === undefined ? {} : { status: statuses }),
            ...(o.htmlErrors === true ? { html: true } : {}),
          },
        }),
    ...(o.truncateJson === undefined ? {} : { truncateJson: scope(o.truncateJson) }),
    ...(o.quotaCancel === undefined ? {} : { quotaCancel: scope(o.quotaCancel) }),
    ...(o.readDenied === undefined ? {} : { readDenied: { table: o.readDenied } }),
    ...(o.denyTable === undefined ? {} : { deniedTables: o.denyTable }),
    ...(o.hideField === undefined ? {} : { hiddenFields: hiddenFields(o.hideField) }),
    ...(acl
      ? {
          aclHidden: shareAcl(
            seed,
            o.aclHiddenShare ?? 0,
            o.aclBlankShare ?? 0,
            o.aclTable,
            username,
          ),
        }
      : {}),
    ...(o.readOnly === true ? { readOnly: true } : {}),
    ...(o.shuffleTies === true ? { shuffleTies: true } : {}),
  };
}

function share(chance: number): string {
  return chance >= 1 ? 'every request' : `${+(chance * 100).toFixed(2)}% of requests`;
}

/** The faults in effect, one short phrase each (empty when none). */
export function describeFaults(options: MockCommandOptions): string[] {
  const o = options;
  const out: string[] = [];
  if (o.latency !== undefined) {
    out.push(`latency ${o.latency} ms${o.jitter ? ` + 0..${o.jitter} ms jitter` : ''}`);
  }
  if (o.hang !== undefined) out.push(`hang ${o.hang} ms on ${share(o.hangProbability ?? 1)}`);
  if (o.hibernate !== undefined) out.push(`hibernating page on ${share(o.hibernate)}`);
  if (o.requestsPerSecond !== undefined) {
    out.push(`at most ${o.requestsPerSecond} requests/s (bare 429 beyond)`);
  }
  if (o.rateLimit !== undefined) {
    out.push(`rate-limit 429 (Retry-After ${o.retryAfter ?? 1} s) on ${share(o.rateLimit)}`);
  }
  if (o.bare429 !== undefined) out.push(`bare 429 on ${share(o.bare429)}`);
  if (o.serverErrors !== undefined) {
    const statuses = (o.serverErrorStatus ?? [503]).join('/');
    out.push(`${statuses}${o.htmlErrors ? ' (HTML)' : ''} on ${share(o.serverErrors)}`);
  }
  if (o.truncateJson !== undefined) out.push(`truncated JSON on ${share(o.truncateJson)}`);
  if (o.quotaCancel !== undefined) out.push(`quota cancel on ${share(o.quotaCancel)}`);
  if (o.readDenied !== undefined) out.push(`read denied: ${o.readDenied.join(', ')}`);
  if (o.denyTable !== undefined) out.push(`role missing for: ${o.denyTable.join(', ')}`);
  if (o.hideField !== undefined) out.push(`hidden fields: ${o.hideField.join(', ')}`);
  if (o.aclHiddenShare !== undefined || o.aclBlankShare !== undefined) {
    const parts = [
      o.aclHiddenShare === undefined ? '' : `${+(o.aclHiddenShare * 100).toFixed(2)}% hidden`,
      o.aclBlankShare === undefined ? '' : `${+(o.aclBlankShare * 100).toFixed(2)}% blank`,
    ].filter((p) => p !== '');
    out.push(
      `row ACL: ${parts.join(', ')} rows of ${o.aclTable?.join(', ') ?? 'every table but the dictionary'}`,
    );
  }
  if (o.readOnly === true) out.push('read-only (writes answer 403)');
  if (o.shuffleTies === true) out.push('ties of a non-unique ORDERBY shuffled');
  return out;
}
