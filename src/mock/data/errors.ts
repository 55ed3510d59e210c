/**
 * Errors of the mock data store. The HTTP layer maps them to ServiceNow's answers
 * (unknown table: 400 `Invalid table`, missing record: 404 `No Record found`).
 *
 * @module
 */
import { ServiceNowError } from '../../core/index.js';

/**
 * The table is not one the mock serves.
 *
 * @example
 * ```ts
 * try { store.insert('nope', {}); } catch (e) { if (e instanceof MockUnknownTableError) e.table; }
 * ```
 */
export class MockUnknownTableError extends ServiceNowError {
  override readonly code: string = 'MOCK_UNKNOWN_TABLE';

  constructor(readonly table: string) {
    super(`Invalid table ${table}`);
  }
}

/** `update` or `delete` named a record that does not exist (or was deleted). */
export class MockRecordNotFoundError extends ServiceNowError {
  override readonly code: string = 'MOCK_RECORD_NOT_FOUND';

  constructor(
    readonly table: string,
    readonly sysId: string,
  ) {
    super(`No Record found: ${table} ${sysId}`);
  }
}

/** `insert` was given a sys_id that a live record already has. */
export class MockDuplicateRecordError extends ServiceNowError {
  override readonly code: string = 'MOCK_DUPLICATE_RECORD';

  constructor(
    readonly table: string,
    readonly sysId: string,
  ) {
    super(`A record with sys_id ${sysId} already exists in ${table}`);
  }
}

/**
 * `addField` or `alterField` was refused: the table is unknown, the field already exists on
 * the table or a parent, its name is not a plain column name, or the table's dictionary has no
 * row for the element.
 *
 * @example
 * ```ts
 * try { data.addField('incident', { name: 'number', type: 'string' }); }
 * catch (e) { if (e instanceof MockSchemaChangeError) e.table; } // 'incident'
 * ```
 */
export class MockSchemaChangeError extends ServiceNowError {
  override readonly code: string = 'MOCK_SCHEMA_CHANGE';

  constructor(
    readonly table: string,
    readonly element: string,
    reason: string,
  ) {
    super(`Cannot change field ${element} of table ${table}: ${reason}`);
  }
}

/**
 * A query term the mock cannot evaluate: an operator it does not implement (`ON`, `DATEPART`,
 * `RELATIVEGT`...), a text search, a malformed or OR'ed JOIN / RLQUERY, or one on a table or
 * field it does not serve. A real instance would filter on it; rather than widen the selection
 * silently, the mock refuses the query (the server answers 400 naming the term).
 *
 * @example
 * ```ts
 * try { store.select('incident', parseQuery('JOINincident.caller_id=cmn_location.contact!')); }
 * catch (e) { if (e instanceof MockUnsupportedQueryError) e.term; }
 * ```
 */
export class MockUnsupportedQueryError extends ServiceNowError {
  override readonly code: string = 'MOCK_UNSUPPORTED_QUERY';

  /**
   * @param term - The term at fault, as written (or its head, for a JOIN / RLQUERY).
   * @param reason - Why the mock cannot evaluate it.
   */
  constructor(
    readonly term: string,
    readonly reason: string,
  ) {
    super(`The mock cannot evaluate the query term ${JSON.stringify(term)}: ${reason}`);
  }
}
