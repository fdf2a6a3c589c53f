/**
 * The steps before the first epoch, shared by the app's worker and the benchmark: hold out the
 * validation rows, fit the data transformer on the rest (unless a saved one is given), encode,
 * build the conditional sampler, and the probe that scores checkpoints on the validation rows
 * with the app's column rule (probe-columns.ts).
 */
import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../data/schema';
import { DataTransformer, fitDataTransformer } from '../transform/data-transformer';
import { createRng } from '../util/random';
import { ConditionalSampler } from './conditional-sampler';
import { createQualityProbe, type QualityProbe } from './quality-probe';
import { defaultLiveColumns, defaultScatterPair, probeColumns } from './probe-columns';
import { splitValidationRows } from './validation-rows';

export interface ProbeView {
  liveColumns: string[];
  scatterPair: [string, string] | null;
  target: string | null;
}

/** The app's default live view (and so probe columns) for a schema: what the training plan proposes. */
export function defaultProbeView(schema: DatasetSchema, train: ColumnTable): ProbeView {
  const names = schema.columns.map((c) => c.name);
  return { liveColumns: defaultLiveColumns(names), scatterPair: defaultScatterPair(schema, train), target: schema.target && names.includes(schema.target) ? schema.target : null };
}

export interface EncodedTraining {
  fit: ColumnTable;
  validation: ColumnTable | null;
  transformer: DataTransformer;
  encoded: Float32Array;
  /** rows the GAN fits */
  rows: number;
  sampler: ConditionalSampler | null;
}

/** Hold out the validation rows of `train` (modelled columns only) and encode the rest. */
export function encodeForTraining(train: ColumnTable, schema: DatasetSchema, o: { seed: number; maxModes: number; transformer?: DataTransformer }): EncodedTraining {
  const { fit, validation } = splitValidationRows(train, o.seed);
  const transformer = o.transformer ?? fitDataTransformer(fit, schema, { seed: o.seed, mixture: { maxModes: o.maxModes } });
  const rows = fit.numRows();
  const encoded = transformer.transform(fit, createRng((o.seed ^ 0x5eed) >>> 0));
  const layout = transformer.layout;
  const sampler = layout.condWidth > 0 ? ConditionalSampler.fromEncoded(encoded, rows, layout) : null;
  return { fit, validation, transformer, encoded, rows, sampler };
}

/** The checkpoint probe on the validation rows (the fitted rows only when too few were held out). */
export function validationProbe(t: EncodedTraining, schema: DatasetSchema, seed: number, view: ProbeView): QualityProbe {
  return createQualityProbe({
    reference: t.validation ?? t.fit,
    schema,
    transformer: t.transformer,
    seed,
    columns: probeColumns(schema, view),
    extraColumns: [...view.liveColumns, ...(view.scatterPair ?? [])],
  });
}
