/**
 * Content negotiation of the Table and Stats APIs: `Accept` picks JSON (the default) or XML
 * (servicenow-api.md 1.2); anything else gets 406.
 *
 * @module
 */

/** The body format an `Accept` header asks for. @internal */
export type ResponseFormat = 'json' | 'xml';

/**
 * The format of the first media range of `accept` the mock serves: JSON for `*\/*`,
 * `application/*` and any `...json` type, XML for `application/xml` and `text/xml`; JSON when
 * the header is absent or empty; `undefined` when no range is served (406).
 * @internal
 */
export function responseFormat(accept: string | undefined): ResponseFormat | undefined {
  if (accept === undefined || accept.trim() === '') return 'json';
  for (const range of accept.split(',')) {
    const type = range.split(';')[0]?.trim().toLowerCase() ?? '';
    if (type === '*/*' || type === 'application/*' || type.endsWith('json')) return 'json';
    if (type === 'application/xml' || type === 'text/xml') return 'xml';
  }
  return undefined;
}
