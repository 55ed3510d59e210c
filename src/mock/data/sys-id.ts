/**
 * Deterministic sys_ids. The first 8 hex digits are a keyed bijection of the row index, so they
 * are unique within a table, sort the table (no two rows share them) and map back to the row
 * without any lookup table. The other 24 digits are hashes of (seed, table, row).
 *
 * @module
 */
import { hashString, mix32, Permutation32 } from './random.js';

/** Per-table key of the sys_id function. @internal */
export class SysIdKey {
  readonly permutation: Permutation32;
  private readonly salt: number;

  constructor(seed: number, table: string) {
    this.salt = hashString(`${seed}/${table}/sys_id`);
    this.permutation = new Permutation32(hashString(`${seed}/${table}/order`));
  }

  /** The sortable first word of row `row`'s sys_id. */
  word0(row: number): number {
    return this.permutation.forward(row);
  }

  /** The row whose sys_id starts with `word0` (it may lie beyond the table's size). */
  rowOfWord0(word0: number): number {
    return this.permutation.inverse(word0);
  }

  /** The sys_id of row `row`. */
  sysId(row: number): string {
    const w1 = mix32(this.salt ^ Math.imul(row + 1, 0x9e3779b1));
    const w2 = mix32(w1 ^ this.salt ^ 0x68e31da4);
    const w3 = mix32(w2 + row + this.salt);
    return hex8(this.word0(row)) + hex8(w1) + hex8(w2) + hex8(w3);
  }
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);

/** 8 lowercase hex digits. @internal */
export function hex8(value: number): string {
  const v = value >>> 0;
  return (
    (BYTE_HEX[v >>> 24] as string) +
    (BYTE_HEX[(v >>> 16) & 255] as string) +
    (BYTE_HEX[(v >>> 8) & 255] as string) +
    (BYTE_HEX[v & 255] as string)
  );
}

const SYS_ID = /^[0-9a-f]{32}$/;

/** `true` for 32 lowercase hex digits. @internal */
export function isSysId(text: string): boolean {
  return SYS_ID.test(text);
}

/** The first word of a sys_id, or `undefined` when `text` is not a sys_id. @internal */
export function word0OfSysId(text: string): number | undefined {
  if (!SYS_ID.test(text)) return undefined;
  return Number.parseInt(text.slice(0, 8), 16);
}

/** A deterministic sys_id for the `counter`-th generated (inserted) record of a store. @internal */
export function counterSysId(seed: number, counter: number): string {
  const a = mix32(hashString(`${seed}/insert`) ^ Math.imul(counter + 1, 0x9e3779b1));
  const b = mix32(a ^ 0x3c6ef372);
  const c = mix32(b + counter);
  const d = mix32(c ^ 0xa54ff53a);
  return hex8(a) + hex8(b) + hex8(c) + hex8(d);
}
