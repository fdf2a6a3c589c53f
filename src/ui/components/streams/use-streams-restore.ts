import { useEffect } from 'react';
import { worker } from '../../worker-client';
import { useProject } from '../../state/project';

/**
 * A project reopened with a customers-and-transactions engine (saved with the project) comes back
 * in that mode, with the columns the engine was trained on, when they are all in the loaded data.
 */
export function useStreamsRestore(): void {
  const { state, dispatch } = useProject();
  const dataset = state.dataset;
  useEffect(() => {
    if (!dataset || state.streams) return;
    let live = true;
    worker()
      .streamsState()
      .then((s) => {
        const spec = s.model?.spec;
        if (!live || !spec) return;
        const names = new Set(dataset.schema.columns.map((c) => c.name));
        if ([...spec.key, ...spec.profile, ...spec.event].every((c) => names.has(c))) dispatch({ type: 'streams-mode', mode: { on: true, spec } });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataset?.name, dataset?.rowCount]);
}
