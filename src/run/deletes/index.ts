export { applyDeletes } from './apply-deletes.js';
export type { DeleteContext, DeleteOutcome } from './delete-context.js';
export { deletesWarnings } from './deletes-warning.js';
