/**
 * The service catalog tables: `sc_cat_item` (the items one can order), `sc_request` (an order,
 * extends `task`) and `sc_req_item` (one ordered item, extends `task`).
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { TASK_STATES } from './choices.js';
import { CATALOG_CATEGORIES, ITEM_STAGES, REQUEST_STATES } from './choices-itsm.js';
import { bool, choice, dateTime, field, int, ref, str } from './field-builders.js';
import { CLASS_AND_DOMAIN_FIELDS, SYSTEM_FIELDS } from './system-fields.js';
import { taskFields } from './task.js';

/** Schema of `sc_cat_item`. */
export const scCatItemSchema: MockTableSchema = {
  name: 'sc_cat_item',
  label: 'Catalog Item',
  displayField: 'name',
  fields: [
    str('name'),
    str('short_description'),
    choice('category', CATALOG_CATEGORIES),
    field('price', 'price'),
    field('recurring_price', 'price'),
    bool('active'),
    int('order'),
    ref('vendor', 'core_company'),
    ...CLASS_AND_DOMAIN_FIELDS,
    ...SYSTEM_FIELDS,
  ],
};

/** Schema of `sc_request`. */
export const scRequestSchema: MockTableSchema = {
  name: 'sc_request',
  label: 'Request',
  extends: 'task',
  displayField: 'number',
  fields: [
    ...taskFields(TASK_STATES),
    ref('requested_for', 'sys_user'),
    choice('request_state', REQUEST_STATES),
    field('price', 'price'),
    dateTime('requested_date'),
  ],
};

/** Schema of `sc_req_item`. */
export const scReqItemSchema: MockTableSchema = {
  name: 'sc_req_item',
  label: 'Requested Item',
  extends: 'task',
  displayField: 'number',
  fields: [
    ...taskFields(TASK_STATES),
    ref('cat_item', 'sc_cat_item'),
    ref('request', 'sc_request'),
    ref('requested_for', 'sys_user'),
    int('quantity'),
    field('price', 'price'),
    field('recurring_price', 'price'),
    choice('stage', ITEM_STAGES),
    bool('backordered'),
    dateTime('estimated_delivery'),
  ],
};
