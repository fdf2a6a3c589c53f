/**
 * The streams panel of the Validate step: synthetic customers and their streams against the real
 * training customers. Stream fidelity figures and the distributions to draw; detection on
 * per-customer summaries (GBDT, 3 folds, SDMetrics formula); privacy per customer (DCR ratio
 * against customers held out by customer, no copied profile, no real key / name / street
 * replayed); detection on single events (the project's detection metric, capped rows) against
 * held-out real events; the fraud model on streams (TSTR against TRTR on held-out customers,
 * stream-utility.ts's GBDT on history features, the bench's code). Each stage reports progress and checks for cancel in between.
 */
import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../core/data/schema';
import { groupStreams, type StreamSpec } from '../core/engines/sequential';
import { modelledProfileColumns } from '../core/engines/sequential/profile-table';
import { replayCheckByColumn } from '../core/generate/placeholders';
import { takeRows } from '../core/data/eda/columns';
import { yieldToEventLoop } from '../core/engines/engine-data';
import { DetectionStoppedError } from '../core/quality/detection';
import {
  copiedProfiles,
  customerDcrRatio,
  customerDetection,
  customerSummaries,
  eventDetection,
  eventDetectionColumns,
  streamsFraudModel,
  type StreamsFraudModel,
  streamColumnsFor,
  streamDistributions,
  streamFidelity,
  streamView,
  type StreamDistributions,
  type StreamFidelity,
} from '../core/quality/streams';

export interface StreamsReport {
  fidelity: StreamFidelity;
  distributions: StreamDistributions;
  /** which columns the figures read (null = the data has none) */
  columns: { amount: string | null; category: string | null; target: string | null };
  customers: { train: number; heldOut: number; synthetic: number };
  events: { train: number; synthetic: number };
  /** detection on per-customer summaries; error when too few customers for 3 folds */
  detection: { score: number; foldAucs: number[] } | { error: string };
  /** detection on single events (synthetic against held-out real events, else the training ones); error when it cannot run */
  eventDetection: { score: number; meanAuc: number; rowsPerSide: number; against: 'held-out' | 'training'; columns: string[]; giveaways: { column: string; importance: number; singleColumnAuc: number }[] } | { error: string };
  /** the fraud model on streams: TSTR and TRTR on held-out real customers (their later period when the split is by time), or why it was skipped */
  fraudModel: StreamsFraudModel & { laterPeriodFrom: number | null };
  /** null without held-out customers */
  dcr: { ratio: number; syntheticMedian: number; holdoutMedian: number } | null;
  copiedProfiles: number;
  profileColumnsCompared: string[];
  /** cells of the synthetic key and identifier / text profile columns that hold a real value, per column */
  replayed: { column: string; cells: number }[];
}

export interface StreamsReportInput {
  /** all real rows (replay is checked against every one, held-out customers included) */
  all: ColumnTable;
  train: ColumnTable;
  heldOut: ColumnTable | null;
  schema: DatasetSchema;
  spec: StreamSpec;
  /** the joined synthetic table (typed) and its customers table (modelled profile columns) */
  joined: ColumnTable;
  syntheticCustomers: ColumnTable;
  seed: number;
  /** epoch ms where the held-out later period starts (split by time), else null */
  laterPeriodFrom?: number | null;
}

export class StreamsReportCancelled extends Error {
  constructor() {
    super('The streams report was cancelled.');
    this.name = 'StreamsReportCancelled';
  }
}

