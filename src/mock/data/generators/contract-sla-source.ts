/**
 * `contract_sla` rows (SLA definitions): response and resolution SLAs per incident priority,
 * OLAs for incident tasks, an underpinning contract and a few retired definitions.
 *
 * @module
 */

import { formatDuration } from '../glide-format.js';
import { contractSlaSchema } from '../schemas/contract-sla.js';
import { isVendor } from './company-source.js';
import { ReaderSource } from './reader-source.js';
import { type Accessors, AccessorTable } from './row-source.js';
import { GeneratedRow, SYSTEM_ACCESSORS } from './system-values.js';
import { DAY, type World } from './world.js';

const HOUR = 3600;
/** Response targets by priority 1..5, seconds. */
const RESPONSE = [15 * 60, 30 * 60, 4 * HOUR, 8 * HOUR, DAY];
/** Resolution targets by priority 1..5, seconds. */
const RESOLUTION = [4 * HOUR, 8 * HOUR, 2 * DAY, 5 * DAY, 10 * DAY];
/** OLA targets of incident tasks by priority 1..5, seconds. */
const OLA = [2 * HOUR, 4 * HOUR, DAY, 3 * DAY, 7 * DAY];

/** What a definition is for. @internal */
export interface SlaDefinition {
  readonly name: string;
  readonly type: 'SLA' | 'OLA' | 'Underpinning contract';
  readonly target: 'response' | 'resolution';
  readonly collection: 'incident' | 'incident_task';
  /** Seconds. */
  readonly duration: number;
  readonly priority: number;
  readonly active: boolean;
}

/** Definition `row` of the contract_sla table. @internal */
export function slaDefinition(row: number): SlaDefinition {
  const p = (row % 5) + 1;
  if (row < 5) {
    return slaOf(`P${p} Incident Response (SLA)`, 'SLA', 'response', 'incident', RESPONSE, p);
  }
  if (row < 10) {
    return slaOf(`P${p} Incident Resolution (SLA)`, 'SLA', 'resolution', 'incident', RESOLUTION, p);
  }
  if (row < 15) {
    return slaOf(`P${p} Incident Task OLA`, 'OLA', 'resolution', 'incident_task', OLA, p);
  }
  if (row === 15) {
    return slaOf(
      'Network Provider Underpinning Contract',
      'Underpinning contract',
      'resolution',
      'incident',
      RESOLUTION,
      2,
    );
  }
  if (row < 20) {
    return {
      ...slaOf(
        `Legacy P${p} Resolution (2019) "retired"`,
        'SLA',
        'resolution',
        'incident',
        RESOLUTION,
        p,
      ),
      active: false,
    };
  }
  return slaOf(
    `Customer ${row} P${p} Resolution (SLA)`,
    'SLA',
    'resolution',
    'incident',
    RESOLUTION,
    p,
  );
}

function slaOf(
  name: string,
  type: SlaDefinition['type'],
  target: SlaDefinition['target'],
  collection: SlaDefinition['collection'],
  durations: readonly number[],
  priority: number,
): SlaDefinition {
  return {
    name,
    type,
    target,
    collection,
    duration: durations[priority - 1] as number,
    priority,
    active: true,
  };
}

/** The contract_sla row of an incident SLA (`target`) or a task OLA for a priority. @internal */
export function slaRowFor(
  world: World,
  kind: 'response' | 'resolution' | 'ola',
  priority: number,
): number {
  const base = kind === 'response' ? 0 : kind === 'resolution' ? 5 : 10;
  return (base + priority - 1) % world.plan.contract_sla;
}

class ContractSlaReader extends GeneratedRow {
  readonly createdOn: number;
  readonly updatedOn: number;
  readonly createdBy = 'admin';
  readonly updatedBy = 'admin';
  readonly modCount: number;
  readonly def: SlaDefinition;

  constructor(world: World, row: number) {
    super('contract_sla', world, row);
    const r = this.rnd;
    this.def = slaDefinition(row);
    this.createdOn = world.start - (200 + r.int(1, 800)) * DAY - r.int(2, DAY);
    this.updatedOn = this.def.active
      ? this.createdOn + Math.floor(r.unit(3) * (world.start - this.createdOn))
      : this.createdOn + 30 * DAY;
    this.modCount = r.int(4, 6);
  }

  value(field: string): string {
    return CONTRACT_SLA_TABLE.value(this, field);
  }
}

const yes = (b: boolean) => (b ? 'true' : 'false');

const CONTRACT_SLA_ACCESSORS: Accessors<ContractSlaReader> = {
  ...SYSTEM_ACCESSORS,
  name: (s) => s.def.name,
  type: (s) => s.def.type,
  target: (s) => s.def.target,
  collection: (s) => s.def.collection,
  duration: (s) => formatDuration(s.def.duration),
  duration_type: () => '',
  relative_duration_works_on: () => 'Task record',
  schedule: () => '',
  schedule_source: () => 'sla_definition',
  timezone: () => 'GMT',
  timezone_source: () => 'task.caller_id.time_zone',
  start_condition: (s) =>
    s.def.collection === 'incident'
      ? `priority=${s.def.priority}^active=true^EQ`
      : `priority=${s.def.priority}^stateNOT IN3,4,7^EQ`,
  stop_condition: (s) =>
    s.def.target === 'response'
      ? 'assigned_toISNOTEMPTY^EQ'
      : s.def.collection === 'incident'
        ? 'stateIN6,7^EQ'
        : 'stateIN3,4,7^EQ',
  pause_condition: (s) =>
    s.def.target === 'resolution' && s.def.collection === 'incident' ? 'state=3^EQ' : '',
  resume_condition: () => '',
  reset_condition: () => '',
  cancel_condition: () => 'state=8^EQ',
  when_to_resume: () => 'on_condition',
  when_to_cancel: () => 'on_condition',
  reset_action: () => 'cancel',
  set_start_to: () => 'sla_start',
  retroactive: () => 'false',
  retroactive_pause: () => 'false',
  adv_condition_type: () => 'none',
  workflow: () => '',
  flow: () => '',
  active: (s) => yes(s.def.active),
  enable_logging: () => 'false',
  vendor: (s) => {
    if (s.def.type !== 'Underpinning contract') return '';
    const companies = s.world.plan.core_company;
    for (let c = 0; c < companies; c++) if (isVendor(c)) return s.world.sysId('core_company', c);
    return '';
  },
  service_commitment: () => 'false',
  sys_name: (s) => s.def.name,
  sys_update_name: (s) => `contract_sla_${s.sysId}`,
  sys_policy: () => '',
  sys_scope: () => 'global',
  sys_package: () => 'global',
  sys_overrides: () => '',
};

const CONTRACT_SLA_TABLE = new AccessorTable(CONTRACT_SLA_ACCESSORS, contractSlaSchema.fields);

/** The `contract_sla` table. @internal */
export class ContractSlaSource extends ReaderSource<ContractSlaReader> {
  constructor(world: World) {
    super('contract_sla', world, CONTRACT_SLA_TABLE, ContractSlaReader);
  }
}
