/**
 * The texts of demo incidents, tasks and time entries: categories with their short descriptions, sentences, close notes and codes, work comments.
 *
 * @module
 */

/** Incident categories and, per category, subcategories and short-description templates. @internal */
export const CATEGORY_TEXTS: Readonly<
  Record<string, { readonly sub: readonly string[]; readonly texts: readonly string[] }>
> = {
  network: {
    sub: ['vpn', 'wireless', 'dns', 'dhcp', 'ip_address'],
    texts: [
      'VPN connection drops every few minutes',
      'Cannot reach the intranet from the {city} office',
      'Wi-Fi is very slow on floor {n}',
      'Packet loss on the link to {city}',
      'DNS does not resolve internal host names',
      'No IP address assigned to docking station',
    ],
  },
  software: {
    sub: ['email', 'internal_application', 'antivirus'],
    texts: [
      'Outlook keeps asking for my password',
      'Expense application shows error {n}',
      'Antivirus update failed on laptop',
      'Cannot open shared calendar',
      'ERP report takes more than {n} minutes',
    ],
  },
  hardware: {
    sub: ['monitor', 'keyboard', 'mouse', 'disk', 'memory', 'cpu'],
    texts: [
      'Laptop does not boot after update',
      'Second monitor flickers',
      'Printer on floor {n} jams constantly',
      'Disk almost full on file server',
      'Keyboard missing keys',
    ],
  },
  database: {
    sub: ['oracle', 'ms_sql_server', 'db2'],
    texts: [
      'Nightly backup of the sales database failed',
      'Replication lag above {n} seconds',
      'Deadlocks in order processing',
      'Tablespace almost full',
    ],
  },
  inquiry: {
    sub: ['', 'email', 'internal_application'],
    texts: [
      'How do I request access to the data warehouse?',
      'Need a new badge for the {city} office',
      'Question about my software licence',
      'Please reset my password',
    ],
  },
};

/** Work-note style sentences for descriptions and close notes. @internal */
export const SENTENCES: readonly string[] = [
  'The user reports the problem started this morning.',
  'Several colleagues in the same team are affected.',
  'Restarting the device did not help.',
  'Error message attached to the ticket.',
  'Happens only when connected through the VPN.',
  'Checked the logs; nothing obvious yet.',
  'Escalated to the second line team.',
  'Workaround provided while the root cause is investigated.',
  'Vendor ticket opened.',
  'Issue could not be reproduced on a second machine.',
];

/** Close notes. @internal */
export const CLOSE_NOTES: readonly string[] = [
  'Restarted the service; the user confirmed it works.',
  'Replaced the faulty cable.',
  'Cleared the cache and re-synchronised the profile.',
  'Applied the vendor patch.',
  'Password reset and MFA re-enrolled.',
  'Duplicate of another incident.',
  'Closed after no response from the caller.',
];

/** Close codes (values of `incident.close_code`). @internal */
export const CLOSE_CODES_LIST: readonly string[] = [
  'Solved (Permanently)',
  'Solved (Work Around)',
  'Solved Remotely (Permanently)',
  'Solved Remotely (Work Around)',
  'Not Solved (Not Reproducible)',
  'Not Solved (Too Costly)',
  'Closed/Resolved by Caller',
];

/** Comments of time entries. @internal */
export const WORK_COMMENTS: readonly string[] = [
  'Investigated logs',
  'Remote session with the user',
  'Configuration change',
  'Waiting on vendor, follow-up call',
  'Documentation update',
  '',
];
