import { useEffect, useState, type DependencyList } from 'react';
import { worker } from '../../worker-client';
import type { StreamsState } from '../../../worker/streams-api';

/**
 * What the worker holds for the customers-and-transactions mode (fitted engine, generated
 * customers), read again whenever `deps` change: the worker, not the page, owns that state.
 */
export function useStreamsState(deps: DependencyList): StreamsState | null {
  const [held, setHeld] = useState<StreamsState | null>(null);
  useEffect(() => {
    let live = true;
    worker()
      .streamsState()
      .then((s) => live && setHeld(s))
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return held;
}
