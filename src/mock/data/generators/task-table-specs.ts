/**
 * The schema-generated task children: `problem`, `change_request`, `sc_request` and
 * `sc_req_item`, each with its own state model and fields.
 *
 * @module
 */
import { formatDate, formatDateTime } from '../glide-format.js';
import { changeRequestSchema } from '../schemas/change-request.js';
import { problemSchema } from '../schemas/problem.js';
import { scReqItemSchema, scRequestSchema } from '../schemas/service-catalog.js';
import type { SchemaRow } from './schema-row.js';
import type { SchemaTableSpec } from './schema-source.js';
import { isClosed, type TaskStates, taskDraws } from './task-draws.js';
import { SENTENCES } from './vocabulary/index.js';
import { DAY } from './world.js';

const PROBLEM_STATES: TaskStates = { open: ['101', '102', '103', '104'], closed: ['106', '107'] };
const CHANGE_STATES: TaskStates = {
  open: ['-5', '-4', '-3', '-2', '-1', '0'],
  closed: ['3', '4'],
};
const TASK_STATES: TaskStates = { open: ['-5', '1', '2'], closed: ['3', '4', '7'] };

const PROBLEM_TEXTS = [
  'Recurring VPN disconnects for remote staff',
  'Mail delivery delayed during peak hours',
  'Database deadlocks on the order service',
  'Printers drop off the network after updates',
  'Single sign-on fails after certificate rotation',
  'Storage latency spikes every night at 02:00',
];

const CHANGE_TEXTS = [
  'Patch the application servers to the latest release',
  'Replace the core switch in the data centre',
  'Rotate the TLS certificates of the public sites',
  'Upgrade the database cluster to the next major version',
  'Add capacity to the virtualisation cluster',
  'Migrate file shares to the new storage array',
];

const SENTENCE = (r: SchemaRow, name: string) => r.pick(name, SENTENCES);
const state = (r: SchemaRow) => Number(r.value('state'));

/** `problem`: 200 rows. @internal */
export const PROBLEM_SPEC: SchemaTableSpec = {
  schema: problemSchema,
  size: 200,
  fields: {
    ...taskDraws('PRB', PROBLEM_STATES, PROBLEM_TEXTS),
    problem_state: (r) => r.value('state'),
    known_error: (r) => (state(r) >= 104 && r.chance('known_error', 0.5) ? 'true' : 'false'),
    major_problem: (r) => (r.chance('major_problem', 0.05) ? 'true' : 'false'),
    cause_notes: (r) => (state(r) >= 103 ? SENTENCE(r, 'cause_notes') : ''),
    fix_notes: (r) => (state(r) >= 104 ? SENTENCE(r, 'fix_notes') : ''),
    workaround: (r) => (r.value('known_error') === 'true' ? SENTENCE(r, 'workaround') : ''),
    first_reported_by_task: (r) => r.reference('incident', 'first_reported_by_task'),
    related_incidents: (r) => String(r.int('related_incidents', 13)),
    resolution_code: (r) =>
      state(r) >= 106
        ? r.pick('resolution_code', ['fix_applied', 'risk_accepted', 'duplicate'])
        : '',
    resolved_at: (r) => (state(r) >= 106 ? formatDateTime(r.between('resolved_at')) : ''),
    resolved_by: (r) => (state(r) >= 106 ? r.value('assigned_to') : ''),
    fix_at: (r) => (state(r) >= 104 ? formatDateTime(r.between('fix_at')) : ''),
    fix_by: (r) => (state(r) >= 104 ? r.value('assigned_to') : ''),
  },
};

const scheduled = (r: SchemaRow) => state(r) >= -2;
const startOf = (r: SchemaRow) => r.between('start_date');
const endOf = (r: SchemaRow) =>
  Math.min(r.world.now, startOf(r) + 3600 * (1 + r.int('end_date', 8)));

