/**
 * Company and assignment-group names of the demo data.
 *
 * @module
 */

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
