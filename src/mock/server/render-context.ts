/**
 * What rendering a record depends on: the display mode, reference links, the user's time
 * zone, and the display values already looked up in the request.
 *
 * @module
 */
import type { MockDataStore } from '../types.js';

/** `sysparm_display_value`. @internal */
export type DisplayMode = 'false' | 'true' | 'all';

/** One rendered value: a string, or a reference / `all` object of strings. @internal */
export type RenderedValue = string | Readonly<Record<string, string>>;

/** What rendering depends on. @internal */
export interface RenderContext {
  readonly store: MockDataStore;
  readonly mode: DisplayMode;
  readonly excludeReferenceLink: boolean;
  /** The user's IANA time zone. */
  readonly timeZone: string;
  /** `<instance>/api/now` plus the requested version (`/v2`), used for reference links. */
  readonly linkBase: string;
  /** Display values already looked up in this request, by table, then `sys_id`. */
  readonly displayCache: Map<string, Map<string, string>>;
  /** Fields a field-level ACL leaves out of every record (the `hiddenFields` fault). */
  readonly hidden?: ReadonlySet<string>;
}

/** The display value of a referenced record, looked up once per request. @internal */
export function lookupDisplay(context: RenderContext, table: string, sysId: string): string {
  let known = context.displayCache.get(table);
  if (known === undefined) {
    known = new Map();
    context.displayCache.set(table, known);
  }
  let display = known.get(sysId);
  if (display === undefined) {
    display = context.store.displayValue(table, sysId);
    known.set(sysId, display);
  }
  return display;
}
