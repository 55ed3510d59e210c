export { CODEC_NAMES, codecFromName, fields, MAX_VARCHAR_LENGTH } from './codecs.js';
export { isFieldCodec } from './define-codec.js';
export {
  type FieldCodec,
  type FieldKind,
  type Row,
  type RowValue,
  SQL_DIALECTS,
  type SqlDialect,
  type SqlTypes,
} from './field-codec.js';
export {
  FIELD_INPUT_SHAPES,
  type FieldInput,
  rawTextOf,
} from './field-input.js';
export {
  FieldValueError,
  type FieldValueErrorOptions,
  MAX_QUOTED_VALUE,
  truncateValue,
} from './field-value-error.js';
export {
  MAX_IDENTIFIER_LENGTH,
  MAX_NAME_LENGTH,
  SQL_IDENTIFIER,
  sqlIdentifierProblem,
} from './sql-identifier.js';
