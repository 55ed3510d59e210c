/**
 * Choice lists (value -> label) of the problem, change and request tables and of the hardware
 * CI classes, as in the out-of-box data.
 *
 * @module
 */

/** `problem.state` / `problem_state` (the problem state model of recent releases). @internal */
export const PROBLEM_STATES: Readonly<Record<string, string>> = {
  '101': 'New',
  '102': 'Assess',
  '103': 'Root Cause Analysis',
  '104': 'Fix in Progress',
  '106': 'Resolved',
  '107': 'Closed',
};

/** `problem.resolution_code`. @internal */
export const PROBLEM_RESOLUTIONS: Readonly<Record<string, string>> = {
  fix_applied: 'Fix Applied',
  risk_accepted: 'Risk Accepted',
  canceled: 'Canceled',
  duplicate: 'Duplicate',
};

/** `change_request.state`. @internal */
export const CHANGE_STATES: Readonly<Record<string, string>> = {
  '-5': 'New',
  '-4': 'Assess',
  '-3': 'Authorize',
  '-2': 'Scheduled',
  '-1': 'Implement',
  '0': 'Review',
  '3': 'Closed',
  '4': 'Canceled',
};

/** `change_request.type`. @internal */
export const CHANGE_TYPES: Readonly<Record<string, string>> = {
  standard: 'Standard',
  normal: 'Normal',
  emergency: 'Emergency',
};

/** `change_request.risk`. @internal */
export const CHANGE_RISKS: Readonly<Record<string, string>> = {
  '1': 'Very High',
  '2': 'High',
  '3': 'Moderate',
  '4': 'Low',
};

/** `change_request.close_code`. @internal */
export const CHANGE_CLOSE_CODES: Readonly<Record<string, string>> = {
  successful: 'Successful',
  successful_issues: 'Successful with issues',
  unsuccessful: 'Unsuccessful',
};

/** `sc_request.request_state`. @internal */
export const REQUEST_STATES: Readonly<Record<string, string>> = {
  requested: 'Pending Approval',
  in_process: 'Approved',
  closed_complete: 'Closed Complete',
  closed_incomplete: 'Closed Incomplete',
  closed_cancelled: 'Closed Cancelled',
  closed_rejected: 'Closed Rejected',
};

/** `sc_req_item.stage`. @internal */
export const ITEM_STAGES: Readonly<Record<string, string>> = {
  waiting_for_approval: 'Waiting for Approval',
  request_approved: 'Request Approved',
  fulfillment: 'Fulfillment',
  delivery: 'Delivery',
  complete: 'Completed',
  Request_Cancelled: 'Request Cancelled',
};

/** `sc_cat_item.category`-like grouping of the catalog (a string choice here). @internal */
export const CATALOG_CATEGORIES: Readonly<Record<string, string>> = {
  hardware: 'Hardware',
  software: 'Software',
  services: 'Services',
  office: 'Office',
};

/** `cmdb_ci_hardware.hardware_status`. @internal */
export const HARDWARE_STATUSES: Readonly<Record<string, string>> = {
  installed: 'Installed',
  in_stock: 'In Stock',
  in_transit: 'In Transit',
  retired: 'Retired',
};

/** `cmdb_ci_server.classification`. @internal */
export const SERVER_CLASSIFICATIONS: Readonly<Record<string, string>> = {
  Production: 'Production',
  Development: 'Development',
  QA: 'QA',
  'Disaster recovery': 'Disaster recovery',
};

/** `cmdb_ci_server.used_for`. @internal */
export const SERVER_USES: Readonly<Record<string, string>> = {
  Production: 'Production',
  Staging: 'Staging',
  Test: 'Test',
  Development: 'Development',
};
