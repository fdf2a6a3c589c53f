import { median } from '../src/core/util/median';

/** One benchmark result: printed as one JSON object per line. */
export interface BenchRecord {
  name: string;
  value: number;
  unit: string;
  where: 'node' | 'chromium';
  [extra: string]: unknown;
}

export function emit(record: BenchRecord): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

/**
 * The quality, utility and privacy records of one synthesizer (issues 5 and 10), each the
 * median over the runs (seeds) given. `engine` is 'gan' or a second engine's short name.
 */
export function emitSynthesisRecords(engine: string, runs: Record<string, number>[], where: 'node' | 'chromium', extra: Record<string, unknown> = {}): void {
  const m = (k: string) => median(runs.map((r) => r[k]));
  const common = { where, engine, runs: runs.length, ...extra };
  const rows: [string, string, string][] = [
    ['quality.uci.column_shapes', 'columnShapes', 'score'],
    ['quality.uci.pair_trends', 'pairTrends', 'score'],
    ['quality.uci.strong_pairs', 'strongPairs', 'score'],
    ['quality.uci.detection', 'detection', 'score'],
    ['utility.uci.tstr_auc', 'tstrAuc', 'auc'],
    ['utility.uci.tstr_auc_lr', 'tstrAucLr', 'auc'],
    ['utility.uci.trtr_auc_lr', 'trtrAucLr', 'auc'],
    ['privacy.uci.dcr_ratio', 'dcrRatio', 'ratio'],
    ['privacy.uci.exact_copies', 'exactCopies', 'rows'],
    ['quality.uci.negative_pay_amt_share', 'negativePayAmtShare', 'share'],
    ['quality.uci.max_zero_share_gap', 'maxZeroShareGap', 'share'],
    ['train.uci.seconds', 'trainSeconds', 's'],
    ['generate.rows_per_s', 'generateRowsPerSecond', 'rows/s'],
  ];
  for (const [name, key, unit] of rows) {
    emit({ name: `${name}.${engine}`, value: m(key), unit, ...common });
    // issue 5 names the GAN's records without the engine suffix
    if (engine === 'gan' && !name.startsWith('train.')) emit({ name, value: m(key), unit, ...common });
  }
}
