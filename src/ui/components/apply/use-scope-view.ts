import { useEffect, useState, type DependencyList } from 'react';
import type { ApplyScope } from '../../../worker/apply-api';
import { errorText } from './format';

/**
 * A worker view of the scored rows in `scope`, asked again whenever `deps` change; null while there
 * is no scope. An answer that arrives after the inputs changed is dropped.
 */
export function useScopeView<T>(scope: ApplyScope | null, fetch: (scope: ApplyScope) => Promise<T>, deps: DependencyList): { view: T | null; error: string | null } {
  const [view, setView] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    if (!scope) {
      setView(null);
      return;
    }
    fetch(scope)
      .then((v) => live && setView(v))
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [scope, ...deps]); // eslint-disable-line react-hooks/exhaustive-deps
  return { view, error };
}
