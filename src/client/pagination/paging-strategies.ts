/**
 * The built-in paging strategies, by the name the `strategy` option gives.
 *
 * @module
 */
import { ConfigurationError } from '../../core/index.js';
import { keysetStrategy } from './keyset-strategy.js';
import { offsetStrategy } from './offset-strategy.js';
import type { PaginationStrategy } from './page.js';
import type { PagingStrategy } from './paging-strategy.js';
import { updatedStrategy } from './updated-strategy.js';

const STRATEGIES: Readonly<Record<PaginationStrategy, PagingStrategy>> = {
  keyset: keysetStrategy,
  updated: updatedStrategy,
  offset: offsetStrategy,
};

/** The strategies that have a trait, as `'a'` or `'a' or 'b'`, for messages. */
export function strategiesThat(trait: (strategy: PagingStrategy) => boolean): string {
  return Object.values(STRATEGIES)
    .filter(trait)
    .map((strategy) => `'${strategy.name}'`)
    .join(' or ');
}

/** The strategy named `name`; throws a `ConfigurationError` naming `strategy` otherwise. */
export function pagingStrategy(name: PaginationStrategy): PagingStrategy {
  const strategy = Object.hasOwn(STRATEGIES, name) ? STRATEGIES[name] : undefined;
  if (strategy === undefined) {
    const names = Object.keys(STRATEGIES).map((key) => `'${key}'`);
    throw new ConfigurationError(
      `Invalid option strategy: expected ${names.slice(0, -1).join(', ')} or ${names.at(-1)}, received ${JSON.stringify(name)}`,
      { option: 'strategy' },
    );
  }
  return strategy;
}
