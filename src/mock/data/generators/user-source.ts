/**
 * `sys_user` rows: user 0 is the administrator; users 1 .. agents are IT agents, each a member
 * of one assignment group; the rest are employees of customer companies.
 *
 * @module
 */
import { formatDate, formatDateTime } from '../glide-format.js';
import { RowRandom } from '../random.js';
import { sysUserSchema } from '../schemas/sys-user.js';
import { type Accessors, AccessorTable, type RowSource } from './row-source.js';
import {
  GeneratedRow,
  readerSeconds,
  SYSTEM_ACCESSORS,
  SYSTEM_DATE_INDEXES,
} from './system-values.js';
import { AGENT_TITLES, CITIES, FIRST_NAMES, LAST_NAMES, USER_TITLES } from './vocabulary/index.js';
import { DAY, type World } from './world.js';

const ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'America/Chicago',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'America/Sao_Paulo',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Europe/Zurich',
  'Europe/Warsaw',
  'America/Toronto',
  'Europe/Dublin',
  'Asia/Singapore',
  'Africa/Nairobi',
];
const LANGUAGES = ['en', 'en', 'en', 'de', 'fr', 'ja', 'pt', 'es'];
const NAME_STEP = 7919;

/** ASCII login name from a display name (`Zoë O'Connor` -> `zoe.oconnor`). @internal */
export function loginOf(first: string, last: string): string {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return `${fold(first) || 'user'}.${fold(last) || 'user'}`;
}

class UserReader extends GeneratedRow {
  readonly createdOn: number;
  readonly updatedOn: number;
  readonly createdBy = 'admin';
  readonly updatedBy: string;
  readonly modCount: number;
  readonly first: string;
  readonly last: string;
  readonly middle: string;
  readonly login: string;
  readonly agentGroup: number;
  readonly city: number;

  constructor(
    world: World,
    readonly source: UserSource,
    row: number,
  ) {
    super('sys_user', world, row);
    const r = this.rnd;
    const names = source.names(row);
    this.first = names.first;
    this.last = names.last;
    this.login = names.login;
    this.middle = row % 41 === 17 ? `"Bobby" D'Arcy` : '';
    this.agentGroup = world.groupOfAgent(row);
    this.city = r.int(4, CITIES.length);
    this.createdOn = world.now - (400 + r.int(1, 2500)) * DAY - r.int(2, DAY);
    this.updatedOn = this.createdOn + Math.floor(r.unit(3) * (world.now - this.createdOn));
    this.updatedBy = r.chance(5, 0.5) ? 'admin' : 'system';
    this.modCount = r.int(6, 20);
  }

  value(field: string): string {
    return USER_TABLE.value(this, field);
  }
}

const yes = (b: boolean) => (b ? 'true' : 'false');

const USER_ACCESSORS: Accessors<UserReader> = {
  ...SYSTEM_ACCESSORS,
  user_name: (u) => u.login,
  name: (u) => `${u.first} ${u.last}`,
  first_name: (u) => u.first,
  middle_name: (u) => u.middle,
  last_name: (u) => u.last,
  email: (u) => `${u.login}@example.com`,
  phone: (u) => (u.rnd.chance(10, 0.8) ? `+1 555 01${String(u.row % 100).padStart(2, '0')}` : ''),
  mobile_phone: (u) =>
    u.rnd.chance(11, 0.5) ? `+44 7700 9${String(u.row % 100000).padStart(5, '0')}` : '',
  home_phone: () => '',
  title: (u) =>
    u.row === 0
      ? 'System Administrator'
      : u.agentGroup >= 0
        ? u.rnd.pick(12, AGENT_TITLES)
        : u.rnd.pick(12, USER_TITLES),
  employee_number: (u) => String(100000 + u.row),
  company: (u) => u.world.sysId('core_company', u.source.companyOf(u.row)),
  manager: (u) => {
    const m = u.source.managerOf(u.row);
    return m < 0 ? '' : u.world.sysId('sys_user', m);
  },
  active: (u) => yes(u.source.isActive(u.row)),
  locked_out: (u) => yes(u.rnd.chance(13, 0.01)),
  web_service_access_only: () => 'false',
  internal_integration_user: () => 'false',
  vip: (u) => yes(u.rnd.chance(14, 0.03)),
  password_needs_reset: (u) => yes(u.rnd.chance(15, 0.02)),
  enable_multifactor_authn: (u) => yes(u.agentGroup >= 0 || u.row === 0),
  last_login: (u) => (u.source.isActive(u.row) ? formatDate(lastLogin(u)) : ''),
  last_login_time: (u) => (u.source.isActive(u.row) ? formatDateTime(lastLogin(u)) : ''),
  failed_attempts: (u) => String(u.rnd.chance(16, 0.9) ? 0 : u.rnd.between(17, 1, 4)),
  time_zone: (u) => (u.rnd.chance(18, 0.2) ? '' : (ZONES[u.city] ?? '')),
  date_format: () => '',
  time_format: () => '',
  preferred_language: (u) => u.rnd.pick(19, LANGUAGES),
  notification: () => '2',
  calendar_integration: () => '1',
  source: (u) =>
    u.row % 3 === 0 ? '' : `ldap:CN=${u.last}\\, ${u.first},OU=Users,DC=acme,DC=example`,
  roles: (u) => (u.row === 0 ? 'admin' : u.agentGroup >= 0 ? 'itil' : ''),
  street: (u) => `${1 + (u.row % 250)} Main Street`,
  city: (u) => CITIES[u.city]?.[0] ?? '',
  state: (u) => CITIES[u.city]?.[1] ?? '',
  zip: (u) => String(10000 + ((u.row * 37) % 89999)),
  country: (u) => CITIES[u.city]?.[2] ?? '',
};

