/** Monitoring: score and input stability, and the fraud alert queue. */
import { readLabelColumn, readNumericColumn } from '../core/risk/features/column-values';
import { decide, precisionCurve, stabilityIndex, alertOrder } from '../core/risk/apply';
import type { ApplyScope, Entry, FraudQueueView, MonitoringView, ScopeData } from './apply-types';
import { knownLabels } from './apply-scope-values';

/** PSI of the score and CSI of each model input between the training rows and a scope. */
export function monitoringView(e: Entry, s: ScopeData, which: ApplyScope): MonitoringView {
  const ref = e.loaded.file.reference;
  const score = stabilityIndex(ref.score, s.pd);
  const features = ref.features.map((f) =>
    stabilityIndex(f, f.kind === 'numeric' ? readNumericColumn(s.table, f.name) : readLabelColumn(s.table, f.name)),
  );
  features.sort((a, b) => b.index - a.index);
  const shifted = features.filter((f) => f.band === 'shift').map((f) => f.name);
  let alert: string | null = null;
  if (score.band === 'shift') alert = `The score distribution has shifted (PSI ${score.index.toFixed(3)} > 0.25): the model may no longer fit this population; review or retrain.`;
  else if (shifted.length > 0) alert = `Input${shifted.length > 1 ? 's' : ''} ${shifted.join(', ')} shifted (CSI > 0.25).`;
  else if (score.band === 'watch') alert = `The score distribution moved (PSI ${score.index.toFixed(3)}, 0.1–0.25): watch it.`;
  return { scope: which, rows: s.pd.length, score, features, alert };
}

/** The fraud alert queue of a scope: highest scores first, with precision at k when outcomes are known. */
export function fraudQueueView(e: Entry, s: ScopeData, k: number): FraudQueueView {
  const order = alertOrder(s.pd);
  const labels = knownLabels(s.labels);
  const n = Math.min(Math.max(1, Math.floor(k)), order.length);
  const cut = e.loaded.file.cutoff.pd;
  const ks = [10, 50, 100, 500, 1000].filter((v) => v < order.length);
  if (!ks.includes(n)) ks.push(n);
  ks.sort((a, b) => a - b);
  return {
    total: order.length,
    labelled: labels !== null,
    rows: Array.from(order.subarray(0, n), (i) => ({
      row: i + 1,
      score: s.pd[i],
      decision: decide(s.pd[i], cut) === 'approve' ? 'pass' : 'alert',
      label: s.labels && Number.isFinite(s.labels[i]) ? s.labels[i] : null,
      reasons: (s.reasons[i] ?? []).map((r) => r.feature),
    })),
    precision: labels ? precisionCurve(s.pd, labels, ks) : null,
  };
}
