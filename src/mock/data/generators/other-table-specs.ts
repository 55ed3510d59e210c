/**
 * The other schema-generated tables: the catalog items, the servers, and the two custom tables.
 *
 * @module
 */
import { cmdbCiServerSchema } from '../schemas/cmdb-ci-server.js';
import { scCatItemSchema } from '../schemas/service-catalog.js';
import { uRateCardSchema, uVendorReviewSchema } from '../schemas/u-vendor-review.js';
import { companyName } from './company-source.js';
import type { SchemaRow } from './schema-row.js';
import type { SchemaTableSpec } from './schema-source.js';
import { CITIES, TEAMS } from './vocabulary/index.js';

const CATALOG: readonly (readonly [string, string, number, number])[] = [
  ['Standard Laptop', 'hardware', 1100, 0],
  ['Developer Laptop', 'hardware', 2400, 0],
  ['External Monitor 27"', 'hardware', 320, 0],
  ['Docking Station', 'hardware', 180, 0],
  ['Mobile Phone', 'hardware', 650, 25],
  ['Headset', 'hardware', 90, 0],
  ['Office Suite Licence', 'software', 0, 12.5],
  ['Design Tools Licence', 'software', 0, 54.99],
  ['Database Client', 'software', 150, 0],
  ['VPN Access', 'services', 0, 0],
  ['New Email Distribution List', 'services', 0, 0],
  ['Shared Drive Access', 'services', 0, 0],
  ['Desk Chair', 'office', 240, 0],
  ['Business Cards', 'office', 35.5, 0],
];

const item = (r: SchemaRow) => CATALOG[r.row % CATALOG.length] as (typeof CATALOG)[number];

/** `sc_cat_item`: one row per catalog entry. @internal */
export const SC_CAT_ITEM_SPEC: SchemaTableSpec = {
  schema: scCatItemSchema,
  size: CATALOG.length,
  fields: {
    name: (r) => item(r)[0],
    short_description: (r) => `Order a ${item(r)[0].toLowerCase()}`,
    category: (r) => item(r)[1],
    price: (r) => item(r)[2].toFixed(2),
    recurring_price: (r) => item(r)[3].toFixed(2),
    active: (r) => (r.row === CATALOG.length - 1 ? 'false' : 'true'),
    order: (r) => String((r.row + 1) * 100),
  },
};

const OS: readonly (readonly [string, string, string])[] = [
  ['lnx', 'Linux Red Hat', '9.3'],
  ['lnx', 'Linux Ubuntu', '22.04'],
  ['win', 'Windows 2019 Datacenter', '10.0.17763'],
  ['win', 'Windows 2022 Standard', '10.0.20348'],
];

const os = (r: SchemaRow) => r.pick('os', OS);
const city = (r: SchemaRow) => CITIES[r.int('location', CITIES.length)]?.[0] ?? '';
const cityCode = (r: SchemaRow) =>
  city(r)
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 3)
    .toLowerCase();
const serverName = (r: SchemaRow) =>
  `${os(r)[0]}-${cityCode(r)}-${String(r.row + 1).padStart(4, '0')}`;
const retired = (r: SchemaRow) => r.chance('install_status', 0.05);
const octet = (r: SchemaRow, k: number) => String(1 + r.int('ip_address', 254, k));
const SERVER_TEAMS = ['Windows Servers', 'Linux Servers', 'Database', 'Network'].map((t) =>
  Math.max(0, TEAMS.indexOf(t)),
);

