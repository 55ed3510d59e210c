export { andQuery } from './and-query.js';
export type {
  EncodedQuery,
  JoinSubquery,
  QueryCondition,
  QueryGroup,
  QueryOperator,
  QueryOrder,
  QuerySubquery,
  QueryTerm,
  RelatedCount,
  RelatedListSubquery,
} from './ast.js';
export { isValidFieldName } from './condition-rules.js';
export { formatCondition, formatQuery } from './format-query.js';
export { isQueryOperator, isUnaryOperator, QUERY_OPERATORS } from './operators.js';
export { type ParseQueryOptions, parseQuery, type QueryParseMode } from './parse-query.js';
export { isQueryBuilder, QueryBuilder, query } from './query-builder.js';
export { type QueryInput, toEncodedQuery, toQueryString } from './query-input.js';
export { QuerySyntaxError, type QuerySyntaxErrorOptions } from './query-syntax-error.js';
export type { QueryValue } from './query-value.js';
export { type DateInput, escapeValue, formatDate, formatDateTime } from './values.js';
