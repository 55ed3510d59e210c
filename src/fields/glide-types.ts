/**
 * From a glide internal type (`sys_dictionary.internal_type`) to a codec and its column types:
 * the mapping discovered tables are copied with, and the table the docs show.
 *
 * @module
 */
import { fields } from './codecs.js';
import type { FieldCodec, SqlTypes } from './field-codec.js';
import { glideFields } from './glide-codecs.js';

/** Longest `max_length` kept as `VARCHAR(n)` on MySQL; longer strings are `LONGTEXT`. */
export const MYSQL_SHORT_STRING = 255;

/** What the mapping needs of a dictionary field. */
export interface GlideFieldShape {
  /** `internal_type` (`string`, `glide_date_time`, `u_custom_type`). */
  readonly internalType: string;
  /** `max_length`, when the dictionary gives one. */
  readonly maxLength?: number | undefined;
  /** The referenced table, for references. */
  readonly reference?: string | undefined;
}

/** How a glide type is copied: its codec, and whether that is the text fallback. */
export interface GlideMapping {
  /** The codec (its `sqlType` is the column type in each dialect). */
  readonly codec: FieldCodec;
  /** `true` when the type is unknown and the field is copied as raw text (a plan reports it). */
  readonly fallback: boolean;
}

/** Options of {@link glideCodec}. */
export interface GlideCodecOptions {
  /**
   * Store a string, choice or key as `LONGTEXT` on MySQL instead of `VARCHAR(n)` (what a wide
   * table's row budget decides, see `planGlideColumns`). SQLite and PostgreSQL are unaffected.
   * @default false
   */
  readonly longText?: boolean;
}

/** One row of {@link GLIDE_TYPES}. */
export interface GlideTypeInfo {
  /** The internal types the row covers. */
  readonly types: readonly string[];
  /** The codec used, as code. */
  readonly codec: string;
  /** What a decoded row holds. */
  readonly value: string;
  /** The column type per dialect (`VARCHAR(n)`: `n` is the dictionary's `max_length`). */
  readonly sqlType: SqlTypes;
  /** `true` when MySQL's type depends on the row budget (`VARCHAR` while it lasts, then `LONGTEXT`). */
  readonly budgeted: boolean;
}

type Rule = {
  readonly info: GlideTypeInfo;
  readonly codec: (field: GlideFieldShape, longText: boolean) => FieldCodec;
};

const TEXT_TYPES = { sqlite: 'TEXT', postgres: 'text', mysql: 'LONGTEXT' } as const;
const VARCHAR_TYPES = {
  sqlite: 'TEXT',
  postgres: 'text',
  mysql: 'VARCHAR(n) or LONGTEXT',
} as const;
const KEY_TYPES = { sqlite: 'TEXT', postgres: 'text', mysql: 'VARCHAR(255) or LONGTEXT' } as const;

/** A string bounded by its max length while it is short and the budget lasts. */
function boundedString(field: GlideFieldShape, longText: boolean): FieldCodec {
  const max = field.maxLength;
  return longText || max === undefined || max > MYSQL_SHORT_STRING
    ? fields.string()
    : fields.string({ maxLength: max });
}

/** A reference to the dictionary's table; without one, text holding a key. */
function reference(field: GlideFieldShape, longText: boolean, fallbackTable?: string): FieldCodec {
  const table = field.reference || fallbackTable;
  if (table === undefined || !/^[a-z][a-z0-9_]*$/.test(table)) {
    return glideFields.documentId(longText);
  }
  return longText ? glideFields.longReference(table) : fields.reference(table);
}

