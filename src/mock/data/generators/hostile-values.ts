/**
 * Text that breaks naive code: unicode, quotes, backslashes, control characters, query syntax
 * inside values, SQL, and one very large description. A deterministic subset of rows uses them.
 *
 * @module
 */

/** Hostile short texts; each fits a `short_description`. @internal */
export const HOSTILE_TEXTS: readonly string[] = [
  'Café crème: naïve résumé — Ünïcödé façade at Zürich',
  '网络中断：无法访问邮件服务器 (东京办公室)',
  'Printer on fire 🔥🖨️ again 😱 👩‍💻',
  "O'Brien's laptop won't boot",
  'He said "it just stopped" and left',
  'Path C:\\Users\\admin\\AppData\\Local\\Temp\\ is full \\\\server\\share',
  'Line one\nLine two\r\nLine three',
  'Column\tseparated\tvalues\tin subject',
  'Caret ^ in text and ^NQ injection^ORactive=true^EQ',
  "'; DROP TABLE incident; --",
  '<script>alert("x")</script> &amp; <b>bold</b>',
  '100% of users_affected (LIKE wildcards % and _)',
  'Smith, John; Doe, Jane (comma, separated)',
  '   leading and trailing spaces   ',
  'مرحبا بالعالم — right-to-left text',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the point
  '${template} {{mustache}} %s %d',
  'Ends with a backslash \\',
  'Tab at end\t',
];

/** A description of about 100 KB (a pasted log). @internal */
export function hugeDescription(seedText: string): string {
  const line = `${seedText} | 2026-01-01 00:00:00 ERROR [worker-7] java.net.SocketTimeoutException: Read timed out; caret ^ quote ' "double" \\ tab\t`;
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 100_000; i++) {
    const text = `${String(i).padStart(5, '0')} ${line}`;
    lines.push(text);
    size += text.length + 1;
  }
  return lines.join('\n');
}

/** Rows with `row % HOSTILE_PERIOD === HOSTILE_PHASE` get a hostile text. @internal */
export const HOSTILE_PERIOD = 29;
/** @internal */
export const HOSTILE_PHASE = 3;
/** Rows with `row % HUGE_PERIOD === HUGE_PHASE` get a ~100 KB description. @internal */
export const HUGE_PERIOD = 10007;
/** @internal */
export const HUGE_PHASE = 17;

/** The hostile text of a row, or `undefined` for an ordinary row. @internal */
export function hostileTextOf(row: number): string | undefined {
  if (row % HOSTILE_PERIOD !== HOSTILE_PHASE) return undefined;
  return HOSTILE_TEXTS[Math.floor(row / HOSTILE_PERIOD) % HOSTILE_TEXTS.length];
}