const USER_TABLE = new AccessorTable(USER_ACCESSORS, sysUserSchema.fields);

function lastLogin(u: UserReader): number {
  return u.world.now - u.rnd.int(20, 30 * DAY);
}

/** The `sys_user` table. @internal */
export class UserSource implements RowSource {
  readonly table = 'sys_user';
  readonly size: number;
  readonly indexedDates = SYSTEM_DATE_INDEXES;

  constructor(readonly world: World) {
    this.size = world.users;
  }

  reader(row: number): UserReader {
    return new UserReader(this.world, this, row);
  }

  values(row: number): string[] {
    return USER_TABLE.values(this.reader(row));
  }

  seconds(row: number, field: string): number {
    return readerSeconds(this.reader(row), field);
  }

  /** First name, last name and login of a user. */
  names(row: number): { first: string; last: string; login: string } {
    if (row === 0) return { first: 'System', last: 'Administrator', login: 'admin' };
    const combos = FIRST_NAMES.length * LAST_NAMES.length;
    const pair = (row * NAME_STEP) % combos;
    const first = row === 5 ? 'Pixel 🤖' : (FIRST_NAMES[pair % FIRST_NAMES.length] as string);
    const last = LAST_NAMES[Math.floor(pair / FIRST_NAMES.length)] as string;
    const suffix = row >= combos ? String(Math.floor(row / combos)) : '';
    return { first, last, login: loginOf(first, last) + suffix };
  }

  private readonly logins: (string | undefined)[] = [];

  /** The login of a user (for `sys_created_by`). */
  login(row: number): string {
    let login = this.logins[row];
    if (login === undefined) {
      login = this.names(row).login;
      this.logins[row] = login;
    }
    return login;
  }

  /** The company (core_company row) of a user. */
  companyOf(row: number): number {
    const companies = this.world.plan.core_company;
    if (row === 0) return 0;
    const r = new RowRandom(this.world.tableSeed('sys_user'), row);
    const share = r.unit(30);
    const company = share < 0.6 ? 0 : share < 0.75 ? 1 : share < 0.85 ? 2 : r.int(31, companies);
    return company % companies;
  }

  /** The manager of a user, or -1. */
  managerOf(row: number): number {
    if (row === 0) return -1;
    const world = this.world;
    const group = world.groupOfAgent(row);
    if (group >= 0) {
      const lead = world.agentOf(group, 0);
      return lead === row ? 0 : lead;
    }
    const r = new RowRandom(world.tableSeed('sys_user'), row);
    return r.chance(32, 0.1) ? -1 : 1 + r.int(33, world.agents);
  }

  /** Whether a user is active (agents always are). */
  isActive(row: number): boolean {
    if (row <= this.world.agents) return true;
    return new RowRandom(this.world.tableSeed('sys_user'), row).chance(34, 0.95);
  }
}
