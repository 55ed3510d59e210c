/**
 * PostgreSQL column types as `format_type` spells them (`character varying(40)`, `timestamp
 * without time zone`): their canonical form and the characters a text type holds.
 *
 * @module
 */
import {
  compareByCapacity,
  type ParsedType,
  parseType,
  type TypeComparison,
} from './column-type.js';

const ALIASES: Readonly<Record<string, string>> = {
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  varchar: 'character varying',
  char: 'character',
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  int2: 'smallint',
  float8: 'double precision',
  float4: 'real',
  bool: 'boolean',
  decimal: 'numeric',
};

function capacity(type: ParsedType): number | undefined {
  if (type.base === 'text') return Number.POSITIVE_INFINITY;
  if (type.base === 'character varying') return type.args[0] ?? Number.POSITIVE_INFINITY;
  return undefined;
}

/** The characters a `character varying(n)` or `character(n)` holds; else `undefined`. */
export function postgresCharacterLimit(type: string): number | undefined {
  const parsed = parseType(type, ALIASES);
  if (parsed === undefined) return undefined;
  if (parsed.base !== 'character varying' && parsed.base !== 'character') return undefined;
  return parsed.args[0];
}

/** PostgreSQL's comparison: `varchar(n)` widens to a longer `varchar` or to `text`. */
export function comparePostgresTypes(existing: string, wanted: string): TypeComparison {
  return compareByCapacity(parseType(existing, ALIASES), parseType(wanted, ALIASES), capacity);
}
