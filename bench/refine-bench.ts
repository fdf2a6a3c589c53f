/**
 * Issue 18: the default engine (ar-cart) and the same engine refined against a detector
 * (core/quality/refine, the function the Validate screen runs), on the UCI 80/20 split, each
 * scored with the app's full-strength detector (every row up to 30,000 a side), median of seeds.
 * `npm run bench -- --only=refine` (`--quick`: one seed; `--refine-seeds=1` picks seeds;
 * `--refine-only` skips the unrefined engine; `--refine-validation` tunes on a split of the
 * training rows; `--refine-options={...}` passes refinement settings).
 */
import { ENGINES } from '../src/core/engines';
import { refineSample } from '../src/core/quality/refine/refine-sample';
import { privacyReport } from '../src/core/quality/privacy/privacyReport';
import { closeShareBelowHoldoutQuantile } from '../src/core/quality/privacy/closeShare';
import type { QualityColumn } from '../src/core/quality/types';
import { emit } from './record';
import { scoreSynthetic } from './synthetic-scores';
import type { UciSplit } from './uci-split';
import type { ColumnTable } from 'arquero';
import { median } from '../src/core/util/median';
import { stratifiedSplit } from '../src/core/data/split';
import { takeRows } from '../src/core/data/eda/columns';
import type { RefineSampleOptions } from '../src/core/quality/refine/refine-sample';

/**
 * `--refine-validation`: tune without the test split: the training rows are split 80/20 again
 * (stratified, seed 1) and the inner 80 % fit, refine and are scored against the inner 20 %.
 */
function validationSplit(data: UciSplit): UciSplit {
  const labels = data.train.array(data.schema.target!) as ArrayLike<string | null>;
  const { train, test } = stratifiedSplit(labels, { testFraction: 0.2, seed: 1 });
  return { train: takeRows(data.train, train), test: takeRows(data.train, test), schema: data.schema };
}

function columnsOf(t: ColumnTable): Record<string, ArrayLike<string | number | null>> {
  return Object.fromEntries(t.columnNames().map((n) => [n, t.array(n) as ArrayLike<string | number | null>]));
}

function scores(data: UciSplit, synthetic: ColumnTable, seed: number, seconds: number): Record<string, number> {
  const s = scoreSynthetic(data, synthetic, seed);
  const qc: QualityColumn[] = data.schema.columns.map((c) => ({ name: c.name, kind: c.role === 'categorical' ? 'discrete' : 'continuous' }));
  // as the Validate report: 6,000 synthetic and 6,000 held-out rows as queries against every training row
  const p = privacyReport(columnsOf(data.train), columnsOf(data.test), columnsOf(synthetic), qc, { seed });
  const close = closeShareBelowHoldoutQuantile(p.dcr.synthetic, p.dcr.holdout, 0.02);
  return { ...s, dcrRatio: p.dcr.ratio, closeShareQ02: close.share, trainSeconds: seconds };
}

export async function refineBenches(full: UciSplit, quick: boolean): Promise<void> {
  const data = process.argv.includes('--refine-validation') ? validationSplit(full) : full;
  // `--refine-options={"rounds":3}`: refinement settings to try (tuning, with --refine-validation)
  const optionsFlag = process.argv.find((a) => a.startsWith('--refine-options='))?.slice(17);
  const refineOptions: RefineSampleOptions = optionsFlag ? JSON.parse(optionsFlag) : {};
  const skipPlain = process.argv.includes('--refine-only');
  const flag = process.argv.find((a) => a.startsWith('--refine-seeds='))?.slice(15);
  const seeds = flag ? flag.split(',').map(Number) : quick ? [0] : [0, 1, 2];
  const runs: Record<string, Record<string, number>[]> = { 'ar-cart': [], 'ar-cart-refined': [] };
  const n = data.train.numRows();
  for (const seed of seeds) {
    const t0 = performance.now();
    const fitted = await ENGINES['ar-cart'].fit(data.train, data.schema, { seed });
    const fitSeconds = (performance.now() - t0) / 1000;
    if (!skipPlain) {
      const plain = await fitted.sample(n, {}, seed + 1000);
      runs['ar-cart'].push(scores(data, plain, seed, fitSeconds));
    }
    const refined = await refineSample((rows, s) => fitted.sample(rows, {}, s), data.train, data.schema, n, { ...refineOptions, seed });
    const r = scores(data, refined.table, seed, fitSeconds + refined.seconds);
    runs['ar-cart-refined'].push({ ...r, poolAuc0: refined.refinement.rounds[0].auc, poolAucLast: refined.refinement.rounds.at(-1)!.auc, refineSeconds: refined.seconds, effectiveShare: refined.refinement.effectiveShare, guardReplaced: refined.guard?.replaced ?? 0, guardReplacedClose: refined.guard?.replacedClose ?? 0, guardMedianBefore: refined.guard?.medianBefore ?? NaN, guardReferenceMedian: refined.guard?.referenceMedian ?? NaN });
    process.stderr.write(`refine bench seed ${seed}: ${JSON.stringify({ plain: runs['ar-cart'].at(-1), refined: runs['ar-cart-refined'].at(-1) })}\n`);
  }
  const records: [string, string, string][] = [
    ['quality.uci.detection_full', 'detection', 'score'],
    ['quality.uci.column_shapes', 'columnShapes', 'score'],
    ['quality.uci.pair_trends', 'pairTrends', 'score'],
    ['utility.uci.tstr_auc', 'tstrAuc', 'auc'],
    ['privacy.uci.dcr_ratio', 'dcrRatio', 'ratio'],
    ['privacy.uci.close_share_q02', 'closeShareQ02', 'share'],
    ['privacy.uci.exact_copies', 'exactCopies', 'rows'],
    ['train.uci.seconds', 'trainSeconds', 's'],
  ];
  for (const [engine, rs] of Object.entries(runs)) {
    if (rs.length === 0) continue;
    for (const [name, key, unit] of records) {
      emit({
        name: `${name}.${engine}`,
        value: median(rs.map((r) => r[key])),
        unit,
        where: 'node',
        engine,
        seeds: seeds.length,
        split: data === full ? 'UCI 80/20 test split' : 'validation (80/20 of the training rows)',
        per_seed: rs.map((r) => r[key]),
        detector: 'GBDT tuned as a detector, every row up to 30,000 a side, 3 folds',
        ...(engine === 'ar-cart-refined' ? { refine: 'pool 10 candidates per row, up to 3 rounds, 3 folds; inclusion probabilities raked to the real marginals, range ends kept, systematic draw; distance guard swapping as few rows as needed for matched neighbours' } : {}),
      });
    }
  }
}
