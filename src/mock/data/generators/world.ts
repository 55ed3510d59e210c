/**
 * The shared context of the generators: seed, reference time, table sizes, sys_id keys, the
 * population model (which users are agents of which group, which groups serve which team) and
 * the parent/child layouts.
 *
 * @module
 */
import type { ScalePlan } from '../mock-scale.js';
import { hashString } from '../random.js';
import { SysIdKey } from '../sys-id.js';
import { ArrivalCurve } from './arrivals.js';
import type { ChildLayout } from './child-layout.js';
import { TEAMS } from './vocabulary/index.js';

/** Seconds in a day. @internal */
export const DAY = 86400;

/** Options of a {@link World}. @internal */
export interface WorldOptions {
  readonly seed: number;
  /** Reference "now", epoch seconds: the data covers the year before it. */
  readonly now: number;
  readonly plan: ScalePlan;
}

/** The shared generation context. @internal */
export class World {
  readonly seed: number;
  readonly now: number;
  /** Start of the data window (one year before `now`). */
  readonly start: number;
  readonly plan: ScalePlan;
  readonly arrivals: ArrivalCurve;
  /** incident -> incident_task rows. Set during the build. */
  incidentTasks!: ChildLayout;
  /** task (incidents, then incident tasks) -> task_sla rows. Set during the build. */
  taskSlas!: ChildLayout;
  /** task (incidents, then incident tasks) -> task_time_worked rows. Set during the build. */
  timeWorked!: ChildLayout;

  private readonly keys = new Map<string, SysIdKey>();
  private readonly seeds = new Map<string, number>();
  private readonly sysIdCache = new Map<string, string[]>();

  constructor(options: WorldOptions) {
    this.seed = options.seed;
    this.now = options.now;
    this.start = options.now - 365 * DAY;
    this.plan = options.plan;
    this.arrivals = new ArrivalCurve(
      this.start,
      this.now - 60,
      hashString(`${this.seed}/arrivals`),
    );
  }

  /** The sys_id key of a table. */
  key(table: string): SysIdKey {
    let key = this.keys.get(table);
    if (key === undefined) {
      key = new SysIdKey(this.seed, table);
      this.keys.set(table, key);
    }
    return key;
  }

  /** The seed of a table's row draws. */
  tableSeed(table: string): number {
    let seed = this.seeds.get(table);
    if (seed === undefined) {
      seed = hashString(`${this.seed}/${table}/rows`);
      this.seeds.set(table, seed);
    }
    return seed;
  }

  /** The sys_id of generated row `row` of `table` (cached for the small tables). */
  sysId(table: string, row: number): string {
    const cache = this.sysIdCache.get(table);
    if (cache !== undefined) return cache[row] ?? this.key(table).sysId(row);
    return this.key(table).sysId(row);
  }

  /** Precomputes the sys_ids of a small table. */
  cacheSysIds(table: string, size: number): void {
    const key = this.key(table);
    this.sysIdCache.set(
      table,
      Array.from({ length: size }, (_, row) => key.sysId(row)),
    );
  }

  /** Number of users. */
  get users(): number {
    return this.plan.sys_user;
  }

  /** Number of groups. */
  get groups(): number {
    return this.plan.sys_user_group;
  }

  /** Users 1 .. agents are IT agents (user 0 is the administrator). */
  get agents(): number {
    return Math.max(1, Math.min(this.users - 1, Math.floor(this.users * 0.35)));
  }

  /** The group an agent (user index >= 1) belongs to, or -1 for other users. */
  groupOfAgent(user: number): number {
    if (user < 1 || user > this.agents) return -1;
    return (user - 1) % this.groups;
  }

  /** Number of agents in group `group`. */
  agentsIn(group: number): number {
    if (group >= this.agents) return 0;
    return Math.floor((this.agents - 1 - group) / this.groups) + 1;
  }

  /** The `k`-th agent of `group` (k < agentsIn(group)). */
  agentOf(group: number, k: number): number {
    return 1 + group + k * this.groups;
  }

  /** Groups serving team `team` (an index of TEAMS): `team`, `team + T`, ... */
  groupsOfTeam(team: number): number {
    if (team >= this.groups) return 0;
    return Math.floor((this.groups - 1 - team) / TEAMS.length) + 1;
  }

  /** The `k`-th group of team `team`, or group 0 when the team has none. */
  groupOfTeam(team: number, k: number): number {
    if (team >= this.groups) return team % this.groups;
    return team + k * TEAMS.length;
  }

  /** The number of a task row (`INC0010001`). */
  taskNumber(prefix: string, row: number): string {
    return `${prefix}${String(row + 10001).padStart(7, '0')}`;
  }
}
