/**
 * What {@link discoverTable} learns of a table from the instance's dictionary: its class chain,
 * its fields (inherited ones included, a child's override winning) and, when asked, their choice
 * lists. The contract between discovery, `taskFromSchema`, `plan` and `generate`.
 *
 * @module
 */

/** One choice of a choice list (`sys_choice`). */
export interface DictionaryChoice {
  /** The stored value (`"7"`, `"inquiry"`). */
  readonly value: string;
  /** Its label in the integration user's language. */
  readonly label: string;
  /** Its position in the list. */
  readonly sequence: number;
  /** `true` for a retired choice (still found in old records). */
  readonly inactive: boolean;
}

/** One field of a table, as its dictionary defines it (`sys_dictionary`). */
export interface DictionaryField {
  /** The column name (`caller_id`, `u_vendor_ticket`). */
  readonly element: string;
  /** `column_label` (`Caller`). */
  readonly label: string;
  /** `internal_type` (`string`, `glide_date_time`, `reference`, `u_custom_type` ...). */
  readonly internalType: string;
  /** `max_length`, when the dictionary gives one. */
  readonly maxLength: number | undefined;
  /** The referenced table, for `reference` (and `glide_list` of references); else `undefined`. */
  readonly reference: string | undefined;
  /** The table of the chain whose dictionary row defines (or last overrides) the field. */
  readonly definedOn: string;
  /** `true` when the row is a child's override of a parent's field (`incident.state`). */
  readonly overridden: boolean;
  readonly mandatory: boolean;
  readonly readOnly: boolean;
  /** `true` on the field that is the record's display value (`number`, `name`). */
  readonly display: boolean;
  /** `true` for a calculated or virtual field (no stored column on the instance). */
  readonly virtual: boolean;
  /** The choice list, when discovery was asked for choices and the field has one. */
  readonly choices?: readonly DictionaryChoice[];
}

/** A table as discovered: the answer of {@link discoverTable}. */
export interface TableSchema {
  /** The table (`incident`). */
  readonly table: string;
  /** Its label (`Incident`). */
  readonly label: string;
  /** The class chain from the table up to its root (`['incident', 'task']`). */
  readonly chain: readonly string[];
  /** Every field, `sys_id` included, parents' fields first, each element once. */
  readonly fields: readonly DictionaryField[];
  /** `true` when the table has `sys_updated_on` (an incremental sync is possible). */
  readonly hasUpdatedOn: boolean;
  /** The element of the display field, when one is marked. */
  readonly displayField: string | undefined;
  /**
   * Fields the dictionary lists that the Table API left out of a sample record for this user
   * (field-level ACLs): they would read as empty. Empty when the table has no row to sample.
   */
  readonly unreadableFields: readonly string[];
  /**
   * The display field of each referenced table that defines one itself (`sys_user` -> `name`),
   * when discovery read them; `taskFromSchema` dot-walks them into `<field>_display`.
   */
  readonly referenceDisplay?: Readonly<Record<string, string>>;
  /** When the dictionary was read (UTC). */
  readonly discoveredAt: Date;
}
