/**
 * Measures every engine on the UCI credit-card data: fit on the 80/20 stratified train split
 * (seed 0), sample as many rows, compare with the real rows. Run from the repository root:
 *
 *   npx tsx src/core/engines/compare-engines.ts [--engines ar-cart,latent-class] [--seeds 0,1,2] [--rows 24000]
 *
 * Prints one line per engine and seed, then the median per engine over the seeds, and the bar.
 */
import type { ColumnTable } from 'arquero';
import { applyTreeEncoder, fitTreeEncoder } from '../risk/features/tree-encoder.ts';
import { fitGbdt, gbdtPredictProba } from '../risk/models/gbdt/gbdt.ts';
import { rocAuc } from '../risk/metrics/rocAuc.ts';
import { detectionScore } from '../quality/detection/detectionScore.ts';
import { qualityReport } from '../quality/qualityReport.ts';
import { privacyReport } from '../quality/privacy/privacyReport.ts';
import { ENGINES } from './registry.ts';
import { columnData, loadUci, PAY_AMT, qualityColumnsOf, uciSchema, uciSplit, UCI_TARGET } from './testing/uci.ts';
import { median } from '../util/median.ts';

interface Row {
  engine: string;
  seed: number;
  fitSeconds: number;
  pairTrends: number;
  strongPairs: number;
  columnShapes: number;
  detection: number;
  tstrAuc: number;
  dcrRatio: number;
  exactCopies: number;
  /** synthetic rows equal to a training row that fewer than 5 training rows share (the copy guard's target: 0) */
  rareCopies: number;
  negativePayAmt: number;
  maxZeroShareGap: number;
}

const METRICS: (keyof Row)[] = [
  'fitSeconds',
  'pairTrends',
  'strongPairs',
  'columnShapes',
  'detection',
  'tstrAuc',
  'dcrRatio',
  'exactCopies',
  'rareCopies',
  'negativePayAmt',
  'maxZeroShareGap',
];

function arg(name: string, fallback: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 && process.argv[k + 1] ? process.argv[k + 1] : fallback;
}

function tstr(synthetic: ColumnTable, test: ColumnTable, features: { name: string; kind: 'numeric' | 'categorical' }[]): number {
  const enc = fitTreeEncoder(synthetic, features);
  const y = Uint8Array.from(synthetic.array(UCI_TARGET) as ArrayLike<string>, (v) => (v === '1' ? 1 : 0));
  const model = fitGbdt(applyTreeEncoder(enc, synthetic), y, { seed: 0 });
  const yTest = Uint8Array.from(test.array(UCI_TARGET) as ArrayLike<string>, (v) => (v === '1' ? 1 : 0));
  return rocAuc(yTest, gbdtPredictProba(model, applyTreeEncoder(enc, test)));
}

function zeroShare(values: ArrayLike<unknown>): number {
  let z = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 0) z++;
  return z / values.length;
}

function measure(
  engine: string,
  seed: number,
  fitSeconds: number,
  synthetic: ColumnTable,
  train: ColumnTable,
  test: ColumnTable,
  modelTrain: ColumnTable = synthetic,
): Row {
  const schema = uciSchema(train);
  const columns = qualityColumnsOf(schema);
  const real = columnData(train);
  const synth = columnData(synthetic);
  const q = qualityReport(real, synth, columns);
  const det = detectionScore(real, synth, columns, { seed, pairColumns: 0 });
  const features = columns.filter((c) => c.name !== UCI_TARGET).map((c) => ({ name: c.name, kind: c.kind === 'discrete' ? ('categorical' as const) : ('numeric' as const) }));
  const priv = privacyReport(real, columnData(test), synth, columns, { seed });
  let negative = 0;
  let cells = 0;
  let gap = 0;
  for (const c of PAY_AMT) {
    const s = synth[c];
    for (let i = 0; i < s.length; i++) if ((s[i] as number) < 0) negative++;
    cells += s.length;
    gap = Math.max(gap, Math.abs(zeroShare(s) - zeroShare(real[c])));
  }
  return {
    engine,
    seed,
    fitSeconds,
    pairTrends: q.columnPairTrends,
    strongPairs: q.strongPairs.columnPairTrends,
    columnShapes: q.columnShapes,
    detection: det.score,
    tstrAuc: tstr(modelTrain, test, features),
    dcrRatio: priv.dcr.ratio,
    exactCopies: priv.exactCopies.count,
    rareCopies: priv.rareCopies.count,
    negativePayAmt: negative / cells,
    maxZeroShareGap: gap,
  };
}

function fmt(r: Partial<Row>): string {
  const f = (k: keyof Row, d: number) => (typeof r[k] === 'number' ? (r[k] as number).toFixed(d) : String(r[k]));
  return [
    `fit ${f('fitSeconds', 1)} s`,
    `pairs ${f('pairTrends', 4)}`,
    `strong ${f('strongPairs', 4)}`,
    `shapes ${f('columnShapes', 4)}`,
    `detection ${f('detection', 3)}`,
    `TSTR ${f('tstrAuc', 4)}`,
    `DCR ratio ${f('dcrRatio', 3)}`,
    `copies ${f('exactCopies', 0)}`,
    `rare copies ${f('rareCopies', 0)}`,
    `neg PAY_AMT ${f('negativePayAmt', 4)}`,
    `max |zero gap| ${f('maxZeroShareGap', 4)}`,
  ].join(' | ');
}

async function main(): Promise<void> {
  const engines = arg('engines', Object.keys(ENGINES).join(',')).split(',');
  const seeds = arg('seeds', '0').split(',').map(Number);
  const table = loadUci();
  const { train, test } = uciSplit(table, 0);
  const schema = uciSchema(train);
  const nRows = Number(arg('rows', String(train.numRows())));
  const extra = JSON.parse(arg('options', '{}')) as Record<string, unknown>;
  console.log(`UCI: train ${train.numRows()} rows, test ${test.numRows()} rows; ${nRows} synthetic rows per run`);

  if (arg('baseline', 'yes') === 'yes') {
    // the yardstick: real held-out rows measured like a synthetic table (TSTR here = train on real
    // train, test on real test). Pair trends of real vs real are low because SDMetrics bins each
    // continuous column over each table's own range, and the test split's extremes differ.
    console.log(`real test split (baseline) | ${fmt(measure('real-test', 0, 0, test, train, test, train))}`);
  }
  const rows: Row[] = [];
  for (const name of engines) {
    const engine = ENGINES[name];
    if (!engine) throw new Error(`unknown engine ${name}; known: ${Object.keys(ENGINES).join(', ')}`);
    for (const seed of seeds) {
      const t0 = performance.now();
      const fitted = await engine.fit(train, schema, { ...extra, seed });
      const fitSeconds = (performance.now() - t0) / 1000;
      const synthetic = await fitted.sample(nRows, {}, seed + 1000);
      const r = measure(name, seed, fitSeconds, synthetic, train, test);
      rows.push(r);
      console.log(`${name} seed ${seed} | ${fmt(r)}`);
    }
    const mine = rows.filter((r) => r.engine === name);
    const med: Partial<Row> = {};
    for (const k of METRICS) (med as Record<string, number>)[k] = median(mine.map((r) => r[k] as number));
    console.log(`${name} MEDIAN of ${mine.length} | ${fmt(med)}`);
  }
  console.log(
    'bar: pairs >= 0.95, strong >= 0.95, detection >= 0.30, TSTR >= 0.75, DCR ratio >= 1, copies 0, neg PAY_AMT 0, zero gap <= 0.02, fit <= 180 s',
  );
}

void main();
