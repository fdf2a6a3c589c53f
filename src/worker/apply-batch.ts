/** Batch scoring of an uploaded file and its download. */
import { loadCsv } from '../core/data/load';
import { safeCsvBlob } from '../core/data/export';
import { rocAuc } from '../core/risk/metrics';
import {
  decide,
  explanationMethod,
  pdHistogram,
  pointsFromPd,
  prepareRawTable,
  scoreTable,
  scoredOutputTable,
} from '../core/risk/apply';
import type { BatchProgress, BatchSummary, Entry } from './apply-types';
import { knownLabels } from './apply-scope-values';

const pause = () => new Promise((r) => setTimeout(r, 0));

/** Score an uploaded CSV: the training schema's roles, the recipe, derived features, the model. */
export async function scoreBatchFile(e: Entry, file: Blob, fileName: string, onProgress?: (p: BatchProgress) => unknown): Promise<BatchSummary> {
  const { file: model, fitted } = e.loaded;
  let last = 0;
  const report = (p: BatchProgress, force = false) => {
    const now = performance.now();
    if (force || now - last > 100) {
      last = now;
      void Promise.resolve(onProgress?.(p)).catch(() => undefined);
    }
  };
  report({ stage: 'reading', fraction: 0, detail: `Reading ${fileName}` }, true);
  const loaded = await loadCsv(() => file.stream(), {
    fileName,
    totalBytes: file.size,
    onProgress: (read, total) => report({ stage: 'reading', fraction: 0.3 * (total ? read / total : 0), detail: `Reading ${fileName}` }),
  });
  if (loaded.rowCount === 0) throw new Error(`${fileName} has no data rows.`);
  report({ stage: 'cleaning', fraction: 0.3, detail: 'Applying the training schema and replaying the cleaning recipe' }, true);
  await pause();
  const ready = prepareRawTable(loaded.table, model);
  const scored = await scoreTable(fitted, ready.table, {
    reasons: 3,
    reference: model.reference.encodedMeans,
    onProgress: async (done, total) => {
      report({ stage: 'scoring', fraction: 0.35 + 0.65 * (done / total), detail: `Scored ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows` });
      await pause();
    },
  });
  e.batch = { table: ready.table, pd: scored.pd, reasons: scored.reasons ?? [], labels: ready.labels, raw: loaded.table, fileName };
  report({ stage: 'done', fraction: 1, detail: 'Done' }, true);
  const labels = knownLabels(ready.labels);
  let auc: number | null = null;
  if (labels) {
    const y = Uint8Array.from(labels);
    const pos = y.reduce((a, b) => a + b, 0);
    if (pos > 0 && pos < y.length) auc = rocAuc(y, scored.pd);
  }
  const cut = model.cutoff.pd;
  let approved = 0;
  let sum = 0;
  for (const p of scored.pd) {
    sum += p;
    if (p <= cut) approved++;
  }
  return {
    fileName,
    rows: scored.pd.length,
    missingColumns: ready.missingColumns,
    extraColumns: ready.extraColumns,
    notes: [...loaded.notices, ...ready.notes],
    labelled: labels !== null,
    rocAuc: auc,
    meanPd: sum / scored.pd.length,
    approved,
    cutoff: cut,
    histogram: pdHistogram(scored.pd),
    preview: Array.from({ length: Math.min(10, scored.pd.length) }, (_, i) => ({
      row: i + 1,
      pd: scored.pd[i],
      decision: decide(scored.pd[i], cut),
      points: pointsFromPd(scored.pd[i], model.scaling),
      reasons: (scored.reasons?.[i] ?? []).map((r) => r.feature),
    })),
  };
}

/** The last scored batch as CSV (formula cells escaped): the file's columns + probability, decision, points, reasons. */
export function scoredBatchCsv(e: Entry): Blob {
  if (!e.batch) throw new Error('Score a batch file first.');
  const out = scoredOutputTable(e.batch.raw, { pd: e.batch.pd, reasons: e.batch.reasons, method: explanationMethod(e.loaded.fitted) }, { cutoff: e.loaded.file.cutoff.pd, scaling: e.loaded.file.scaling });
  return safeCsvBlob(out);
}
