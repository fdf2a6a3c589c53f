/**
 * `npm run bench` (`-- --quick` for a short run): prints one JSON record per line.
 * Speed is measured here, never asserted in tests.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emit } from './record';
import { openBenchPage } from './browser';
import { nodeGanBenches } from './node-benches';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const wanted = (group: string) => !only || only.split(',').includes(group);

type BenchWindow = { bench: Record<string, (...args: unknown[]) => Promise<Record<string, number>>> };

async function browserBenches(): Promise<void> {
  const b = await openBenchPage(root);
  try {
    if (wanted('load')) {
      const uci = await b.page.evaluate(() => (window as unknown as BenchWindow).bench.loadUci());
      emit({ name: 'load.uci.mb_per_s', value: uci.mb / uci.parseSeconds, unit: 'MB/s', where: 'chromium', seconds: uci.parseSeconds, rows: uci.rows, schema_seconds: uci.schemaSeconds });
      const mb = quick ? 20 : 100;
      const big = await b.page.evaluate((n) => (window as unknown as BenchWindow).bench.loadGenerated(n), mb);
      const label = quick ? 'csv20mb' : 'csv100mb';
      emit({ name: `load.${label}.seconds`, value: big.parseSeconds, unit: 's', where: 'chromium', mb: big.mb, rows: big.rows, mb_per_s: big.mb / big.parseSeconds, schema_seconds: big.schemaSeconds });
      emit({ name: `load.${label}.peak_heap_mb`, value: big.peakHeapMb, unit: 'MB', where: 'chromium', mb: big.mb });
    }
  } finally {
    await b.close();
  }
}

await browserBenches();
if (wanted('gan')) await nodeGanBenches(root, quick);
