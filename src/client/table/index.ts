export { checkListBody, checkRecordBody, checkStatsBody } from './body-checks.js';
export {
  checkInteger,
  checkSysId,
  checkTable,
  displayParams,
  fieldsParam,
} from './table-params.js';
export {
  type DisplayValueMode,
  type FieldValue,
  type FieldValueObject,
  rawValueOf,
  sysIdOf,
  type TableRecord,
} from './table-record.js';
