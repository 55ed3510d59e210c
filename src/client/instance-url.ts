/**
 * Validation and normalisation of `instanceUrl`.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';
import { redactUrl } from './transport/index.js';

const INSTANCE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

function fail(input: string, why: string): never {
  throw new ConfigurationError(
    `Invalid option instanceUrl: ${why} (received ${JSON.stringify(redactUrl(input))})`,
    { option: 'instanceUrl' },
  );
}

/**
 * The instance's origin (`https://acme.service-now.com`, no trailing slash). Accepts an
 * `http:`/`https:` URL whose path is empty or `/`, without credentials, query or fragment, or a
 * bare instance name (`acme` becomes `https://acme.service-now.com`). Throws a
 * `ConfigurationError` naming `instanceUrl` otherwise.
 *
 * @example
 * ```ts
 * normalizeInstanceUrl('https://acme.service-now.com/'); // 'https://acme.service-now.com'
 * normalizeInstanceUrl('acme'); // 'https://acme.service-now.com'
 * ```
 */
export function normalizeInstanceUrl(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') fail(input, 'expected an http(s) URL or an instance name');
  if (INSTANCE_NAME.test(trimmed)) return `https://${trimmed.toLowerCase()}.service-now.com`;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return fail(input, 'not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail(input, `protocol ${url.protocol} is not http: or https:`);
  }
  if (url.username !== '' || url.password !== '') {
    fail(input, 'credentials belong in the auth option, not in the URL');
  }
  if (url.search !== '' || trimmed.includes('?')) fail(input, 'a query string is not allowed');
  if (url.hash !== '' || trimmed.includes('#')) fail(input, 'a fragment is not allowed');
  if (url.pathname !== '/') fail(input, 'the URL must not have a path');
  if (url.hostname === '') fail(input, 'the URL has no host');
  return url.origin;
}
