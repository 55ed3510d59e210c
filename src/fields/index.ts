export { CODEC_NAMES, codecFromName, fields, MAX_VARCHAR_LENGTH } from './codecs.js';
export { isFieldCodec } from './define-codec.js';
export {
  type CodecCompanion,
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
export { glideFields } from './glide-codecs.js';
export {
  type GlideColumnInput,
  type GlideColumnPlan,
  type GlideColumnsPlan,
  MYSQL_ROW_RESERVE,
  planGlideColumns,
} from './glide-columns.js';
export {
  GLIDE_TYPES,
  type GlideCodecOptions,
  type GlideFieldShape,
  type GlideMapping,
  type GlideTypeInfo,
  glideCodec,
  glideTypeInfo,
  MYSQL_SHORT_STRING,
} from './glide-types.js';
export {
  INNODB_IN_ROW_LIMIT,
  MYSQL_ROW_LIMIT,
  type MysqlColumnBytes,
  type MysqlRowSize,
  mysqlColumnBytes,
  mysqlRowOverhead,
  mysqlRowSize,
} from './mysql-row-size.js';
export {
  MAX_IDENTIFIER_LENGTH,
  MAX_NAME_LENGTH,
  SQL_IDENTIFIER,
  sqlIdentifierProblem,
} from './sql-identifier.js';
