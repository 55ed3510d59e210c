/**
 * The procedural side of a table: row `i` is a pure function of (seed, table, i). A reader
 * computes the values of one row on demand, so a query that tests two fields does not build the
 * other ninety.
 *
 * @module
 */

/** Epoch seconds standing for an empty date-time in the typed-array indexes. @internal */
export const EMPTY_SECONDS = -2147483648;

/** The values of one generated row. @internal */
export interface RowReader {
  /** The raw value of a field (`''` when empty or when the table has no such field). */
  value(field: string): string;
}

/** A procedurally generated table. @internal */
export interface RowSource {
  readonly table: string;
  /** Number of generated rows (before seeded deletes). */
  readonly size: number;
  /** A reader of row `row` (0 <= row < size). */
  reader(row: number): RowReader;
  /**
   * Date-time fields kept in a sorted index, each mapped to the field whose index it shares
   * (`sys_created_on` -> `opened_at` when they are always equal).
   */
  readonly indexedDates: Readonly<Record<string, string>>;
  /** Epoch seconds of an indexed date-time field of a row, {@link EMPTY_SECONDS} when empty. */
  seconds(row: number, field: string): number;
  /** All values of a row, in the order of the table schema's fields. */
  values(row: number): string[];
}

/** Accessors of a reader class: field name -> value of the row. @internal */
export type Accessors<R> = Readonly<Record<string, (reader: R) => string>>;

const EMPTY = () => '';

/**
 * Accessors of a reader class, looked up by name (a Map) or run in schema order (an array), so
 * neither path does a dynamic lookup on a large object. @internal
 */
export class AccessorTable<R> {
  private readonly byName: Map<string, (reader: R) => string>;
  private readonly ordered: ((reader: R) => string)[];

  constructor(accessors: Accessors<R>, fields: readonly { readonly name: string }[]) {
    this.byName = new Map(Object.entries(accessors));
    this.ordered = fields.map((f) => accessors[f.name] ?? EMPTY);
  }

  /** One field of a row (`''` for a field without accessor). */
  value(reader: R, field: string): string {
    const accessor = this.byName.get(field);
    return accessor === undefined ? '' : accessor(reader);
  }

  /** Every field of a row, in schema order. */
  values(reader: R): string[] {
    const ordered = this.ordered;
    const out = new Array<string>(ordered.length);
    for (let i = 0; i < ordered.length; i++) out[i] = (ordered[i] as (reader: R) => string)(reader);
    return out;
  }
}
