/**
 * Builds a {@link FieldCodec} from a parse and a format function, with the zod codec on top.
 *
 * @module
 */
import * as z from 'zod';
import type { CodecCompanion, FieldCodec, FieldKind, RowValue, SqlTypes } from './field-codec.js';
import { type FieldInput, rawTextOf } from './field-input.js';
import { FieldValueError } from './field-value-error.js';

/** Marks objects built by {@link defineCodec}, so task definitions can tell a codec apart. */
const CODEC = Symbol.for('servicenow-sync.field-codec');

/** What a codec family provides; `''` handling is added by {@link defineCodec}. */
export interface CodecSpec<T extends Exclude<RowValue, null>> {
  readonly kind: FieldKind;
  readonly serviceNowType: string;
  readonly referenceTable?: string;
  readonly sqlType: SqlTypes;
  /** A second column filled from the same raw value (see {@link FieldCodec.companion}). */
  readonly companion?: CodecCompanion;
  /** The zod schema of the typed value (without `null`). */
  readonly output: z.ZodType<T, T>;
  /** Parses a non-empty raw string; throws {@link FieldValueError}. */
  readonly parse: (raw: string) => T;
  /** Formats a typed value as the raw string. */
  readonly format: (value: T) => string;
}

/** Any input: `parse` checks its shape, so a bad one is the codec's issue, not zod's. */
const FIELD_INPUT = z.custom<FieldInput>(() => true);

/**
 * Builds an immutable {@link FieldCodec}: its input is a string or a `{ value, ... }` object
 * (the `value` is read), `''` parses to `null`, `null` formats to `''`.
 */
export function defineCodec<T extends Exclude<RowValue, null>>(spec: CodecSpec<T>): FieldCodec<T> {
  const parse = (input: FieldInput): T | null => {
    const raw = typeof input === 'string' ? input : rawTextOf(input);
    return raw === '' ? null : spec.parse(raw);
  };
  const format = (value: T | null): string => (value === null ? '' : spec.format(value));
  const schema = z.codec(FIELD_INPUT, spec.output.nullable(), {
    decode: (input, payload) => {
      try {
        return parse(input);
      } catch (error) {
        if (!(error instanceof FieldValueError)) throw error;
        payload.issues.push({ code: 'custom', message: error.message, input });
        return z.NEVER;
      }
    },
    encode: format,
  });
  const codec: FieldCodec<T> & { readonly [CODEC]: true } = {
    [CODEC]: true,
    kind: spec.kind,
    serviceNowType: spec.serviceNowType,
    referenceTable: spec.referenceTable,
    sqlType: Object.freeze({ ...spec.sqlType }),
    ...(spec.companion === undefined ? {} : { companion: Object.freeze({ ...spec.companion }) }),
    schema,
    parse,
    format,
  };
  return Object.freeze(codec);
}

/** True when `value` is a codec built by this library. */
export function isFieldCodec(value: unknown): value is FieldCodec {
  return typeof value === 'object' && value !== null && CODEC in value;
}
