/**
 * Reading column types as databases spell them (`varchar(40)`, `character varying(40)`,
 * `bigint(20)`), so that an existing column can be compared with the type a task wants: the
 * pieces the adapters share to decide what "the same" and "wider" mean.
 *
 * @module
 */

/**
 * How an existing column's type compares with the type wanted for it: `same`; `wider` (the
 * wanted type holds more: the column is widened); `narrower` (the column already holds every
 * value of the wanted type: it is kept); `different` (another kind of type: reported, never
 * changed).
 */
export type TypeComparison = 'same' | 'wider' | 'narrower' | 'different';

/** A type split into its name, its numeric arguments and what follows (`unsigned`). */
export interface ParsedType {
  /** The type's name, lowercase, its spaces collapsed, aliases resolved (`int`, `varchar`). */
  readonly base: string;
  /** The numbers in parentheses (`[40]`, `[20, 6]`); empty when there are none. */
  readonly args: readonly number[];
  /** Words after the arguments (`unsigned`), lowercase; `''` when none. */
  readonly rest: string;
}

const TYPE = /^([a-z][a-z0-9_ ]*?)\s*(?:\(\s*([\d\s,]+)\)\s*([a-z ]*))?$/;

/**
 * `type` parsed, its name mapped through `aliases` (`{ integer: 'int' }`); `undefined` when it
 * does not read as `name`, `name(n)` or `name(n, m)` followed by words.
 *
 * @example
 * ```ts
 * parseType('VARCHAR(40)', {}); // { base: 'varchar', args: [40], rest: '' }
 * ```
 */
export function parseType(
  type: string,
  aliases: Readonly<Record<string, string>>,
): ParsedType | undefined {
  const match = TYPE.exec(type.trim().toLowerCase().replace(/\s+/g, ' '));
  if (match === null) return undefined;
  const name = (match[1] ?? '').trim();
  const args = match[2] === undefined ? [] : match[2].split(',').map((n) => Number(n.trim()));
  return { base: aliases[name] ?? name, args, rest: (match[3] ?? '').trim() };
}

/** `parsed` written back in one canonical form (`varchar(40)`, `decimal(20,6) unsigned`). */
export function typeText(parsed: ParsedType): string {
  const args = parsed.args.length === 0 ? '' : `(${parsed.args.join(',')})`;
  return `${parsed.base}${args}${parsed.rest === '' ? '' : ` ${parsed.rest}`}`;
}

/**
 * Compares two types by the characters they hold, for a database's text types: `capacity` gives
 * a text type's most characters (`Infinity` for unbounded text), `undefined` for a type that is
 * not text. Equal canonical forms are `same`; two text types compare by capacity; anything else
 * is `different`.
 */
export function compareByCapacity(
  existing: ParsedType | undefined,
  wanted: ParsedType | undefined,
  capacity: (type: ParsedType) => number | undefined,
): TypeComparison {
  if (existing === undefined || wanted === undefined) return 'different';
  if (typeText(existing) === typeText(wanted)) return 'same';
  const have = capacity(existing);
  const want = capacity(wanted);
  if (have === undefined || want === undefined) return 'different';
  return want > have ? 'wider' : 'narrower';
}
