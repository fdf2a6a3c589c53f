/**
 * Issue 18 diagnosis: what the full-strength detector uses to tell the sequential-trees engine's
 * rows from real ones, on the validation split (80/20 of the UCI training rows), no refinement.
 * `node --import tsx bench/engine-diag.ts '{"minLeaf":10}' [seed]` prints the detection score, the
 * columns by GBDT importance with their single-column AUC, and the pairs with the most lift.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { ENGINES } from '../src/core/engines';
import { detectionScore } from '../src/core/quality/detection';
import { qualityReport } from '../src/core/quality/qualityReport';
import type { QualityColumn } from '../src/core/quality/types';
import { stratifiedSplit } from '../src/core/data/split';
import { takeRows } from '../src/core/data/eda/columns';
import { uciSplit } from './uci-split';
import type { ColumnTable } from 'arquero';

const options = JSON.parse(process.argv[2] ?? '{}');
const seed = Number(process.argv[3] ?? 0);
const full = await uciSplit(() => Readable.toWeb(createReadStream('public/samples/uci_credit_card_default.csv')) as ReadableStream<Uint8Array>);
const labels = full.train.array(full.schema.target!) as ArrayLike<string | null>;
const split = stratifiedSplit(labels, { testFraction: 0.2, seed: 1 });
const train = takeRows(full.train, split.train);
const cols = (t: ColumnTable) => Object.fromEntries(t.columnNames().map((n) => [n, t.array(n) as ArrayLike<string | number | null>]));
const qc: QualityColumn[] = full.schema.columns.map((c) => ({ name: c.name, kind: c.role === 'categorical' ? 'discrete' : 'continuous' }));
const t0 = performance.now();
const fitted = await ENGINES['ar-cart'].fit(train, full.schema, { ...options, seed });
const synth = await fitted.sample(train.numRows(), {}, seed + 1000);
const fitSeconds = (performance.now() - t0) / 1000;
const q = qualityReport(cols(train), cols(synth), qc);
const d = detectionScore(cols(train), cols(synth), qc, { seed, pairColumns: Number(process.env.PAIRS ?? 6) });
const top = d.columns.slice(0, 12).map((c) => `${c.column} imp ${c.importance.toFixed(3)} auc1 ${c.singleColumnAuc.toFixed(3)}`);
const pairs = d.pairs.slice(0, 8).map((p) => `${p.column1}×${p.column2} auc ${p.auc.toFixed(3)} lift ${p.lift.toFixed(3)}`);
console.log(JSON.stringify({ options, seed, detection: d.score, auc: d.meanAuc, shapes: q.columnShapes, pairs: q.columnPairTrends, fitSeconds, detSeconds: d.seconds }));
if (process.env.PAIRSCORES) {
  const worst = q.pairs.slice().sort((a, b) => a.score - b.score).slice(0, 12);
  console.log(worst.map((p) => `${p.column1}×${p.column2} ${p.score.toFixed(3)} ${p.metric} r ${p.realCorrelation?.toFixed(3)} s ${p.syntheticCorrelation?.toFixed(3)}`).join('\n'));
}
if (process.env.TAILS) {
  for (const c of qc.filter((c) => c.kind === 'continuous')) {
    const r = Float64Array.from(train.array(c.name) as ArrayLike<number>).sort();
    const s = Float64Array.from(synth.array(c.name) as ArrayLike<number>).sort();
    const q = (a: Float64Array, p: number) => a[Math.min(a.length - 1, Math.floor(p * a.length))];
    console.log(`${c.name} min ${r[0]}/${s[0]} q999 ${q(r, 0.999)}/${q(s, 0.999)} max ${r.at(-1)}/${s.at(-1)}`);
  }
}
if (!process.env.QUIET) console.log(top.join('\n') + '\n--\n' + pairs.join('\n'));
