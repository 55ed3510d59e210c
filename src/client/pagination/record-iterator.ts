/**
 * The records of a page sequence, one by one: what `client.records()` iterates. A plain
 * iterator rather than an async generator with `yield*`, which costs several promise steps per
 * record; a record of the current page is handed out at once.
 *
 * @module
 */

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * Flattens `pages` into their records. `return()` (a `break` in the caller's loop) closes
 * `pages`, which aborts their in-flight requests.
 */
export function recordIterator<T>(
  pages: AsyncIterator<{ readonly records: readonly T[] }>,
): AsyncIterableIterator<T> {
  let records: readonly T[] = [];
  let index = 0;
  let finished = false;
  /** The pull of the next page, while one is in flight (later `next()` calls wait for it). */
  let pulling: Promise<IteratorResult<T>> | undefined;

  const pull = async (): Promise<IteratorResult<T>> => {
    try {
      while (index >= records.length) {
        if (finished) return DONE;
        const next = await pages.next();
        if (next.done === true) {
          finished = true;
          records = [];
          index = 0;
          return DONE;
        }
        records = next.value.records;
        index = 0;
      }
      return { done: false, value: records[index++] as T };
    } catch (error) {
      finished = true;
      records = [];
      throw error;
    } finally {
      pulling = undefined;
    }
  };

  const iterator: AsyncIterableIterator<T> = {
    next(): Promise<IteratorResult<T>> {
      if (pulling !== undefined) return pulling.then(iterator.next, iterator.next);
      if (index < records.length) {
        return Promise.resolve({ done: false, value: records[index++] as T });
      }
      pulling = pull();
      return pulling;
    },
    async return(): Promise<IteratorResult<T>> {
      const wasFinished = finished;
      finished = true;
      records = [];
      if (!wasFinished) await pages.return?.(undefined);
      return DONE;
    },
    [Symbol.asyncIterator](): AsyncIterableIterator<T> {
      return iterator;
    },
  };
  return iterator;
}