const RULES: readonly Rule[] = [
  {
    info: {
      types: ['string', 'GUID', 'sys_class_name', 'table_name', 'field_name', 'domain_path'],
      codec: 'fields.string({ maxLength })',
      value: 'text (longer than max_length refused)',
      sqlType: VARCHAR_TYPES,
      budgeted: true,
    },
    codec: boundedString,
  },
  {
    info: {
      types: [
        'journal',
        'journal_input',
        'journal_list',
        'html',
        'translated_html',
        'translated_text',
        'script',
        'script_plain',
        'script_server',
        'conditions',
        'url',
        'email',
        'xml',
        'json',
        'css',
        'password',
        'password2',
        'user_image',
        'image',
        'color',
        'multi_two_lines',
      ],
      codec: 'fields.string()',
      value: 'text',
      sqlType: TEXT_TYPES,
      budgeted: false,
    },
    codec: () => fields.string(),
  },
  {
    info: {
      types: ['choice'],
      codec: 'glideFields.choice(maxLength)',
      value: 'the stored value, as text',
      sqlType: VARCHAR_TYPES,
      budgeted: true,
    },
    codec: (field, longText) =>
      longText || field.maxLength === undefined || field.maxLength > MYSQL_SHORT_STRING
        ? fields.choice()
        : glideFields.choice(field.maxLength),
  },
  {
    info: {
      types: ['boolean'],
      codec: 'fields.boolean()',
      value: 'boolean',
      sqlType: fields.boolean().sqlType,
      budgeted: false,
    },
    codec: () => fields.boolean(),
  },
  {
    info: {
      types: ['integer', 'longint'],
      codec: 'fields.integer()',
      value: 'safe integer',
      sqlType: fields.integer().sqlType,
      budgeted: false,
    },
    codec: () => fields.integer(),
  },
  {
    info: {
      types: ['decimal', 'float', 'percent_complete'],
      codec: 'fields.decimal()',
      value: 'number',
      sqlType: fields.decimal().sqlType,
      budgeted: false,
    },
    codec: () => fields.decimal(),
  },
  {
    info: {
      types: ['currency', 'price', 'currency2'],
      codec: 'glideFields.currency()',
      value: 'number; the code ("USD") in <field>_currency, null when not sent',
      sqlType: glideFields.currency().sqlType,
      budgeted: false,
    },
    codec: () => glideFields.currency(),
  },
  {
    info: {
      types: ['glide_date'],
      codec: 'fields.date()',
      value: 'YYYY-MM-DD text',
      sqlType: fields.date().sqlType,
      budgeted: false,
    },
    codec: () => fields.date(),
  },
  {
    info: {
      types: ['glide_date_time', 'due_date'],
      codec: 'fields.dateTime()',
      value: 'Date (UTC)',
      sqlType: fields.dateTime().sqlType,
      budgeted: false,
    },
    codec: () => fields.dateTime(),
  },
  {
    info: {
      types: ['glide_time'],
      codec: 'glideFields.time()',
      value: 'HH:MM:SS text (the API sends 1970-01-01 HH:MM:SS)',
      sqlType: glideFields.time().sqlType,
      budgeted: false,
    },
    codec: () => glideFields.time(),
  },
  {
    info: {
      types: ['glide_duration', 'timer'],
      codec: 'fields.duration()',
      value: 'whole seconds',
      sqlType: fields.duration().sqlType,
      budgeted: false,
    },
    codec: () => fields.duration(),
  },
  {
    info: {
      types: ['reference'],
      codec: 'fields.reference(table)',
      value: 'the referenced sys_id; its display value in <field>_display',
      sqlType: KEY_TYPES,
      budgeted: true,
    },
    codec: (field, longText) => reference(field, longText),
  },
  {
    info: {
      types: ['domain_id'],
      codec: "fields.reference(table ?? 'sys_user_group')",
      value: 'the domain sys_id (often "global")',
      sqlType: KEY_TYPES,
      budgeted: true,
    },
    codec: (field, longText) => reference(field, longText, 'sys_user_group'),
  },
  {
    info: {
      types: ['document_id'],
      codec: 'glideFields.documentId()',
      value: 'a sys_id of a table named by another field',
      sqlType: KEY_TYPES,
      budgeted: true,
    },
    codec: (_, longText) => glideFields.documentId(longText),
  },
  {
    info: {
      types: ['glide_list'],
      codec: 'fields.list()',
      value: 'comma-separated sys_ids',
      sqlType: fields.list().sqlType,
      budgeted: false,
    },
    codec: () => fields.list(),
  },
];

const BY_TYPE: ReadonlyMap<string, Rule> = new Map(
  RULES.flatMap((rule) => rule.info.types.map((type) => [type, rule] as const)),
);

/**
 * The glide internal types this mapping knows, one row per codec: what each is copied as, in
 * every dialect. Any other type is copied as text ({@link glideCodec} reports it as a fallback).
 */
export const GLIDE_TYPES: readonly GlideTypeInfo[] = Object.freeze(
  RULES.map((rule) => Object.freeze(rule.info)),
);

/** The fallback of an unknown type: its raw text, unbounded. */
const FALLBACK_INFO: GlideTypeInfo = Object.freeze({
  types: [],
  codec: 'fields.string()',
  value: 'raw text (fallback: the type is unknown)',
  sqlType: TEXT_TYPES,
  budgeted: false,
});

/**
 * The codec a field of this glide type is copied with, and whether it is the text fallback
 * (an unknown type: `u_custom_type`, `workflow`). `string`, `choice` and key types are bounded
 * by `max_length` (`VARCHAR(n)` on MySQL while `n` is at most {@link MYSQL_SHORT_STRING}, and
 * `longText` is not set); see {@link GLIDE_TYPES} for every type.
 *
 * @example
 * ```ts
 * glideCodec({ internalType: 'string', maxLength: 40 }).codec.sqlType.mysql; // 'VARCHAR(40)'
 * glideCodec({ internalType: 'reference', reference: 'sys_user' }).codec.referenceTable; // 'sys_user'
 * glideCodec({ internalType: 'u_rating' }); // { codec: fields.string(), fallback: true }
 * ```
 */
export function glideCodec(field: GlideFieldShape, options: GlideCodecOptions = {}): GlideMapping {
  const rule = BY_TYPE.get(field.internalType);
  if (rule === undefined) return { codec: fields.string(), fallback: true };
  return { codec: rule.codec(field, options.longText === true), fallback: false };
}

/**
 * The {@link GLIDE_TYPES} row of an internal type; the fallback row for an unknown one.
 *
 * @example
 * ```ts
 * glideTypeInfo('timer').codec; // 'fields.duration()'
 * ```
 */
export function glideTypeInfo(internalType: string): GlideTypeInfo {
  return BY_TYPE.get(internalType)?.info ?? FALLBACK_INFO;
}
