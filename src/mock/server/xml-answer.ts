/**
 * The XML form of an answer (`Accept: application/xml`): the JSON body rewritten as
 * `<?xml ...?><response>...</response>`. A list gives one `<result>` element per record, a
 * single record one `<result>`; an object value (a reference, a `display_value=all` pair, an
 * error) gives child elements in the same order, a string gives escaped text.
 *
 * @module
 */
import { type Answer, JSON_TYPE } from './answers.js';

/** XML content type as the mock writes it. @internal */
export const XML_TYPE = 'application/xml;charset=UTF-8';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
/** Characters XML 1.0 cannot carry at all (control characters but tab/LF/CR, lone surrogates). */
const INVALID =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SPECIAL = /[&<>]/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** A name XML accepts as an element name (field names and dotted `sysparm_fields` keys are). */
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function text(value: string): string {
  return value.replace(INVALID, '').replace(SPECIAL, (c) => ENTITIES[c] as string);
}

function elementName(key: string): string {
  return NAME.test(key) ? key : `_${key.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

function element(name: string, value: unknown): string {
  const tag = elementName(name);
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (value === null || value === undefined) return `<${tag}/>`;
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => element(key, child))
      .join('');
    return `<${tag}>${inner}</${tag}>`;
  }
  const content = text(String(value));
  return content === '' ? `<${tag}/>` : `<${tag}>${content}</${tag}>`;
}

/**
 * The XML form of a JSON answer; an answer that is not JSON (an HTML page) or whose body does
 * not parse is returned as it is.
 * @internal
 */
export function xmlAnswer(answer: Answer): Answer {
  if ((answer.contentType ?? JSON_TYPE) !== JSON_TYPE) return answer;
  let value: unknown;
  try {
    value = JSON.parse(answer.body);
  } catch {
    return answer;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return answer;
  const inner = Object.entries(value as Record<string, unknown>)
    .map(([key, child]) => element(key, child))
    .join('');
  return { ...answer, body: `${DECLARATION}<response>${inner}</response>`, contentType: XML_TYPE };
}
