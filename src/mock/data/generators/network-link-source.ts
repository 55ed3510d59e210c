/**
 * `cmdb_ci_network_link` rows: WAN links between sites, carried by vendor companies and
 * supported by the Network groups.
 *
 * @module
 */

import { formatDate, formatDateTime } from '../glide-format.js';
import { cmdbCiNetworkLinkSchema } from '../schemas/cmdb-ci.js';
import { companyName, isVendor } from './company-source.js';
import { ReaderSource } from './reader-source.js';
import { type Accessors, AccessorTable } from './row-source.js';
import { GeneratedRow, SYSTEM_ACCESSORS } from './system-values.js';
import { BANDWIDTHS, CITIES, LINK_TYPES, TEAMS } from './vocabulary/index.js';
import { DAY, type World } from './world.js';

const NETWORK_TEAM = TEAMS.indexOf('Network');

const code = (city: string) =>
  city
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 3)
    .toUpperCase();

class LinkReader extends GeneratedRow {
  readonly createdOn: number;
  readonly updatedOn: number;
  readonly createdBy = 'discovery';
  readonly updatedBy = 'discovery';
  readonly modCount: number;
  readonly endA: string;
  readonly endB: string;
  readonly retired: boolean;

  constructor(world: World, row: number) {
    super('cmdb_ci_network_link', world, row);
    const r = this.rnd;
    const a = r.int(1, CITIES.length);
    const b = (a + 1 + r.int(2, CITIES.length - 1)) % CITIES.length;
    this.endA = CITIES[a]?.[0] ?? '';
    this.endB = CITIES[b]?.[0] ?? '';
    this.retired = r.chance(3, 0.05);
    this.createdOn = world.now - (60 + r.int(4, 1200)) * DAY - r.int(5, DAY);
    this.updatedOn = this.retired
      ? this.createdOn + Math.floor(r.unit(6) * (world.now - this.createdOn))
      : world.now - r.int(7, 3 * DAY);
    this.modCount = r.int(8, 40);
  }

  get name(): string {
    return `LNK-${code(this.endA)}-${code(this.endB)}-${String(this.row + 1).padStart(4, '0')}`;
  }

  group(): string {
    const w = this.world;
    const count = w.groupsOfTeam(NETWORK_TEAM);
    const g = count > 0 ? w.groupOfTeam(NETWORK_TEAM, this.rnd.int(9, count)) : 0;
    return w.sysId('sys_user_group', g);
  }

  vendor(): number {
    const companies = this.world.plan.core_company;
    let c = this.rnd.int(10, companies);
    for (let i = 0; i < companies && !isVendor(c); i++) c = (c + 1) % companies;
    return c;
  }

  agent(slot: number): string {
    const w = this.world;
    return w.sysId('sys_user', 1 + this.rnd.int(slot, w.agents));
  }

  value(field: string): string {
    return LINK_TABLE.value(this, field);
  }
}

const LINK_ACCESSORS: Accessors<LinkReader> = {
  ...SYSTEM_ACCESSORS,
  name: (l) => l.name,
  short_description: (l) => `${l.endA} ⇄ ${l.endB} ${l.rnd.pick(11, LINK_TYPES)} link`,
  company: (l) => l.world.sysId('core_company', l.vendor()),
  manufacturer: () => '',
  vendor: (l) => l.world.sysId('core_company', l.vendor()),
  location: () => '',
  assigned_to: (l) => l.agent(12),
  managed_by: (l) => l.agent(13),
  owned_by: (l) => l.agent(14),
  support_group: (l) => l.group(),
  assignment_group: (l) => l.group(),
  managed_by_group: (l) => l.group(),
  install_status: (l) => (l.retired ? '7' : '1'),
  operational_status: (l) => (l.retired ? '6' : l.rnd.chance(15, 0.05) ? '3' : '1'),
  serial_number: (l) => `SN-${(l.rnd.u32(16) >>> 0).toString(36).toUpperCase()}`,
  asset_tag: (l) => (l.rnd.chance(17, 0.7) ? `P${String(100000 + l.row)}` : ''),
  ip_address: (l) => `10.${l.row % 256}.${(l.row >> 8) % 256}.${1 + l.rnd.int(18, 254)}`,
  mac_address: (l) =>
    Array.from({ length: 6 }, (_, i) =>
      l.rnd
        .int(19 + i, 256)
        .toString(16)
        .padStart(2, '0'),
    ).join(':'),
  discovery_source: () => 'ServiceNow',
  first_discovered: (l) => formatDateTime(l.createdOn),
  last_discovered: (l) => formatDateTime(l.updatedOn),
  install_date: (l) => formatDate(l.createdOn - 30 * DAY),
  correlation_id: () => '',
  comments: (l) => (l.row % 13 === 6 ? 'Provider ticket ref: "CX-1\\2" ^ see notes' : ''),
  attributes: () => '',
  sys_class_path: () => '/!!/!2/!(',
  u_link_name: (l) => `${l.endA} - ${l.endB}`,
  u_end_a: (l) => l.endA,
  u_end_b: (l) => l.endB,
  u_bandwidth: (l) => l.rnd.pick(26, BANDWIDTHS),
  u_status: (l) => (l.retired ? 'decommissioned' : 'active'),
  u_provider: (l) => companyName(l.vendor()),
  u_type: (l) => l.rnd.pick(11, LINK_TYPES),
};

const LINK_TABLE = new AccessorTable(LINK_ACCESSORS, cmdbCiNetworkLinkSchema.fields);

/** The `cmdb_ci_network_link` table. @internal */
export class NetworkLinkSource extends ReaderSource<LinkReader> {
  constructor(world: World) {
    super('cmdb_ci_network_link', world, LINK_TABLE, LinkReader);
  }
}
