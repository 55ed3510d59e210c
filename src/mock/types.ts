/**
 * Types shared by the mock ServiceNow server's data store (src/mock/data/) and its HTTP layer
 * (src/mock/server/). Public: users of `servicenow-sync/mock` see them.
 *
 * @module
 */
import type { EncodedQuery } from '../query/index.js';

/** ServiceNow internal field types the mock reproduces (servicenow-api.md section 2.1). */
export type MockFieldType =
  | 'GUID'
  | 'string'
  | 'integer'
  | 'longint'
  | 'decimal'
  | 'float'
  | 'currency'
  | 'price'
  | 'boolean'
  | 'glide_date_time'
  | 'glide_date'
  | 'due_date'
  | 'glide_time'
  | 'glide_duration'
  | 'timer'
  | 'reference'
  | 'document_id'
  | 'choice'
  | 'journal'
  | 'journal_input'
  | 'journal_list'
  | 'glide_list'
  | 'sys_class_name'
  | 'domain_id'
  | 'percent_complete'
  | 'table_name'
  | 'conditions'
  | 'script'
  | 'html'
  | 'url'
  | 'email';

/** One column of a mock table. */
export interface MockField {
  readonly name: string;
  readonly type: MockFieldType;
  /** Referenced table for `reference` / `domain_id` fields (`sys_user`, `task`, ...). */
  readonly reference?: string;
  /** Choice labels by stored value, for `choice` fields (`{ '7': 'Closed' }`). */
  readonly choices?: Readonly<Record<string, string>>;
  /** `true` when the stored choice value is an integer (display mode adds no separators). */
  readonly integerChoice?: boolean;
  /**
   * `max_length` of the field's dictionary row. @default by type (string 40, description-like
   * strings 4000, reference 32, journal 4000, html/script/conditions 8000, url 1024, email 100,
   * glide_list 4000, anything else 40)
   */
  readonly maxLength?: number;
  /** `column_label` of the field's dictionary row. @default a known label, else the name in sentence case (`caller_id` -> `Caller id`) */
  readonly label?: string;
  /** `mandatory` of the field's dictionary row. @default false */
  readonly mandatory?: boolean;
  /** `read_only` of the field's dictionary row. @default false */
  readonly readOnly?: boolean;
}

/** What {@link MockDataStore.alterField} may change on a field's dictionary row. */
export interface MockFieldChange {
  /** New `max_length`. */
  readonly maxLength?: number;
  /** New `column_label`. */
  readonly label?: string;
}

/** The schema of one mock table. */
export interface MockTableSchema {
  readonly name: string;
  /** Label, used as the display value of `sys_class_name` (`Incident`). */
  readonly label: string;
  /** Parent table (`task` for `incident`), used to resolve references to base tables. */
  readonly extends?: string;
  /** Field whose value is the record's display value (`number`, `name`). */
  readonly displayField: string;
  readonly fields: readonly MockField[];
}

/**
 * A stored record: every value is a string, exactly as ServiceNow returns it with
 * `sysparm_display_value=false` and `sysparm_exclude_reference_link=true`: `''` when empty,
 * date-times `YYYY-MM-DD HH:MM:SS` in UTC, durations `1970-01-DD HH:MM:SS`, references as the
 * referenced `sys_id`.
 */
export type MockRecord = Readonly<Record<string, string>>;

/** How the store treats a query that names a field the table does not have. */
export type UnknownFieldPolicy = 'ignore' | 'reject';

/** Options of {@link MockDataStore.select}. */
export interface MockSelectOptions {
  /** Maximum rows returned. @default 10000 */
  readonly limit?: number;
  /** Rows skipped before the first returned. @default 0 */
  readonly offset?: number;
  /** Compute `total` (the count before limit/offset). @default false */
  readonly count?: boolean;
  /** IANA zone in which `javascript:gs.dateGenerate(...)` and friends are read. @default 'UTC' */
  readonly timeZone?: string;
  /** @default 'ignore' (a real instance drops unknown terms, widening the selection) */
  readonly unknownFields?: UnknownFieldPolicy;
  /** Clock for `gs.daysAgoStart()` and friends. @default the store's clock */
  readonly now?: number;
  /**
   * Break ties of the `ORDERBY` keys (rows equal on every key) in an order drawn from this seed
   * and `offset`, not in sys_id order: the same seed, query and offset always give the same
   * answer, but two pages of one offset-paged read may order a tie differently, as a database
   * without a unique sort key may. A sort with a `sys_id` key has no ties and is unaffected.
   * @default undefined (ties in sys_id order)
   */
  readonly tieSeed?: number;
}

/** The answer of {@link MockDataStore.select}. */
export interface MockSelectResult {
  readonly rows: readonly MockRecord[];
  /** Present when `count` was asked. */
  readonly total?: number;
}

/** Thrown by the store when `unknownFields: 'reject'` and the query names an unknown field. */
export class MockUnknownFieldError extends Error {
  constructor(
    readonly table: string,
    readonly field: string,
  ) {
    super(`Unknown field ${field} on table ${table}`);
    this.name = 'MockUnknownFieldError';
  }
}

/**
 * The mock's data: nine ServiceNow tables plus `sys_audit_delete`, deterministic for a seed,
 * with a mutation API. Large scales are generated procedurally and indexed, so memory stays
 * well under 2 GB for 1,000,000 incidents.
 */
export interface MockDataStore {
  /** Names of the tables served. */
  readonly tableNames: readonly string[];
  /** Schema of a table, or `undefined` when the table does not exist. */
  schema(table: string): MockTableSchema | undefined;
  /** Number of live rows in a table (0 for an unknown table). */
  count(table: string): number;
  /** One record by sys_id, or `undefined`. `table` may be a base table (`task`, `cmdb_ci`). */
  get(table: string, sysId: string): MockRecord | undefined;
  /** The display value of a referenced record (its display field), or `''` when missing. */
  displayValue(table: string, sysId: string): string;
  /** Filter, sort and slice a table by a parsed encoded query. Unordered queries come back in sys_id order. */
  select(table: string, query: EncodedQuery, options?: MockSelectOptions): MockSelectResult;
  /** Iterate every live row in sys_id order (for tests; materialises rows one by one). */
  rows(table: string): Iterable<MockRecord>;
  /** Insert a row; missing `sys_id`/`sys_created_on`/`sys_updated_on`/`sys_mod_count` are filled in. */
  insert(table: string, values: Readonly<Record<string, string>>): MockRecord;
  /** Update fields of a row; bumps `sys_updated_on` (unless given) and `sys_mod_count`. */
  update(table: string, sysId: string, values: Readonly<Record<string, string>>): MockRecord;
  /** Delete a row and record it in `sys_audit_delete` (`tablename`, `documentkey`, `sys_created_on`). */
  delete(table: string, sysId: string): void;
  /**
   * Add a field to a table (served or base): its `sys_dictionary` row (and `sys_choice` rows)
   * appear, the schema of the table and of every table extending it shows it, existing records
   * render it as `''`, and inserts and updates can set it.
   *
   * @example
   * ```ts
   * data.addField('incident', { name: 'u_vendor', type: 'string', maxLength: 80 });
   * ```
   */
  addField(table: string, field: MockField): void;
  /**
   * Change the `max_length` or `column_label` of a field on the table whose dictionary defines
   * it (or overrides it); bumps that row's `sys_updated_on` and `sys_mod_count`.
   *
   * @example
   * ```ts
   * data.alterField('task', 'short_description', { maxLength: 200 });
   * ```
   */
  alterField(table: string, element: string, change: MockFieldChange): void;
}
