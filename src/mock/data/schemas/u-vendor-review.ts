/**
 * `u_vendor_review`: a custom table (no parent) whose `u_` columns cover every internal type the
 * mock reproduces, so discovery, codecs and column types can be tested against one table.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { HIGH_MEDIUM_LOW } from './choices.js';
import {
  bool,
  choice,
  date,
  dateTime,
  dec,
  dueDate,
  duration,
  field,
  int,
  journal,
  list,
  ref,
  str,
  timer,
} from './field-builders.js';
import { CLASS_AND_DOMAIN_FIELDS, SYSTEM_FIELDS } from './system-fields.js';

/** `u_vendor_review.u_status`. @internal */
export const REVIEW_STATUSES: Readonly<Record<string, string>> = {
  draft: 'Draft',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** Schema of `u_vendor_review`. */
export const uVendorReviewSchema: MockTableSchema = {
  name: 'u_vendor_review',
  label: 'Vendor Review',
  displayField: 'u_number',
  fields: [
    { ...str('u_number'), maxLength: 40, label: 'Number' },
    { ...str('u_code'), maxLength: 10, label: 'Code' },
    { ...str('u_title'), maxLength: 255, label: 'Title', mandatory: true },
    { ...str('u_summary'), maxLength: 4000, label: 'Summary' },
    bool('u_approved'),
    int('u_score'),
    field('u_bytes_transferred', 'longint'),
    dec('u_rating'),
    field('u_weight', 'float'),
    field('u_amount', 'currency'),
    field('u_unit_price', 'price'),
    date('u_review_date'),
    dateTime('u_reviewed_at'),
    dueDate('u_follow_up_due'),
    field('u_start_time', 'glide_time'),
    duration('u_time_spent'),
    timer('u_timer'),
    ref('u_vendor', 'core_company'),
    ref('u_reviewer', 'sys_user'),
    field('u_document_table', 'table_name'),
    field('u_document', 'document_id'),
    list('u_watchers', 'sys_user'),
    journal('u_comments'),
    field('u_work_notes', 'journal_input'),
    field('u_activity', 'journal_list'),
    choice('u_status', REVIEW_STATUSES),
    choice('u_level', HIGH_MEDIUM_LOW, true),
    field('u_related_class', 'sys_class_name'),
    { ...field('u_external_guid', 'GUID'), label: 'External GUID', readOnly: true },
    field('u_filter', 'conditions'),
    field('u_script', 'script'),
    field('u_body', 'html'),
    field('u_website', 'url'),
    field('u_contact_email', 'email'),
    { name: 'u_domain', type: 'domain_id', reference: 'sys_user_group' },
    field('u_progress', 'percent_complete'),
    ...CLASS_AND_DOMAIN_FIELDS,
    ...SYSTEM_FIELDS,
  ],
};

/** `u_rate_card.u_unit`. @internal */
export const RATE_UNITS: Readonly<Record<string, string>> = {
  hour: 'Per hour',
  day: 'Per day',
  item: 'Per item',
};

/**
 * Schema of `u_rate_card`: a custom table without `sys_updated_on` (nor any other stamp), which
 * a sync can only copy in full.
 */
export const uRateCardSchema: MockTableSchema = {
  name: 'u_rate_card',
  label: 'Rate Card',
  displayField: 'u_name',
  fields: [
    field('sys_id', 'GUID'),
    str('u_name'),
    ref('u_vendor', 'core_company'),
    field('u_rate', 'currency'),
    choice('u_unit', RATE_UNITS),
    date('u_valid_from'),
    bool('u_active'),
  ],
};
