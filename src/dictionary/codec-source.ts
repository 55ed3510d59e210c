/**
 * A codec as the TypeScript that builds it, and the type of the value it decodes: what a
 * generated task module writes for each column.
 *
 * @module
 */
import type { FieldCodec } from '../fields/index.js';

const VARCHAR = /^VARCHAR\((\d+)\)$/;

/** The length of a `VARCHAR(n)` MySQL type, else `undefined`. */
function varcharLength(codec: FieldCodec): number | undefined {
  const match = VARCHAR.exec(codec.sqlType.mysql);
  return match === null ? undefined : Number(match[1]);
}

/**
 * The expression that builds `codec` (`fields.string({ maxLength: 40 })`,
 * `fields.reference('sys_user')`, `glideFields.currency()`). @internal
 */
export function codecSource(codec: FieldCodec): string {
  const long = codec.sqlType.mysql === 'LONGTEXT';
  const length = varcharLength(codec);
  switch (codec.kind) {
    case 'string':
      if (codec.serviceNowType === 'document_id') {
        return long ? 'glideFields.documentId(true)' : 'glideFields.documentId()';
      }
      return length === undefined ? 'fields.string()' : `fields.string({ maxLength: ${length} })`;
    case 'choice':
      return length === undefined ? 'fields.choice()' : `glideFields.choice(${length})`;
    case 'reference': {
      const table = `'${codec.referenceTable ?? ''}'`;
      return long ? `glideFields.longReference(${table})` : `fields.reference(${table})`;
    }
    case 'time':
      return 'glideFields.time()';
    case 'currency':
      return 'glideFields.currency()';
    default:
      return `fields.${codec.kind}()`;
  }
}

/** The TypeScript type of a decoded value of `codec`, without `null`. @internal */
export function valueType(codec: FieldCodec): 'string' | 'number' | 'boolean' | 'Date' {
  switch (codec.kind) {
    case 'integer':
    case 'decimal':
    case 'duration':
    case 'currency':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'dateTime':
      return 'Date';
    default:
      return 'string';
  }
}
