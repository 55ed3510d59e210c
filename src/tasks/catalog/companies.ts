/**
 * `companies`: customers, vendors and manufacturers.
 *
 * @module
 */
import { defineTask, type TaskDefinition } from '../define-task.js';
import { type CatalogTaskOptions, passThrough } from './catalog-options.js';
import { systemFields } from './task-fields.js';

/**
 * Every `core_company` row.
 *
 * @example
 * ```ts
 * const task = companiesTask({ filter: 'customer=true' });
 * ```
 */
export function companiesTask(options: CatalogTaskOptions = {}): TaskDefinition {
  return defineTask({
    name: 'companies',
    table: 'core_company',
    fields: {
      name: 'string',
      parent: 'reference:core_company',
      customer: 'boolean',
      vendor: 'boolean',
      manufacturer: 'boolean',
      phone: 'string',
      fax_phone: 'string',
      website: 'string',
      street: 'string',
      city: 'string',
      state: 'string',
      zip: 'string',
      country: 'string',
      stock_symbol: 'string',
      stock_price: 'decimal',
      num_employees: 'integer',
      contact: 'reference:sys_user',
      notes: 'string',
      ...systemFields,
    },
    references: { parent: { display: true } },
    ...passThrough('companies', options),
  });
}
