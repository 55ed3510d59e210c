/**
 * How many rows each mock table holds.
 *
 * @module
 */
import { ConfigurationError } from '../../core/index.js';

/**
 * Row counts per table, before the few deletes seeded at generation time. Give any subset to
 * `createMockData({ scale })`; a number there means "this many incidents". Child tables given
 * explicitly are spread over their parents in proportion to the natural counts.
 *
 * @example
 * ```ts
 * const scale: Partial<MockScale> = { incident: 500, sys_user: 50 };
 * ```
 */
export interface MockScale {
  readonly incident: number;
  /** @default 0 to 3 per incident, about 0.5 on average */
  readonly incident_task: number;
  /** @default a response and a resolution SLA per incident, plus an OLA on 1 incident task in 5 */
  readonly task_sla: number;
  /** @default 0 to 3 per worked incident (about 1), 0 to 2 per incident task (about 0.35) */
  readonly task_time_worked: number;
  /** @default 20 */
  readonly contract_sla: number;
  /** @default 40, plus one per 20,000 incidents */
  readonly sys_user_group: number;
  /** @default 25, plus one per 50,000 incidents */
  readonly core_company: number;
  /** @default 300, plus one per 1,000 incidents */
  readonly sys_user: number;
  /** @default 60, plus one per 10,000 incidents */
  readonly cmdb_ci_network_link: number;
}

/** The default number of incidents: a year of a mid-sized service desk, quick to generate. */
export const DEFAULT_MOCK_INCIDENTS = 2000;

/** The tables a {@link MockScale} sizes: the nine tables of the built-in catalog. @internal */
export const SCALED_TABLES: readonly (keyof MockScale)[] = [
  'incident',
  'incident_task',
  'task_sla',
  'task_time_worked',
  'contract_sla',
  'sys_user_group',
  'core_company',
  'sys_user',
  'cmdb_ci_network_link',
];

function check(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min || value > 100_000_000) {
    throw new ConfigurationError(
      `scale.${name}: expected an integer from ${min} to 100000000, got ${String(value)}`,
      { option: `scale.${name}` },
    );
  }
  return value;
}

/** Parent-table row counts, and the child-table totals that were given explicitly. @internal */
export interface ScalePlan {
  readonly incident: number;
  readonly contract_sla: number;
  readonly sys_user_group: number;
  readonly core_company: number;
  readonly sys_user: number;
  readonly cmdb_ci_network_link: number;
  /** Explicit totals; a missing one follows the natural per-parent counts. */
  readonly incident_task?: number;
  readonly task_sla?: number;
  readonly task_time_worked?: number;
}

/**
 * Validates a scale and completes the parent-table counts: a number is the number of incidents;
 * configuration tables derive from it and keep at least one row (references need a target).
 * Child tables without an explicit total get their natural counts per parent.
 * @internal
 */
export function planMockScale(
  scale: number | Partial<MockScale> = DEFAULT_MOCK_INCIDENTS,
): ScalePlan {
  const given: Partial<MockScale> = typeof scale === 'number' ? { incident: scale } : scale;
  for (const key of Object.keys(given)) {
    if (!(SCALED_TABLES as readonly string[]).includes(key)) {
      throw new ConfigurationError(`scale: unknown table ${JSON.stringify(key)}`, {
        option: `scale.${key}`,
      });
    }
  }
  const incident = check('incident', given.incident ?? DEFAULT_MOCK_INCIDENTS, 0);
  const plan: {
    -readonly [K in keyof ScalePlan]: ScalePlan[K];
  } = {
    incident,
    contract_sla: check('contract_sla', given.contract_sla ?? 20, 1),
    sys_user_group: check(
      'sys_user_group',
      given.sys_user_group ?? 40 + Math.floor(incident / 20_000),
      1,
    ),
    core_company: check(
      'core_company',
      given.core_company ?? 25 + Math.floor(incident / 50_000),
      1,
    ),
    sys_user: check('sys_user', given.sys_user ?? 300 + Math.floor(incident / 1000), 2),
    cmdb_ci_network_link: check(
      'cmdb_ci_network_link',
      given.cmdb_ci_network_link ?? 60 + Math.floor(incident / 10_000),
      1,
    ),
  };
  if (given.incident_task !== undefined)
    plan.incident_task = check('incident_task', given.incident_task, 0);
  if (given.task_sla !== undefined) plan.task_sla = check('task_sla', given.task_sla, 0);
  if (given.task_time_worked !== undefined) {
    plan.task_time_worked = check('task_time_worked', given.task_time_worked, 0);
  }
  return plan;
}
