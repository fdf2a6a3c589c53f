/**
 * The training probe: every few epochs, generate PROBE_ROWS rows and score them against real
 * reference rows with the quality report's column shapes (KS / TV complement) and column pair
 * trends; their mean is the checkpoint score. The reference rows should be a validation part of
 * the training rows that the GAN does not fit (see train-loop.ts, validation-rows.ts), so the
 * checkpoint is not chosen on the rows the figures are later reported on.
 */
import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../data/schema';
import type { DataTransformer } from '../transform/data-transformer';
import { qualityReport, type QualityColumn } from '../quality';
import { createRng, shuffledIndices } from '../util/random';
import type { GanTrainer } from './trainer';
import { isNumericRole } from './probe-columns';

/** rows generated per quality probe */
export const PROBE_ROWS = 1000;
/** at most this many reference rows are compared with them */
export const PROBE_REAL_ROWS = 2000;

export interface ProbeResult {
  /** mean KS / TV complement over the probe columns */
  columnShapes: number;
  /** mean correlation / contingency similarity over their pairs (column shapes when there is no pair) */
  pairTrends: number;
  /** mean of the two: the checkpoint score */
  score: number;
  seconds: number;
  /** the reference and generated values of every column asked for (live view) */
  real: Record<string, unknown[]>;
  generated: Record<string, unknown[]>;
}

export type QualityProbe = (trainer: GanTrainer) => Promise<ProbeResult>;

export interface ProbeOptions {
  /** real rows the generated ones are compared with (a validation part of the training rows) */
  reference: ColumnTable;
  schema: DatasetSchema;
  transformer: DataTransformer;
  seed: number;
  /** the scored columns (probe-columns.ts probeColumns) */
  columns: readonly string[];
  /** further columns whose values the result carries (live histograms, scatter) */
  extraColumns?: readonly string[];
}

/** The probe's fixed parts (reference sample, columns, seed) and a function running one probe. */
export function createQualityProbe(o: ProbeOptions): QualityProbe {
  const rng = createRng((o.seed + 1013) >>> 0);
  const order = shuffledIndices(o.reference.numRows(), rng);
  const realRows = Array.from(order.subarray(0, Math.min(PROBE_REAL_ROWS, o.reference.numRows())));
  const roleOf = new Map(o.schema.columns.map((c) => [c.name, c.role]));
  const qualityColumns: QualityColumn[] = o.columns.map((name) => ({ name, kind: isNumericRole(roleOf.get(name)!) ? 'continuous' : 'discrete' }));
  const needed = [...new Set([...o.columns, ...(o.extraColumns ?? [])])];
  const real: Record<string, unknown[]> = {};
  for (const name of needed) {
    const src = o.reference.array(name) as ArrayLike<unknown>;
    real[name] = realRows.map((i) => src[i]);
  }
  const probeSeed = (o.seed + 7919) >>> 0;
  return async (trainer) => {
    const t0 = performance.now();
    const synth = o.transformer.inverse(await trainer.sample(PROBE_ROWS, undefined, probeSeed), PROBE_ROWS);
    const generated: Record<string, unknown[]> = {};
    for (const name of needed) generated[name] = Array.from(synth.array(name) as ArrayLike<unknown>);
    const report = qualityReport(real as never, generated as never, qualityColumns);
    const columnShapes = report.columnShapes;
    const pairTrends = Number.isNaN(report.columnPairTrends) ? columnShapes : report.columnPairTrends;
    return { columnShapes, pairTrends, score: (columnShapes + pairTrends) / 2, seconds: (performance.now() - t0) / 1000, real, generated };
  };
}
