import { useEffect, useRef, useState, type DependencyList } from 'react';

export interface Query<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/**
 * Run a worker call when `deps` change and keep its latest answer. An answer that arrives after
 * a newer call started is dropped, so a slow old answer never overwrites a fresh one.
 */
export function useWorkerQuery<T>(run: () => Promise<T>, deps: DependencyList, enabled = true): Query<T> {
  const [state, setState] = useState<Query<T>>({ data: null, error: null, loading: enabled });
  const seq = useRef(0);
  useEffect(() => {
    if (!enabled) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const mine = ++seq.current;
    setState((s) => ({ data: s.data, error: null, loading: true }));
    run().then(
      (data) => {
        if (mine === seq.current) setState({ data, error: null, loading: false });
      },
      (e: unknown) => {
        if (mine === seq.current) setState({ data: null, error: e instanceof Error ? e.message : String(e), loading: false });
      },
    );
  }, [...deps, enabled]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
