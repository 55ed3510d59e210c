/**
 * Where the demo companies, users and network links are.
 *
 * @module
 */

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
