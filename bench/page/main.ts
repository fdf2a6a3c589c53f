/**
 * The benchmark page: runs core code in headless Chromium (main thread of this page; the
 * JavaScript engine is the same one the app's worker uses) and reports timings and heap.
 */
import { loadCsv } from '../../src/core/data/load';
import { inferSchema, applySchema } from '../../src/core/data/infer';
import { chooseBackend, type BackendName } from '../../src/worker/backend';
import { uciSplit } from '../uci-split';
import { measureGanSpeed } from '../gan-speed';
import { runEngine } from '../synth-runs';
import { dataQualityReport } from '../../src/core/data/clean';
import { summarize, associationMatrix, histogramWithTargetRate } from '../../src/core/data/eda';
import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../../src/core/data/schema';
import { scoreSynthetic } from '../synthetic-scores';

interface HeapWatch {
  stop(): number;
}

/** Peak used JS heap in MB, sampled every 20 ms (needs --enable-precise-memory-info). */
function watchHeap(): HeapWatch {
  const mem = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
  let peak = mem();
  const timer = setInterval(() => (peak = Math.max(peak, mem())), 20);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, mem());
      return peak / 1024 / 1024;
    },
  };
}

async function timeLoad(blob: Blob, name: string) {
  (globalThis as unknown as { gc?: () => void }).gc?.();
  const heap = watchHeap();
  const t0 = performance.now();
  const result = await loadCsv(() => blob.stream(), { fileName: name, totalBytes: blob.size, maxBytes: 2 * 1024 ** 3 });
  const parseSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const schema = inferSchema(result.table);
  applySchema(result.table, schema);
  const schemaSeconds = (performance.now() - t1) / 1000;
  const peakHeapMb = heap.stop();
  return { rows: result.rowCount, columns: result.columns.length, mb: blob.size / 1024 / 1024, parseSeconds, schemaSeconds, peakHeapMb };
}

/** A CSV of about `mb` megabytes made by repeating the UCI rows (blob parts, no giant string). */
async function generatedCsv(mb: number): Promise<Blob> {
  const text = await (await fetch('../samples/uci_credit_card_default.csv')).text();
  const nl = text.indexOf('\n');
  const header = text.slice(0, nl + 1);
  const body = text.slice(nl + 1);
  const parts: string[] = [header];
  let size = header.length;
  while (size < mb * 1024 * 1024) {
    parts.push(body);
    size += body.length;
  }
  return new Blob(parts, { type: 'text/csv' });
}

const bench = {
  async loadUci() {
    const blob = await (await fetch('../samples/uci_credit_card_default.csv')).blob();
    await timeLoad(blob, 'uci.csv'); // warm-up: JIT and first-touch allocation
    return timeLoad(blob, 'uci.csv');
  },
  /** seconds per epoch of the default CTGAN on the UCI train split, on one backend */
  async ganSpeed(backend: BackendName, steps: number) {
    const status = await chooseBackend(backend);
    if (status.active !== backend) throw new Error(`${backend} could not be initialised (got ${status.active})`);
    const note = status.probes.find((p) => p.name === backend)?.note ?? '';
    const data = await uciSplit(() => {
      const t = new TransformStream<Uint8Array, Uint8Array>();
      void fetch('../samples/uci_credit_card_default.csv').then((r) => r.body!.pipeTo(t.writable));
      return t.readable;
    });
    const r = await measureGanSpeed(data, steps, { fastGradient: backend !== 'cpu' });
    return { ...r, note };
  },
  /** fit a second engine on the UCI train split in this browser, sample, and score it */
  async engineRun(engine: string, seed: number) {
    await chooseBackend('wasm');
    const data = await uciSplit(() => {
      const t = new TransformStream<Uint8Array, Uint8Array>();
      void fetch('../samples/uci_credit_card_default.csv').then((r) => r.body!.pipeTo(t.writable));
      return t.readable;
    });
    const run = await runEngine(data, engine, seed);
    return { ...scoreSynthetic(data, run.synthetic, seed), trainSeconds: run.trainSeconds, generateRowsPerSecond: run.generateRowsPerSecond };
  },
  /** data-quality report + EDA (summary, every column's chart data, association matrix), as the Explore screen computes them */
  async eda(rows: number) {
    const text = await (await fetch('../samples/uci_credit_card_default.csv')).text();
    const nl = text.indexOf('\n');
    const parts = [text];
    for (let n = 30_000; n < rows; n += 30_000) parts.push(text.slice(nl + 1));
    const blob = new Blob(parts);
    const loaded = await loadCsv(() => blob.stream(), { fileName: 'eda.csv' });
    const schema = inferSchema(loaded.table);
    const typed = applySchema(loaded.table, schema);
    const t0 = performance.now();
    edaPass(typed, schema);
    return { seconds: (performance.now() - t0) / 1000, rows: typed.numRows() };
  },
  async loadGenerated(mb: number) {
    const blob = await generatedCsv(mb);
    return timeLoad(blob, `generated-${mb}mb.csv`);
  },
  /** one unquoted field of `mb` megabytes between two short rows: the long-field path of the loader */
  async loadLongField(mb: number) {
    const blob = new Blob(['a,b\n1,', 'x'.repeat(mb << 20), '\n2,3\n'], { type: 'text/csv' });
    return timeLoad(blob, `long-field-${mb}mb.csv`);
  },
};

function edaPass(table: ColumnTable, schema: DatasetSchema): void {
  dataQualityReport(table, schema);
  summarize(table, schema);
  associationMatrix(table, schema);
  for (const c of schema.columns) {
    if (schema.target && c.name !== schema.target && (c.role === 'continuous' || c.role === 'categorical')) {
      histogramWithTargetRate(table, c.name, schema.target, schema.positiveLabel ?? '1');
    }
  }
}

(window as unknown as { bench: typeof bench }).bench = bench;
