/**
 * The Table API `Link` header, built exactly as real instances do (servicenow-api.md 1.5).
 *
 * @module
 */

/** Inputs of {@link buildLinkHeader}. @internal */
export interface LinkHeaderInput {
  /** Instance base URL without a trailing slash (`http://127.0.0.1:4000`). */
  readonly baseUrl: string;
  /** Request path, version included (`/api/now/v2/table/incident`). */
  readonly path: string;
  /** The raw query string as sent, without `?`. */
  readonly rawQuery: string;
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * The header value, or `undefined` when one page holds everything (total <= limit at offset 0).
 * `first`, `prev` (when `offset - limit >= -1`), `next` (when rows follow), `last`
 * (`floor((total - 1) / limit) * limit`), joined by `,` with no spaces; every URL repeats the
 * original parameters in their order, re-encoded, with `sysparm_limit` and `sysparm_offset` last.
 * @internal
 */
export function buildLinkHeader(input: LinkHeaderInput): string | undefined {
  const { total, limit, offset } = input;
  if (offset === 0 && total <= limit) return undefined;
  const kept: string[] = [];
  for (const pair of input.rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    if (name === 'sysparm_limit' || name === 'sysparm_offset') continue;
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  const url = (at: number) =>
    `<${input.baseUrl}${input.path}?${[...kept, `sysparm_limit=${limit}`, `sysparm_offset=${at}`].join('&')}>`;
  const links = [`${url(0)};rel="first"`];
  if (offset - limit >= -1) links.push(`${url(offset - limit)};rel="prev"`);
  if (offset + limit < total) links.push(`${url(offset + limit)};rel="next"`);
  links.push(`${url(Math.max(0, Math.floor((total - 1) / limit) * limit))};rel="last"`);
  return links.join(',');
}
