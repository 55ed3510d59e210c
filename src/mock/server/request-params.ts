/**
 * Reading Table/Stats API query parameters (servicenow-api.md section 1.3): flags, paging,
 * `sysparm_fields`, and the filter from `sysparm_query` (lenient parse, invalid terms dropped)
 * or from name-value pairs.
 *
 * @module
 */
import type { EncodedQuery, QueryTerm } from '../../query/index.js';
import { parseQuery, QuerySyntaxError } from '../../query/index.js';
import { MockUnsupportedQueryError } from '../data/index.js';
import type { MockTableSchema } from '../types.js';
import type { DisplayMode } from './render-context.js';

/** Default and fallback `sysparm_limit`. @internal */
export const DEFAULT_LIMIT = 10_000;

/** Paging and rendering parameters of a Table API GET. @internal */
export interface TableParams {
  readonly displayMode: DisplayMode;
  readonly excludeReferenceLink: boolean;
  /** `sysparm_fields`, or `undefined` for every field. */
  readonly fields: readonly string[] | undefined;
  readonly limit: number;
  readonly offset: number;
  readonly noCount: boolean;
  readonly suppressPagination: boolean;
}

/** `true` only for the text `true` (any case). @internal */
export function flag(params: URLSearchParams, name: string): boolean {
  return params.get(name)?.trim().toLowerCase() === 'true';
}

function integer(text: string | null, fallback: number, min: number): number {
  if (text === null || !/^\s*\d+\s*$/.test(text)) return fallback;
  const value = Number.parseInt(text, 10);
  return value >= min ? value : fallback;
}

/** `false`, `true` or `all` (any case); anything else reads as `false`. @internal */
export function displayMode(params: URLSearchParams): DisplayMode {
  const mode = params.get('sysparm_display_value')?.trim().toLowerCase();
  return mode === 'true' || mode === 'all' ? mode : 'false';
}

/** A comma list parameter, trimmed, empty entries dropped; `undefined` when absent or empty. @internal */
export function commaList(params: URLSearchParams, name: string): string[] | undefined {
  const list = (params.get(name) ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return list.length > 0 ? list : undefined;
}

/** Reads the paging and rendering parameters. @internal */
export function readTableParams(params: URLSearchParams): TableParams {
  return {
    displayMode: displayMode(params),
    excludeReferenceLink: flag(params, 'sysparm_exclude_reference_link'),
    fields: commaList(params, 'sysparm_fields'),
    limit: integer(params.get('sysparm_limit'), DEFAULT_LIMIT, 1),
    offset: integer(params.get('sysparm_offset'), 0, 0),
    noCount: flag(params, 'sysparm_no_count'),
    suppressPagination: flag(params, 'sysparm_suppress_pagination_header'),
  };
}

/** The term of `text` at `position` (a separator there is skipped), for error answers. */
function termAt(text: string, position: number): string {
  let start = Math.max(0, Math.min(position, text.length));
  if (text[start] === '^' && text[start + 1] !== '^') start += 1;
  else while (start > 0 && text[start - 1] !== '^') start -= 1;
  let end = start;
  while (end < text.length) {
    if (text[end] === '^') {
      if (text[end + 1] !== '^') break;
      end += 2;
    } else end += 1;
  }
  return text.slice(start, end);
}

/**
 * The filter of a request: `sysparm_query` parsed leniently (an invalid term is dropped, as
 * on a real instance), or else the name-value pairs that name a field of the table (unknown
 * names ignored; a choice label is accepted for its value).
 *
 * @throws MockUnsupportedQueryError for a term a real instance would evaluate but the mock
 * cannot (an unknown operator, a text search, a malformed JOIN / RLQUERY).
 * @internal
 */
export function readFilter(params: URLSearchParams, schema: MockTableSchema): EncodedQuery {
  const text = params.get('sysparm_query');
  if (text !== null) {
    if (text.trim() === '') return { groups: [], orderBy: [] };
    try {
      return parseQuery(text, { mode: 'lenient', unsupported: 'throw' });
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      throw new MockUnsupportedQueryError(termAt(text, error.position), error.message);
    }
  }
  const terms: QueryTerm[] = [];
  for (const [name, raw] of params) {
    if (name.startsWith('sysparm_')) continue;
    const field = schema.fields.find((f) => f.name === name.split('.')[0]);
    if (field === undefined) continue;
    let value = raw;
    if (name === field.name && field.choices !== undefined && !(raw in field.choices)) {
      const byLabel = Object.entries(field.choices).find(
        ([, label]) => label.toLowerCase() === raw.toLowerCase(),
      );
      if (byLabel !== undefined) value = byLabel[0];
    }
    terms.push([{ field: name, operator: '=', value }]);
  }
  return { groups: terms.length > 0 ? [{ terms }] : [], orderBy: [] };
}
