import { page } from '@stepwise/core';
import type { z } from 'zod';
import { api } from './client';

/**
 * Every item of a small paged list (sites, programs, tracks), for pickers and overview tables. Stops
 * after `maxPages` pages so a surprisingly large list cannot hang the page.
 */
export async function fetchAll<T>(
  path: string,
  item: z.ZodType<T>,
  query: Record<string, string | undefined> = {},
  maxPages = 20,
): Promise<T[]> {
  const schema = page(item);
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pageNumber = 0; pageNumber < maxPages; pageNumber += 1) {
    const result: { items: T[]; nextCursor: string | null } = await api.get(path, {
      query: { ...query, limit: 100, cursor },
      schema,
    });
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}