/** `change_request`: 200 rows. @internal */
export const CHANGE_REQUEST_SPEC: SchemaTableSpec = {
  schema: changeRequestSchema,
  size: 200,
  fields: {
    ...taskDraws('CHG', CHANGE_STATES, CHANGE_TEXTS),
    type: (r) => ['standard', 'normal', 'emergency'][r.rnd.weighted(40, [4, 5, 1])] as string,
    risk: (r) => String(2 + r.int('risk', 3)),
    category: (r) => r.pick('category', ['software', 'hardware', 'network', 'database']),
    start_date: (r) => (scheduled(r) ? formatDateTime(startOf(r)) : ''),
    end_date: (r) => (scheduled(r) ? formatDateTime(endOf(r)) : ''),
    cab_required: (r) => (r.value('type') === 'normal' ? 'true' : 'false'),
    cab_date: (r) =>
      r.value('cab_required') === 'true' && scheduled(r)
        ? formatDate(Math.max(r.createdOn, startOf(r) - 2 * DAY))
        : '',
    cab_delegate: (r) => (r.value('cab_required') === 'true' ? r.value('assigned_to') : ''),
    requested_by: (r) => r.value('opened_by'),
    approval: (r) => (scheduled(r) ? 'approved' : 'requested'),
    on_hold: (r) => (r.chance('on_hold', 0.03) ? 'true' : 'false'),
    close_code: (r) =>
      r.value('state') === '3'
        ? r.pick('close_code', ['successful', 'successful', 'successful_issues', 'unsuccessful'])
        : '',
    unauthorized: () => 'false',
  },
};

/** `sc_request` rows (orders). @internal */
export const REQUESTS = 150;
/** `sc_req_item` rows (ordered items, spread over the requests in order). @internal */
export const REQUESTED_ITEMS = 300;

/** The sc_request row of requested item `item`. */
const requestOf = (item: number) => Math.floor((item * REQUESTS) / REQUESTED_ITEMS);

/** `sc_request`: {@link REQUESTS} rows. @internal */
export const SC_REQUEST_SPEC: SchemaTableSpec = {
  schema: scRequestSchema,
  size: REQUESTS,
  fields: {
    ...taskDraws('REQ', TASK_STATES, ['Request for catalog items']),
    requested_for: (r) => r.reference('sys_user', 'requested_for'),
    request_state: (r) =>
      isClosed(r, TASK_STATES)
        ? r.value('state') === '3'
          ? 'closed_complete'
          : 'closed_incomplete'
        : r.value('state') === '-5'
          ? 'requested'
          : 'in_process',
    requested_date: (r) => r.value('opened_at'),
    price: (r) => {
      let cents = 0;
      const first = Math.ceil((r.row * REQUESTED_ITEMS) / REQUESTS);
      const end = Math.ceil(((r.row + 1) * REQUESTED_ITEMS) / REQUESTS);
      for (let item = first; item < end; item++) {
        cents += Math.round(Number(r.context.valueOf('sc_req_item', item, 'price')) * 100);
      }
      return (cents / 100).toFixed(2);
    },
  },
};

const catalogRow = (r: SchemaRow) => r.int('cat_item', r.context.targets.size('sc_cat_item'));
const catalog = (r: SchemaRow, field: string) =>
  r.context.valueOf('sc_cat_item', catalogRow(r), field);
const times = (r: SchemaRow, field: string) =>
  ((Math.round(Number(catalog(r, field)) * 100) * Number(r.value('quantity'))) / 100).toFixed(2);

/** `sc_req_item`: {@link REQUESTED_ITEMS} rows. @internal */
export const SC_REQ_ITEM_SPEC: SchemaTableSpec = {
  schema: scReqItemSchema,
  size: REQUESTED_ITEMS,
  fields: {
    ...taskDraws('RITM', TASK_STATES, ['Catalog item']),
    short_description: (r) => catalog(r, 'name'),
    cat_item: (r) =>
      r.context.targets.size('sc_cat_item') === 0
        ? ''
        : r.world.sysId('sc_cat_item', catalogRow(r)),
    request: (r) => r.world.sysId('sc_request', requestOf(r.row)),
    requested_for: (r) => r.context.valueOf('sc_request', requestOf(r.row), 'requested_for'),
    quantity: (r) => String(r.chance('quantity', 0.8) ? 1 : 2 + r.int('quantity', 3, 1)),
    price: (r) => times(r, 'price'),
    recurring_price: (r) => times(r, 'recurring_price'),
    stage: (r) => {
      const s = r.value('state');
      if (s === '3') return 'complete';
      if (s === '4' || s === '7') return 'Request_Cancelled';
      return s === '-5' ? 'waiting_for_approval' : 'fulfillment';
    },
    backordered: (r) => (r.chance('backordered', 0.05) ? 'true' : 'false'),
    estimated_delivery: (r) => formatDateTime(r.between('estimated_delivery')),
  },
};
