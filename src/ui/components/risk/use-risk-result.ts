import { useEffect, useState } from 'react';
import { worker } from '../../worker-client';
import type { RiskResult } from '../../../core/risk/workbench/train-and-evaluate';

/** The full result of the selected model, fetched from the worker; a late answer for an older selection is dropped. */
export function useRiskResult(selected: string | null): RiskResult | null {
  const [detail, setDetail] = useState<RiskResult | null>(null);
  useEffect(() => {
    let live = true;
    if (!selected) {
      setDetail(null);
      return;
    }
    worker()
      .riskResult(selected)
      .then((r) => live && setDetail(r))
      .catch(() => live && setDetail(null));
    return () => {
      live = false;
    };
  }, [selected]);
  return detail;
}
