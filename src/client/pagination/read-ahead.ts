/**
 * Bounded read-ahead over async iterators: pull the next items while the consumer works on the
 * current one, never more than a fixed number ahead, so memory stays flat.
 *
 * @module
 */

const ignore = (): void => {};

/**
 * Yields `source`'s items while keeping up to `depth` further `next()` calls in flight.
 * `depth` 0 pulls only on demand. Closing the returned generator closes `source` (abort its
 * requests first, or the close waits for the in-flight item).
 */
export async function* readAhead<T>(source: AsyncIterator<T>, depth: number): AsyncGenerator<T> {
  const pending: Promise<IteratorResult<T>>[] = [];
  const pull = (): void => {
    const next = source.next();
    next.catch(ignore);
    pending.push(next);
  };
  let finished = false;
  try {
    for (;;) {
      if (pending.length === 0) pull();
      const result = await (pending.shift() as Promise<IteratorResult<T>>);
      if (result.done) {
        finished = true;
        return;
      }
      while (pending.length < depth) pull();
      yield result.value;
    }
  } catch (error) {
    finished = true;
    throw error;
  } finally {
    if (!finished) await source.return?.(undefined)?.catch(ignore);
  }
}

/**
 * Yields the items of several iterators in the order they arrive, pulling the next item of a
 * source as soon as its previous one arrived (one item ahead per source). The first error ends
 * the merge; closing it closes every source.
 */
export async function* mergeByArrival<T>(sources: readonly AsyncIterator<T>[]): AsyncGenerator<T> {
  type Arrival = readonly [number, IteratorResult<T>];
  const pending = new Map<number, Promise<Arrival>>();
  const pull = (index: number): void => {
    const source = sources[index] as AsyncIterator<T>;
    const next = source.next().then((result): Arrival => [index, result]);
    next.catch(ignore);
    pending.set(index, next);
  };
  for (let index = 0; index < sources.length; index++) pull(index);
  try {
    while (pending.size > 0) {
      const [index, result] = await Promise.race(pending.values());
      pending.delete(index);
      if (result.done) continue;
      pull(index);
      yield result.value;
    }
  } finally {
    const open = [...pending.keys()];
    await Promise.all(open.map((index) => sources[index]?.return?.(undefined)?.catch(ignore)));
  }
}
