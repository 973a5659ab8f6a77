import { useCallback, useEffect, useRef, useState } from 'react';

/** One page of a keyset-paged API list. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorPages<T> {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
  /** Appends the next page. */
  loadMore(): void;
  /** Starts again from the first page (after a change). */
  reload(): void;
  /** Shows an error from an action taken on the list (deactivating a row, say). */
  setError(error: unknown): void;
}

/**
 * A list read page by page with the API's `nextCursor`, restarting whenever `filter` changes (a search
 * term, a participant filter). A response that arrives after a newer request started is dropped, so
 * fast typing never shows stale results.
 */
export function useCursorPages<T>(
  fetchPage: (filter: string, cursor: string | null) => Promise<CursorPage<T>>,
  filter: string,
): CursorPages<T> {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const latest = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async (currentFilter: string, cursor: string | null) => {
    const request = ++latest.current;
    setLoading(true);
    setError(undefined);
    try {
      const result = await fetchRef.current(currentFilter, cursor);
      if (request !== latest.current) return;
      setItems((previous) => (cursor ? [...previous, ...result.items] : result.items));
      setNextCursor(result.nextCursor);
    } catch (caught) {
      if (request === latest.current) setError(caught);
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(filter, null);
  }, [filter, load]);

  return {
    items,
    nextCursor,
    loading,
    error,
    loadMore: () => void load(filter, nextCursor),
    reload: () => void load(filter, null),
    setError,
  };
}
