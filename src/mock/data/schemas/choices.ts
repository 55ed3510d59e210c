/**
 * Choice lists (value -> label) of the mock tables, as in the out-of-box demo data
 * (servicenow-api.md section 2.6).
 *
 * @module
 */

/** `incident.state` / `incident_state`. @internal */
export const INCIDENT_STATES: Readonly<Record<string, string>> = {
  '1': 'New',
  '2': 'In Progress',
  '3': 'On Hold',
  '6': 'Resolved',
  '7': 'Closed',
  '8': 'Canceled',
};

/** `task.state` (incident_task uses it). @internal */
export const TASK_STATES: Readonly<Record<string, string>> = {
  '-5': 'Pending',
  '1': 'Open',
  '2': 'Work in Progress',
  '3': 'Closed Complete',
  '4': 'Closed Incomplete',
  '7': 'Closed Skipped',
};

/** `priority`. @internal */
export const PRIORITIES: Readonly<Record<string, string>> = {
  '1': '1 - Critical',
  '2': '2 - High',
  '3': '3 - Moderate',
  '4': '4 - Low',
  '5': '5 - Planning',
};

/** `impact`, `urgency`, `severity`. @internal */
export const HIGH_MEDIUM_LOW: Readonly<Record<string, string>> = {
  '1': '1 - High',
  '2': '2 - Medium',
  '3': '3 - Low',
};

/** `escalation`. @internal */
export const ESCALATIONS: Readonly<Record<string, string>> = {
  '0': 'Normal',
  '1': 'Moderate',
  '2': 'High',
  '3': 'Overdue',
};

/** `approval`. @internal */
export const APPROVALS: Readonly<Record<string, string>> = {
  'not requested': 'Not Yet Requested',
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** `contact_type`. @internal */
export const CONTACT_TYPES: Readonly<Record<string, string>> = {
  email: 'Email',
  phone: 'Phone',
  'self-service': 'Self-service',
  'walk-in': 'Walk-in',
  chat: 'Chat',
  virtual_agent: 'Virtual Agent',
  monitoring: 'Monitoring',
};

/** `incident.category`. @internal */
export const CATEGORIES: Readonly<Record<string, string>> = {
  inquiry: 'Inquiry / Help',
  software: 'Software',
  hardware: 'Hardware',
  network: 'Network',
  database: 'Database',
};

/** `incident.subcategory`. @internal */
export const SUBCATEGORIES: Readonly<Record<string, string>> = {
  antivirus: 'Antivirus',
  email: 'Email',
  internal_application: 'Internal Application',
  cpu: 'CPU',
  disk: 'Disk',
  keyboard: 'Keyboard',
  memory: 'Memory',
  monitor: 'Monitor',
  mouse: 'Mouse',
  dhcp: 'DHCP',
  dns: 'DNS',
  ip_address: 'IP Address',
  vpn: 'VPN',
  wireless: 'Wireless',
  db2: 'DB2',
  ms_sql_server: 'MS SQL Server',
  oracle: 'Oracle',
};

/** `incident.close_code`. @internal */
export const CLOSE_CODES: Readonly<Record<string, string>> = {
  'Solved (Work Around)': 'Solved (Work Around)',
  'Solved (Permanently)': 'Solved (Permanently)',
  'Solved Remotely (Work Around)': 'Solved Remotely (Work Around)',
  'Solved Remotely (Permanently)': 'Solved Remotely (Permanently)',
  'Not Solved (Not Reproducible)': 'Not Solved (Not Reproducible)',
  'Not Solved (Too Costly)': 'Not Solved (Too Costly)',
  'Closed/Resolved by Caller': 'Closed/Resolved by Caller',
};

/** `incident.hold_reason`. @internal */
export const HOLD_REASONS: Readonly<Record<string, string>> = {
  '1': 'Awaiting Caller',
  '3': 'Awaiting Problem',
  '4': 'Awaiting Vendor',
  '5': 'Awaiting Change',
};

/** `incident.u_customer_impact` (a customer's own choice field). @internal */
export const CUSTOMER_IMPACTS: Readonly<Record<string, string>> = {
  none: 'No customer impact',
  degraded: 'Degraded service',
  outage: 'Full outage',
};

/** `incident.notify`. @internal */
export const NOTIFY: Readonly<Record<string, string>> = {
  '1': 'Do Not Notify',
  '2': 'Send Email',
  '3': 'Send SMS',
};

/** `task_sla.stage`. @internal */
export const SLA_STAGES: Readonly<Record<string, string>> = {
  in_progress: 'In progress',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
  breached: 'Breached',
};

/** `contract_sla.type`. @internal */
export const SLA_TYPES: Readonly<Record<string, string>> = {
  SLA: 'SLA',
  OLA: 'OLA',
  'Underpinning contract': 'Underpinning contract',
};

/** `contract_sla.target`. @internal */
export const SLA_TARGETS: Readonly<Record<string, string>> = {
  response: 'Response',
  resolution: 'Resolution',
};

/** `task_time_worked.category`. @internal */
export const TIME_CATEGORIES: Readonly<Record<string, string>> = {
  task_work: 'Task work',
  admin: 'Admin',
  meeting: 'Meeting',
  travel: 'Travel',
  training: 'Training',
};

/** `cmdb_ci.install_status`. @internal */
export const INSTALL_STATUSES: Readonly<Record<string, string>> = {
  '1': 'Installed',
  '2': 'On Order',
  '3': 'In Maintenance',
  '6': 'In Stock',
  '7': 'Retired',
  '100': 'Absent',
};

/** `cmdb_ci.operational_status`. @internal */
export const OPERATIONAL_STATUSES: Readonly<Record<string, string>> = {
  '1': 'Operational',
  '2': 'Non-Operational',
  '3': 'Repair in Progress',
  '6': 'Retired',
};
