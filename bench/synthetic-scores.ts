/**
 * The benchmark's scorecard for one synthetic table against the UCI split: SDMetrics-style
 * quality, detection, TSTR with gradient-boosted trees, privacy, and the PAY_AMT checks of
 * issue 10. Pure (no fs), so it runs in Node and on the Chromium benchmark page alike.
 */
import type { ColumnTable } from 'arquero';
import { qualityReport } from '../src/core/quality/qualityReport';
import { privacyReport } from '../src/core/quality/privacy/privacyReport';
import { detectionScore } from '../src/core/quality/detection';
import type { QualityColumn } from '../src/core/quality/types';
import { fitTreeEncoder, applyTreeEncoder } from '../src/core/risk/features/tree-encoder';
import { fitGbdt, gbdtPredictProba } from '../src/core/risk/models/gbdt/gbdt';
import { rocAuc } from '../src/core/risk/metrics/rocAuc';
import { utilityReport } from '../src/core/quality/report/utility';
import type { UciSplit } from './uci-split';

export interface SyntheticScores {
  columnShapes: number;
  pairTrends: number;
  strongPairs: number;
  detection: number;
  tstrAuc: number;
  /** TSTR with the app's logistic regression (Validate's quick utility view) */
  tstrAucLr: number;
  trtrAucLr: number;
  dcrRatio: number;
  exactCopies: number;
  negativePayAmtShare: number;
  maxZeroShareGap: number;
  /** membership-inference attack AUC (Validate's attack) and the sizes of its two groups */
  miaAuc: number;
  miaMembers: number;
  miaNonMembers: number;
}

function columns(table: ColumnTable): Record<string, ArrayLike<string | number | null>> {
  const out: Record<string, ArrayLike<string | number | null>> = {};
  for (const name of table.columnNames()) out[name] = table.array(name) as ArrayLike<string | number | null>;
  return out;
}

function zeroShare(values: ArrayLike<unknown>): number {
  let z = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 0) z++;
  return z / values.length;
}

export function scoreSynthetic(data: UciSplit, synthetic: ColumnTable, seed = 0): SyntheticScores {
  const target = data.schema.target!;
  const qualityColumns: QualityColumn[] = data.schema.columns.map((c) => ({ name: c.name, kind: c.role === 'categorical' ? 'discrete' : 'continuous' }));
  const real = columns(data.train);
  const synth = columns(synthetic);
  const q = qualityReport(real, synth, qualityColumns);
  const detection = detectionScore(real, synth, qualityColumns, { seed, pairColumns: 0 });
  const privacy = privacyReport(real, columns(data.test), synth, qualityColumns, { seed });

  const features = qualityColumns.filter((c) => c.name !== target).map((c) => ({ name: c.name, kind: c.kind === 'discrete' ? ('categorical' as const) : ('numeric' as const) }));
  const encoder = fitTreeEncoder(synthetic, features);
  const label = (t: ColumnTable) => Uint8Array.from(t.array(target) as ArrayLike<string>, (v) => (v === data.schema.positiveLabel ? 1 : 0));
  const model = fitGbdt(applyTreeEncoder(encoder, synthetic), label(synthetic), { seed });
  const tstrAuc = rocAuc(label(data.test), gbdtPredictProba(model, applyTreeEncoder(encoder, data.test)));
  const lr = utilityReport(data.train, data.test, synthetic, data.schema, { models: ['logistic-regression'], seed }).models[0];

  let negative = 0;
  let cells = 0;
  let gap = 0;
  for (const c of Object.keys(real).filter((n) => n.startsWith('PAY_AMT'))) {
    const s = synth[c];
    for (let i = 0; i < s.length; i++) if ((s[i] as number) < 0) negative++;
    cells += s.length;
    gap = Math.max(gap, Math.abs(zeroShare(s) - zeroShare(real[c])));
  }
  return {
    columnShapes: q.columnShapes,
    pairTrends: q.columnPairTrends,
    strongPairs: q.strongPairs.columnPairTrends,
    detection: detection.score,
    tstrAuc,
    tstrAucLr: lr?.tstr ?? NaN,
    trtrAucLr: lr?.trtr ?? NaN,
    dcrRatio: privacy.dcr.ratio,
    exactCopies: privacy.exactCopies.count,
    negativePayAmtShare: cells ? negative / cells : 0,
    maxZeroShareGap: gap,
    miaAuc: privacy.membershipInference.auc,
    miaMembers: privacy.membershipInference.members,
    miaNonMembers: privacy.membershipInference.nonMembers,
  };
}
