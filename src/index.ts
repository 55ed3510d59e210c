/**
 * servicenow-sync: copy ServiceNow tables into SQL.
 *
 * @packageDocumentation
 */

export * from './client/index.js';
export * from './core/index.js';
export * from './database/index.js';
export * from './fields/index.js';
export * from './log/index.js';
export * from './query/index.js';
export * from './run/index.js';
export * from './sink/index.js';
export * from './tasks/index.js';
export * from './wiring/index.js';
