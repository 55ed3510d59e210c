/**
 * Raw Table API records to typed rows, through the task's codecs.
 *
 * @module
 */
import type { FieldCodec, Row } from '../fields/index.js';
import { FieldValueError } from '../fields/index.js';
import type { TaskDefinition } from './define-task.js';
import { RecordRejectedError } from './record-rejected-error.js';
import { sysIdProblem } from './sys-id-problem.js';
import { DISPLAY_SUFFIX } from './task-columns.js';

/** Decodes one raw record into a row; throws {@link RecordRejectedError}. */
export type RecordDecoder = (record: unknown) => Row;

interface Slot {
  readonly field: string;
  readonly codec: FieldCodec;
  /** The companion column (`<field>_currency`), when the codec fills one. */
  readonly companion: string | undefined;
  /** The display column, for references whose display value is stored. */
  readonly display: string | undefined;
  /** The dot-walked key that holds the display value (`caller_id.name`), with `display`. */
  readonly path: string | undefined;
}

const decoders = new WeakMap<TaskDefinition, RecordDecoder>();

/**
 * A decoder for `task`'s records, compiled once. A raw field may come in any of the Table API's
 * shapes: a plain string, `{ value, link }`, `{ display_value, value, link }` or
 * `{ display_value, value }`; the value is read from the string or `value`. A field missing from
 * the record is `null` (ServiceNow leaves out fields the user may not read).
 *
 * The row has `sys_id`, one key per field, the companion of a codec that has one
 * (`<field>_currency`: see {@link FieldCodec.companion}), and `<field>_display` for the task's display fields,
 * read from the dot-walked key the task requests (`"caller_id.name"`, see
 * {@link TaskDefinition.displayPaths}), or from the reference's `display_value` when the records
 * were read with `sysparm_display_value=all`. An empty display value is `null`.
 *
 * A value no codec reads, a missing `sys_id` or one that cannot be a key (leading or trailing
 * white space, a control character: see `sysIdProblem`), or a non-empty reference whose
 * display value is in neither place (the dot-walked field was not requested) rejects the whole
 * record.
 *
 * @example
 * ```ts
 * const decode = createDecoder(task);
 * for (const record of page.records) {
 *   try { rows.push(decode(record)); } catch (error) {
 *     if (error instanceof RecordRejectedError) rejects.push(error); else throw error;
 *   }
 * }
 * ```
 */
export function createDecoder(task: TaskDefinition): RecordDecoder {
  const cached = decoders.get(task);
  if (cached !== undefined) return cached;
  const display = new Set(task.displayFields);
  const slots: Slot[] = Object.entries(task.fields)
    .filter(([field]) => field !== 'sys_id')
    .map(([field, codec]) => ({
      field,
      codec,
      companion: codec.companion === undefined ? undefined : `${field}${codec.companion.suffix}`,
      display: display.has(field) ? `${field}${DISPLAY_SUFFIX}` : undefined,
      path: own(task.displayPaths, field) as string | undefined,
    }));
  const table = task.table;
  const decoder: RecordDecoder = (record) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new RecordRejectedError({
        table,
        sysId: undefined,
        field: 'sys_id',
        value: record,
        reason: 'belongs to a record that is not an object',
      });
    }
    const raw = record as Record<string, unknown>;
    const sysId = rawValue(own(raw, 'sys_id'));
    if (typeof sysId !== 'string' || sysId === '') {
      throw new RecordRejectedError({
        table,
        sysId: undefined,
        field: 'sys_id',
        value: own(raw, 'sys_id'),
        reason: 'is missing or empty',
      });
    }
    const keyProblem = sysIdProblem(sysId);
    if (keyProblem !== undefined) {
      throw new RecordRejectedError({
        table,
        sysId,
        field: 'sys_id',
        value: raw.sys_id,
        reason: keyProblem,
      });
    }
    const row: Row = { sys_id: sysId };
    for (const slot of slots) {
      const cell = own(raw, slot.field);
      const value = rawValue(cell);
      if (value === undefined) {
        throw reject(
          table,
          sysId,
          slot.field,
          cell,
          'has no readable value (expected a string or { value })',
        );
      }
      if (slot.codec.kind === 'reference' && value !== null && !isText(cell)) {
        throw reject(
          table,
          sysId,
          slot.field,
          cell,
          'is not a sys_id (a JSON number or boolean, not text: a reference is refused rather than stored as its text)',
        );
      }
      try {
        row[slot.field] = value === null ? null : slot.codec.parse(value);
      } catch (error) {
        if (!(error instanceof FieldValueError)) throw error;
        throw reject(table, sysId, slot.field, cell, `is not ${error.expected}`, error);
      }
      if (slot.companion !== undefined) {
        row[slot.companion] =
          value === null || value === '' ? null : (slot.codec.companion?.read(value) ?? null);
      }
      if (slot.display !== undefined) {
        const shown = displayOf(cell, raw, slot.path, value);
        if (shown === undefined) {
          throw reject(
            table,
            sysId,
            slot.field,
            cell,
            slot.path === undefined || !Object.hasOwn(raw, slot.path)
              ? `has no display value (request ${JSON.stringify(slot.path ?? `${slot.field}.<field>`)} in sysparm_fields)`
              : `has an unreadable display value in ${JSON.stringify(slot.path)}`,
          );
        }
        row[slot.display] = shown === '' ? null : shown;
      }
    }
    return row;
  };
  decoders.set(task, decoder);
  return decoder;
}

