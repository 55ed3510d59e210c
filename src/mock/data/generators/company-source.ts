/**
 * `core_company` rows: the ACME customer family first (EMEA and APAC are children of North
 * America), then other customers, vendors and manufacturers.
 *
 * @module
 */

import { coreCompanySchema } from '../schemas/core-company.js';
import { ReaderSource } from './reader-source.js';
import { type Accessors, AccessorTable } from './row-source.js';
import { GeneratedRow, SYSTEM_ACCESSORS } from './system-values.js';
import { CITIES, COMPANY_NAMES } from './vocabulary/index.js';
import { DAY, type World } from './world.js';

/** The name of company `row`. @internal */
export function companyName(row: number): string {
  const base = COMPANY_NAMES[row % COMPANY_NAMES.length] as string;
  return row < COMPANY_NAMES.length
    ? base
    : `${base} ${Math.floor(row / COMPANY_NAMES.length) + 1}`;
}

/** Whether company `row` is a vendor (telecom providers carry network links). @internal */
export function isVendor(row: number): boolean {
  return (row > 0 && row % 5 === 0) || row % 7 === 3;
}

class CompanyReader extends GeneratedRow {
  readonly createdOn: number;
  readonly updatedOn: number;
  readonly createdBy = 'admin';
  readonly updatedBy = 'admin';
  readonly modCount: number;
  readonly name: string;
  readonly city: readonly [string, string, string];

  constructor(world: World, row: number) {
    super('core_company', world, row);
    const r = this.rnd;
    this.name = companyName(row);
    this.city = CITIES[r.int(5, CITIES.length)] as readonly [string, string, string];
    this.createdOn = world.now - (1000 + r.int(1, 1500)) * DAY - r.int(2, DAY);
    this.updatedOn = this.createdOn + Math.floor(r.unit(3) * (world.now - this.createdOn));
    this.modCount = r.int(4, 8);
  }

  value(field: string): string {
    return COMPANY_TABLE.value(this, field);
  }
}

const COMPANY_ACCESSORS: Accessors<CompanyReader> = {
  ...SYSTEM_ACCESSORS,
  name: (c) => c.name,
  parent: (c) => (c.row === 1 || c.row === 2 ? c.world.sysId('core_company', 0) : ''),
  customer: (c) => (c.row < 3 || !isVendor(c.row) ? 'true' : 'false'),
  vendor: (c) => (isVendor(c.row) ? 'true' : 'false'),
  manufacturer: (c) => (c.row % 4 === 2 ? 'true' : 'false'),
  phone: (c) => `+1 800 555 ${String(1000 + c.row).slice(-4)}`,
  fax_phone: (c) => (c.rnd.chance(10, 0.3) ? `+1 800 555 ${String(2000 + c.row).slice(-4)}` : ''),
  website: (c) => `https://www.company${c.row}.example`,
  street: (c) => `${10 + c.row} Commerce Way`,
  city: (c) => c.city[0],
  state: (c) => c.city[1],
  zip: (c) => String(20000 + c.row * 13),
  country: (c) => c.city[2],
  stock_symbol: (c) => (c.row % 3 === 0 ? `C${String(c.row).padStart(3, '0')}` : ''),
  stock_price: (c) => (c.row % 3 === 0 ? (10 + c.rnd.unit(11) * 490).toFixed(2) : ''),
  num_employees: (c) => String(50 + c.rnd.int(12, 200_000)),
  contact: (c) => c.world.sysId('sys_user', 1 + c.rnd.int(13, c.world.users - 1)),
  notes: (c) =>
    c.row === 8 ? 'Key account; "priority" support\nSee contract \\\\share\\acme' : '',
  federal_tax_id: (c) => (c.rnd.chance(14, 0.5) ? `${10 + c.row}-${1000000 + c.row * 7}` : ''),
};

const COMPANY_TABLE = new AccessorTable(COMPANY_ACCESSORS, coreCompanySchema.fields);

/** The `core_company` table. @internal */
export class CompanySource extends ReaderSource<CompanyReader> {
  constructor(world: World) {
    super('core_company', world, COMPANY_TABLE, CompanyReader);
  }
}
