/**
 * Word lists for the demo data: names, places, teams, and incident texts by category.
 *
 * @module
 */

/** First names; a few carry accents, apostrophes or non-Latin scripts on purpose. @internal */
export const FIRST_NAMES: readonly string[] = [
  'Abel',
  'Beth',
  'Carlos',
  'Dana',
  'Elif',
  'Fatima',
  'George',
  'Hana',
  'Ivan',
  'Jun',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Oscar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Viktor',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Amélie',
  'Björn',
  'Chloé',
  'Dmitri',
  'Émile',
  'François',
  'Gül',
  'Håkon',
  'Inès',
  'José',
  'Kateřina',
  'Łukasz',
  'Marta',
  'Niamh',
  'Olu',
  'Paulo',
  'Renée',
  'Siobhán',
  'Thu',
  'Ulla',
  'Valentina',
  'Wanjiru',
  'Xavier',
  'Yara',
  'Zeynep',
  'Anne-Marie',
  'Bao',
  'Carmen',
  'Daniel',
  'Emma',
  'Farid',
  'Grace',
  'Hiro',
  'Ida',
];

/** Last names. @internal */
export const LAST_NAMES: readonly string[] = [
  'Tuter',
  'Anglin',
  'Loo',
  'Employee',
  'Smith',
  'García',
  'Müller',
  "O'Connor",
  'Nuñez',
  'Kowalski',
  'Nakamura',
  'Okafor',
  'Johansson',
  'Rossi',
  'Dubois',
  'Schmidt',
  'Novák',
  'Ivanova',
  'Chen',
  'Patel',
  'Silva',
  'Haddad',
  'Kim',
  'Nguyen',
  'Andersen',
  'Fernández',
  'Brown',
  'Wilson',
  "D'Angelo",
  'Øster',
  'Yılmaz',
  'Papadopoulos',
  'Horváth',
  'Lindqvist',
  'Mbeki',
  'Santos',
  'Cohen',
  'Levi',
  'Khan',
  'Ali',
  'Murphy',
  'Kelly',
  'Walsh',
  'Byrne',
  'Ryan',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Zimmermann',
];

/** Cities with their country. @internal */
export const CITIES: readonly (readonly [string, string, string])[] = [
  ['San Diego', 'CA', 'USA'],
  ['New York', 'NY', 'USA'],
  ['Chicago', 'IL', 'USA'],
  ['London', '', 'UK'],
  ['Paris', '', 'France'],
  ['München', 'BY', 'Germany'],
  ['São Paulo', 'SP', 'Brazil'],
  ['Tokyo', '', 'Japan'],
  ['Sydney', 'NSW', 'Australia'],
  ['Bengaluru', 'KA', 'India'],
  ['Zürich', 'ZH', 'Switzerland'],
  ['Kraków', '', 'Poland'],
  ['Montréal', 'QC', 'Canada'],
  ['Dublin', '', 'Ireland'],
  ['Singapore', '', 'Singapore'],
  ['Nairobi', '', 'Kenya'],
];

/** Company names; the first is the customer the demo data revolves around. @internal */
export const COMPANY_NAMES: readonly string[] = [
  'ACME North America',
  'ACME EMEA',
  'ACME APAC',
  'Globex Corporation',
  'Initech',
  'Umbrella Networks',
  'Müller & Söhne GmbH',
  "O'Reilly Systems Ltd",
  'Acme, Inc.',
  '株式会社テックソリューションズ',
  'Soylent Telecom',
  'Hooli',
  'Stark Industries',
  'Wayne Enterprises',
  'Cyberdyne Systems',
  'Tyrell Corporation',
  'Wonka Industries',
  'Gringotts Finance',
  'Vandelay Imports',
  'Pied Piper',
  'Smith "Quoted" LLC',
  'Oceanic Fibre',
  'Nordic Carrier AS',
  'Fibra Óptica SA',
  'Northwind Traders',
];

/** Assignment-group base names (teams teams filter on with `nameSTARTSWITH`). @internal */
export const TEAMS: readonly string[] = [
  'Service Desk',
  'Network',
  'Database',
  'Hardware',
  'Software',
  'Email',
  'Security Operations',
  'Cloud Operations',
  'Identity & Access',
  'Telecom',
  'Application Support',
  'Field Services',
  'Storage',
  'Windows Servers',
  'Linux Servers',
];

/** Region suffixes of assignment groups. @internal */
export const REGIONS: readonly string[] = ['', ' - EMEA', ' - AMER', ' - APAC', ' L2', ' L3'];

/** Job titles of agents (users in assignment groups). @internal */
export const AGENT_TITLES: readonly string[] = [
  'Service Desk Analyst',
  'Network Engineer',
  'Database Administrator',
  'Systems Engineer',
  'Security Analyst',
  'IT Manager',
  'Field Technician',
];

/** Job titles of other users. @internal */
export const USER_TITLES: readonly string[] = [
  'Accountant',
  'Sales Representative',
  'Marketing Manager',
  'HR Specialist',
  'Project Manager',
  'Software Developer',
  'Buyer',
  'Executive Assistant',
  '',
];

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

/** Link bandwidths. @internal */
export const BANDWIDTHS: readonly string[] = [
  '100 Mbps',
  '1 Gbps',
  '10 Gbps',
  '40 Gbps',
  '100 Gbps',
];

/** Link types. @internal */
export const LINK_TYPES: readonly string[] = [
  'MPLS',
  'Dark fibre',
  'Internet VPN',
  'Leased line',
  'SD-WAN',
];
