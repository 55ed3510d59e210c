export { preflight } from './preflight.js';
export { FilterFieldError, PreflightError, type PreflightSide } from './preflight-error.js';
export { DEFAULT_PREFLIGHT_OPTIONS, type PreflightOptions } from './preflight-options.js';
