export { isAfterCursor, type PageCursor } from './cursor.js';
export { ConfigurationError, ServiceNowError, type ServiceNowErrorOptions } from './errors.js';
export { type InstanceMismatchDetails, InstanceMismatchError } from './instance-mismatch-error.js';
export { SYS_ID_PATTERN } from './sys-id.js';
export { assertTimeZone, timeZoneOffsetMs } from './time-zone.js';
export { formatUtcDateTime, parseUtcDate, parseUtcDateTime } from './utc-text.js';