export async function buildStreamsReport(
  input: StreamsReportInput,
  hooks: { onProgress?: (fraction: number, message: string) => void; shouldStop?: () => boolean } = {},
): Promise<StreamsReport> {
  const { all, train, heldOut, schema, spec, joined, syntheticCustomers, seed } = input;
  const step = async (fraction: number, message: string) => {
    if (hooks.shouldStop?.()) throw new StreamsReportCancelled();
    hooks.onProgress?.(fraction, message);
    await yieldToEventLoop();
  };
  await step(0, 'Reading the streams');
  const cols = streamColumnsFor(schema, spec);
  const realView = streamView(train, cols);
  const synthView = streamView(joined, cols);
  const fidelity = streamFidelity(realView, synthView);
  const distributions = streamDistributions(realView, synthView, cols.amount ?? 'amount');

  await step(0.3, 'Summarising each customer');
  const categories = cols.category ? [...new Set(Array.from(train.array(cols.category) as ArrayLike<string | null>))].filter((c): c is string => c !== null).sort() : [];
  const realSum = customerSummaries(realView, categories);
  const synthSum = customerSummaries(synthView, categories);

  await step(0.4, 'Per-customer detection (3 folds)');
  let detection: StreamsReport['detection'];
  try {
    detection = customerDetection(realSum, synthSum, 3, seed);
  } catch (e) {
    detection = { error: (e as Error).message };
  }

  await step(0.45, 'Detection on single events');
  let events: StreamsReport['eventDetection'];
  const eventReal = heldOut && heldOut.numRows() > 0 ? heldOut : train;
  try {
    const d = await eventDetection(eventReal, joined, schema, spec, { seed }, {
      shouldStop: hooks.shouldStop,
      onProgress: (f, m) => hooks.onProgress?.(0.45 + 0.2 * f, `Detection on single events: ${m}`),
    });
    events = { score: d.score, meanAuc: d.meanAuc, rowsPerSide: d.rowsPerSide, against: eventReal === train ? 'training' : 'held-out', columns: eventDetectionColumns(schema, spec).map((c) => c.name), giveaways: d.columns.slice(0, 3) };
  } catch (e) {
    if (e instanceof DetectionStoppedError) throw new StreamsReportCancelled();
    events = { error: (e as Error).message };
  }

  let fraud: StreamsFraudModel;
  try {
    fraud = await streamsFraudModel(train, heldOut, joined, { ...cols, category: cols.category }, categories, seed, (which) =>
      step(which === 'tstr' ? 0.65 : 0.72, which === 'tstr' ? 'Fraud model trained on the synthetic streams (TSTR)' : 'Fraud model trained on the real training customers (TRTR)'),
    );
  } catch (e) {
    if (e instanceof StreamsReportCancelled) throw e;
    fraud = { skipped: `The fraud model failed: ${(e as Error).message}` };
  }

  await step(0.8, 'Privacy per customer');
  const dcr = heldOut && heldOut.numRows() > 0 ? customerDcrRatio(realSum, customerSummaries(streamView(heldOut, cols), categories), synthSum) : null;
  const profileColumnsCompared = modelledProfileColumns(schema, spec.profile).map((c) => c.name).filter((c) => syntheticCustomers.columnNames().includes(c));
  const firstRows = Int32Array.from(groupStreams(all, spec.key, spec.time).rows, (r) => r[0]);
  const copies = profileColumnsCompared.length > 0 ? copiedProfiles(takeRows(all, firstRows), syntheticCustomers, profileColumnsCompared) : 0;
  const roleOf = new Map(schema.columns.map((c) => [c.name, c.role]));
  const personal = spec.profile.filter((p) => roleOf.get(p) === 'identifier' || roleOf.get(p) === 'text');
  const byColumn = replayCheckByColumn(all, joined, [...spec.key, ...personal]);
  await step(1, 'Done');
  return {
    fidelity,
    distributions,
    columns: { amount: cols.amount, category: cols.category, target: cols.target },
    customers: { train: realView.rows.length, heldOut: heldOut ? groupStreams(heldOut, spec.key, spec.time).rows.length : 0, synthetic: synthView.rows.length },
    events: { train: train.numRows(), synthetic: joined.numRows() },
    detection,
    eventDetection: events,
    fraudModel: { ...fraud, laterPeriodFrom: input.laterPeriodFrom ?? null },
    dcr,
    copiedProfiles: copies,
    profileColumnsCompared,
    replayed: Object.entries(byColumn).map(([column, cells]) => ({ column, cells })),
  };
}
