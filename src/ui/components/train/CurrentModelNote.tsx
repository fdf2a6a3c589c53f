import { useEffect, useState } from 'react';
import { worker } from '../../worker-client';
import type { CurrentModel } from '../../../worker/generate-api';

/**
 * One line naming the model step 4 generates from (the one fitted, trained or loaded last), asked of
 * the worker with the same rule Generate uses, so steps 3 and 4 never disagree. `refreshKey`
 * changes whenever a fit, a training run or a load may have changed it.
 */
export function CurrentModelNote({ refreshKey, engineKind }: { refreshKey: unknown; engineKind: string }) {
  const [current, setCurrent] = useState<CurrentModel | null>(null);
  useEffect(() => {
    let live = true;
    worker()
      .genCurrentModel()
      .then((c) => live && setCurrent(c), () => live && setCurrent(null));
    return () => {
      live = false;
    };
  }, [refreshKey]);
  if (!current || !current.source) return null;
  const other = current.kind !== engineKind;
  return (
    <p className={other ? 'notice' : 'muted'} data-testid="current-model" data-source={current.source} data-kind={current.kind ?? ''}>
      Step 4 generates from: <strong>{current.label}</strong>
      {current.name ? ` (${current.name})` : ''}, the model fitted, trained or loaded last.
      {other ? ' To generate from the engine chosen here, fit or load it again.' : ''}
    </p>
  );
}
