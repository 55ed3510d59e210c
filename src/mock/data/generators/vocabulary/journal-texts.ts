/**
 * The texts of generated journal entries: customer-visible comments and internal work notes
 * (some over several lines, one with characters that need escaping in JSON and XML).
 *
 * @module
 */

/** Customer-visible comments (`comments`). @internal */
export const COMMENT_TEXTS: readonly string[] = [
  'Thank you, I will try that and let you know.',
  'Could you tell us when the problem started?',
  'The issue is still happening this morning.',
  'We have applied a fix; please confirm it works for you.',
  'I restarted the laptop as suggested, no change.',
  'Please call me back on my mobile, I am not at my desk today.',
  'Works again, thanks for the quick help!',
  'Attached a screenshot of the error message.\nIt appears after the login screen.',
  'We are waiting for the vendor to ship the replacement part.',
  'Can we schedule a visit for Thursday afternoon?',
];

/** Internal work notes (`work_notes`). @internal */
export const WORK_NOTE_TEXTS: readonly string[] = [
  'Checked the logs, no errors on the server side.',
  'Escalated to the network team for the firewall rule.',
  'Updating priority after the call with the caller.',
  'Reproduced on a test machine.\nSteps: open the app, log in, wait 5 minutes.',
  'Remote session done; driver reinstalled.',
  'Vendor case opened: ref <VC-2291> & waiting for answer.',
  'Linked to the known problem, applying the documented workaround.',
  'Reassigned: this belongs to the database team.',
  'Monitoring for 24 hours before closing.',
  'Customer not reachable by phone, sent an e-mail.',
];
