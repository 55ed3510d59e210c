/**
 * Bandwidths and types of the demo network links.
 *
 * @module
 */

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