/**
 * Decodes one raw record with `task`'s codecs (see {@link createDecoder}).
 *
 * @throws {@link RecordRejectedError} when a value does not parse.
 *
 * @example
 * ```ts
 * decodeRecord(task, { sys_id: 'abc', opened_at: '2016-12-12 15:19:57' });
 * // { sys_id: 'abc', opened_at: Date 2016-12-12T15:19:57Z }
 * ```
 */
export function decodeRecord(task: TaskDefinition, record: unknown): Row {
  return createDecoder(task)(record);
}

/**
 * The raw value of a cell: the string itself, its `value` member, `null` for a missing or null
 * cell, or `undefined` when the cell has no readable value. Numbers and booleans (which the
 * Table API does not send, but proxies might) are read as their text, except in a reference
 * (refused: a sys_id is text, and a number may have lost digits on the way).
 */
function rawValue(cell: unknown): string | null | undefined {
  if (typeof cell === 'string') return cell;
  if (cell === undefined || cell === null) return null;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (typeof cell === 'object' && !Array.isArray(cell)) {
    const value = (cell as { value?: unknown }).value;
    if (typeof value === 'string') return value;
    if (value === null) return null;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  }
  return undefined;
}

/**
 * The display value of a reference: the `display_value` of its cell (records read with
 * `sysparm_display_value=all`), else the value of the dot-walked key `path`; `''` for none (an
 * empty or missing reference); `undefined` when a non-empty reference has neither, or the
 * dot-walked key holds no readable value.
 */
function displayOf(
  cell: unknown,
  raw: Readonly<Record<string, unknown>>,
  path: string | undefined,
  value: string | null,
): string | undefined {
  if (typeof cell === 'object' && cell !== null && !Array.isArray(cell)) {
    const shown = (cell as { display_value?: unknown }).display_value;
    if (typeof shown === 'string') return shown;
    if (shown === null) return '';
  }
  const walked = path === undefined ? undefined : own(raw, path);
  if (walked !== undefined) {
    const shown = rawValue(walked);
    return shown === null ? '' : shown;
  }
  return value === null || value === '' ? '' : undefined;
}

/**
 * The value of an own property, or `undefined`: a record or a map without a `constructor` key
 * does not lend it `Object.prototype.constructor`.
 */
function own(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

function reject(
  table: string,
  sysId: string,
  field: string,
  value: unknown,
  reason: string,
  cause?: unknown,
): RecordRejectedError {
  return new RecordRejectedError({ table, sysId, field, value, reason, cause });
}

/** `true` when a cell's value is text (a string, or `{ value: string }`), as the Table API sends it. */
function isText(cell: unknown): boolean {
  if (typeof cell === 'string') return true;
  return typeof (cell as { value?: unknown }).value === 'string';
}
