/**
 * Diagnosis of the DP engine's pair trends on a validation part of the UCI training rows (the
 * test split chooses nothing): pair trends split by pair type (continuous-continuous,
 * categorical-categorical, mixed), per numeric column the real and synthetic min and max and the
 * mean of its mixed pairs (-v), the worst CorrelationSimilarity pairs (--worst).
 * `--oracle-range` sets each synthetic column's min and max to the real ones (two values per
 * column, outside any privacy budget: a diagnostic only, never in the engine) to show how much of
 * the gap is the metric binning each table between its own min and max.
 *   node --import tsx bench/dp-diag.ts '{"bins":12}' -v --eps=1,10 --seeds=2
 */
import { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { uciSplit, type UciSplit } from './uci-split';
import { dpMstEngine, type DpMstOptions } from '../src/core/engines';
import { stratifiedSplit } from '../src/core/data/split';
import { takeRows } from '../src/core/data/eda/columns';
import { qualityReport } from '../src/core/quality/qualityReport';
import type { QualityColumn } from '../src/core/quality/types';

const data = await uciSplit(() => Readable.toWeb(createReadStream('public/samples/uci_credit_card_default.csv')) as ReadableStream<Uint8Array>);
const labels = data.train.array(data.schema.target!) as ArrayLike<string | null>;
const sp = stratifiedSplit(labels, { testFraction: 0.2, seed: 7 });
const inner: UciSplit = { train: takeRows(data.train, sp.train), test: takeRows(data.train, sp.test), schema: data.schema };
const opts: Partial<DpMstOptions> = JSON.parse(process.argv[2] ?? '{}');
const verbose = process.argv.includes('-v');
const eps = (process.argv.find((a) => a.startsWith('--eps='))?.slice(6) ?? '1').split(',').map(Number);
const seeds = [0, 1, 2].slice(0, Number(process.argv.find((a) => a.startsWith('--seeds='))?.slice(8) ?? 2));
const qc: QualityColumn[] = data.schema.columns.map((c) => ({ name: c.name, kind: c.role === 'categorical' ? 'discrete' : 'continuous' }));
const kind = new Map(qc.map((c) => [c.name, c.kind]));
type Columns = Record<string, ArrayLike<string | number | null>>;
interface TableLike {
  columnNames(): string[];
  array(name: string): unknown;
}
const cols = (t: TableLike): Columns => Object.fromEntries(t.columnNames().map((n) => [n, t.array(n) as ArrayLike<string | number | null>]));
for (const e of eps) for (const seed of seeds) {
  const t0 = performance.now();
  const f = await dpMstEngine.fit(inner.train, inner.schema, { ...opts, epsilon: e, delta: 1e-6, seed });
  const s = await f.sample(inner.train.numRows(), {}, seed + 1000);
  const fit = (performance.now() - t0) / 1000;
  let s2: TableLike = s;
  if (process.argv.includes('--oracle-range')) {
    const upd: Columns = {};
    for (const c of qc.filter((c) => c.kind === 'continuous')) {
      const r = Array.from(inner.train.array(c.name) as ArrayLike<number>).filter(Number.isFinite);
      const y = Float64Array.from(s.array(c.name) as ArrayLike<number>);
      let lo = 0, hi = 0; for (let i = 0; i < y.length; i++) { if (y[i] < y[lo]) lo = i; if (y[i] > y[hi]) hi = i; }
      y[lo] = Math.min(...r); y[hi] = Math.max(...r); upd[c.name] = y;
    }
    const o = { ...cols(s), ...upd };
    s2 = { columnNames: () => Object.keys(o), array: (n: string) => o[n] };
  }
  const q = qualityReport(cols(inner.train), cols(s2), qc);
  const by: Record<string, number[]> = { cc: [], dd: [], mix: [] };
  const perCol: Record<string, number[]> = {};
  for (const p of q.pairs) {
    const k1 = kind.get(p.column1), k2 = kind.get(p.column2);
    const t = k1 === 'continuous' && k2 === 'continuous' ? 'cc' : k1 === 'discrete' && k2 === 'discrete' ? 'dd' : 'mix';
    by[t].push(p.score);
    if (t === 'mix') { const c = k1 === 'continuous' ? p.column1 : p.column2; (perCol[c] ??= []).push(p.score); }
  }
  const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
  console.log(`eps ${e} seed ${seed}: pairs ${q.columnPairTrends.toFixed(3)} shapes ${q.columnShapes.toFixed(3)} cc ${mean(by.cc).toFixed(3)} dd ${mean(by.dd).toFixed(3)} mix ${mean(by.mix).toFixed(3)} fit ${fit.toFixed(1)}s`);
  if (process.argv.includes('--worst')) for (const p of [...q.pairs].sort((a, b) => a.score - b.score).filter((p) => p.metric === "CorrelationSimilarity").slice(0, 25)) console.log(`  ${p.column1}-${p.column2} ${p.score.toFixed(3)} ${p.realCorrelation?.toFixed(2) ?? ''} ${p.syntheticCorrelation?.toFixed(2) ?? ''}`);
  if (verbose) for (const c of qc.filter((c) => c.kind === 'continuous')) {
    const r = Array.from(inner.train.array(c.name) as ArrayLike<number>).filter(Number.isFinite);
    const y = Array.from(s2.array(c.name) as ArrayLike<number>).filter(Number.isFinite);
    const mm = (a: number[]) => [Math.min(...a), Math.max(...a)];
    const sh = q.columns.find((x) => x.column === c.name)!.score;
    console.log(`  ${c.name.padEnd(10)} real [${mm(r).join(', ')}] synth [${mm(y).map((v) => v.toFixed(0)).join(', ')}] mix ${mean(perCol[c.name]).toFixed(3)} shape ${sh.toFixed(3)}`);
  }
}
