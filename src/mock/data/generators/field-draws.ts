/**
 * Generic values by internal type (servicenow-api.md section 2.1), for the fields of a
 * schema-generated table that have no value of their own: every value is valid for its type,
 * and references point at rows that exist.
 *
 * @module
 */
import type { MockField, MockTableSchema } from '../../types.js';
import { maxLengthOf } from '../dictionary/field-attributes.js';
import { formatDate, formatDateTime, formatDuration } from '../glide-format.js';
import { hex8 } from '../sys-id.js';
import type { FieldDraw, SchemaRow } from './schema-row.js';
import { SENTENCES } from './vocabulary/index.js';
import { DAY } from './world.js';

/** Tables a generic `table_name` field names (those that exist and have rows are used). */
const DOCUMENT_TABLES = ['incident', 'problem', 'change_request', 'sc_req_item', 'core_company'];

const CONDITIONS = [
  'active=true^priority<=2',
  'stateIN1,2,3^assignment_groupISNOTEMPTY',
  'sys_updated_on>=javascript:gs.daysAgoStart(7)^EQ',
  'short_descriptionLIKEvpn^ORshort_descriptionLIKEnetwork',
  'category=network^impact=1^ORDERBYDESCsys_updated_on',
];

const SCRIPTS = [
  "(function executeRule(current, previous) {\n  current.setValue('u_score', 5);\n})(current, previous);",
  "var gr = new GlideRecord('incident');\ngr.addQuery('active', true);\ngr.query();\nanswer = gr.getRowCount() > 10;",
  "gs.info('review ' + current.getValue('u_number') + ' \"done\"');",
];

const LONG_TEXT = /description|notes|plan|justification|summary|workaround|comments|message/;

/** `u_review_date` -> `Review date`. */
function label(name: string): string {
  const words = name.replace(/^u_/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function text(field: MockField): FieldDraw {
  const max = maxLengthOf(field);
  if (LONG_TEXT.test(field.name)) {
    return (r) => {
      if (r.chance(field.name, 0.15)) return '';
      const count = 1 + r.int(field.name, 3, 1);
      const first = r.int(field.name, SENTENCES.length, 2);
      return Array.from({ length: count }, (_, k) => SENTENCES[(first + k * 3) % SENTENCES.length])
        .join('\n')
        .slice(0, max);
    };
  }
  const name = label(field.name);
  return (r) => (r.chance(field.name, 0.1) ? '' : `${name} ${r.row + 1}`.slice(0, max));
}

function money(field: MockField): FieldDraw {
  return (r) => (r.int(field.name, 5_000_000) / 100).toFixed(2);
}

/** The `table_name` field a `document_id` field takes its table from. */
function tableFieldOf(schema: MockTableSchema, field: MockField): string | undefined {
  const own = schema.fields.find((f) => f.name === `${field.name}_table`);
  if (own?.type === 'table_name') return own.name;
  return schema.fields.find((f) => f.type === 'table_name')?.name;
}

function documentTable(r: SchemaRow, name: string): string {
  const tables = DOCUMENT_TABLES.filter((t) => r.context.targets.size(t) > 0);
  return tables.length === 0 ? '' : r.pick(name, tables);
}

function documentId(schema: MockTableSchema, field: MockField): FieldDraw {
  const tableField = tableFieldOf(schema, field);
  return (r) => {
    const table = tableField === undefined ? '' : r.value(tableField);
    return table === '' ? '' : r.reference(table, field.name);
  };
}

function list(field: MockField): FieldDraw {
  return (r) => {
    const table = field.reference;
    if (table === undefined) return '';
    const ids = new Set<string>();
    const count = r.int(field.name, 4);
    for (let k = 0; k < count; k++) ids.add(r.reference(table, field.name, k + 1));
    ids.delete('');
    return [...ids].join(',');
  };
}

function choice(field: MockField): FieldDraw {
  const values = Object.keys(field.choices ?? {});
  return (r) =>
    values.length === 0 || r.chance(field.name, 0.1) ? '' : r.pick(field.name, values, 1);
}

function guid(field: MockField): FieldDraw {
  if (field.name === 'sys_id') return (r) => r.sysId;
  const words = [0, 1, 2, 3];
  return (r) => words.map((k) => hex8(r.int(field.name, 2 ** 32, k))).join('');
}

function date(field: MockField): FieldDraw {
  return (r) => formatDate(r.between(field.name));
}

function dateTime(field: MockField): FieldDraw {
  return (r) => (r.chance(field.name, 0.1, 1) ? '' : formatDateTime(r.between(field.name)));
}

/** A generic value of `field` (a field of `schema`) by its type. @internal */
export function typeDraw(schema: MockTableSchema, field: MockField): FieldDraw {
  const n = field.name;
  switch (field.type) {
    case 'GUID':
      return guid(field);
    case 'string':
      return text(field);
    case 'boolean':
      return (r) => (r.chance(n, 0.5) ? 'true' : 'false');
    case 'integer':
      return (r) => String(r.int(n, 1000));
    case 'longint':
      return (r) => String(2 ** 31 + r.int(n, 2 ** 30) * 1000 + r.int(n, 1000, 1));
    case 'decimal':
      return (r) => (r.int(n, 100_000) / 100).toFixed(2);
    case 'float':
      return (r) => String(Number((r.unit(n) * 1000).toFixed(4)));
    case 'currency':
    case 'price':
      return money(field);
    case 'percent_complete':
      return (r) => String(r.int(n, 1001) / 10);
    case 'glide_date':
      return date(field);
    case 'glide_date_time':
      return dateTime(field);
    case 'due_date':
      return (r) =>
        r.chance(n, 0.2) ? '' : formatDateTime(r.updatedOn + (1 + r.int(n, 30, 1)) * DAY);
    case 'glide_time':
      return (r) => formatDateTime(r.int(n, DAY));
    case 'glide_duration':
    case 'timer':
      return (r) => (r.chance(n, 0.1) ? '' : formatDuration(60 + r.int(n, 5 * DAY, 1)));
    case 'reference':
      return (r) => (field.reference === undefined ? '' : r.reference(field.reference, n));
    case 'domain_id':
      return () => 'global';
    case 'document_id':
      return documentId(schema, field);
    case 'table_name':
      return (r) => documentTable(r, n);
    case 'glide_list':
      return list(field);
    case 'choice':
      return choice(field);
    case 'sys_class_name':
      return n === 'sys_class_name' ? () => schema.name : (r) => documentTable(r, n);
    case 'conditions':
      return (r) => r.pick(n, CONDITIONS);
    case 'script':
      return (r) => r.pick(n, SCRIPTS);
    case 'html':
      return (r) =>
        `<p>Review <b>${r.row + 1}</b>: ${r.pick(n, SENTENCES)}</p><ul><li>score &amp; notes</li></ul>`;
    case 'url':
      return (r) => `https://vendor${1 + r.int(n, 20)}.example.com/reviews/${r.row + 1}?lang=en`;
    case 'email':
      return (r) => `reviewer${r.row + 1}@example.com`;
    default:
      // journal, journal_input, journal_list: always '' in raw mode.
      return () => '';
  }
}
