/**
 * `npm run bench` (`-- --quick` for a short run): prints one JSON record per line.
 * Speed is measured here, never asserted in tests.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emit, emitSynthesisRecords } from './record';
import { openBenchPage } from './browser';
import { nodeBenches } from './node-benches';
import { soak } from './soak';
import { seqBenches } from './seq';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const wanted = (group: string) => !only || only.split(',').includes(group);

type BenchWindow = { bench: Record<string, (...args: unknown[]) => Promise<Record<string, number> & { note?: string }>> };

async function browserBenches(): Promise<void> {
  if (!['load', 'eda', 'gan', 'engine'].some(wanted)) return;
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
      const long = await b.page.evaluate(() => (window as unknown as BenchWindow).bench.loadLongField(6));
      emit({ name: 'load.long_field6mb.mb_per_s', value: long.mb / long.parseSeconds, unit: 'MB/s', where: 'chromium', seconds: long.parseSeconds, against: 'load.uci.mb_per_s' });
    }
    if (wanted('eda')) {
      const uci = await b.page.evaluate(() => (window as unknown as BenchWindow).bench.eda(30_000));
      emit({ name: 'eda.uci.seconds', value: uci.seconds, unit: 's', where: 'chromium', rows: uci.rows, what: 'quality report + summary + per-column target-rate histograms + association matrix' });
      const big = await b.page.evaluate(() => (window as unknown as BenchWindow).bench.eda(300_000));
      emit({ name: 'eda.rows300k.seconds', value: big.seconds, unit: 's', where: 'chromium', rows: big.rows });
    }
    if (wanted('gan')) {
      // software WebGL/WebGPU (no GPU here) and the cpu backend take seconds per step: one step each
      const plan: [string, number][] = quick ? [['wasm', 3]] : [['wasm', 24], ['webgl', 1], ['webgpu', 1], ['cpu', 1]];
      for (const [backend, steps] of plan) {
        try {
          const r = await b.page.evaluate(([be, n]) => (window as unknown as BenchWindow).bench.ganSpeed(be, n), [backend, steps] as const);
          emit({ name: `gan.uci.s_per_epoch.${backend}`, value: r.sPerEpoch, unit: 's', where: 'chromium', steps_measured: r.stepsMeasured, steps_per_epoch: r.stepsPerEpoch, s_per_step: r.sPerStep, discriminator_share: r.dShare, adapter: r.note, simd_kernels: r.simdKernels, simd_products: r.simdProducts });
          emit({ name: `gan.uci.s_per_step.${backend}`, value: r.sPerStep, unit: 's', where: 'chromium', steps_measured: r.stepsMeasured, kernels_per_step: r.kernelsPerStep });
        } catch (e) {
          process.stderr.write(`gan.uci.s_per_epoch.${backend} (chromium): ${(e as Error).message}\n`);
        }
      }
    }
    if (wanted('engine')) {
      // issue 10's bar is the median of 3 seeds in headless Chromium
      const engine = 'ar-cart';
      const seeds = quick ? [0] : [0, 1, 2];
      const runs: Record<string, number>[] = [];
      for (const seed of seeds) runs.push(await b.page.evaluate(([e, s]) => (window as unknown as BenchWindow).bench.engineRun(e, s), [engine, seed] as const));
      emitSynthesisRecords(engine, runs, 'chromium', { seeds: seeds.length });
    }
  } finally {
    await b.close();
  }
}

await browserBenches();
await nodeBenches(root, quick, wanted);
if (wanted('seq')) await seqBenches(root, quick);
if (wanted('soak')) await soak({ epochs: quick ? 200 : 1000 });
