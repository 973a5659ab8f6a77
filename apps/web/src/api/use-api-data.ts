import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface ApiData<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again (after a change). */
  reload(): void;
}

/**
 * Loads data for a page and reloads when `deps` change; a response that arrives after a newer
 * request started is dropped, so fast typing in a search box never shows stale results.
 */
export function useApiData<T>(load: () => Promise<T>, deps: DependencyList): ApiData<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what the loader depends on.
  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    loadRef
      .current()
      .then((value) => {
        if (request !== latest.current) return;
        setData(value);
        setError(undefined);
      })
      .catch((caught: unknown) => {
        if (request === latest.current) setError(caught);
      })
      .finally(() => {
        if (request === latest.current) setLoading(false);
      });
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload };
}
