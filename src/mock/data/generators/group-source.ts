/**
 * `sys_user_group` rows: one group per team (Service Desk, Network, ...), then regional and
 * tiered variants whose parent is the team's group.
 *
 * @module
 */

import { sysUserGroupSchema } from '../schemas/sys-user-group.js';
import { ReaderSource } from './reader-source.js';
import { type Accessors, AccessorTable } from './row-source.js';
import { GeneratedRow, SYSTEM_ACCESSORS } from './system-values.js';
import { REGIONS, TEAMS } from './vocabulary/index.js';
import { DAY, type World } from './world.js';

/** The name of group `row`. @internal */
export function groupName(row: number): string {
  const team = TEAMS[row % TEAMS.length] as string;
  const variant = Math.floor(row / TEAMS.length);
  const region = REGIONS[variant % REGIONS.length] as string;
  const tier = variant >= REGIONS.length ? ` ${Math.floor(variant / REGIONS.length) + 1}` : '';
  const hostile = row % 20 === 11 ? ' "Core" ^ Team' : '';
  return `${team}${region}${tier}${hostile}`;
}

class GroupReader extends GeneratedRow {
  readonly createdOn: number;
  readonly updatedOn: number;
  readonly createdBy = 'admin';
  readonly updatedBy = 'admin';
  readonly modCount: number;
  readonly name: string;

  constructor(world: World, row: number) {
    super('sys_user_group', world, row);
    const r = this.rnd;
    this.name = groupName(row);
    this.createdOn = world.now - (900 + r.int(1, 600)) * DAY - r.int(2, DAY);
    this.updatedOn = this.createdOn + Math.floor(r.unit(3) * (world.now - this.createdOn));
    this.modCount = r.int(4, 12);
  }

  agent(k: number): string {
    const w = this.world;
    return w.agentsIn(this.row) > k ? w.sysId('sys_user', w.agentOf(this.row, k)) : '';
  }

  value(field: string): string {
    return GROUP_TABLE.value(this, field);
  }
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const GROUP_ACCESSORS: Accessors<GroupReader> = {
  ...SYSTEM_ACCESSORS,
  name: (g) => g.name,
  description: (g) => (g.row % 9 === 4 ? '' : `${g.name} support group`),
  manager: (g) => g.agent(0) || g.world.sysId('sys_user', 0),
  parent: (g) =>
    g.row >= TEAMS.length ? g.world.sysId('sys_user_group', g.row % TEAMS.length) : '',
  email: (g) => `${slug(g.name)}@example.com`,
  type: () => '',
  roles: () => 'itil',
  active: (g) => (g.row % 17 === 16 ? 'false' : 'true'),
  cost_center: () => '',
  default_assignee: (g) => g.agent(1),
  exclude_manager: () => 'false',
  include_members: () => 'false',
  source: () => '',
};

const GROUP_TABLE = new AccessorTable(GROUP_ACCESSORS, sysUserGroupSchema.fields);

/** The `sys_user_group` table. @internal */
export class GroupSource extends ReaderSource<GroupReader> {
  constructor(world: World) {
    super('sys_user_group', world, GROUP_TABLE, GroupReader);
  }
}
