export {
  choiceSysId,
  dictionarySysId,
  tableSysId,
} from './dictionary-rows.js';
export { type DictionaryTableData, DictionaryTables } from './dictionary-tables.js';
export { DEFAULT_MAX_LENGTH, labelOf, maxLengthOf, sameDefinition } from './field-attributes.js';
export { MockSchemaSet } from './schema-set.js';
