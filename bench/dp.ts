/**
 * The differentially private engine (issue 19) on the UCI 80/20 split: utility and quality at
 * epsilon 1 and 10, the membership-inference AUC at epsilon 1 with its 95 % interval, and the
 * fit time; each the median of 3 seeds. `--dp-tune` instead compares settings on a validation
 * part of the training rows (the test split chooses nothing).
 */
import type { UciSplit } from './uci-split';
import { emit } from './record';
import { scoreSynthetic } from './synthetic-scores';
import { dpMstEngine, type DpMstOptions } from '../src/core/engines';
import { stratifiedSplit } from '../src/core/data/split';
import { takeRows } from '../src/core/data/eda/columns';
import { median } from '../src/core/util/median';

/** Half-width of the 95 % interval of an AUC of 0.5 with m positives and k negatives (Hanley & McNeil 1982). */
export function nullAucHalfWidth(m: number, k: number): number {
  const a = 0.5;
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  const v = (a * (1 - a) + (m - 1) * (q1 - a * a) + (k - 1) * (q2 - a * a)) / (m * k);
  return 1.96 * Math.sqrt(v);
}

async function run(data: UciSplit, options: Partial<DpMstOptions>, seed: number) {
  const t0 = performance.now();
  const fitted = await dpMstEngine.fit(data.train, data.schema, { ...options, seed });
  const fitSeconds = (performance.now() - t0) / 1000;
  const synthetic = await fitted.sample(data.train.numRows(), {}, seed + 1000);
  return { ...scoreSynthetic(data, synthetic, seed), fitSeconds, guarantee: fitted.privacyGuarantee!() };
}

export async function dpBenches(data: UciSplit, quick: boolean): Promise<void> {
  if (process.argv.includes('--dp-tune')) return dpTune(data);
  const seeds = quick ? [0] : [0, 1, 2];
  for (const epsilon of [1, 10]) {
    const runs: Awaited<ReturnType<typeof run>>[] = [];
    for (const seed of seeds) {
      const r = await run(data, { epsilon, delta: 1e-6 }, seed);
      process.stderr.write(`dp eps ${epsilon} seed ${seed}: tstr ${r.tstrAuc.toFixed(3)} pairs ${r.pairTrends.toFixed(3)} shapes ${r.columnShapes.toFixed(3)} mia ${r.miaAuc.toFixed(3)} fit ${r.fitSeconds.toFixed(1)} s\n`);
      runs.push(r);
    }
    const m = (k: 'tstrAuc' | 'pairTrends' | 'columnShapes' | 'miaAuc' | 'fitSeconds') => median(runs.map((r) => r[k]));
    const g = runs[0].guarantee;
    const common = { where: 'node' as const, engine: 'dp-mst', epsilon, delta: g.delta, rho: g.rho, seeds: seeds.length, per_seed: undefined as unknown };
    const tag = `eps${epsilon}`;
    emit({ name: `dp.uci.tstr_auc.${tag}`, value: m('tstrAuc'), unit: 'auc', ...common, per_seed: runs.map((r) => r.tstrAuc), model: 'gbdt' });
    emit({ name: `dp.uci.pair_trends.${tag}`, value: m('pairTrends'), unit: 'score', ...common, per_seed: runs.map((r) => r.pairTrends) });
    if (epsilon === 1) {
      emit({ name: `dp.uci.shapes.${tag}`, value: m('columnShapes'), unit: 'score', ...common, per_seed: runs.map((r) => r.columnShapes) });
      const half = nullAucHalfWidth(runs[0].miaMembers, runs[0].miaNonMembers);
      const mia = m('miaAuc');
      emit({ name: `dp.uci.mia_auc.${tag}`, value: mia, unit: 'auc', ...common, per_seed: runs.map((r) => r.miaAuc), ci95: [0.5 - half, 0.5 + half], within_ci: Math.abs(mia - 0.5) <= half, members: runs[0].miaMembers, non_members: runs[0].miaNonMembers });
      emit({ name: `dp.uci.fit_seconds.${tag}`, value: m('fitSeconds'), unit: 's', ...common, per_seed: runs.map((r) => r.fitSeconds) });
    }
  }
}

/** Settings compared on a validation quarter of the training rows (never the test split), epsilon 1 and 10, seeds 0-1. */
async function dpTune(data: UciSplit): Promise<void> {
  const labels = data.train.array(data.schema.target!) as ArrayLike<string | null>;
  const { train, test } = stratifiedSplit(labels, { testFraction: 0.2, seed: 7 });
  const inner: UciSplit = { train: takeRows(data.train, train), test: takeRows(data.train, test), schema: data.schema };
  const grid = (process.argv.find((a) => a.startsWith('--dp-grid='))?.slice(10) ?? 'bins=8;bins=12;bins=16;bins=24').split(';');
  for (const spec of grid) {
    const options: Partial<DpMstOptions> = {};
    for (const kv of spec.split(',')) {
      const [k, v] = kv.split('=');
      (options as Record<string, number | string>)[k] = Number.isFinite(Number(v)) ? Number(v) : v;
    }
    for (const epsilon of [1, 10]) {
      const runs: Awaited<ReturnType<typeof run>>[] = [];
      for (const seed of [0, 1]) runs.push(await run(inner, { ...options, epsilon, delta: 1e-6 }, seed));
      emit({
        name: 'dp.tune.validation',
        value: median(runs.map((r) => r.tstrAuc)),
        unit: 'auc',
        where: 'node',
        spec,
        epsilon,
        pair_trends: median(runs.map((r) => r.pairTrends)),
        shapes: median(runs.map((r) => r.columnShapes)),
        fit_s: median(runs.map((r) => r.fitSeconds)),
      });
    }
  }
}
