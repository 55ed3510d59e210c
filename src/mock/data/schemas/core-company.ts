/**
 * `core_company` (customers, vendors, manufacturers): servicenow-api.md section 8.7.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { bool, dec, int, ref, str } from './field-builders.js';
import { CLASS_AND_DOMAIN_FIELDS, SYSTEM_FIELDS } from './system-fields.js';

/** Schema of `core_company`. */
export const coreCompanySchema: MockTableSchema = {
  name: 'core_company',
  label: 'Company',
  displayField: 'name',
  fields: [
    str('name'),
    ref('parent', 'core_company'),
    bool('customer'),
    bool('vendor'),
    bool('manufacturer'),
    str('phone'),
    str('fax_phone'),
    str('website'),
    str('street'),
    str('city'),
    str('state'),
    str('zip'),
    str('country'),
    str('stock_symbol'),
    dec('stock_price'),
    int('num_employees'),
    ref('contact', 'sys_user'),
    str('notes'),
    str('federal_tax_id'),
    ...CLASS_AND_DOMAIN_FIELDS,
    ...SYSTEM_FIELDS,
  ],
};
