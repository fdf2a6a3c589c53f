import type { ColumnTable } from 'arquero';
import { fraudAuc, type FraudModelSpec } from './stream-utility.ts';

/** Held-out real customers need at least this many fraud events for an AUC worth showing. */
export const MIN_HELD_OUT_FRAUD_EVENTS = 5;

export type StreamsFraudModel =
  | {
      /** AUC on held-out real customers of the GBDT trained on the synthetic streams */
      tstr: number;
      /** the same, trained on the real training customers (the reference) */
      trtr: number;
      /** tstr / trtr (issue 16's bar: >= 0.90) */
      ratio: number;
      testEvents: number;
      testFraudEvents: number;
    }
  | { skipped: string };

function positives(table: ColumnTable, spec: FraudModelSpec): number {
  const y = table.array(spec.target) as ArrayLike<unknown>;
  let n = 0;
  for (let i = 0; i < y.length; i++) if (y[i] !== null && y[i] !== undefined && String(y[i]) === spec.positive) n++;
  return n;
}

/**
 * The fraud model on streams (issue 16, point 5): the same GBDT on the same history features as
 * the bench (fraudAuc), trained on the synthetic streams (TSTR) and on the real training customers
 * (TRTR), both tested on held-out real customers. A skip message instead of a figure when the data
 * has no fraud column, no held-out customers, too few fraud events among them, or training streams
 * with one class only. The held-out events are those of the later period when the split is by time.
 */
export async function streamsFraudModel(
  train: ColumnTable,
  heldOut: ColumnTable | null,
  synthetic: ColumnTable,
  spec: Omit<FraudModelSpec, 'target' | 'positive'> & { target: string | null; positive: string | null },
  categories: readonly string[],
  seed = 0,
  /** awaited before each of the two fits (the worker's progress and cancel) */
  checkpoint: (which: 'tstr' | 'trtr') => Promise<void> | void = () => {},
): Promise<StreamsFraudModel> {
  if (!spec.target || spec.positive === null) return { skipped: 'The data has no fraud (target) column among the event columns: no fraud model to train.' };
  if (!heldOut || heldOut.numRows() === 0) return { skipped: 'No real customers were held out at training (step 3): nothing to test the fraud model on.' };
  const full: FraudModelSpec = { ...spec, target: spec.target, positive: spec.positive };
  const testFraudEvents = positives(heldOut, full);
  if (testFraudEvents < MIN_HELD_OUT_FRAUD_EVENTS)
    return { skipped: `The held-out real customers have ${testFraudEvents} fraud event${testFraudEvents === 1 ? '' : 's'} (at least ${MIN_HELD_OUT_FRAUD_EVENTS} needed): too few to test a fraud model.` };
  if (testFraudEvents === heldOut.numRows()) return { skipped: 'Every held-out real event is fraud: no ROC AUC can be computed.' };
  for (const [table, what] of [
    [synthetic, 'synthetic'],
    [train, 'real training'],
  ] as const) {
    const p = positives(table, full);
    if (p === 0 || p === table.numRows()) return { skipped: `The ${what} streams hold one class only (${p} fraud events of ${table.numRows()}): no fraud model can be fitted.` };
  }
  await checkpoint('tstr');
  const tstr = fraudAuc(synthetic, heldOut, full, categories, seed);
  await checkpoint('trtr');
  const trtr = fraudAuc(train, heldOut, full, categories, seed);
  return { tstr, trtr, ratio: tstr / trtr, testEvents: heldOut.numRows(), testFraudEvents };
}
