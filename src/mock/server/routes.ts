/**
 * Which API a request path addresses.
 *
 * @module
 */

/** A matched route. @internal */
export type MockRoute =
  | { readonly kind: 'oauth' }
  | {
      readonly kind: 'table';
      readonly version: string | undefined;
      readonly table: string;
      readonly sysId: string | undefined;
    }
  | { readonly kind: 'stats'; readonly table: string }
  | { readonly kind: 'batch' }
  | { readonly kind: 'unknown' };

const TABLE = /^\/api\/now(?:\/(v1|v2))?\/table\/([^/]+)(?:\/([^/]+))?\/?$/;
const STATS = /^\/api\/now(?:\/v1)?\/stats\/([^/]+)\/?$/;
const BATCH = /^\/api\/now(?:\/v1)?\/batch\/?$/;

function segment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Matches a path (without query string) to a route. @internal */
export function matchRoute(method: string, path: string): MockRoute {
  if (path === '/oauth_token.do')
    return method === 'POST' ? { kind: 'oauth' } : { kind: 'unknown' };
  const table = TABLE.exec(path);
  if (table !== null) {
    const [, version, name, sysId] = table;
    return {
      kind: 'table',
      version,
      table: segment(name!),
      sysId: sysId === undefined ? undefined : segment(sysId),
    };
  }
  const stats = STATS.exec(path);
  if (stats !== null) return { kind: 'stats', table: segment(stats[1]!) };
  if (BATCH.test(path)) return { kind: 'batch' };
  return { kind: 'unknown' };
}

/** `true` when an `Accept` header allows JSON (absent or empty allows anything). @internal */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((range) => {
    const type = range.split(';')[0]!.trim().toLowerCase();
    return type === '*/*' || type === 'application/*' || type.endsWith('json');
  });
}
