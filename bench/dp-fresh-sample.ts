/**
 * What a perfect generator scores: the quality report of the UCI training rows against a fresh
 * sample of the same distribution (the held-out rows), and against the training rows less the one
 * row holding each numeric column's minimum or maximum. Pair trends bin each numeric column
 * between each table's own min and max, so single extreme rows move the figure: a differentially
 * private engine cannot learn them (one row's influence is what it bounds).
 *   node --import tsx bench/dp-fresh-sample.ts
 */
import { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { uciSplit } from './uci-split';
import { qualityReport } from '../src/core/quality/qualityReport';
import type { QualityColumn } from '../src/core/quality/types';
import { stratifiedSplit } from '../src/core/data/split';
import { takeRows } from '../src/core/data/eda/columns';
import type { ColumnTable } from 'arquero';
import { median } from '../src/core/util/median';

const data = await uciSplit(() => Readable.toWeb(createReadStream('public/samples/uci_credit_card_default.csv')) as ReadableStream<Uint8Array>);
const qc: QualityColumn[] = data.schema.columns.map((c) => ({ name: c.name, kind: c.role === 'categorical' ? 'discrete' : 'continuous' }));
const kind = new Map(qc.map((c) => [c.name, c.kind]));
const cols = (t: ColumnTable) => Object.fromEntries(t.columnNames().map((n) => [n, t.array(n) as ArrayLike<string | number | null>]));
function report(label: string, real: ColumnTable, other: ColumnTable) {
  const q = qualityReport(cols(real), cols(other), qc);
  const by: Record<string, number[]> = { cc: [], dd: [], mix: [] };
  for (const p of q.pairs) {
    const k1 = kind.get(p.column1), k2 = kind.get(p.column2);
    by[k1 === 'continuous' && k2 === 'continuous' ? 'cc' : k1 === 'discrete' && k2 === 'discrete' ? 'dd' : 'mix'].push(p.score);
  }
  const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
  const line = { label, pairs: +q.columnPairTrends.toFixed(4), shapes: +q.columnShapes.toFixed(4), cc: +mean(by.cc).toFixed(4), dd: +mean(by.dd).toFixed(4), mix: +mean(by.mix).toFixed(4) };
  console.log(JSON.stringify(line));
  return q.columnPairTrends;
}
report('uci train (24000) vs held-out test rows (6000)', data.train, data.test);
const labels = data.train.array(data.schema.target!) as ArrayLike<string | null>;
const sp = stratifiedSplit(labels, { testFraction: 0.2, seed: 7 });
report('validation: inner train (19200) vs inner validation rows (4800)', takeRows(data.train, sp.train), takeRows(data.train, sp.test));
// two disjoint halves of all 30,000 rows: the same size, the same distribution
const all = data.train.concat(data.test);
const allLabels = all.array(data.schema.target!) as ArrayLike<string | null>;
const halves: number[] = [];
for (let seed = 1; seed <= 10; seed++) {
  const h = stratifiedSplit(allLabels, { testFraction: 0.5, seed });
  halves.push(report(`two halves of all rows (15000 each), seed ${seed}`, takeRows(all, h.train), takeRows(all, h.test)));
}
console.log(JSON.stringify({ label: 'two halves, seeds 1-10', median_pairs: median(halves), min: Math.min(...halves), max: Math.max(...halves) }));
// the training rows less one row: the row holding the extreme of each numeric column, one at a time
for (const c of qc.filter((c) => c.kind === 'continuous')) {
  const v = data.train.array(c.name) as ArrayLike<number>;
  let lo = 0, hi = 0;
  for (let i = 0; i < v.length; i++) { if (v[i] < v[lo]) lo = i; if (v[i] > v[hi]) hi = i; }
  for (const [end, drop] of [['min', lo], ['max', hi]] as const) {
    const keep = Array.from({ length: v.length }, (_, i) => i).filter((i) => i !== drop);
    report(`uci train vs itself less the row of ${c.name}'s ${end} (${v[drop]})`, data.train, takeRows(data.train, keep));
  }
}
