/**
 * The decode stage: a page's records to typed rows with the task's field codecs.
 *
 * @module
 */
import type { TableRecord } from '../../client/index.js';
import type { Row } from '../../fields/index.js';
import { createDecoder, RecordRejectedError, type TaskDefinition } from '../../tasks/index.js';
import type { TaskTally } from './task-tally.js';

/** Decodes the records of one page; rejected records are counted (and sampled), not rows. @internal */
export type PageDecoder = (records: readonly TableRecord[]) => Row[];

/** The decoder of `task`'s pages, counting rejects in `tally`. @internal */
export function createPageDecoder(task: TaskDefinition, tally: TaskTally): PageDecoder {
  const decode = createDecoder(task);
  return (records) => {
    const rows: Row[] = [];
    for (const record of records) {
      try {
        rows.push(decode(record));
      } catch (decodeError) {
        if (!(decodeError instanceof RecordRejectedError)) throw decodeError;
        tally.addReject(decodeError);
      }
    }
    return rows;
  };
}
