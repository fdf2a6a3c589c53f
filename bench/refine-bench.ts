/**
 * Issue 18: the default engine (ar-cart) and the same engine refined against a detector
 * (core/quality/refine, the function the Validate screen runs), on the UCI 80/20 split, each
 * scored with the app's full-strength detector (every row up to 30,000 a side), median of seeds.
 * `npm run bench -- --only=refine` (`--quick`: one seed; `--refine-seeds=1` picks seeds).
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

export async function refineBenches(data: UciSplit, quick: boolean): Promise<void> {
  const flag = process.argv.find((a) => a.startsWith('--refine-seeds='))?.slice(15);
  const seeds = flag ? flag.split(',').map(Number) : quick ? [0] : [0, 1, 2];
  const runs: Record<string, Record<string, number>[]> = { 'ar-cart': [], 'ar-cart-refined': [] };
  const n = data.train.numRows();
  for (const seed of seeds) {
    const t0 = performance.now();
    const fitted = await ENGINES['ar-cart'].fit(data.train, data.schema, { seed });
    const fitSeconds = (performance.now() - t0) / 1000;
    const plain = await fitted.sample(n, {}, seed + 1000);
    runs['ar-cart'].push(scores(data, plain, seed, fitSeconds));
    const refined = await refineSample((rows, s) => fitted.sample(rows, {}, s), data.train, data.schema, n, { seed });
    const r = scores(data, refined.table, seed, fitSeconds + refined.seconds);
    runs['ar-cart-refined'].push({ ...r, poolAuc0: refined.refinement.rounds[0].auc, poolAucLast: refined.refinement.rounds.at(-1)!.auc });
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
    for (const [name, key, unit] of records) {
      emit({
        name: `${name}.${engine}`,
        value: median(rs.map((r) => r[key])),
        unit,
        where: 'node',
        engine,
        seeds: seeds.length,
        per_seed: rs.map((r) => r[key]),
        detector: 'GBDT tuned as a detector, every row up to 30,000 a side, 3 folds',
        ...(engine === 'ar-cart-refined' ? { refine: 'pool 6 candidates per row, 2 rounds, 3 folds, marginals raked' } : {}),
      });
    }
  }
}
