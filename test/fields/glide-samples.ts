/** Values of every glide type as the Table API sends them, and what each decodes to. */
import type { FieldInput } from '../../src/fields/index.js';

export const ID = '681ccaf9c0a8016400b98a06818d57c7';
const link = (table: string, value: string) => ({
  link: `https://x.service-now.com/api/now/table/${table}/${value}`,
  value,
});

/** [internal type, dictionary extras, value as sent, decoded value]. */
export const SAMPLES: readonly (readonly [
  string,
  { maxLength?: number; reference?: string },
  FieldInput,
  unknown,
])[] = [
  ['string', { maxLength: 40 }, 'Unable to connect to email', 'Unable to connect to email'],
  ['GUID', { maxLength: 32 }, ID, ID],
  ['sys_class_name', { maxLength: 80 }, 'incident', 'incident'],
  ['table_name', { maxLength: 80 }, 'incident', 'incident'],
  ['field_name', { maxLength: 80 }, 'short_description', 'short_description'],
  ['domain_path', { maxLength: 255 }, '/', '/'],
  ['journal', { maxLength: 4000 }, 'first note', 'first note'],
  ['journal_input', { maxLength: 4000 }, '', null],
  ['journal_list', { maxLength: 4000 }, '', null],
  ['html', { maxLength: 8000 }, '<p>Hi &amp; bye</p>', '<p>Hi &amp; bye</p>'],
  ['script', { maxLength: 8000 }, "gs.info('x');", "gs.info('x');"],
  ['conditions', { maxLength: 8000 }, 'active=true^EQ', 'active=true^EQ'],
  ['url', { maxLength: 1024 }, 'https://example.com/a?b=c', 'https://example.com/a?b=c'],
  ['email', { maxLength: 100 }, 'beth.anglin@example.com', 'beth.anglin@example.com'],
  ['choice', { maxLength: 40 }, '7', '7'],
  ['boolean', {}, 'true', true],
  ['integer', {}, '2', 2],
  ['longint', {}, '9007199254740991', 9007199254740991],
  ['decimal', {}, '1.5', 1.5],
  ['float', {}, '-2.25', -2.25],
  ['percent_complete', {}, '50.00', 50],
  ['currency', {}, 'USD;12.50', 12.5],
  ['price', {}, '12.50', 12.5],
  ['glide_date', {}, '2019-04-05', '2019-04-05'],
  ['glide_date_time', {}, '2016-12-12 15:19:57', new Date('2016-12-12T15:19:57Z')],
  ['due_date', {}, '2016-12-13 21:43:14', new Date('2016-12-13T21:43:14Z')],
  ['glide_time', {}, '1970-01-01 08:30:05', '08:30:05'],
  ['glide_duration', {}, '1970-01-02 04:23:17', 102197],
  ['timer', {}, '1970-01-01 08:00:00', 28800],
  ['reference', { reference: 'sys_user', maxLength: 32 }, link('sys_user', ID), ID],
  ['document_id', { maxLength: 32 }, ID, ID],
  [
    'domain_id',
    { reference: 'sys_user_group', maxLength: 32 },
    link('sys_user_group', 'global'),
    'global',
  ],
  ['glide_list', { maxLength: 4000 }, `${ID},${ID}`, `${ID},${ID}`],
];