/** `cmdb_ci_server`: 150 rows. @internal */
export const CMDB_CI_SERVER_SPEC: SchemaTableSpec = {
  schema: cmdbCiServerSchema,
  size: 150,
  fields: {
    name: serverName,
    host_name: serverName,
    fqdn: (r) => `${serverName(r)}.corp.example.com`,
    short_description: (r) => `${os(r)[1]} server in ${city(r)}`,
    os: (r) => os(r)[1],
    os_version: (r) => os(r)[2],
    os_service_pack: () => '',
    ram: (r) => String(4096 * 2 ** r.int('ram', 6)),
    cpu_count: (r) => String(2 ** r.int('cpu_count', 3)),
    cpu_core_count: (r) => String(2 ** (1 + r.int('cpu_core_count', 5))),
    cpu_speed: (r) => r.pick('cpu_speed', ['2100', '2400', '2900', '3200']),
    cpu_type: (r) => r.pick('cpu_type', ['Intel Xeon Gold', 'AMD EPYC']),
    cpu_manufacturer: (r) => (r.value('cpu_type').startsWith('AMD') ? 'AMD' : 'Intel'),
    disk_space: (r) => (r.int('disk_space', 40) * 50 + 100).toFixed(2),
    virtual: (r) => (r.chance('virtual', 0.6) ? 'true' : 'false'),
    serial_number: (r) => `SRV${(r.rnd.u32(70) >>> 0).toString(36).toUpperCase()}`,
    asset_tag: (r) => (r.chance('asset_tag', 0.8) ? `P${String(200000 + r.row)}` : ''),
    ip_address: (r) => `10.20.${octet(r, 1)}.${octet(r, 2)}`,
    mac_address: (r) =>
      Array.from({ length: 6 }, (_, k) =>
        r.int('mac_address', 256, k).toString(16).padStart(2, '0'),
      ).join(':'),
    default_gateway: (r) => `10.20.${octet(r, 1)}.1`,
    dns_domain: () => 'corp.example.com',
    install_status: (r) => (retired(r) ? '7' : '1'),
    operational_status: (r) =>
      retired(r) ? '6' : r.chance('operational_status', 0.05) ? '2' : '1',
    hardware_status: (r) => (retired(r) ? 'retired' : 'installed'),
    hardware_substatus: () => '',
    support_group: (r) => {
      const team = r.pick('support_group', SERVER_TEAMS);
      const w = r.world;
      return w.sysId('sys_user_group', w.groupOfTeam(team, 0));
    },
    discovery_source: () => 'ServiceNow',
    sys_class_path: () => '/!!/!2/!(/!!',
    correlation_id: () => '',
    comments: () => '',
    attributes: () => '',
    firmware_version: (r) =>
      `${1 + r.int('firmware_version', 4)}.${r.int('firmware_version', 10, 1)}`,
  },
};

const vendorRow = (r: SchemaRow) => r.int('u_vendor', r.world.plan.core_company);

/** `u_vendor_review`: 120 rows, every type. @internal */
export const U_VENDOR_REVIEW_SPEC: SchemaTableSpec = {
  schema: uVendorReviewSchema,
  size: 120,
  fields: {
    u_number: (r) => `VR${String(r.row + 1001).padStart(7, '0')}`,
    u_code: (r) => `R${r.row % 10}`,
    u_title: (r) => `Quarterly review of ${companyName(vendorRow(r))} (Q${1 + (r.row % 4)})`,
    u_vendor: (r) => r.world.sysId('core_company', vendorRow(r)),
    u_reviewer: (r) => r.world.sysId('sys_user', r.creator),
  },
};

const ROLES = [
  'Junior engineer',
  'Senior engineer',
  'Architect',
  'Project manager',
  'On-site visit',
];

/** `u_rate_card`: 40 rows, no `sys_updated_on`. @internal */
export const U_RATE_CARD_SPEC: SchemaTableSpec = {
  schema: uRateCardSchema,
  size: 40,
  fields: {
    u_name: (r) => `${ROLES[r.row % ROLES.length]} #${Math.floor(r.row / ROLES.length) + 1}`,
    u_vendor: (r) => r.world.sysId('core_company', vendorRow(r)),
    u_rate: (r) => ((5000 + r.int('u_rate', 195_000)) / 100).toFixed(2),
    u_unit: (r) => (r.row % ROLES.length === 4 ? 'day' : 'hour'),
    u_active: (r) => (r.chance('u_active', 0.85) ? 'true' : 'false'),
  },
};
